/**
 * Moodle XML, for the subset our banks use: category questions (the topic of the questions that
 * follow), multichoice (single or multiple answers) and truefalse. Texts are HTML (tags stripped,
 * entities decoded) unless format="plain_text". Moodle has no difficulty or legal reference:
 * difficulty 'medium', legalReference ''. An answer is correct when its fraction is above 0.
 *
 * No XML library: a small parser for well-formed documents (elements, attributes, text, CDATA,
 * comments, processing instructions, DOCTYPE without an internal subset).
 */
import type { ImportIssue, ImportResult, ImportedImage, ImportedQuestion } from './types';
import {
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

type Outcome = { question: ImportedQuestion | null; issues: ImportIssue[] };

export function importMoodleXml(text: string): ImportResult {
	const parsed = parseXml(text.replace(/^\uFEFF/, ''));
	if ('issue' in parsed) return toResult([], [parsed.issue]);
	const quiz = child(parsed.root, 'quiz');
	if (!quiz) return toResult([], [issueAt({ line: 1 }, 'không tìm thấy thẻ <quiz> của Moodle XML')]);
	const questions: ImportedQuestion[] = [];
	const issues: ImportIssue[] = [];
	let topic = '';
	for (const element of children(quiz, 'question')) {
		const type = element.attrs.type ?? '';
		if (type === 'category') {
			topic = topicFromCategory(textOf(child(child(element, 'category'), 'text')));
			continue;
		}
		const outcome = toQuestion(element, type, topic);
		if (outcome.question) questions.push(outcome.question);
		issues.push(...outcome.issues);
	}
	return toResult(questions, issues);
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
	const detail = `loại câu hỏi '${type}' chưa được hỗ trợ; chỉ nhập được multichoice (một hoặc nhiều đáp án) và truefalse`;
	const name = questionName(textOf(child(child(element, 'name'), 'text')) || base.text);
	return {
		question: null,
		issues: [{ ...issueAt({ line: element.line }, detail), unsupported: { kind: type, name } }]
	};
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
	let topic: string | null = null;
	for (const q of questions) {
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
		parts.push(
			`  <question type="${trueFalse ? 'truefalse' : 'multichoice'}">`,
			`    <name>${plainText(q.text.slice(0, 60))}</name>`,
			file
				? `    <questiontext format="html">${htmlText(`<p>${asHtml(q.text)}</p>${img}`)}${attached}</questiontext>`
				: `    <questiontext format="plain_text">${plainText(q.text)}</questiontext>`,
			`    <generalfeedback format="plain_text">${plainText(q.explanation)}</generalfeedback>`,
			...(trueFalse ? [] : [`    <single>${q.type === 'single'}</single>`, '    <shuffleanswers>1</shuffleanswers>']),
			...answers,
			...(tags ? [tags] : []),
			'  </question>'
		);
	}
	parts.push('</quiz>', '');
	return parts.join('\n');
}
