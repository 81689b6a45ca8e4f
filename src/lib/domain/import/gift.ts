/**
 * GIFT, Moodle's text format, for the subset our banks use:
 *
 *   // comment
 *   $CATEGORY: $course$/top/Chủ đề
 *
 *   ::title:: Question text {=right ~wrong #feedback ####general feedback}
 *   Question text {~%50%right ~%50%right ~%-100%wrong}
 *   Question text {T}
 *
 * Questions are separated by blank lines. Special characters in text are escaped with a
 * backslash (\= \~ \# \{ \} \: \\), and '\n' stands for a line break.
 * Matching, numerical, short-answer and essay questions are reported as unsupported.
 *
 * Losses: GIFT has no field for difficulty, legal reference or tags, so exportGift drops them
 * and importGift gives difficulty 'medium', legalReference '' and no tags.
 */
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';
import {
	finalizeQuestion,
	issueAt,
	placesAt,
	questionName,
	toResult,
	topicFromCategory,
	trueFalseOptions
} from './validate';

interface GiftLine {
	text: string;
	line: number;
}

interface GiftAnswer {
	marker: '=' | '~';
	weight: number | null;
	text: string;
}

type Outcome = { question: ImportedQuestion | null; issues: ImportIssue[] };

const CATEGORY_LINE = /^\$CATEGORY:(.*)$/i;
const TRUE_FALSE = /^(TRUE|T|FALSE|F)\s*(#[\s\S]*)?$/i;
const UNSUPPORTED = 'chỉ nhập được câu hỏi một đáp án, nhiều đáp án và Đúng/Sai';

export function importGift(text: string): ImportResult {
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	let topic = '';
	for (const block of readBlocks(text)) {
		let body = block;
		while (body.length > 0 && CATEGORY_LINE.test(body[0].text)) {
			topic = topicFromCategory(CATEGORY_LINE.exec(body[0].text)?.[1] ?? '');
			body = body.slice(1);
		}
		if (body.length === 0) continue;
		const outcome = parseQuestion(body.map((l) => l.text).join('\n'), body[0].line, topic);
		if (outcome.question) questions.push(outcome.question);
		issues.push(...outcome.issues);
	}
	return toResult(questions, issues);
}

/** Non-comment lines grouped by blank lines, each with its 1-based line number. */
function readBlocks(text: string): GiftLine[][] {
	const blocks: GiftLine[][] = [];
	let current: GiftLine[] = [];
	const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
	for (const [index, raw] of lines.entries()) {
		const content = raw.trim();
		if (content.startsWith('//')) continue;
		if (content !== '') {
			current.push({ text: content, line: index + 1 });
			continue;
		}
		if (current.length > 0) blocks.push(current);
		current = [];
	}
	if (current.length > 0) blocks.push(current);
	return blocks;
}

function parseQuestion(source: string, line: number, topic: string): Outcome {
	const fail = (detail: string): Outcome => ({ question: null, issues: [issueAt({ line }, detail)] });
	const rest = stripTitle(source).replace(/^\[(html|moodle|plain|markdown)\]/i, '');
	const open = findUnescaped(rest, '{', 0);
	if (open < 0) return fail("không tìm thấy phần đáp án đặt trong dấu '{ }'");
	const close = findUnescaped(rest, '}', open + 1);
	if (close < 0) return fail("thiếu dấu '}' đóng phần đáp án");
	const after = rest.slice(close + 1).trim();
	// Answers in the middle of the text ("missing word"): the gap is shown as a blank.
	const stem = after === '' ? rest.slice(0, open) : `${rest.slice(0, open).trimEnd()} _____ ${after}`;
	const body = rest.slice(open + 1, close);
	const feedbackAt = findUnescaped(body, '####', 0);
	const answersPart = feedbackAt < 0 ? body : body.slice(0, feedbackAt);
	const explanation = feedbackAt < 0 ? '' : unescapeGift(body.slice(feedbackAt + 4));
	const base = { topic, text: unescapeGift(stem), explanation };
	return buildQuestion(answersPart, base, line, fail);
}

function buildQuestion(
	answersPart: string,
	base: Pick<ImportedQuestion, 'topic' | 'text' | 'explanation'>,
	line: number,
	fail: (detail: string) => Outcome
): Outcome {
	const unsupported = (kind: string): Outcome => {
		const outcome = fail(`loại câu hỏi GIFT '${kind}' chưa được hỗ trợ; ${UNSUPPORTED}`);
		outcome.issues[0].unsupported = { kind, name: questionName(base.text) };
		return outcome;
	};
	const trimmed = answersPart.trim();
	if (trimmed === '') return unsupported('tự luận (essay)');
	const truth = TRUE_FALSE.exec(trimmed);
	if (truth) {
		const options = trueFalseOptions(truth[1].toUpperCase().startsWith('T'));
		return finish({ ...base, type: 'true_false', options }, line);
	}
	if (trimmed.startsWith('#')) return unsupported('số (numerical)');
	// Matching answers are all '=' ('=a -> 1'); with a '~' it is multiple choice and '->' is text, as in Moodle.
	const matching = findUnescaped(trimmed, '~', 0) < 0 && findUnescaped(trimmed, '->', 0) >= 0;
	if (matching) return unsupported('ghép đôi (matching)');
	const answers = splitAnswers(trimmed);
	if (answers === null) return fail('phần đáp án không đúng cú pháp GIFT: mỗi phương án phải bắt đầu bằng = hoặc ~');
	if (!answers.some((a) => a.marker === '~')) return unsupported('trả lời ngắn (short answer)');
	const weighted = answers.some((a) => a.marker === '~' && a.weight !== null);
	const options = answers.map((a) => ({ text: a.text, correct: a.marker === '=' || (a.weight ?? 0) > 0 }));
	const type = weighted && options.filter((o) => o.correct).length >= 2 ? 'multiple' : 'single';
	return finish({ ...base, type, options }, line);
}

function finish(
	q: Pick<ImportedQuestion, 'topic' | 'text' | 'explanation' | 'type' | 'options'>,
	line: number
): Outcome {
	const draft: ImportedQuestion = { ...q, difficulty: 'medium', legalReference: '', tags: [] };
	return finalizeQuestion(draft, placesAt(line));
}

/** '::title:: text' → 'text'; a title is not part of the question. */
function stripTitle(source: string): string {
	if (!source.startsWith('::')) return source;
	const end = findUnescaped(source, '::', 2);
	return end < 0 ? source : source.slice(end + 2).trimStart();
}

/** '=a#fb ~%50%b' → answers; null when text precedes the first '=' or '~'. */
function splitAnswers(part: string): GiftAnswer[] | null {
	const starts: number[] = [];
	for (let i = 0; i < part.length; i++) {
		if (part[i] === '\\') i++;
		else if (part[i] === '=' || part[i] === '~') starts.push(i);
	}
	if (starts[0] !== 0) return null;
	return starts.map((start, k) => readAnswer(part.slice(start, starts[k + 1] ?? part.length)));
}

function readAnswer(raw: string): GiftAnswer {
	const marker = raw[0] === '=' ? '=' : '~';
	let rest = raw.slice(1).trimStart();
	// Only '~' answers carry a weight; after '=' a '%50%' is text, as in Moodle.
	const weight = marker === '~' ? /^%(-?\d+(?:[.,]\d+)?)%/.exec(rest) : null;
	if (weight) rest = rest.slice(weight[0].length);
	const feedbackAt = findUnescaped(rest, '#', 0);
	const text = unescapeGift(feedbackAt < 0 ? rest : rest.slice(0, feedbackAt));
	return { marker, weight: weight ? Number(weight[1].replace(',', '.')) : null, text };
}

/** Index of the first `needle` not preceded by an escaping backslash, from `from`; -1 if none. */
function findUnescaped(haystack: string, needle: string, from: number): number {
	for (let i = from; i < haystack.length; i++) {
		if (haystack[i] === '\\') i++;
		else if (haystack.startsWith(needle, i)) return i;
	}
	return -1;
}

function unescapeGift(s: string): string {
	return s.replace(/\\([=~#{}:\\n])/g, (_, ch: string) => (ch === 'n' ? '\n' : ch)).trim();
}

function escapeGift(s: string): string {
	return s
		.replace(/\r\n?/g, '\n')
		.replace(/[\\=~#{}:]/g, '\\$&')
		.replace(/\n/g, '\\n');
}

/** Questions → GIFT; a $CATEGORY line whenever the topic changes. See the losses above. */
export function exportGift(questions: ImportedQuestion[]): string {
	const parts: string[] = [];
	let topic = '';
	for (const q of questions) {
		if (q.topic !== topic) parts.push(`$CATEGORY: ${categoryPath(q.topic)}`);
		topic = q.topic;
		parts.push(`${questionText(q.text)} ${answersToGift(q)}`);
	}
	return `${parts.join('\n\n')}\n`;
}

/** The escaped text; one that would read as a comment ('//…') or a format ('[html]…') gets an explicit '[moodle]'. */
function questionText(text: string): string {
	const escaped = escapeGift(text);
	return /^(\/\/|\[(html|moodle|plain|markdown)\])/i.test(escaped) ? `[moodle]${escaped}` : escaped;
}

/**
 * '$course$/top/<topic>', a '/' inside the name doubled as Moodle does; '' → '$course$/top'.
 * A category sits on one line, so a line break inside a topic name becomes a space.
 */
function categoryPath(topic: string): string {
	const oneLine = topic.replace(/\s*[\r\n]+\s*/g, ' ');
	return oneLine === '' ? '$course$/top' : `$course$/top/${oneLine.replace(/\//g, '//')}`;
}

function answersToGift(q: ImportedQuestion): string {
	const feedback = q.explanation === '' ? '' : `\n\t####${escapeGift(q.explanation)}`;
	if (q.type === 'true_false') {
		const truth = q.options.find((o) => o.correct)?.text === 'Đúng' ? 'TRUE' : 'FALSE';
		return `{${truth}${feedback}}`;
	}
	const correctCount = q.options.filter((o) => o.correct).length;
	const lines = q.options.map((o) => `\t${answerPrefix(q, o.correct, correctCount, o.text)}${escapeGift(o.text)}`);
	return `{\n${lines.join('\n')}${feedback}\n}`;
}

function answerPrefix(q: ImportedQuestion, correct: boolean, correctCount: number, text: string): string {
	// After '~' a text's own '%50%' would read as a weight: an explicit zero weight keeps it text.
	if (q.type !== 'multiple') return correct ? '=' : text.startsWith('%') ? '~%0%' : '~';
	return correct ? `~%${Number((100 / correctCount).toFixed(5))}%` : '~%-100%';
}
