/**
 * Ranking rules (DESIGN.md §3): the best attempt of a contestant, and the configurable, total
 * order of a leaderboard.
 */
import type { RankCriterion } from './types';

export interface RankEntry {
	attemptId: string;
	score: number;
	/** ms */
	durationMs: number;
	/** ms since epoch */
	submittedAt: number;
	prediction: number | null;
}

type Comparator = (a: RankEntry, b: RankEntry) => number;

/** Ascending numeric compare that never returns NaN for infinities. */
function compareNumbers(a: number, b: number): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Code-unit string compare: locale-independent, so the order is the same on every machine. */
function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** |prediction − actual|, or null when either is unknown. */
export function predictionDistance(prediction: number | null, actual: number | null): number | null {
	if (prediction === null || actual === null) return null;
	return Math.abs(prediction - actual);
}

/**
 * Orders the attempts of ONE contestant, best first: score desc, duration asc,
 * submittedAt asc, attemptId asc.
 */
export function compareBestAttempt(a: RankEntry, b: RankEntry): number {
	return (
		compareNumbers(b.score, a.score) ||
		compareNumbers(a.durationMs, b.durationMs) ||
		compareNumbers(a.submittedAt, b.submittedAt) ||
		compareIds(a.attemptId, b.attemptId)
	);
}

/** The attempt that counts for a contestant, or null when there is none. */
export function pickBestAttempt<T extends RankEntry>(attempts: readonly T[]): T | null {
	let best: T | null = null;
	for (const attempt of attempts) {
		if (best === null || compareBestAttempt(attempt, best) < 0) best = attempt;
	}
	return best;
}

/** Criteria usable while the round is open: the prediction's actual value is unknown until close. */
export function liveCriteria(criteria: readonly RankCriterion[]): RankCriterion[] {
	return criteria.filter((c) => c !== 'prediction');
}

/** Closer prediction first; a missing prediction ranks after any given one. */
function comparePrediction(a: RankEntry, b: RankEntry, actual: number): number {
	const da = predictionDistance(a.prediction, actual);
	const db = predictionDistance(b.prediction, actual);
	if (da === null || db === null) return compareNumbers(da === null ? 1 : 0, db === null ? 1 : 0);
	return compareNumbers(da, db);
}

function criterionComparator(criterion: RankCriterion, actual: number | null): Comparator | null {
	switch (criterion) {
		case 'score':
			return (a, b) => compareNumbers(b.score, a.score);
		case 'prediction':
			return actual === null ? null : (a, b) => comparePrediction(a, b, actual);
		case 'duration':
			return (a, b) => compareNumbers(a.durationMs, b.durationMs);
		case 'submittedAt':
			return (a, b) => compareNumbers(a.submittedAt, b.submittedAt);
	}
}

/**
 * Comparator applying `criteria` in order (score desc, prediction distance asc, duration asc,
 * submittedAt asc), then attemptId asc so the order is total. With `actual === null` the
 * prediction criterion is skipped. With `total` false there is no attemptId step: 0 then means
 * equal on every criterion (prizes are shared on such a tie, never drawn).
 */
export function compareByCriteria(
	criteria: readonly RankCriterion[],
	actual: number | null,
	total = true
): (a: RankEntry, b: RankEntry) => number {
	const comparators = criteria.map((c) => criterionComparator(c, actual)).filter((c): c is Comparator => c !== null);
	return (a, b) => {
		for (const compare of comparators) {
			const result = compare(a, b);
			if (result !== 0) return result;
		}
		return total ? compareIds(a.attemptId, b.attemptId) : 0;
	};
}

/** Sorted copy with 1-based `rank` = position (no shared ranks: the order is total). */
export function rankEntries<T extends RankEntry>(
	entries: readonly T[],
	criteria: readonly RankCriterion[],
	actual: number | null
): (T & { rank: number })[] {
	const compare = compareByCriteria(criteria, actual);
	return entries
		.slice()
		.sort(compare)
		.map((entry, i) => ({ ...entry, rank: i + 1 }));
}
