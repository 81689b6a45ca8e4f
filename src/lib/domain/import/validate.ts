/**
 * Rules shared by every question-bank importer: field parsing (type, difficulty, tags),
 * text normalization and the checks a question must pass before it can be imported.
 */
import {
	ORDERING_ITEMS,
	POLL_OPTIONS,
	SHORT_TEXT_ANSWERS,
	TYPED_ANSWER_MAX,
	isChoiceType,
	DEFAULT_TEXT_MATCH,
	type NumericSettings
} from '../question-kinds';
import { foldVietnamese, toNfc, unsafeCharacter, type TextKind } from '../text';
import type { Difficulty, QuestionType } from '../types';
import type { ImportIssue, ImportResult, ImportedQuestion } from './types';

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;
export const OPTION_LETTERS: readonly string[] = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
export const TRUE_TEXT = 'Đúng';
export const FALSE_TEXT = 'Sai';

/** How many options each kind holds (ordering's items, short_text's accepted answers). */
export const OPTION_BOUNDS: Readonly<Record<QuestionType, { min: number; max: number }>> = {
	single: { min: MIN_OPTIONS, max: MAX_OPTIONS },
	multiple: { min: MIN_OPTIONS, max: MAX_OPTIONS },
	true_false: { min: MIN_OPTIONS, max: MAX_OPTIONS },
	ordering: ORDERING_ITEMS,
	numeric: { min: 0, max: 0 },
	short_text: SHORT_TEXT_ANSWERS,
	poll: POLL_OPTIONS,
	word_cloud: { min: 0, max: 0 }
};

/** Labels written by exporters, and accepted (folded) by importers. */
export const TYPE_LABELS: Readonly<Record<QuestionType, string>> = {
	single: 'Một đáp án',
	multiple: 'Nhiều đáp án',
	true_false: 'Đúng/Sai',
	ordering: 'Sắp xếp',
	numeric: 'Số',
	short_text: 'Điền từ',
	poll: 'Thăm dò',
	word_cloud: 'Đám mây từ'
};
export const DIFFICULTY_LABELS: Readonly<Record<Difficulty, string>> = {
	easy: 'Dễ',
	medium: 'Trung bình',
	hard: 'Khó'
};

const TYPE_BY_KEY = new Map<string, QuestionType>([
	['mot dap an', 'single'],
	['single', 'single'],
	['nhieu dap an', 'multiple'],
	['multiple', 'multiple'],
	['dung/sai', 'true_false'],
	['dung / sai', 'true_false'],
	['true/false', 'true_false'],
	['true_false', 'true_false'],
	['sap xep', 'ordering'],
	['ordering', 'ordering'],
	['so', 'numeric'],
	['so (uoc luong)', 'numeric'],
	['uoc luong', 'numeric'],
	['numeric', 'numeric'],
	['numerical', 'numeric'],
	['dien tu', 'short_text'],
	['short answer', 'short_text'],
	['shortanswer', 'short_text'],
	['short_text', 'short_text'],
	['tham do', 'poll'],
	['tham do y kien', 'poll'],
	['poll', 'poll'],
	['dam may tu', 'word_cloud'],
	['word cloud', 'word_cloud'],
	['word_cloud', 'word_cloud']
]);
const DIFFICULTY_BY_KEY = new Map<string, Difficulty>([
	['de', 'easy'],
	['easy', 'easy'],
	['trung binh', 'medium'],
	['medium', 'medium'],
	['kho', 'hard'],
	['hard', 'hard']
]);
const TRUE_KEYS = new Set(['dung', 'true']);
const FALSE_KEYS = new Set(['sai', 'false']);

/** Where a value sits in the source file; `column` only for tabular formats. */
export interface Place {
	line: number;
	column?: string;
}

/** Where each part of one question sits, so every issue points at the right cell or line. */
export interface QuestionPlaces {
	text: Place;
	answer: Place;
	option: (index: number) => Place;
	/** Where the other texts sit, for formats with a column each; `text`'s place otherwise. */
	field?: (name: 'topic' | 'explanation' | 'legalReference' | 'tags') => Place;
	/** Where a numeric question's settings sit, for formats with a column each; `answer`'s place otherwise. */
	setting?: (name: NumericField) => Place;
}

/** The parts of a numeric question's settings beyond its answer, each with a column in the template. */
export type NumericField = 'tolerance' | 'unit' | 'min' | 'max' | 'step' | 'spread';

/** At most this many characters of a numeric question's unit ("thủ tục", "%"). */
export const UNIT_MAX = 20;

/** Text as stored: NFC, trimmed. */
export function cleanText(s: string): string {
	return toNfc(s).trim();
}

/** 'a, b; c' → ['a', 'b', 'c']: trimmed, NFC, empties and duplicates dropped. */
export function splitTags(raw: string): string[] {
	const tags = raw.split(/[,;]/).map(cleanText);
	return [...new Set(tags.filter((t) => t !== ''))];
}

/** 'Một đáp án', 'mot dap an', 'single', 'Đúng/Sai', … → the type; null when unknown. */
export function parseQuestionType(raw: string): QuestionType | null {
	return TYPE_BY_KEY.get(foldVietnamese(raw)) ?? null;
}

/** 'Dễ', 'trung binh', 'HARD', … → the difficulty; null when unknown. */
export function parseDifficulty(raw: string): Difficulty | null {
	return DIFFICULTY_BY_KEY.get(foldVietnamese(raw)) ?? null;
}

/** 'Đúng'/'true' → true, 'Sai'/'false' → false, anything else → null. */
export function parseTruth(raw: string): boolean | null {
	const key = foldVietnamese(raw);
	if (TRUE_KEYS.has(key)) return true;
	if (FALSE_KEYS.has(key)) return false;
	return null;
}

/** 0 → 'A', 1 → 'B', … (past 'H' too, so over-long questions can still be named). */
export function optionLetter(index: number): string {
	return String.fromCharCode(65 + index);
}

/** The two options of a true/false question, in the canonical order. */
export function trueFalseOptions(trueIsCorrect: boolean): ImportedQuestion['options'] {
	return [
		{ text: TRUE_TEXT, correct: trueIsCorrect },
		{ text: FALSE_TEXT, correct: !trueIsCorrect }
	];
}

/** The detail of an issue for a cell or line holding a character free text may not hold (see unsafeCharacter). */
export function unsafeTextDetail(codePoint: string): string {
	return `có ký tự điều khiển hoặc ký tự đảo chiều văn bản (${codePoint}, không nhìn thấy được); hãy xóa và gõ lại nội dung này`;
}

/** An issue with its place written in front: "Dòng 12, cột Đáp án: …" or "Dòng 12: …". */
export function issueAt(place: Place, detail: string): ImportIssue {
	if (place.column === undefined) return { line: place.line, message: `Dòng ${place.line}: ${detail}` };
	return { line: place.line, column: place.column, message: `Dòng ${place.line}, cột ${place.column}: ${detail}` };
}

/** Every part of the question at one place: text formats without columns. */
export function placesAt(line: number): QuestionPlaces {
	const place = { line };
	return { text: place, answer: place, option: () => place };
}

/**
 * Topic from a Moodle category path: the last segment, '//' standing for a literal '/'.
 * '$course$/top/Chủ đề' → 'Chủ đề'; '$course$/top' → ''.
 */
export function topicFromCategory(path: string): string {
	const segments = path
		.split(/(?<!\/)\/(?!\/)/)
		.map((s) => cleanText(s.replace(/\/\//g, '/')))
		.filter((s) => s !== '' && !/^\$\w+\$$/.test(s));
	if (segments.length === 1 && segments[0] === 'top') return '';
	return segments.at(-1) ?? '';
}

/** A question's name in a list of skipped ones: its text on one line, cut short. */
export function questionName(text: string): string {
	const flat = cleanText(text).replace(/\s+/g, ' ');
	return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat;
}

export interface CheckOptions {
	/** False when the answer itself was already reported (e.g. an unknown letter): no second issue for it. */
	checkAnswers?: boolean;
}

/**
 * Normalizes a drafted question (NFC, trimmed, true/false options canonical) and checks it.
 * Returns the question only when it has no issue.
 */
export function finalizeQuestion(
	draft: ImportedQuestion,
	places: QuestionPlaces,
	options: CheckOptions = {}
): { question: ImportedQuestion | null; issues: ImportIssue[] } {
	let question = normalizeQuestion(draft);
	if (!isChoiceType(question.type)) question = canonicalKind(question);
	const issues: ImportIssue[] = [];
	if (question.text === '') issues.push(issueAt(places.text, 'chưa có nội dung câu hỏi'));
	if (question.image && question.image.alt === '') {
		issues.push(
			issueAt(places.text, `ảnh '${question.image.name}' chưa có mô tả (văn bản thay thế); hãy thêm mô tả cho ảnh`)
		);
	}
	issues.push(...checkUnsafeText(question, places));
	issues.push(...checkOptionTexts(question, places));
	if (!isChoiceType(question.type)) {
		issues.push(...checkKind(question, places));
		return { question: issues.length === 0 ? question : null, issues };
	}
	if (question.type === 'true_false' && issues.length === 0) {
		const canonical = canonicalTrueFalse(question, places);
		if ('issue' in canonical) issues.push(canonical.issue);
		else question = canonical.question;
	}
	if (options.checkAnswers !== false) issues.push(...checkCorrectCount(question, places));
	return { question: issues.length === 0 ? question : null, issues };
}

/**
 * The key as every kind beyond choices stores it: ordering's items in the right order and
 * short_text's accepted answers all `correct` (each is part of the key), poll's options none
 * (nothing is right); the settings each kind holds, defaults filled in; none for the others.
 */
function canonicalKind(q: ImportedQuestion): ImportedQuestion {
	const { settings, ...rest } = q;
	const flagged = (correct: boolean) => rest.options.map((o) => ({ ...o, correct }));
	switch (q.type) {
		case 'ordering':
			return {
				...rest,
				options: flagged(true),
				settings: { ordering: { scoring: settings?.ordering?.scoring ?? 'all' } }
			};
		case 'short_text': {
			const text = settings?.text ?? DEFAULT_TEXT_MATCH;
			return {
				...rest,
				options: flagged(true),
				settings: { text: { ignoreDiacritics: text.ignoreDiacritics, ignoreCase: text.ignoreCase } }
			};
		}
		case 'numeric':
			return settings?.numeric ? { ...rest, settings: { numeric: cleanNumeric(settings.numeric) } } : rest;
		case 'poll':
			return { ...rest, options: flagged(false) };
		default:
			return rest;
	}
}

/** The numeric settings with only the fields that hold something, in a fixed order; the unit trimmed. */
function cleanNumeric(n: NumericSettings): NumericSettings {
	const out: NumericSettings = { answer: n.answer, tolerance: n.tolerance, scoring: n.scoring };
	if (n.spread !== undefined) out.spread = n.spread;
	if (n.min !== undefined) out.min = n.min;
	if (n.max !== undefined) out.max = n.max;
	if (n.step !== undefined) out.step = n.step;
	const unit = n.unit === undefined ? '' : cleanText(n.unit);
	if (unit !== '') out.unit = unit;
	return out;
}

/** A kind's own rules beyond the option texts: the number and its bounds, the typed answers' length. */
function checkKind(q: ImportedQuestion, places: QuestionPlaces): ImportIssue[] {
	const label = TYPE_LABELS[q.type];
	if (q.type === 'short_text') {
		return q.options.flatMap((o, i) => {
			const letter = optionLetter(i);
			if (o.image) return [issueAt(places.option(i), `đáp án ${letter} của câu '${label}' là chữ, không có ảnh`)];
			if (o.text.length > TYPED_ANSWER_MAX) {
				const detail = `đáp án ${letter} dài ${o.text.length} ký tự; người chơi chỉ gõ được tối đa ${TYPED_ANSWER_MAX} ký tự`;
				return [issueAt(places.option(i), detail)];
			}
			return [];
		});
	}
	if (q.type !== 'numeric') return [];
	const n = q.settings?.numeric;
	if (!n || !Number.isFinite(n.answer)) {
		return [issueAt(places.answer, `câu '${label}' cần một số làm đáp án, ví dụ 12,5`)];
	}
	const at = places.setting ?? (() => places.answer);
	const issues: ImportIssue[] = [];
	if (!Number.isFinite(n.tolerance) || n.tolerance < 0) {
		issues.push(issueAt(at('tolerance'), 'sai số cho phép phải là một số không âm, ví dụ 0,5 (để trống là 0)'));
	}
	if (n.spread !== undefined && !(Number.isFinite(n.spread) && n.spread > 0)) {
		issues.push(issueAt(at('spread'), 'khoảng giảm điểm phải là một số lớn hơn 0'));
	}
	if (n.step !== undefined && !(Number.isFinite(n.step) && n.step > 0)) {
		issues.push(issueAt(at('step'), 'bước phải là một số lớn hơn 0'));
	}
	if (n.min !== undefined && n.max !== undefined && !(n.min < n.max)) {
		issues.push(
			issueAt(
				at('max'),
				`giá trị lớn nhất (${formatNumberCell(n.max)}) phải lớn hơn giá trị nhỏ nhất (${formatNumberCell(n.min)})`
			)
		);
	} else if (n.min !== undefined && n.answer < n.min) {
		issues.push(
			issueAt(
				places.answer,
				`đáp án ${formatNumberCell(n.answer)} nhỏ hơn giá trị nhỏ nhất ${formatNumberCell(n.min)}: người chơi không nhập được`
			)
		);
	} else if (n.max !== undefined && n.answer > n.max) {
		issues.push(
			issueAt(
				places.answer,
				`đáp án ${formatNumberCell(n.answer)} lớn hơn giá trị lớn nhất ${formatNumberCell(n.max)}: người chơi không nhập được`
			)
		);
	}
	const unit = n.unit ?? '';
	if (unit.length > UNIT_MAX) issues.push(issueAt(at('unit'), `đơn vị dài quá ${UNIT_MAX} ký tự`));
	const unsafe = unsafeCharacter(unit, 'name');
	if (unsafe) issues.push(issueAt(at('unit'), unsafeTextDetail(unsafe)));
	return issues;
}

/**
 * A number as the files write it: a decimal comma, no thousands grouping ("12,5", "-3", "1000"),
 * which parseTypedNumber reads back exactly; never an exponent.
 */
export function formatNumberCell(value: number): string {
	let s = String(value);
	if (/e/i.test(s)) s = value.toFixed(20).replace(/\.?0+$/, '');
	return s.replace('.', ',');
}

function normalizeQuestion(q: ImportedQuestion): ImportedQuestion {
	return {
		topic: cleanText(q.topic),
		type: q.type,
		text: cleanText(q.text),
		options: q.options.map((o) => ({
			text: cleanText(o.text),
			correct: o.correct,
			...(o.image ? { image: { ...o.image, alt: cleanText(o.image.alt) } } : {})
		})),
		difficulty: q.difficulty,
		explanation: cleanText(q.explanation),
		legalReference: cleanText(q.legalReference),
		tags: q.tags.map(cleanText).filter((t) => t !== ''),
		...(q.image ? { image: { ...q.image, alt: cleanText(q.image.alt) } } : {}),
		// only the kinds beyond choices hold settings
		...(q.settings && !isChoiceType(q.type) ? { settings: q.settings } : {})
	};
}

/** Control characters and bidi overrides are refused wherever they hide, each at its own place. */
function checkUnsafeText(q: ImportedQuestion, places: QuestionPlaces): ImportIssue[] {
	const field = places.field ?? (() => places.text);
	const checks: [string, TextKind, Place][] = [
		[q.topic, 'name', field('topic')],
		[q.text, 'long', places.text],
		...q.options.map((o, i): [string, TextKind, Place] => [o.text, 'long', places.option(i)]),
		[q.explanation, 'long', field('explanation')],
		[q.legalReference, 'long', field('legalReference')],
		...q.tags.map((t): [string, TextKind, Place] => [t, 'name', field('tags')])
	];
	const issues: ImportIssue[] = [];
	for (const [value, kind, place] of checks) {
		const unsafe = unsafeCharacter(value, kind);
		if (unsafe) issues.push(issueAt(place, unsafeTextDetail(unsafe)));
	}
	return issues;
}

function checkOptionTexts(q: ImportedQuestion, places: QuestionPlaces): ImportIssue[] {
	const issues: ImportIssue[] = [];
	const count = q.options.length;
	const bounds = OPTION_BOUNDS[q.type];
	const label = TYPE_LABELS[q.type];
	const noun = q.type === 'ordering' ? 'mục' : q.type === 'short_text' ? 'đáp án chấp nhận' : 'phương án';
	if (bounds.max === 0 && count > 0) {
		const where = q.type === 'numeric' ? 'đáp án là một số ghi ở cột Đáp án' : 'người chơi tự gõ câu trả lời';
		issues.push(issueAt(places.option(0), `câu '${label}' không có phương án (${where}); hãy xóa các phương án`));
		return issues;
	}
	if (count < bounds.min) {
		const detail = isChoiceType(q.type)
			? `câu hỏi cần ít nhất ${bounds.min} phương án (đang có ${count})`
			: `câu '${label}' cần ít nhất ${bounds.min} ${noun} (đang có ${count})`;
		issues.push(issueAt(places.option(count), detail));
	}
	if (count > bounds.max) {
		const detail = isChoiceType(q.type)
			? `câu hỏi có tối đa ${bounds.max} phương án (đang có ${count})`
			: `câu '${label}' có tối đa ${bounds.max} ${noun} (đang có ${count})`;
		issues.push(issueAt(places.option(bounds.max), detail));
	}
	const seen = new Map<string, number>();
	q.options.forEach((option, i) => {
		const letter = optionLetter(i);
		if (option.image && option.image.alt === '') {
			const detail = `ảnh '${option.image.name}' của phương án ${letter} chưa có mô tả (văn bản thay thế)`;
			issues.push(issueAt(places.option(i), detail));
		}
		// an option is its text, its picture, or both
		if (option.text === '' && !option.image) {
			issues.push(issueAt(places.option(i), `phương án ${letter} chưa có nội dung`));
			return;
		}
		const key = `${option.text.toLowerCase().replace(/\s+/g, ' ')}|${option.image?.data ?? option.image?.media ?? ''}`;
		const first = seen.get(key);
		if (first === undefined) {
			seen.set(key, i);
			return;
		}
		const detail = `phương án ${letter} trùng nội dung với phương án ${optionLetter(first)}`;
		issues.push(issueAt(places.option(i), detail));
	});
	return issues;
}

function canonicalTrueFalse(
	q: ImportedQuestion,
	places: QuestionPlaces
): { question: ImportedQuestion } | { issue: ImportIssue } {
	const truths = q.options.map((o) => parseTruth(o.text));
	const trueAt = truths.indexOf(true);
	const falseAt = truths.indexOf(false);
	if (q.options.length !== 2 || trueAt < 0 || falseAt < 0) {
		return {
			issue: issueAt(places.option(0), `câu hỏi Đúng/Sai phải có đúng 2 phương án '${TRUE_TEXT}' và '${FALSE_TEXT}'`)
		};
	}
	const options = [
		{ text: TRUE_TEXT, correct: q.options[trueAt].correct },
		{ text: FALSE_TEXT, correct: q.options[falseAt].correct }
	];
	return { question: { ...q, options } };
}

function checkCorrectCount(q: ImportedQuestion, places: QuestionPlaces): ImportIssue[] {
	const correct = q.options.flatMap((o, i) => (o.correct ? [optionLetter(i)] : []));
	if (correct.length === 0) return [issueAt(places.answer, 'chưa có đáp án đúng')];
	if (q.type === 'multiple' && correct.length === 1) {
		return [
			issueAt(
				places.answer,
				`câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng (đang có 1: ${correct[0]}); nếu chỉ có 1 đáp án đúng, hãy chọn loại '${TYPE_LABELS.single}'`
			)
		];
	}
	if (q.type !== 'multiple' && correct.length > 1) {
		const label = TYPE_LABELS[q.type];
		return [
			issueAt(
				places.answer,
				`câu hỏi loại '${label}' chỉ được có 1 đáp án đúng (đang có ${correct.length}: ${correct.join(', ')})`
			)
		];
	}
	return [];
}

const NO_QUESTIONS = 'Tệp không có câu hỏi nào';

/** The result of an import: ok only with no issue and at least one question. */
export function toResult(questions: ImportedQuestion[], issues: ImportIssue[]): ImportResult {
	if (issues.length > 0) return { ok: false, issues: sortIssues(issues), questions };
	if (questions.length === 0) return { ok: false, issues: [{ line: 1, message: NO_QUESTIONS }], questions };
	return { ok: true, questions };
}

/** Stable sort by line, so issues read top to bottom whatever order the checks ran in. */
function sortIssues(issues: ImportIssue[]): ImportIssue[] {
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort((a, b) => a.issue.line - b.issue.line || a.i - b.i)
		.map((x) => x.issue);
}
