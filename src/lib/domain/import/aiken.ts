/**
 * Aiken, Moodle's plain-text format for single-choice questions:
 *
 *   Question text (one or more lines)
 *   A. first option        (or 'A) first option')
 *   B. second option
 *   ANSWER: B
 *
 * Questions are separated by blank lines. Aiken has no topic, difficulty or explanation:
 * topic '', difficulty 'medium'. 'ĐÁP ÁN: B' is read like 'ANSWER: B'.
 */
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';
import { finalizeQuestion, issueAt, toResult, type QuestionPlaces } from './validate';

const OPTION_LINE = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER_LINE = /^(?:ANSWER|ĐÁP ÁN)\s*:\s*(.*)$/iu;

interface AikenOption {
	letter: string;
	text: string;
	line: number;
}

interface AikenBlock {
	line: number;
	textLines: string[];
	options: AikenOption[];
	answer: { raw: string; line: number } | null;
}

export function importAiken(text: string): ImportResult {
	const { blocks, issues } = readBlocks(text);
	const questions: ImportedQuestion[] = [];
	for (const block of blocks) {
		const outcome = blockToQuestion(block);
		if (outcome.question) questions.push(outcome.question);
		issues.push(...outcome.issues);
	}
	return toResult(questions, issues);
}

/**
 * Groups lines into questions. Lenient about blank lines inside a question; a text line after
 * options without an ANSWER line starts the next question (the current one is reported).
 */
function readBlocks(text: string): { blocks: AikenBlock[]; issues: ImportIssue[] } {
	const blocks: AikenBlock[] = [];
	const issues: ImportIssue[] = [];
	let current: AikenBlock | null = null;
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	for (const [index, raw] of lines.entries()) {
		const line = index + 1;
		const content = raw.trim();
		if (content === '') continue;
		const answer = ANSWER_LINE.exec(content);
		if (answer) {
			if (current) blocks.push({ ...current, answer: { raw: answer[1], line } });
			else issues.push(issueAt({ line }, 'dòng ANSWER không thuộc câu hỏi nào'));
			current = null;
			continue;
		}
		const option = OPTION_LINE.exec(content);
		if (option && current) {
			current.options.push({ letter: option[1], text: option[2], line });
			continue;
		}
		if (current && current.options.length > 0) {
			blocks.push(current);
			current = null;
		}
		current ??= { line, textLines: [], options: [], answer: null };
		current.textLines.push(content);
	}
	if (current) blocks.push(current);
	return { blocks, issues };
}

function blockToQuestion(block: AikenBlock): { question: ImportedQuestion | null; issues: ImportIssue[] } {
	const places = blockPlaces(block);
	const issues = duplicateLetters(block.options);
	const answer = readAnswer(block);
	issues.push(...answer.issues);
	const draft: ImportedQuestion = {
		topic: '',
		type: 'single',
		text: block.textLines.join('\n'),
		options: block.options.map((o, i) => ({ text: o.text, correct: i === answer.index })),
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: []
	};
	const checked = finalizeQuestion(draft, places, { checkAnswers: answer.index !== null });
	issues.unshift(...checked.issues);
	return { question: issues.length === 0 ? checked.question : null, issues };
}

function blockPlaces(block: AikenBlock): QuestionPlaces {
	const lastLine = block.options.at(-1)?.line ?? block.line;
	return {
		text: { line: block.line },
		answer: { line: block.answer?.line ?? block.line },
		option: (i) => ({ line: block.options[i]?.line ?? lastLine })
	};
}

function duplicateLetters(options: AikenOption[]): ImportIssue[] {
	const seen = new Set<string>();
	const issues: ImportIssue[] = [];
	for (const option of options) {
		if (seen.has(option.letter)) {
			issues.push(issueAt({ line: option.line }, `chữ cái '${option.letter}' đã được dùng cho một phương án trước đó`));
		}
		seen.add(option.letter);
	}
	return issues;
}

/** Index of the option the ANSWER line names, or null with the issue that says why not. */
function readAnswer(block: AikenBlock): { index: number | null; issues: ImportIssue[] } {
	if (block.answer === null) {
		return { index: null, issues: [issueAt({ line: block.line }, "câu hỏi thiếu dòng 'ANSWER: <chữ cái đáp án>'")] };
	}
	const place = { line: block.answer.line };
	const tokens = block.answer.raw.split(/[\s,;]+/).filter((t) => t !== '');
	if (tokens.length === 0) return { index: null, issues: [issueAt(place, 'dòng ANSWER chưa ghi chữ cái của đáp án')] };
	if (tokens.length > 1) {
		const detail = `định dạng Aiken chỉ có câu hỏi một đáp án, nhưng dòng ANSWER ghi '${block.answer.raw.trim()}'`;
		return { index: null, issues: [issueAt(place, detail)] };
	}
	const index = block.options.findIndex((o) => o.letter === tokens[0].toUpperCase());
	if (index < 0) {
		return { index: null, issues: [issueAt(place, `'${tokens[0]}' không phải là một phương án của câu hỏi này`)] };
	}
	return { index, issues: [] };
}
