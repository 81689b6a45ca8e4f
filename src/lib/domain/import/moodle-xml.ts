/**
 * Moodle XML, for the subset our banks use: category questions (the topic of the questions that
 * follow), multichoice (single or multiple answers), truefalse, and (issue 16) ordering (the
 * answers in the right order), numerical (the answer worth 100% and its tolerance, the base unit)
 * and shortanswer (the answers worth 100% are accepted; Moodle compares them exactly but for case
 * when `usecase` is 0). Texts are HTML (tags stripped, entities decoded) unless
 * format="plain_text". Moodle has no difficulty or legal reference: difficulty 'medium',
 * legalReference ''. A choice answer is correct when its fraction is above 0; a numerical or
 * shortanswer answer worth part of the points is left out, with a notice.
 *
 * No XML library: a small parser for well-formed documents (elements, attributes, text, CDATA,
 * comments, processing instructions, DOCTYPE without an internal subset).
 */
import type { NumericSettings, OrderScoring } from '../question-kinds';
import type { ImportIssue, ImportResult, ImportedImage, ImportedQuestion } from './types';
import {
	TYPE_LABELS,
	finalizeQuestion,
	issueAt,
	parseTruth,
	placesAt,
	questionName,
	splitTags,
	toResult,
	topicFromCategory
} from './validate';

interface XmlElement {
	name: string;
	attrs: Record<string, string>;
	children: (XmlElement | string)[];
	line: number;
}

type Outcome = { question: ImportedQuestion | null; issues: ImportIssue[]; notices?: ImportIssue[] };

export function importMoodleXml(text: string): ImportResult {
	const parsed = parseXml(text.replace(/^\uFEFF/, ''));
	if ('issue' in parsed) return toResult([], [parsed.issue]);
	const quiz = child(parsed.root, 'quiz');
	if (!quiz) return toResult([], [issueAt({ line: 1 }, 'không tìm thấy thẻ <quiz> của Moodle XML')]);
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	const notices: ImportIssue[] = [];
	let topic = '';
	for (const element of children(quiz, 'question')) {
		const type = element.attrs.type ?? '';
		if (type === 'category') {
			topic = topicFromCategory(textOf(child(child(element, 'category'), 'text')));
			continue;
		}
		const outcome = toQuestion(element, type, topic);
		if (outcome.question) {
			questions.push(outcome.question);
			notices.push(...(outcome.notices ?? []));
		}
		issues.push(...outcome.issues);
	}
	const result = toResult(questions, issues);
	return notices.length ? { ...result, notices } : result;
}

function toQuestion(element: XmlElement, type: string, topic: string): Outcome {
	const questionText = child(element, 'questiontext');
	const picture = embeddedPicture(questionText, element.line);
	if ('issue' in picture) return { question: null, issues: [picture.issue] };
	const base = {
		topic,
		text: richText(questionText),
		...(picture.image ? { image: picture.image } : {}),
		difficulty: 'medium' as const,
		explanation: richText(child(element, 'generalfeedback')),
		legalReference: '',
		tags: readTags(element)
	};
	if (type === 'numerical') return numericalQuestion(element, base);
	if (type === 'shortanswer') return shortAnswerQuestion(element, base);
	const answers: ImportedQuestion['options'] = [];
	for (const a of children(element, 'answer')) {
		const answerPicture = embeddedPicture(a, a.line);
		if ('issue' in answerPicture) return { question: null, issues: [answerPicture.issue] };
		answers.push({
			text: richText(a),
			correct: Number(a.attrs.fraction ?? '0') > 0,
			...(answerPicture.image ? { image: answerPicture.image } : {})
		});
	}
	if (type === 'multichoice') {
		const single = !['false', '0'].includes(textOf(child(element, 'single')).trim().toLowerCase());
		const draft = { ...base, type: single ? ('single' as const) : ('multiple' as const), options: answers };
		return finalizeQuestion(draft, placesAt(element.line));
	}
	if (type === 'truefalse') return trueFalseQuestion(base, answers, element.line);
	if (type === 'ordering') return orderingQuestion(element, base, answers);
	const detail = `loại câu hỏi '${type}' chưa được hỗ trợ; ${SUPPORTED}`;
	const name = questionName(textOf(child(child(element, 'name'), 'text')) || base.text);
	return {
		question: null,
		issues: [{ ...issueAt({ line: element.line }, detail), unsupported: { kind: type, name } }]
	};
}

const SUPPORTED = 'chỉ nhập được multichoice (một hoặc nhiều đáp án), truefalse, ordering, numerical và shortanswer';

type Base = Omit<ImportedQuestion, 'type' | 'options'>;

/** The value of a child element, trimmed ('' when absent). */
const valueOf = (element: XmlElement | undefined, name: string): string => textOf(child(element, name)).trim();

/** A number as Moodle writes it ("12.5", "-3", "1e3"); a decimal comma is read too. */
function moodleNumber(raw: string): number | null {
	const s = raw.trim();
	if (s === '') return null;
	const value = Number(/^[+-]?\d+,\d+$/.test(s) ? s.replace(',', '.') : s);
	return Number.isFinite(value) ? value : null;
}

/** An answer's fraction, in percent (Moodle writes 100, 50, 0, or 1.0000000 for ordering's positions). */
const fractionOf = (answer: XmlElement): number => Number(answer.attrs.fraction ?? '0');
const percent = (fraction: number): string => `${Number(fraction.toFixed(2))}%`;

/**
 * Ordering: the answers as the file lists them are the right order (Moodle writes them by
 * position). ALL_OR_NOTHING and ABSOLUTE_POSITION score the whole order; the relative gradings
 * (Moodle's default) score neighbouring pairs. Moodle may show a random subset of the items; all
 * of them are shown here.
 */
function orderingQuestion(element: XmlElement, base: Base, answers: ImportedQuestion['options']): Outcome {
	const grading = valueOf(element, 'gradingtype').toUpperCase();
	const scoring: OrderScoring = ['ALL_OR_NOTHING', 'ABSOLUTE_POSITION', 'ABSOLUTE', 'ABS', '-1', '0'].includes(grading)
		? 'all'
		: 'pairs';
	const draft: ImportedQuestion = { ...base, type: 'ordering', options: answers, settings: { ordering: { scoring } } };
	const outcome: Outcome = finalizeQuestion(draft, placesAt(element.line));
	const select = valueOf(element, 'selecttype').toUpperCase();
	const count = Number(valueOf(element, 'selectcount'));
	if (outcome.question && select !== '' && select !== 'ALL' && count > 0 && count < answers.length) {
		const detail = `câu ordering trên Moodle chỉ hiện ${count} trong ${answers.length} mục; ở đây người chơi sắp xếp đủ ${answers.length} mục`;
		outcome.notices = [issueAt({ line: element.line }, detail)];
	}
	return outcome;
}

/** Numerical: the first answer worth 100% and its tolerance; the unit whose multiplier is 1. */
function numericalQuestion(element: XmlElement, base: Base): Outcome {
	const notices: ImportIssue[] = [];
	const fail = (detail: string): Outcome => ({ question: null, issues: [issueAt({ line: element.line }, detail)] });
	let chosen: { answer: number; tolerance: number } | null = null;
	for (const a of children(element, 'answer')) {
		const fraction = fractionOf(a);
		const raw = valueOf(a, 'text');
		if (fraction <= 0 || raw === '*') continue;
		const answer = moodleNumber(raw);
		if (answer === null) return fail(`đáp án '${raw}' của câu numerical không phải là số`);
		const tolerance = Math.abs(moodleNumber(valueOf(a, 'tolerance')) ?? 0);
		if (fraction < 100) {
			notices.push(
				issueAt(
					{ line: a.line },
					`đáp án ${raw} (±${tolerance}) được ${percent(fraction)} điểm trên Moodle; ở đây chỉ đáp án đúng hoàn toàn được tính, đáp án này bị bỏ`
				)
			);
		} else if (chosen) {
			notices.push(
				issueAt({ line: a.line }, `câu '${TYPE_LABELS.numeric}' có một đáp án; đáp án thứ hai ${raw} bị bỏ`)
			);
		} else chosen = { answer, tolerance };
	}
	if (!chosen) return fail('câu numerical chưa có đáp án được 100% điểm');
	const numeric: NumericSettings = { answer: chosen.answer, tolerance: chosen.tolerance, scoring: 'tolerance' };
	const units = children(child(element, 'units'), 'unit');
	const base1 = units.find((u) => moodleNumber(valueOf(u, 'multiplier')) === 1) ?? units[0];
	const unit = base1 ? valueOf(base1, 'unit_name') : '';
	if (unit !== '') numeric.unit = unit;
	if (units.length > 1) {
		const others = units.filter((u) => u !== base1).map((u) => valueOf(u, 'unit_name'));
		notices.push(
			issueAt({ line: element.line }, `chỉ giữ đơn vị '${unit}'; các đơn vị quy đổi (${others.join(', ')}) bị bỏ`)
		);
	}
	const draft: ImportedQuestion = { ...base, type: 'numeric', options: [], settings: { numeric } };
	return { ...finalizeQuestion(draft, placesAt(element.line)), notices };
}

/**
 * Shortanswer: the answers worth 100% are accepted. `usecase` 1 makes case matter; Moodle compares
 * diacritics exactly, so they matter here too. Moodle's '*' matches anything, which typed answers
 * here cannot: such a question is of a kind not supported (it may be skipped); '\*' is a star.
 */
function shortAnswerQuestion(element: XmlElement, base: Base): Outcome {
	const notices: ImportIssue[] = [];
	const accepted: ImportedQuestion['options'] = [];
	for (const a of children(element, 'answer')) {
		const fraction = fractionOf(a);
		const raw = richText(a);
		if (fraction <= 0) continue;
		if (/(^|[^\\])\*/.test(raw)) {
			const detail = `đáp án '${raw}' dùng ký tự đại diện '*' của Moodle, nền tảng chưa hỗ trợ; hãy ghi đủ các cách trả lời được chấp nhận`;
			const name = questionName(textOf(child(child(element, 'name'), 'text')) || base.text);
			return {
				question: null,
				issues: [
					{ ...issueAt({ line: a.line }, detail), unsupported: { kind: 'shortanswer (ký tự đại diện *)', name } }
				]
			};
		}
		const text = raw.replace(/\\\*/g, '*');
		if (fraction < 100) {
			notices.push(
				issueAt(
					{ line: a.line },
					`đáp án '${text}' được ${percent(fraction)} điểm trên Moodle; ở đây chỉ đáp án đúng hoàn toàn được chấp nhận, đáp án này bị bỏ`
				)
			);
		} else accepted.push({ text, correct: true });
	}
	const caseMatters = ['1', 'true'].includes(valueOf(element, 'usecase').toLowerCase());
	const draft: ImportedQuestion = {
		...base,
		type: 'short_text',
		options: accepted,
		settings: { text: { ignoreDiacritics: false, ignoreCase: !caseMatters } }
	};
	return { ...finalizeQuestion(draft, placesAt(element.line)), notices };
}

function trueFalseQuestion(
	base: Omit<ImportedQuestion, 'type' | 'options'>,
	answers: ImportedQuestion['options'],
	line: number
): Outcome {
	const truthOf = (want: boolean): { text: string; correct: boolean } | undefined =>
		answers.find((a) => parseTruth(a.text) === want);
	const right = truthOf(true);
	const wrong = truthOf(false);
	if (answers.length !== 2 || !right || !wrong) {
		return { question: null, issues: [issueAt({ line }, "câu hỏi truefalse phải có 2 đáp án 'true' và 'false'")] };
	}
	// 'true'/'false' become 'Đúng'/'Sai' in finalizeQuestion, which also checks that exactly one is right.
	return finalizeQuestion({ ...base, type: 'true_false', options: [right, wrong] }, placesAt(line));
}

function readTags(question: XmlElement): string[] {
	const tags = children(child(question, 'tags'), 'tag').map((tag) => textOf(child(tag, 'text')));
	return splitTags(tags.join(','));
}

/** The <text> of a Moodle text element, as plain text. */
function richText(element: XmlElement | undefined): string {
	const raw = textOf(child(element, 'text'));
	return element?.attrs.format === 'plain_text' ? raw : htmlToText(raw);
}

/**
 * The picture a Moodle text embeds: the first <img> whose src is @@PLUGINFILE@@/name, with the
 * <file name="name" encoding="base64"> beside the text; its alt attribute is its description.
 * Pictures from elsewhere (a web address) are not brought along.
 */
function embeddedPicture(
	element: XmlElement | undefined,
	line: number
): { image: ImportedImage | null } | { issue: ImportIssue } {
	const html = textOf(child(element, 'text'));
	const img = /<img\b[^>]*\bsrc\s*=\s*(["'])@@PLUGINFILE@@\/([^"']+)\1[^>]*>/i.exec(html);
	if (!img) return { image: null };
	let name = img[2];
	try {
		name = decodeURIComponent(name);
	} catch {
		// a name with a stray % is used as written
	}
	const file = children(element, 'file').find((f) => f.attrs.name === name);
	if (!file || (file.attrs.encoding ?? 'base64') !== 'base64') {
		return {
			issue: issueAt({ line }, `câu hỏi dùng ảnh '${name}' nhưng tệp không kèm ảnh đó (thẻ <file name="${name}">)`)
		};
	}
	const alt = /\balt\s*=\s*(["'])([^"']*)\1/i.exec(img[0])?.[2] ?? '';
	const data = textOf(file).replace(/\s+/g, '');
	return { image: { name, alt: decodeEntities(alt), data, line: file.line } };
}

/** HTML → plain text: whitespace collapsed as a browser would, <br> and block ends as line breaks. */
export function htmlToText(html: string): string {
	const text = html
		.replace(/\s+/g, ' ')
		.replace(/<!--[\s\S]*?-->/g, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|h[1-6]|tr)\s*>/gi, '\n')
		.replace(/<\/?[a-z][^>]*>/gi, '');
	return decodeEntities(text)
		.split('\n')
		.map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
		.filter((line) => line !== '')
		.join('\n');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** &amp; &lt; &gt; &quot; &apos; &nbsp; &#39; &#x1EA1; … in one pass (so '&amp;lt;' → '&lt;'). */
export function decodeEntities(s: string): string {
	return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
		if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
		const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
		return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
	});
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
	return element?.children.find((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

function children(element: XmlElement | undefined, name: string): XmlElement[] {
	return (element?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

function textOf(element: XmlElement | undefined): string {
	return (element?.children ?? []).filter((c): c is string => typeof c === 'string').join('');
}

/** A well-formed XML document → its element tree, or the first error with its line. */
function parseXml(source: string): { root: XmlElement } | { issue: ImportIssue } {
	const lineAt = lineCounter(source);
	const root: XmlElement = { name: '#document', attrs: {}, children: [], line: 1 };
	const stack = [root];
	const fail = (offset: number, detail: string): { issue: ImportIssue } => ({
		issue: issueAt({ line: lineAt(offset) }, `tệp XML không hợp lệ: ${detail}`)
	});
	let i = 0;
	while (i < source.length) {
		const top = stack[stack.length - 1];
		const lt = source.indexOf('<', i);
		if (lt !== i) {
			top.children.push(decodeEntities(source.slice(i, lt < 0 ? source.length : lt)));
			if (lt < 0) break;
		}
		const markup = readMarkup(source, lt);
		if (markup === null) return fail(lt, 'thẻ không được đóng bằng dấu >');
		i = markup.end;
		if (markup.kind === 'cdata') top.children.push(markup.text);
		else if (markup.kind === 'open') {
			const element: XmlElement = { name: markup.name, attrs: markup.attrs, children: [], line: lineAt(lt) };
			top.children.push(element);
			if (!markup.selfClosing) stack.push(element);
		} else if (markup.kind === 'close') {
			if (stack.length === 1 || markup.name !== top.name) return fail(lt, `thẻ đóng </${markup.name}> không khớp`);
			stack.pop();
		}
	}
	if (stack.length > 1) {
		const open = stack[stack.length - 1];
		return { issue: issueAt({ line: open.line }, `tệp XML không hợp lệ: thẻ <${open.name}> chưa được đóng`) };
	}
	return { root };
}

type Markup =
	| { kind: 'skip'; end: number }
	| { kind: 'cdata'; text: string; end: number }
	| { kind: 'close'; name: string; end: number }
	| { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean; end: number };

/** The markup starting at `at` (a '<'), and the offset just after it; null when unterminated. */
function readMarkup(source: string, at: number): Markup | null {
	const until = (terminator: string): number => {
		const found = source.indexOf(terminator, at);
		return found < 0 ? -1 : found + terminator.length;
	};
	if (source.startsWith('<!--', at)) return skipTo(until('-->'));
	if (source.startsWith('<![CDATA[', at)) {
		const end = until(']]>');
		return end < 0 ? null : { kind: 'cdata', text: source.slice(at + 9, end - 3), end };
	}
	if (source.startsWith('<?', at)) return skipTo(until('?>'));
	if (source.startsWith('<!', at)) return skipTo(until('>'));
	const end = tagEnd(source, at);
	if (end < 0) return null;
	const inner = source.slice(at + 1, end - 1).trim();
	if (inner.startsWith('/')) return { kind: 'close', name: inner.slice(1).trim(), end };
	const selfClosing = inner.endsWith('/');
	const body = selfClosing ? inner.slice(0, -1) : inner;
	const name = /^[^\s/>]+/.exec(body)?.[0] ?? '';
	return { kind: 'open', name, attrs: readAttributes(body.slice(name.length)), selfClosing, end };
}

function skipTo(end: number): Markup | null {
	return end < 0 ? null : { kind: 'skip', end };
}

/** Offset just after the '>' closing a tag, skipping '>' inside quoted attribute values. */
function tagEnd(source: string, at: number): number {
	let quote = '';
	for (let i = at + 1; i < source.length; i++) {
		const ch = source[i];
		if (quote) {
			if (ch === quote) quote = '';
		} else if (ch === '"' || ch === "'") quote = ch;
		else if (ch === '>') return i + 1;
	}
	return -1;
}

function readAttributes(s: string): Record<string, string> {
	const attrs: Record<string, string> = {};
	for (const m of s.matchAll(/([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
		attrs[m[1]] = decodeEntities(m[2] ?? m[3] ?? '');
	}
	return attrs;
}

/** offset → 1-based line, by binary search over the newline offsets. */
function lineCounter(source: string): (offset: number) => number {
	const breaks: number[] = [];
	for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) breaks.push(i);
	return (offset) => {
		let lo = 0;
		let hi = breaks.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (breaks[mid] < offset) lo = mid + 1;
			else hi = mid;
		}
		return lo + 1;
	};
}

// ─── Export ──────────────────────────────────────────────────────────────────────────────────

/** A picture as an export embeds it: a file name and its bytes in base64. */
export interface ExportedFile {
	name: string;
	base64: string;
}

const escapeHtml = (s: string): string =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Plain text as Moodle's HTML: escaped (so no ']]>' can end the CDATA), line breaks as <br>. */
const asHtml = (s: string): string => escapeHtml(s).replace(/\n/g, '<br>');
const htmlText = (html: string): string => `<text><![CDATA[${html}]]></text>`;
/** Plain text read as it is (categories, names, tags): XML-escaped, no CDATA. */
const plainText = (s: string): string => `<text>${escapeHtml(s)}</text>`;

const imgTag = (file: ExportedFile, alt: string): string =>
	`<img src="@@PLUGINFILE@@/${encodeURIComponent(file.name)}" alt="${escapeHtml(alt)}">`;
const fileTag = (file: ExportedFile): string =>
	`<file name="${escapeHtml(file.name)}" path="/" encoding="base64">${file.base64}</file>`;

/**
 * Questions → Moodle XML, what importMoodleXml reads back: a category per topic change, texts as
 * plain text, and a question with a picture as HTML with <img src="@@PLUGINFILE@@/name"> and its
 * alt text, the file beside it (HTML folds runs of spaces in that question's text). Moodle has no
 * difficulty nor legal reference: those are lost, as in GIFT.
 */
export function exportMoodleXml(
	questions: readonly ImportedQuestion[],
	files: ReadonlyMap<string, ExportedFile> = new Map()
): string {
	const parts = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
	const left = questions.filter((q) => !MOODLE_KINDS.includes(q.type));
	if (left.length) {
		const kinds = [...new Set(left.map((q) => TYPE_LABELS[q.type]))].join(', ');
		parts.push(
			`  <!-- ${left.length} câu hỏi không có trong Moodle (${escapeHtml(kinds)}) không được ghi; hãy xuất Excel để giữ đủ -->`
		);
	}
	let topic: string | null = null;
	for (const q of questions) {
		if (!MOODLE_KINDS.includes(q.type)) continue;
		if (q.topic !== topic) {
			const path = `$course$/top${q.topic ? `/${q.topic.replace(/\//g, '//')}` : ''}`;
			parts.push(`  <question type="category"><category>${plainText(path)}</category></question>`);
			topic = q.topic;
		}
		const file = q.image?.media ? files.get(q.image.media) : undefined;
		const img = file ? `<p>${imgTag(file, q.image!.alt)}</p>` : '';
		const attached = file ? fileTag(file) : '';
		const correct = q.options.filter((o) => o.correct).length;
		const trueFalse = q.type === 'true_false';
		const answers = q.options.map((o, i) => {
			const text = trueFalse ? (i === 0 ? 'true' : 'false') : o.text;
			const fraction = o.correct ? (trueFalse || q.type === 'single' ? '100' : (100 / correct).toFixed(5)) : '0';
			const picture = !trueFalse && o.image?.media ? files.get(o.image.media) : undefined;
			if (picture) {
				const html = htmlText(`${asHtml(text)}${imgTag(picture, o.image!.alt)}`);
				return `    <answer fraction="${fraction}" format="html">${html}${fileTag(picture)}</answer>`;
			}
			return `    <answer fraction="${fraction}" format="plain_text">${plainText(text)}</answer>`;
		});
		const tags = q.tags.length ? `    <tags>${q.tags.map((t) => `<tag>${plainText(t)}</tag>`).join('')}</tags>` : '';
		const kind = kindParts(q, answers);
		parts.push(
			`  <question type="${kind.type}">`,
			`    <name>${plainText(q.text.slice(0, 60))}</name>`,
			file
				? `    <questiontext format="html">${htmlText(`<p>${asHtml(q.text)}</p>${img}`)}${attached}</questiontext>`
				: `    <questiontext format="plain_text">${plainText(q.text)}</questiontext>`,
			`    <generalfeedback format="plain_text">${plainText(q.explanation)}</generalfeedback>`,
			...kind.lines,
			...(tags ? [tags] : []),
			'  </question>'
		);
	}
	parts.push('</quiz>', '');
	return parts.join('\n');
}

/** The kinds Moodle has; poll and word cloud are live-game moments with no Moodle question. */
const MOODLE_KINDS: readonly ImportedQuestion['type'][] = [
	'single',
	'multiple',
	'true_false',
	'ordering',
	'numeric',
	'short_text'
];

/** A number as Moodle reads it: JavaScript's form, a '.' decimal point. */
const moodleNumberText = (value: number): string => String(value);

/** The question's Moodle type and the elements after its texts: options, answers, settings. */
function kindParts(q: ImportedQuestion, answers: string[]): { type: string; lines: string[] } {
	switch (q.type) {
		case 'true_false':
			return { type: 'truefalse', lines: answers };
		case 'ordering': {
			const grading = q.settings?.ordering?.scoring === 'pairs' ? 'RELATIVE_NEXT_EXCLUDE_LAST' : 'ALL_OR_NOTHING';
			// the answers in the right order, each worth its position, as Moodle writes them
			const ordered = answers.map((a, i) => a.replace(/fraction="[^"]*"/, `fraction="${i + 1}"`));
			return {
				type: 'ordering',
				lines: [
					'    <layouttype>VERTICAL</layouttype>',
					'    <selecttype>ALL</selecttype>',
					`    <selectcount>${q.options.length}</selectcount>`,
					`    <gradingtype>${grading}</gradingtype>`,
					'    <showgrading>SHOW</showgrading>',
					...ordered
				]
			};
		}
		case 'numeric': {
			const n = q.settings?.numeric;
			const answer = n
				? `    <answer fraction="100" format="plain_text"><text>${moodleNumberText(n.answer)}</text><tolerance>${moodleNumberText(n.tolerance)}</tolerance></answer>`
				: '';
			const units = n?.unit
				? [
						`    <units><unit><multiplier>1</multiplier><unit_name>${escapeHtml(n.unit)}</unit_name></unit></units>`,
						'    <unitgradingtype>0</unitgradingtype>',
						'    <showunits>3</showunits>',
						'    <unitsleft>0</unitsleft>'
					]
				: [];
			return { type: 'numerical', lines: [answer, ...units] };
		}
		case 'short_text': {
			const caseMatters = q.settings?.text ? !q.settings.text.ignoreCase : false;
			// a star is Moodle's wildcard: a literal one is escaped
			const accepted = q.options.map(
				(o) => `    <answer fraction="100" format="plain_text">${plainText(o.text.replace(/\*/g, '\\*'))}</answer>`
			);
			return { type: 'shortanswer', lines: [`    <usecase>${caseMatters ? 1 : 0}</usecase>`, ...accepted] };
		}
		default:
			return {
				type: 'multichoice',
				lines: [`    <single>${q.type === 'single'}</single>`, '    <shuffleanswers>1</shuffleanswers>', ...answers]
			};
	}
}
