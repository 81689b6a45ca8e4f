/**
 * The kinds of questions beyond choosing options (issue 16) in live games: what a player may send
 * for each kind, how it is graded and scored, what the screen shows of the answers, and the key
 * that goes out at the reveal (never before). Pure: the server (live-games.ts) and the views
 * (live-game-state.ts) use it.
 *
 * On the wire an answer is either `choice` (option indexes as shown: the chosen ones for single,
 * multiple, true/false and poll; every item, in the player's order, for ordering) or `text` (the
 * number or the words as typed, for numeric, short_text and word_cloud).
 */
import { hasAbusiveWord, scoreAnswer, type AnswerScore, type ScoringRule } from './live-game';
import {
	cloudWord,
	gradeAnswer,
	isScored,
	isTypedType,
	parseTypedNumber,
	TYPED_ANSWER_MAX,
	type QuestionSettings,
	type QuestionType
} from './question-kinds';
import { unsafeCharacter } from './text';

/** What a live game needs of a question to judge an answer to it. */
export interface KindQuestion {
	type: QuestionType;
	/** the options as shown (ordering: its items, shuffled; typed kinds: none) */
	options: readonly string[];
	/** choice kinds: the correct option indexes (poll: none) */
	correct: readonly number[];
	/** ordering: the shown indexes in the right order */
	order?: readonly number[];
	/** short_text: the accepted answers */
	accepted?: readonly string[];
	settings?: QuestionSettings | null;
}

export type KindRefusal =
	'invalid_choice' | 'invalid_order' | 'invalid_text' | 'text_too_long' | 'text_unsafe' | 'invalid_number';

/** An answer taken: what is stored, and what the views group it by. */
export interface JudgedAnswer {
	/** option indexes: sorted for the choice kinds, in the player's order for ordering; [] when typed */
	choice: number[];
	/** the typed text, cleaned (NFC, spaces collapsed); absent for the option kinds */
	text?: string;
	/** short_text and word cloud: the folded form answers are counted by; '' for a word kept off the cloud */
	group?: string;
	/** numeric: the number read from the text */
	value?: number;
	/** the share of the question's points, in [0, 1] (0 for the unscored kinds) */
	share: number;
}

/** Typed text as kept: NFC, whitespace collapsed and trimmed. */
export function cleanTyped(text: string): string {
	return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Why typed text is refused, or null. Control and bidi characters are refused, never dropped. */
export function typedProblem(text: string): 'invalid_text' | 'text_too_long' | 'text_unsafe' | null {
	if (unsafeCharacter(text, 'name') !== null) return 'text_unsafe';
	const cleaned = cleanTyped(text);
	if (!cleaned) return 'invalid_text';
	if ([...cleaned].length > TYPED_ANSWER_MAX) return 'text_too_long';
	return null;
}

/**
 * Checks an answer against the question it answers, and grades it: a refusal with its reason, or
 * the answer as kept. Ordering must be a permutation of the shown items; typed kinds take one
 * text of at most TYPED_ANSWER_MAX characters; the option kinds one option (several for multiple).
 */
export function judgeAnswer(
	q: KindQuestion,
	input: { choice?: readonly number[]; text?: string }
): { ok: true; answer: JudgedAnswer } | { ok: false; reason: KindRefusal } {
	if (isTypedType(q.type)) {
		if (typeof input.text !== 'string' || input.choice !== undefined) return { ok: false, reason: 'invalid_text' };
		const problem = typedProblem(input.text);
		if (problem) return { ok: false, reason: problem };
		const text = cleanTyped(input.text);
		if (q.type === 'numeric') {
			const value = parseTypedNumber(text);
			if (value === null) return { ok: false, reason: 'invalid_number' };
			return { ok: true, answer: { choice: [], text, value, share: shareOf(q, [], text) } };
		}
		if (q.type === 'word_cloud') {
			return { ok: true, answer: { choice: [], text, group: hasAbusiveWord(text) ? '' : cloudWord(text), share: 0 } };
		}
		return { ok: true, answer: { choice: [], text, group: cloudWord(text), share: shareOf(q, [], text) } };
	}
	const choice = input.choice;
	const n = q.options.length;
	const valid = (c: number) => Number.isInteger(c) && c >= 0 && c < n;
	if (q.type === 'ordering') {
		if (!choice || input.text !== undefined) return { ok: false, reason: 'invalid_order' };
		if (choice.length !== n || new Set(choice).size !== n || !choice.every(valid)) {
			return { ok: false, reason: 'invalid_order' };
		}
		const order = [...choice];
		return { ok: true, answer: { choice: order, share: shareOf(q, order) } };
	}
	if (!choice || input.text !== undefined || choice.length === 0) return { ok: false, reason: 'invalid_choice' };
	if (new Set(choice).size !== choice.length || !choice.every(valid)) return { ok: false, reason: 'invalid_choice' };
	// one option only, unless the question asks for several
	if (q.type !== 'multiple' && choice.length > 1) return { ok: false, reason: 'invalid_choice' };
	const sorted = [...choice].sort((a, b) => a - b);
	return { ok: true, answer: { choice: sorted, share: shareOf(q, sorted) } };
}

/**
 * The share of the points an answer earns, with `gradeAnswer`'s rules: the shown indexes stand for
 * the option keys (ordering: the right order is `q.order`; short_text: the accepted answers).
 */
export function shareOf(q: KindQuestion, choice: readonly number[], text?: string): number {
	if (!isScored(q.type)) return 0;
	const keyOf = (i: number) => String(i);
	if (q.type === 'ordering') {
		const order = q.order ?? [];
		return gradeAnswer(
			{
				type: 'ordering',
				options: order.map((i) => ({ key: keyOf(i), text: '', correct: false })),
				settings: q.settings
			},
			choice.map(keyOf)
		);
	}
	if (q.type === 'numeric' || q.type === 'short_text') {
		if (text === undefined) return 0;
		const options = (q.accepted ?? []).map((a) => ({ key: '', text: a, correct: true }));
		return gradeAnswer({ type: q.type, options, settings: q.settings }, [text]);
	}
	const correct = new Set(q.correct);
	const options = q.options.map((_, i) => ({ key: keyOf(i), text: '', correct: correct.has(i) }));
	return gradeAnswer({ type: q.type, options, settings: q.settings }, choice.map(keyOf));
}

/** An answer as stored in `live_game_answer.choice_json` (a list: option indexes, or the typed text). */
export function storedAnswer(q: KindQuestion, a: JudgedAnswer): string {
	return JSON.stringify(isTypedType(q.type) ? [a.text ?? ''] : a.choice);
}

/** An answer read back from the database (after a restart): judged again, as when it came. */
export function readStoredAnswer(q: KindQuestion, json: string): JudgedAnswer {
	const stored = JSON.parse(json) as unknown[];
	const input = isTypedType(q.type)
		? { text: typeof stored[0] === 'string' ? stored[0] : '' }
		: { choice: stored.filter((c): c is number => typeof c === 'number') };
	const judged = judgeAnswer(q, input);
	if (judged.ok) return judged.answer;
	return { choice: input.choice ?? [], ...(input.text !== undefined ? { text: input.text } : {}), share: 0 };
}

/** The option indexes an answer adds to the per-option counts (choice kinds and poll only). */
export function countedOptions(type: QuestionType, a: { choice: readonly number[] }): readonly number[] {
	return type === 'ordering' || isTypedType(type) ? [] : a.choice;
}

// ─── Scoring ─────────────────────────────────────────────────────────────────────────────────

/**
 * Points for an answer earning `share` of the question. Speed scoring: round(share × the
 * speed-scaled points); the streak bonus only for a full share. Accuracy scoring counts answers
 * entirely right (1 point): a partial share earns nothing there. A full share extends the streak;
 * a partial one earns its points but ends the streak, as a wrong answer does. Unscored kinds (poll,
 * word cloud): no points, and the streak stays as it was.
 */
export function scoreShare(
	rule: ScoringRule,
	type: QuestionType,
	input: { share: number; elapsedMs: number; limitMs: number; questionPoints: number; streakBefore: number }
): AnswerScore {
	if (!isScored(type)) return { points: 0, bonus: 0, streak: input.streakBefore };
	const share = Math.max(0, Math.min(1, input.share));
	if (share === 1 || share === 0) return scoreAnswer(rule, { ...input, correct: share === 1 });
	if (rule.preset === 'accuracy') return { points: 0, bonus: 0, streak: 0 };
	const full = scoreAnswer(rule, { ...input, correct: true, streakBefore: 0 });
	return { points: Math.round(share * full.points), bonus: 0, streak: 0 };
}

// ─── The order shown ─────────────────────────────────────────────────────────────────────────

/**
 * The ordering's items in the order they are shown: shuffled with `randomInt` (Fisher–Yates), and
 * never the right order (with two items or more): a shuffle that came out right is turned by one.
 * Deterministic for a given source, so a seeded source shows every phone the same order.
 */
export function shuffleAway<T>(items: readonly T[], randomInt: (maxExclusive: number) => number): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	if (out.length >= 2 && out.every((x, i) => x === items[i])) out.push(out.shift()!);
	return out;
}

// ─── What the reveal shows ───────────────────────────────────────────────────────────────────

/** The key of a question beyond its correct options: sent from the reveal on, never before. */
export interface GameAnswerKey {
	/** ordering: the shown item indexes in the right order */
	order?: number[];
	/** numeric: the number and the band around it that counts as right */
	numeric?: { answer: number; tolerance: number; unit?: string };
	/** short_text: the accepted answers */
	accepted?: string[];
}

export function answerKey(q: KindQuestion): GameAnswerKey | null {
	if (q.type === 'ordering' && q.order) return { order: [...q.order] };
	if (q.type === 'numeric' && q.settings?.numeric) {
		const { answer, tolerance, unit } = q.settings.numeric;
		return { numeric: { answer, tolerance, ...(unit ? { unit } : {}) } };
	}
	if (q.type === 'short_text') return { accepted: [...(q.accepted ?? [])] };
	return null;
}

/** A word of the cloud, or a typed answer, with how many gave it. */
export interface WordCount {
	word: string;
	count: number;
}

/** One bar of the numbers given: [from, to), the last one [from, to]; for whole numbers [from, to] each. */
export interface NumberBin {
	from: number;
	to: number;
	count: number;
}

/** What the screen shows of the answers at the reveal, per kind. */
export interface GameKindStats {
	/** ordering: players who put every item in the right place */
	allRight?: number;
	/** numeric: the numbers given, in bins (and how many were inside the band) */
	histogram?: NumberBin[];
	withinBand?: number;
	/** short_text: the most typed answers (folded), with counts and whether accepted */
	typed?: (WordCount & { right: boolean })[];
}

export const CLOUD_WORDS = 50;
export const TYPED_TOP = 8;
export const HISTOGRAM_BINS = 10;

/** Counts by group (folded text), most first then alphabetically; empty groups (filtered words) left out. */
export function topGroups(answers: Iterable<{ group?: string; text?: string }>, limit: number): WordCount[] {
	return rankGroups(answers, limit).map(({ word, count }) => ({ word, count }));
}

/**
 * The groups (folded forms) most given, each shown as the spelling most of its players typed
 * (edge punctuation dropped; the first typed wins a tie), so the screen reads "Minh bạch" with its
 * accents while "minh bach" and "MINH BẠCH!" still count for it.
 */
function rankGroups(
	answers: Iterable<{ group?: string; text?: string }>,
	limit: number
): (WordCount & { group: string })[] {
	const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
	for (const a of answers) {
		if (!a.group) continue;
		let g = groups.get(a.group);
		if (!g) groups.set(a.group, (g = { count: 0, spellings: new Map() }));
		g.count += 1;
		const spelling = (a.text ?? '').replace(EDGE_PUNCTUATION, '') || a.group;
		g.spellings.set(spelling, (g.spellings.get(spelling) ?? 0) + 1);
	}
	return [...groups]
		.sort(([ga, a], [gb, b]) => b.count - a.count || (ga < gb ? -1 : ga > gb ? 1 : 0))
		.slice(0, limit)
		.map(([group, g]) => {
			let word = group;
			let best = 0;
			for (const [spelling, n] of g.spellings) {
				if (n > best) {
					word = spelling;
					best = n;
				}
			}
			return { group, word, count: g.count };
		});
}

const EDGE_PUNCTUATION = /^[\s"'“”‘’«».,;:!?()[\]-]+|[\s"'“”‘’«».,;:!?()[\]-]+$/gu;

/** The word cloud: the words typed, counted folded, abusive ones filtered, the CLOUD_WORDS most given. */
export function wordCloud(answers: Iterable<{ group?: string; text?: string }>): WordCount[] {
	return topGroups(answers, CLOUD_WORDS);
}

/** The numbers given in `bins` equal bars over the range the question allows, or the range given. */
export function histogram(
	values: readonly number[],
	around: { answer: number; tolerance: number; min?: number; max?: number },
	bins = HISTOGRAM_BINS
): NumberBin[] {
	if (values.length === 0) return [];
	let lo = around.min ?? Math.min(around.answer - around.tolerance, ...values);
	let hi = around.max ?? Math.max(around.answer + around.tolerance, ...values);
	if (!(hi > lo)) {
		lo -= 1;
		hi += 1;
	}
	// Whole numbers (a count of provinces, a year) get whole bars: 1–10, 11–20… read better on a
	// screen than 1, 10,9, 20,8; each bar [from, to] holds whole numbers only.
	if ([lo, hi, around.answer, around.tolerance, ...values].every(Number.isInteger)) {
		const span = hi - lo + 1;
		const whole = Math.ceil(span / bins);
		const out: NumberBin[] = Array.from({ length: Math.ceil(span / whole) }, (_, i) => ({
			from: lo + i * whole,
			to: Math.min(hi, lo + (i + 1) * whole - 1),
			count: 0
		}));
		for (const v of values) out[Math.min(out.length - 1, Math.max(0, Math.floor((v - lo) / whole)))].count++;
		return out;
	}
	const width = (hi - lo) / bins;
	const out: NumberBin[] = Array.from({ length: bins }, (_, i) => ({
		from: lo + i * width,
		to: i === bins - 1 ? hi : lo + (i + 1) * width,
		count: 0
	}));
	for (const v of values) {
		const i = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width)));
		out[i].count++;
	}
	return out;
}

/** The screen's figures at the reveal of a question of one of the new kinds (null for the others). */
export function kindStats(q: KindQuestion, answers: readonly JudgedAnswer[]): GameKindStats | null {
	switch (q.type) {
		case 'ordering':
			return { allRight: answers.filter((a) => a.share === 1).length };
		case 'numeric': {
			const n = q.settings?.numeric;
			if (!n) return null;
			const values = answers.flatMap((a) => (a.value === undefined ? [] : [a.value]));
			return {
				histogram: histogram(values, n),
				withinBand: values.filter((v) => Math.abs(v - n.answer) <= Math.abs(n.tolerance) + 1e-9).length
			};
		}
		case 'short_text': {
			const rightGroups = new Set(answers.filter((a) => a.share === 1).map((a) => a.group));
			return {
				typed: rankGroups(answers, TYPED_TOP).map(({ group, word, count }) => ({
					word,
					count,
					right: rightGroups.has(group)
				}))
			};
		}
		default:
			return null;
	}
}
