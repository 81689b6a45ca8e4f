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
 *   Question text {#12.5:0.5}          numeric: the answer and its tolerance ({#1..5}: a range)
 *   Question text {=Hà Nội =Ha Noi}    short answer: every answer is accepted
 *
 * Questions are separated by blank lines. Special characters in text are escaped with a
 * backslash (\= \~ \# \{ \} \: \\), and '\n' stands for a line break.
 * Matching, essay and ordering questions are reported as unsupported (GIFT has no ordering; the
 * Moodle plugin's '{>' form is not read). A numeric or short answer worth part of the points
 * ('=%50%…') is left out, with a notice.
 *
 * Losses: GIFT has no field for difficulty, legal reference or tags, so exportGift drops them
 * and importGift gives difficulty 'medium', legalReference '' and no tags. A numeric question
 * keeps its answer and tolerance only (no unit, bounds or distance scoring); a short answer is
 * compared as Moodle compares GIFT's (case ignored, diacritics kept). Ordering, poll and word cloud
 * questions are not written (a comment at the top says how many).
 */
import { DEFAULT_TEXT_MATCH, type NumericSettings } from '../question-kinds';
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';
import {
	TYPE_LABELS,
	formatNumberCell,
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

type Outcome = { question: ImportedQuestion | null; issues: ImportIssue[]; notices?: ImportIssue[] };

const CATEGORY_LINE = /^\$CATEGORY:(.*)$/i;
const TRUE_FALSE = /^(TRUE|T|FALSE|F)\s*(#[\s\S]*)?$/i;
const UNSUPPORTED = 'chỉ nhập được câu hỏi một đáp án, nhiều đáp án, Đúng/Sai, số và điền từ';

export function importGift(text: string): ImportResult {
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	const notices: ImportIssue[] = [];
	let topic = '';
	for (const block of readBlocks(text)) {
		let body = block;
		while (body.length > 0 && CATEGORY_LINE.test(body[0].text)) {
			topic = topicFromCategory(CATEGORY_LINE.exec(body[0].text)?.[1] ?? '');
			body = body.slice(1);
		}
		if (body.length === 0) continue;
		const outcome = parseQuestion(body.map((l) => l.text).join('\n'), body[0].line, topic);
		if (outcome.question) {
			questions.push(outcome.question);
			notices.push(...(outcome.notices ?? []));
		}
		issues.push(...outcome.issues);
	}
	const result = toResult(questions, issues);
	return notices.length ? { ...result, notices } : result;
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
	if (trimmed.startsWith('#')) return numericQuestion(trimmed.slice(1), base, line, fail);
	if (trimmed.startsWith('>')) {
		const outcome = unsupported('sắp xếp (ordering)');
		outcome.issues[0].message = issueAt(
			{ line },
			"GIFT không có câu sắp xếp (dạng '{>' của Moodle chưa được đọc); hãy nhập câu sắp xếp bằng tệp Excel hoặc Moodle XML"
		).message;
		return outcome;
	}
	// Matching answers are all '=' ('=a -> 1'); with a '~' it is multiple choice and '->' is text, as in Moodle.
	const matching = findUnescaped(trimmed, '~', 0) < 0 && findUnescaped(trimmed, '->', 0) >= 0;
	if (matching) return unsupported('ghép đôi (matching)');
	const answers = splitAnswers(trimmed);
	if (answers === null) return fail('phần đáp án không đúng cú pháp GIFT: mỗi phương án phải bắt đầu bằng = hoặc ~');
	if (!answers.some((a) => a.marker === '~')) return shortAnswerQuestion(answers, base, line);
	const weighted = answers.some((a) => a.marker === '~' && a.weight !== null);
	const options = answers.map((a) => ({ text: a.text, correct: a.marker === '=' || (a.weight ?? 0) > 0 }));
	const type = weighted && options.filter((o) => o.correct).length >= 2 ? 'multiple' : 'single';
	return finish({ ...base, type, options }, line);
}

function finish(
	q: Pick<ImportedQuestion, 'topic' | 'text' | 'explanation' | 'type' | 'options' | 'settings'>,
	line: number
): Outcome {
	const draft: ImportedQuestion = { ...q, difficulty: 'medium', legalReference: '', tags: [] };
	return finalizeQuestion(draft, placesAt(line));
}

type GiftBase = Pick<ImportedQuestion, 'topic' | 'text' | 'explanation'>;

/** '%50%' at the start of a short or numeric answer: its weight, and the text after it. */
function splitWeight(text: string): { weight: number; rest: string } {
	const m = /^%(-?\d+(?:[.,]\d+)?)%/.exec(text);
	return m ? { weight: Number(m[1].replace(',', '.')), rest: text.slice(m[0].length) } : { weight: 100, rest: text };
}

/** A number as GIFT writes it ('12.5'); a decimal comma is read too. */
function giftNumber(raw: string): number | null {
	const s = raw.trim();
	if (s === '') return null;
	const value = Number(/^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s);
	return Number.isFinite(value) ? value : null;
}

/** '12.5:0.5' → 12.5 ± 0.5; '1..5' → 3 ± 2; '12.5' → exactly; null when no number. */
function giftNumeric(raw: string): { answer: number; tolerance: number } | null {
	const range = /^(.+?)\.\.(.+)$/.exec(raw.trim());
	if (range) {
		const low = giftNumber(range[1]);
		const high = giftNumber(range[2]);
		if (low === null || high === null || high < low) return null;
		return { answer: (low + high) / 2, tolerance: (high - low) / 2 };
	}
	const colon = raw.indexOf(':');
	const answer = giftNumber(colon < 0 ? raw : raw.slice(0, colon));
	const tolerance = colon < 0 ? 0 : giftNumber(raw.slice(colon + 1));
	if (answer === null || tolerance === null) return null;
	return { answer, tolerance: Math.abs(tolerance) };
}

/**
 * '{#12.5:0.5}', '{#1..5}', or '{#=12.5:0.5 =%50%12:2}': the answer worth 100%. An answer worth
 * part of the points, or a second one, is left out with a notice.
 */
function numericQuestion(raw: string, base: GiftBase, line: number, fail: (detail: string) => Outcome): Outcome {
	const notices: ImportIssue[] = [];
	const part = raw.trim();
	const answers = part.startsWith('=')
		? (splitAnswers(part) ?? [])
		: [{ marker: '=' as const, weight: null, text: unescapeGift(stripFeedback(part)) }];
	let chosen: { answer: number; tolerance: number } | null = null;
	for (const a of answers) {
		if (a.marker !== '=') return fail('câu số (numerical) trong GIFT chỉ có các đáp án bắt đầu bằng =');
		const { weight, rest } = splitWeight(a.text);
		const value = giftNumeric(rest);
		if (value === null) return fail(`câu số (numerical): '${rest}' không phải là số, ví dụ {#12.5:0.5} hoặc {#1..5}`);
		if (weight <= 0) continue;
		if (weight < 100) {
			notices.push(
				issueAt(
					{ line },
					`đáp án ${rest} được ${weight}% điểm; ở đây chỉ đáp án đúng hoàn toàn được tính, đáp án này bị bỏ`
				)
			);
		} else if (chosen) {
			notices.push(issueAt({ line }, `câu '${TYPE_LABELS.numeric}' có một đáp án; đáp án thứ hai ${rest} bị bỏ`));
		} else chosen = value;
	}
	if (!chosen) return fail('câu số (numerical) chưa có đáp án được 100% điểm');
	const numeric: NumericSettings = { answer: chosen.answer, tolerance: chosen.tolerance, scoring: 'tolerance' };
	return { ...finish({ ...base, type: 'numeric', options: [], settings: { numeric } }, line), notices };
}

/** '#feedback' after a numeric answer is not part of it. */
function stripFeedback(s: string): string {
	const at = findUnescaped(s, '#', 0);
	return at < 0 ? s : s.slice(0, at);
}

/** '{=Hà Nội =Ha Noi}': every answer worth 100% is accepted; Moodle ignores case in GIFT's. */
function shortAnswerQuestion(answers: GiftAnswer[], base: GiftBase, line: number): Outcome {
	const notices: ImportIssue[] = [];
	const options: ImportedQuestion['options'] = [];
	for (const a of answers) {
		const { weight, rest } = splitWeight(a.text);
		if (weight <= 0) continue;
		if (weight < 100) {
			notices.push(
				issueAt(
					{ line },
					`đáp án '${rest}' được ${weight}% điểm; ở đây chỉ đáp án đúng hoàn toàn được chấp nhận, đáp án này bị bỏ`
				)
			);
		} else options.push({ text: rest, correct: true });
	}
	const settings = { text: { ...DEFAULT_TEXT_MATCH } };
	return { ...finish({ ...base, type: 'short_text', options, settings }, line), notices };
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
	const left = questions.filter((q) => !GIFT_KINDS.includes(q.type));
	if (left.length) {
		const kinds = [...new Set(left.map((q) => TYPE_LABELS[q.type]))].join(', ');
		parts.push(`// ${left.length} câu hỏi GIFT không ghi được (${kinds}) đã bị bỏ qua; hãy xuất Excel để giữ đủ`);
	}
	let topic = '';
	for (const q of questions) {
		if (!GIFT_KINDS.includes(q.type)) continue;
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

/** The kinds GIFT carries. */
const GIFT_KINDS: readonly ImportedQuestion['type'][] = ['single', 'multiple', 'true_false', 'numeric', 'short_text'];

/** A number as GIFT reads it: '.' decimal point, never an exponent. */
const giftNumberText = (value: number): string => formatNumberCell(value).replace(',', '.');

function answersToGift(q: ImportedQuestion): string {
	const feedback = q.explanation === '' ? '' : `\n\t####${escapeGift(q.explanation)}`;
	if (q.type === 'numeric') {
		const n = q.settings?.numeric;
		const tolerance = n && n.tolerance !== 0 ? `:${giftNumberText(n.tolerance)}` : '';
		return `{#${n ? giftNumberText(n.answer) : ''}${tolerance}${feedback}}`;
	}
	if (q.type === 'short_text') {
		// a weight-like start ('%50%') is kept as text behind an explicit full weight
		const lines = q.options.map((o) => `\t=${o.text.startsWith('%') ? '%100%' : ''}${escapeGift(o.text)}`);
		return `{\n${lines.join('\n')}${feedback}\n}`;
	}
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
