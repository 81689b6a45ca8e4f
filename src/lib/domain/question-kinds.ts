/**
 * The kinds of questions beyond choosing options (issue 16), and how each is graded.
 *
 * Every answer, whatever the kind, is a list of strings, as `attempt_item.answer_json` and the
 * live game's answers already store it:
 * - single / multiple / true_false / poll: the chosen option keys (order ignored);
 * - ordering: every option key, in the order the player put them;
 * - numeric: one string, the number as typed ("12,5", "1.000", "-3");
 * - short_text / word_cloud: one string, the text as typed.
 *
 * A question's key is its options (`correct` on choice kinds, the authored order on ordering, the
 * accepted answers on short_text) and its settings (the number and tolerance on numeric): none of
 * it may reach a browser before the reveal. `publicSettings` is the part a player may see.
 *
 * Imports nothing but text helpers: pure and shared by the server, the studio and the pages.
 */
import { foldVietnamese } from './text';
import type { QuestionType } from './types';

export type { QuestionType };

/** Every kind, in the order the studio offers them. */
export const ALL_QUESTION_TYPES: readonly QuestionType[] = [
	'single',
	'multiple',
	'true_false',
	'ordering',
	'numeric',
	'short_text',
	'poll',
	'word_cloud'
];

/** The player chooses options. */
export const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple', 'true_false'];
/** Kinds that are never scored and only make sense in a live game (warm-ups, audience moments). */
export const LIVE_ONLY_TYPES: readonly QuestionType[] = ['poll', 'word_cloud'];
/** Kinds an online round can draw (the live-only ones are left out). */
// pure: a page that imports one constant of this module does not download the rest
export const ROUND_TYPES: readonly QuestionType[] = /* @__PURE__ */ ALL_QUESTION_TYPES.filter(
	(t) => !LIVE_ONLY_TYPES.includes(t)
);

export const isChoiceType = (t: QuestionType): boolean => CHOICE_TYPES.includes(t);
export const isScored = (t: QuestionType): boolean => !LIVE_ONLY_TYPES.includes(t);
/** Kinds whose answer is typed text (one string), compared on the server. */
export const isTypedType = (t: QuestionType): boolean => t === 'numeric' || t === 'short_text' || t === 'word_cloud';
/** Kinds whose options are shown to the player (the others show an input instead). */
export const showsOptions = (t: QuestionType): boolean => !isTypedType(t);

/** Ordering: all-or-nothing, or the share of neighbouring pairs put in the right order. */
export type OrderScoring = 'all' | 'pairs';
/** Numeric: right within the tolerance, or (live games) points falling with the distance. */
export type NumericScoring = 'tolerance' | 'distance';

export interface NumericSettings {
	answer: number;
	/** |given − answer| ≤ tolerance is right (0: exactly) */
	tolerance: number;
	scoring: NumericScoring;
	/** distance scoring: points fall linearly from full (within tolerance) to none at this distance beyond it */
	spread?: number;
	/** what the player sees: an input with these bounds, a slider when both are given */
	min?: number;
	max?: number;
	step?: number;
	/** shown after the input ("thủ tục", "%") */
	unit?: string;
}

export interface TextMatchSettings {
	/** "Hà Nội" = "Ha Noi" */
	ignoreDiacritics: boolean;
	/** "Hà Nội" = "hà nội" */
	ignoreCase: boolean;
}

/** What a question holds beyond its options; stored as JSON beside them (null for choice kinds). */
export interface QuestionSettings {
	ordering?: { scoring: OrderScoring };
	numeric?: NumericSettings;
	text?: TextMatchSettings;
}

/** The part of the settings a player may see while the question is open (never the key). */
export interface PublicSettings {
	numeric?: Pick<NumericSettings, 'min' | 'max' | 'step' | 'unit'>;
}

export function publicSettings(type: QuestionType, settings: QuestionSettings | null | undefined): PublicSettings {
	if (type !== 'numeric' || !settings?.numeric) return {};
	const { min, max, step, unit } = settings.numeric;
	const out: PublicSettings['numeric'] = {};
	if (min !== undefined) out.min = min;
	if (max !== undefined) out.max = max;
	if (step !== undefined) out.step = step;
	if (unit) out.unit = unit;
	return { numeric: out };
}

export const DEFAULT_TEXT_MATCH: TextMatchSettings = { ignoreDiacritics: false, ignoreCase: true };

/** The settings a kind starts with in the studio and in imports. */
export function defaultSettings(type: QuestionType): QuestionSettings | null {
	switch (type) {
		case 'ordering':
			return { ordering: { scoring: 'all' } };
		case 'numeric':
			return { numeric: { answer: 0, tolerance: 0, scoring: 'tolerance' } };
		case 'short_text':
			return { text: { ...DEFAULT_TEXT_MATCH } };
		default:
			return null;
	}
}

/** The settings as stored (`question_version.settings_json`): null when the kind holds none. */
export function settingsToJson(settings: QuestionSettings | null | undefined): string | null {
	if (!settings) return null;
	const kept: QuestionSettings = {};
	if (settings.ordering) kept.ordering = settings.ordering;
	if (settings.numeric) kept.numeric = settings.numeric;
	if (settings.text) kept.text = settings.text;
	return Object.keys(kept).length ? JSON.stringify(kept) : null;
}

export function settingsFromJson(json: string | null | undefined): QuestionSettings | null {
	return json ? (JSON.parse(json) as QuestionSettings) : null;
}

/** Bounds on what the studio and imports accept for each kind. */
export const ORDERING_ITEMS = { min: 3, max: 6 } as const;
export const SHORT_TEXT_ANSWERS = { min: 1, max: 10 } as const;
export const POLL_OPTIONS = { min: 2, max: 8 } as const;
/** characters of one typed answer */
export const TYPED_ANSWER_MAX = 80;

// ---------------------------------------------------------------------------------------------
// Numbers as people type them

/**
 * A number as typed on a Vietnamese phone, or null. Vietnamese writes "12,5" for 12.5 and
 * "1.000" for a thousand, and phones' keyboards give either separator, so:
 * - spaces (also non-breaking) are dropped; a leading "+" or "−"/"-" is the sign;
 * - with both "." and ",", the last one is the decimal mark and the other groups thousands;
 * - with only ",", a single "," is the decimal mark; several group thousands ("1,000,000");
 * - with only ".", groups of exactly three digits after a non-zero lead ("1.000", "12.500.000")
 *   are thousands; otherwise a single "." is the decimal mark ("3.5", "0.125").
 */
export function parseTypedNumber(input: string): number | null {
	let s = input.replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
	if (!s) return null;
	let sign = 1;
	if (s[0] === '-' || s[0] === '+') {
		if (s[0] === '-') sign = -1;
		s = s.slice(1);
	}
	if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return null;
	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	let normal: string;
	if (lastDot >= 0 && lastComma >= 0) {
		const decimal = lastDot > lastComma ? '.' : ',';
		const group = decimal === '.' ? ',' : '.';
		const [whole, fraction, ...rest] = s.split(decimal);
		if (rest.length || !validGroups(whole, group)) return null;
		normal = `${whole.split(group).join('')}.${fraction}`;
	} else if (lastComma >= 0) {
		const parts = s.split(',');
		if (parts.length === 2) normal = `${parts[0]}.${parts[1]}`;
		else if (validGroups(s, ',')) normal = parts.join('');
		else return null;
	} else if (lastDot >= 0) {
		const parts = s.split('.');
		if (validGroups(s, '.') && parts[0] !== '0' && parts.length >= 2) normal = parts.join('');
		else if (parts.length === 2) normal = s;
		else return null;
	} else normal = s;
	if (normal.startsWith('.')) normal = `0${normal}`;
	if (normal.endsWith('.')) normal = normal.slice(0, -1);
	if (!/^\d+(\.\d+)?$/.test(normal)) return null;
	const value = sign * Number(normal);
	return Number.isFinite(value) ? value : null;
}

/** "1.234.567" grouped by `mark`: a lead of 1–3 digits, then groups of exactly three. */
function validGroups(s: string, mark: string): boolean {
	const parts = s.split(mark);
	if (parts.length < 2) return /^\d+$/.test(s);
	return /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

/** A number as Vietnamese writes it: "1.234,5". */
export function formatNumberVi(value: number): string {
	return new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(value);
}

// ---------------------------------------------------------------------------------------------
// Typed text

/** Trailing and leading punctuation people add or leave out ("Hà Nội." = "Hà Nội"). */
const EDGE_PUNCTUATION = /^[\s"'“”‘’«».,;:!?()[\]-]+|[\s"'“”‘’«».,;:!?()[\]-]+$/gu;

/**
 * The form two typed answers are compared in: NFC, whitespace collapsed, punctuation at the ends
 * dropped; then, as the question says, case and diacritics (đ → d) folded away.
 */
export function matchKey(text: string, match: TextMatchSettings): string {
	let s = text.normalize('NFC').replace(/\s+/g, ' ').replace(EDGE_PUNCTUATION, '');
	if (match.ignoreDiacritics) {
		s = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
	}
	if (match.ignoreCase) s = s.toLocaleLowerCase('vi');
	return s;
}

/** The word-cloud form of a typed word or phrase: folded like a search key, at most 40 characters. */
export function cloudWord(text: string): string {
	return foldVietnamese(text.replace(EDGE_PUNCTUATION, '')).slice(0, 40);
}

// ---------------------------------------------------------------------------------------------
// Grading

/** What grading needs of a question: the options with their keys and flags, and the settings. */
export interface GradableQuestion {
	type: QuestionType;
	/** in authored order: for ordering, the right order; for short_text, the accepted answers */
	options: readonly { key: string; text: string; correct: boolean }[];
	settings: QuestionSettings | null | undefined;
}

/**
 * The share of the question's points an answer earns, in [0, 1]. Poll and word cloud are never
 * scored (0). An empty or malformed answer earns 0.
 */
export function gradeAnswer(q: GradableQuestion, answer: readonly string[]): number {
	switch (q.type) {
		case 'single':
		case 'multiple':
		case 'true_false':
			return sameSet(
				q.options.filter((o) => o.correct).map((o) => o.key),
				answer
			)
				? 1
				: 0;
		case 'ordering':
			return orderingShare(
				q.options.map((o) => o.key),
				answer,
				q.settings?.ordering?.scoring ?? 'all'
			);
		case 'numeric': {
			const numeric = q.settings?.numeric;
			if (!numeric || answer.length !== 1) return 0;
			const given = parseTypedNumber(answer[0]);
			return given === null ? 0 : numericShare(numeric, given);
		}
		case 'short_text': {
			if (answer.length !== 1) return 0;
			const match = q.settings?.text ?? DEFAULT_TEXT_MATCH;
			const key = matchKey(answer[0], match);
			if (!key) return 0;
			return q.options.some((o) => matchKey(o.text, match) === key) ? 1 : 0;
		}
		case 'poll':
		case 'word_cloud':
			return 0;
	}
}

/**
 * Right or wrong, as online rounds count it ("số câu đúng"): the whole answer right. Ordering by
 * pairs and numeric by distance give partial points in live games only; in a round they count as
 * right when the order is entirely right, or the number within the tolerance.
 */
export function isAnswerRight(q: GradableQuestion, answer: readonly string[]): boolean {
	if (q.type === 'numeric') {
		const numeric = q.settings?.numeric;
		if (!numeric || answer.length !== 1) return false;
		const given = parseTypedNumber(answer[0]);
		return given !== null && withinTolerance(numeric, given);
	}
	if (q.type === 'ordering') {
		return (
			orderingShare(
				q.options.map((o) => o.key),
				answer,
				'all'
			) === 1
		);
	}
	return gradeAnswer(q, answer) === 1;
}

function sameSet(correct: readonly string[], chosen: readonly string[]): boolean {
	if (chosen.length === 0) return false;
	const want = new Set(correct);
	const got = new Set(chosen);
	if (want.size !== got.size) return false;
	for (const key of got) if (!want.has(key)) return false;
	return true;
}

/**
 * `answer` must be a permutation of `keys` (anything else earns 0). All-or-nothing: 1 iff the
 * same order. Pairs: the share of the n − 1 neighbouring pairs of the right order that the answer
 * also has one right after the other (A B C D answered A B D C keeps A→B: 1/3).
 */
export function orderingShare(keys: readonly string[], answer: readonly string[], scoring: OrderScoring): number {
	if (keys.length < 2 || answer.length !== keys.length) return 0;
	const at = new Map<string, number>();
	answer.forEach((k, i) => at.set(k, i));
	if (at.size !== keys.length || keys.some((k) => !at.has(k))) return 0;
	if (scoring === 'all') return keys.every((k, i) => answer[i] === k) ? 1 : 0;
	let kept = 0;
	for (let i = 0; i + 1 < keys.length; i++) if (at.get(keys[i + 1])! === at.get(keys[i])! + 1) kept += 1;
	return kept / (keys.length - 1);
}

function withinTolerance(n: NumericSettings, given: number): boolean {
	// A hair of slack so 0.1 + 0.2 typed as 0,3 is still exactly right.
	return Math.abs(given - n.answer) <= Math.abs(n.tolerance) + 1e-9 * Math.max(1, Math.abs(n.answer));
}

export function numericShare(n: NumericSettings, given: number): number {
	if (withinTolerance(n, given)) return 1;
	if (n.scoring !== 'distance' || !n.spread || n.spread <= 0) return 0;
	const beyond = Math.abs(given - n.answer) - Math.abs(n.tolerance);
	return Math.max(0, 1 - beyond / n.spread);
}
