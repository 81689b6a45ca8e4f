/**
 * The spreadsheet layout shared by the Excel and CSV formats: one question per row, under a
 * header row of Vietnamese column names (matched without regard to case, diacritics or order).
 */
import { foldVietnamese } from '../text';
import type { QuestionType } from '../types';
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';
import {
	DIFFICULTY_LABELS,
	FALSE_TEXT,
	OPTION_LETTERS,
	TRUE_TEXT,
	TYPE_LABELS,
	cleanText,
	finalizeQuestion,
	issueAt,
	optionLetter,
	parseDifficulty,
	parseQuestionType,
	parseTruth,
	splitTags,
	toResult,
	type Place,
	type QuestionPlaces
} from './validate';

export const TEMPLATE_HEADERS = [
	'Chủ đề',
	'Loại câu hỏi',
	'Câu hỏi',
	'Phương án A',
	'Phương án B',
	'Phương án C',
	'Phương án D',
	'Phương án E',
	'Phương án F',
	'Phương án G',
	'Phương án H',
	'Đáp án',
	'Mức độ',
	'Giải thích',
	'Căn cứ pháp lý',
	'Thẻ'
] as const;
export type TemplateHeader = (typeof TEMPLATE_HEADERS)[number];

const REQUIRED_HEADERS: readonly TemplateHeader[] = ['Câu hỏi', 'Phương án A', 'Phương án B', 'Đáp án'];
const HEADER_BY_KEY = new Map<string, TemplateHeader>(TEMPLATE_HEADERS.map((h) => [foldVietnamese(h), h]));

const FIELD_COLUMNS: Record<'topic' | 'explanation' | 'legalReference' | 'tags', TemplateHeader> = {
	topic: 'Chủ đề',
	explanation: 'Giải thích',
	legalReference: 'Căn cứ pháp lý',
	tags: 'Thẻ'
};

type ColumnIndex = Map<TemplateHeader, number>;
type Cell = (header: TemplateHeader) => string;
interface RowOutcome {
	question: ImportedQuestion | null;
	issues: ImportIssue[];
}

/** Rows (the first one is the header) → questions; blank rows are skipped but keep their number. */
export function rowsToQuestions(rows: string[][]): ImportResult {
	if (rows.length === 0) return toResult([], [{ line: 1, message: 'Dòng 1: tệp trống, không có dòng tiêu đề' }]);
	const header = readHeader(rows[0]);
	if (header.issues.length > 0) return toResult([], header.issues);
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	for (let i = 1; i < rows.length; i++) {
		const cell = cellReader(rows[i], header.columns);
		if (TEMPLATE_HEADERS.every((h) => cell(h) === '')) continue;
		const outcome = rowToQuestion(cell, i + 1);
		if (outcome.question) questions.push(outcome.question);
		issues.push(...outcome.issues);
	}
	return toResult(questions, issues);
}

function readHeader(row: string[]): { columns: ColumnIndex; issues: ImportIssue[] } {
	const columns: ColumnIndex = new Map();
	const issues: ImportIssue[] = [];
	row.forEach((raw, index) => {
		const header = HEADER_BY_KEY.get(foldVietnamese(raw));
		if (header === undefined) return; // extra columns (notes, ids) are allowed and ignored
		if (columns.has(header)) issues.push(issueAt({ line: 1, column: header }, 'cột này xuất hiện hai lần'));
		else columns.set(header, index);
	});
	for (const header of REQUIRED_HEADERS) {
		if (columns.has(header)) continue;
		issues.push({ line: 1, column: header, message: `Dòng 1: thiếu cột bắt buộc '${header}'` });
	}
	return { columns, issues };
}

function cellReader(row: string[], columns: ColumnIndex): Cell {
	return (header) => {
		const index = columns.get(header);
		return index === undefined ? '' : cleanText(row[index] ?? '');
	};
}

function rowToQuestion(cell: Cell, line: number): RowOutcome {
	const at = (column: string): Place => ({ line, column });
	const places: QuestionPlaces = {
		text: at('Câu hỏi'),
		answer: at('Đáp án'),
		option: (i) => at(`Phương án ${optionLetter(i)}`),
		field: (name) => at(FIELD_COLUMNS[name])
	};
	const head: ImportIssue[] = [];
	const typeCell = cell('Loại câu hỏi');
	const declared = typeCell === '' ? null : parseQuestionType(typeCell);
	if (typeCell !== '' && declared === null) {
		head.push(issueAt(at('Loại câu hỏi'), `'${typeCell}' không phải là loại câu hỏi hợp lệ (${typeLabelList()})`));
	}
	let optionTexts = readOptionCells(cell);
	// A true/false row may leave the option cells empty: they can only be 'Đúng' and 'Sai'.
	if (declared === 'true_false' && optionTexts.length === 0) optionTexts = [TRUE_TEXT, FALSE_TEXT];
	const answers = readAnswers(cell('Đáp án'), optionTexts, places.answer);
	const difficultyCell = cell('Mức độ');
	const difficulty = difficultyCell === '' ? 'medium' : parseDifficulty(difficultyCell);
	const tail = [...answers.issues];
	if (difficulty === null) {
		tail.push(issueAt(at('Mức độ'), `'${difficultyCell}' không phải là mức độ hợp lệ (${difficultyLabelList()})`));
	}
	const draft: ImportedQuestion = {
		topic: cell('Chủ đề'),
		type: declared ?? inferType(optionTexts, answers.correct.size),
		text: cell('Câu hỏi'),
		options: optionTexts.map((text, i) => ({ text, correct: answers.correct.has(i) })),
		difficulty: difficulty ?? 'medium',
		explanation: cell('Giải thích'),
		legalReference: cell('Căn cứ pháp lý'),
		tags: splitTags(cell('Thẻ'))
	};
	const checked = finalizeQuestion(draft, places, { checkAnswers: answers.issues.length === 0 });
	const issues = [...head, ...checked.issues, ...tail];
	return { question: issues.length === 0 ? checked.question : null, issues };
}

/** Option cells A..H up to the last filled one; empty cells before it stay, to be reported. */
function readOptionCells(cell: Cell): string[] {
	const texts = OPTION_LETTERS.map((letter) => cell(`Phương án ${letter}` as TemplateHeader));
	while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
	return texts;
}

/** 'B', 'A,C', 'a; c', 'A C' → option indexes; 'Đúng'/'Sai' also name the option with that text. */
function readAnswers(
	raw: string,
	optionTexts: string[],
	place: Place
): { correct: Set<number>; issues: ImportIssue[] } {
	const correct = new Set<number>();
	const issues: ImportIssue[] = [];
	for (const token of raw.split(/[\s,;]+/).filter((t) => t !== '')) {
		const index = answerIndex(token, optionTexts);
		if (index !== null && index >= 0) correct.add(index);
		else if (index === null) {
			issues.push(issueAt(place, `'${token}' không phải là chữ cái của phương án; hãy ghi đáp án như 'B' hoặc 'A,C'`));
		} else issues.push(issueAt(place, `'${token}' không phải là một phương án của câu hỏi này`));
	}
	return { correct, issues };
}

/** Index of the option a token names; -1 when it names no existing option; null when it is no letter at all. */
function answerIndex(token: string, optionTexts: string[]): number | null {
	if (/^[a-z]$/i.test(token)) {
		const index = token.toUpperCase().charCodeAt(0) - 65;
		return index < optionTexts.length && optionTexts[index] !== '' ? index : -1;
	}
	const truth = parseTruth(token);
	if (truth === null) return null;
	return optionTexts.findIndex((text) => parseTruth(text) === truth);
}

/** Type of a row that leaves 'Loại câu hỏi' empty. */
function inferType(optionTexts: string[], correctCount: number): QuestionType {
	const truths = optionTexts.map(parseTruth);
	if (truths.length === 2 && truths.includes(true) && truths.includes(false)) return 'true_false';
	return correctCount >= 2 ? 'multiple' : 'single';
}

function typeLabelList(): string {
	return Object.values(TYPE_LABELS).join(', ');
}

function difficultyLabelList(): string {
	return Object.values(DIFFICULTY_LABELS).join(', ');
}

/** Questions → rows under the template header, in the labels the importer reads back. */
export function questionsToRows(questions: ImportedQuestion[]): string[][] {
	// The pictures' descriptions get a column of their own, only when some question has a picture.
	if (!questions.some((q) => q.image)) return [[...TEMPLATE_HEADERS], ...questions.map(questionToRow)];
	return [[...TEMPLATE_HEADERS, IMAGE_ALT_HEADER], ...questions.map((q) => [...questionToRow(q), q.image?.alt ?? ''])];
}

/**
 * The optional column that describes the picture of a row's question (its alt text). The picture
 * itself is embedded in the sheet, anchored in the question's row.
 */
export const IMAGE_ALT_HEADER = 'Mô tả ảnh';

/** A picture embedded in a worksheet: the row its top-left corner sits in (1-based) and its bytes. */
export interface RowImage {
	row: number;
	name: string;
	/** base64 */
	data: string;
}

/**
 * Gives each question of a checked sheet the picture anchored in its row, described by the row's
 * 'Mô tả ảnh' cell. A picture in a row without a question, a second picture in a row, or a picture
 * without a description is an issue at its row. A result with issues is returned as it is.
 */
export function attachRowImages(rows: string[][], result: ImportResult, images: readonly RowImage[]): ImportResult {
	if (!result.ok || images.length === 0 || rows.length === 0) return result;
	const { columns } = readHeader(rows[0]);
	const altColumn = rows[0].findIndex((h) => foldVietnamese(h) === foldVietnamese(IMAGE_ALT_HEADER));
	// the question of each row, in the order rowsToQuestions made them
	const questionOfRow = new Map<number, number>();
	for (let i = 1; i < rows.length; i++) {
		const cell = cellReader(rows[i], columns);
		if (TEMPLATE_HEADERS.every((h) => cell(h) === '')) continue;
		questionOfRow.set(i + 1, questionOfRow.size);
	}
	const questions = result.questions.slice();
	const issues: ImportIssue[] = [];
	for (const image of [...images].sort((a, b) => a.row - b.row)) {
		const index = questionOfRow.get(image.row);
		if (index === undefined) {
			issues.push(issueAt({ line: image.row }, `có ảnh '${image.name}' nhưng dòng này không có câu hỏi`));
			continue;
		}
		if (questions[index].image) {
			issues.push(issueAt({ line: image.row }, 'có hai ảnh; mỗi câu hỏi chỉ có một ảnh'));
			continue;
		}
		const alt = altColumn < 0 ? '' : cleanText(rows[image.row - 1][altColumn] ?? '');
		if (alt === '') {
			issues.push(
				issueAt(
					{ line: image.row, column: IMAGE_ALT_HEADER },
					`ảnh của câu hỏi chưa có mô tả; hãy điền cột '${IMAGE_ALT_HEADER}'`
				)
			);
			continue;
		}
		questions[index] = { ...questions[index], image: { name: image.name, alt, data: image.data, line: image.row } };
	}
	return issues.length ? { ok: false, issues, questions } : { ok: true, questions };
}

function questionToRow(q: ImportedQuestion): string[] {
	const options = OPTION_LETTERS.map((_, i) => q.options[i]?.text ?? '');
	const answers = q.options.flatMap((o, i) => (o.correct ? [optionLetter(i)] : []));
	return [
		q.topic,
		TYPE_LABELS[q.type],
		q.text,
		...options,
		answers.join(','),
		DIFFICULTY_LABELS[q.difficulty],
		q.explanation,
		q.legalReference,
		q.tags.join(', ')
	];
}
