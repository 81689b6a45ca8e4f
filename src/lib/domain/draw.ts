/**
 * Drawing an attempt's questions from the blueprint (DESIGN.md §3, "Answer keys never reach the
 * browser"). Deterministic for a seed so an attempt can be rebuilt from its recorded seed.
 */
import { createRng, randomToken, shuffle } from './random';
import type { Difficulty } from './types';

export interface BlueprintItem {
	topicId: string;
	difficulty: Difficulty;
	count: number;
}

/** A question the draw may pick, before its options are known. */
export interface QuestionCandidate {
	questionId: string;
	versionId: string;
	topicId: string;
	difficulty: Difficulty;
}

export interface DrawCandidate extends QuestionCandidate {
	optionKeys: readonly string[];
	/** false keeps the authored order (true/false questions); defaults to true. */
	shuffleOptions?: boolean;
	/**
	 * Ordering questions: the authored order is the answer, so the order shown is never it (a
	 * shuffle that lands on it is turned by one place).
	 */
	avoidAuthoredOrder?: boolean;
}

export interface DrawnItem {
	/** 1-based position in the attempt */
	position: number;
	questionId: string;
	versionId: string;
	/** option keys in the order shown */
	optionKeys: string[];
	/** opaque per-attempt ids, same order as optionKeys */
	optionIds: string[];
}

export interface DrawFailure {
	ok: false;
	reason: 'blueprint_unsatisfiable';
	topicId: string;
	difficulty: Difficulty;
	needed: number;
	available: number;
}

export type DrawResult = { ok: true; items: DrawnItem[] } | DrawFailure;

export type BlueprintCheck = { ok: true } | DrawFailure;

/** Length of an option id; 32^10 values make collisions within one attempt negligible. */
export const OPTION_ID_LENGTH = 10;

interface Group<C extends QuestionCandidate = QuestionCandidate> {
	topicId: string;
	difficulty: Difficulty;
	needed: number;
	pool: C[];
}

function groupKey(topicId: string, difficulty: Difficulty): string {
	return `${difficulty}\u0000${topicId}`;
}

function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Candidates sorted by questionId (then versionId), one per question. */
function uniqueCandidates<C extends QuestionCandidate>(candidates: readonly C[]): C[] {
	const sorted = candidates
		.slice()
		.sort((a, b) => compareStrings(a.questionId, b.questionId) || compareStrings(a.versionId, b.versionId));
	return sorted.filter((c, i) => i === 0 || sorted[i - 1]?.questionId !== c.questionId);
}

/**
 * Merges blueprint lines by topic × difficulty (a repeated line adds to the count, never draws a
 * question twice) and attaches each group's candidate pool. Groups keep first-occurrence order.
 */
function buildGroups<C extends QuestionCandidate>(
	blueprint: readonly BlueprintItem[],
	candidates: readonly C[]
): Group<C>[] {
	const groups = new Map<string, Group<C>>();
	for (const line of blueprint) {
		const count = Math.max(0, Math.floor(line.count));
		const key = groupKey(line.topicId, line.difficulty);
		const group = groups.get(key);
		if (group) group.needed += count;
		else groups.set(key, { topicId: line.topicId, difficulty: line.difficulty, needed: count, pool: [] });
	}
	for (const candidate of uniqueCandidates(candidates)) {
		groups.get(groupKey(candidate.topicId, candidate.difficulty))?.pool.push(candidate);
	}
	return [...groups.values()].filter((g) => g.needed > 0);
}

function findShortfall(groups: readonly Group[]): DrawFailure | null {
	for (const g of groups) {
		if (g.pool.length < g.needed) {
			return {
				ok: false,
				reason: 'blueprint_unsatisfiable',
				topicId: g.topicId,
				difficulty: g.difficulty,
				needed: g.needed,
				available: g.pool.length
			};
		}
	}
	return null;
}

/** Whether the candidates can fill the blueprint; the first short topic × difficulty otherwise. */
export function checkBlueprint(
	blueprint: readonly BlueprintItem[],
	candidates: readonly QuestionCandidate[]
): BlueprintCheck {
	return findShortfall(buildGroups(blueprint, candidates)) ?? { ok: true };
}

function nextOptionId(rng: () => number, used: Set<string>): string {
	let id = randomToken(rng, OPTION_ID_LENGTH);
	while (used.has(id)) id = randomToken(rng, OPTION_ID_LENGTH);
	used.add(id);
	return id;
}

/** The questions picked for an attempt, in the order shown, and the draw's generator to go on with. */
export type PickResult<C extends QuestionCandidate> = { ok: true; picked: C[]; rng: () => number } | DrawFailure;

/**
 * The first half of drawAttempt: picks exactly the blueprint's counts per topic × difficulty and
 * shuffles them across the whole attempt. Needs no option of any question, so the bank can be
 * read without its options and only the picked questions' options loaded for arrangeOptions.
 */
export function pickQuestions<C extends QuestionCandidate>(
	seed: string,
	blueprint: readonly BlueprintItem[],
	candidates: readonly C[]
): PickResult<C> {
	const groups = buildGroups(blueprint, candidates);
	const failure = findShortfall(groups);
	if (failure) return failure;

	const rng = createRng(seed);
	// Sort groups so the draw does not depend on the order of blueprint lines either.
	const ordered = groups
		.slice()
		.sort((a, b) => compareStrings(groupKey(a.topicId, a.difficulty), groupKey(b.topicId, b.difficulty)));
	const picked = ordered.flatMap((g) => shuffle(g.pool, rng).slice(0, g.needed));
	return { ok: true, picked: shuffle(picked, rng), rng };
}

/**
 * The second half of drawAttempt: shuffles each picked question's options (unless
 * `shuffleOptions === false`) with the generator pickQuestions left, and names them with random
 * ids unique within the attempt.
 */
export function arrangeOptions(
	rng: () => number,
	picked: readonly Pick<
		DrawCandidate,
		'questionId' | 'versionId' | 'optionKeys' | 'shuffleOptions' | 'avoidAuthoredOrder'
	>[]
): DrawnItem[] {
	const usedIds = new Set<string>();
	return picked.map((c, i): DrawnItem => {
		let optionKeys = c.shuffleOptions === false ? c.optionKeys.slice() : shuffle(c.optionKeys, rng);
		if (c.avoidAuthoredOrder && optionKeys.length >= 2 && optionKeys.every((k, j) => k === c.optionKeys[j])) {
			// no draw of the generator: every other item's options stay as the seed made them
			optionKeys = [...optionKeys.slice(1), optionKeys[0]];
		}
		return {
			position: i + 1,
			questionId: c.questionId,
			versionId: c.versionId,
			optionKeys,
			optionIds: optionKeys.map(() => nextOptionId(rng, usedIds))
		};
	});
}

/**
 * Draws exactly the blueprint's counts per topic × difficulty, shuffles the questions across the
 * whole attempt and each question's options (unless `shuffleOptions === false`), and names options
 * with random ids unique within the attempt. Same seed and inputs (in any order) give the same draw.
 */
export function drawAttempt(
	seed: string,
	blueprint: readonly BlueprintItem[],
	candidates: readonly DrawCandidate[]
): DrawResult {
	const pick = pickQuestions(seed, blueprint, candidates);
	if (!pick.ok) return pick;
	return { ok: true, items: arrangeOptions(pick.rng, pick.picked) };
}
