/**
 * Item analysis of a round, the way Moodle's quiz statistics report does it
 * (docs.moodle.org/dev/Quiz_statistics_calculations; question/classes/statistics/questions/calculator.php
 * and mod/quiz/report/statistics/classes/calculator.php in Moodle's source), from sufficient
 * statistics: the database returns counts and sums per question or per slot, never every answer,
 * and these pure functions turn them into figures.
 *
 * Conventions: an item scores x = 1 when answered correctly, else 0 (all-or-nothing, one point);
 * an attempt's score is the sum of its items. Because x ∈ {0, 1}, Σx² = Σx.
 */

import { matchKey } from './question-kinds';
import type { Difficulty, QuestionType } from './types';

/** Sums over the attempts that drew one question (or one version of it). */
export interface ItemSums {
	/** attempts that drew the item */
	n: number;
	/** Σx: attempts that answered it correctly */
	correct: number;
	/** Σy, where y = the attempt's score − x: the rest of the test */
	sumRest: number;
	/** Σy² */
	sumRest2: number;
	/** Σxy */
	sumCorrectRest: number;
}

export const EMPTY_ITEM_SUMS: ItemSums = { n: 0, correct: 0, sumRest: 0, sumRest2: 0, sumCorrectRest: 0 };

/** Sums add up: versions of a question, or batches of attempts, merge by adding. */
export function addItemSums(a: ItemSums, b: ItemSums): ItemSums {
	return {
		n: a.n + b.n,
		correct: a.correct + b.correct,
		sumRest: a.sumRest + b.sumRest,
		sumRest2: a.sumRest2 + b.sumRest2,
		sumCorrectRest: a.sumCorrectRest + b.sumCorrectRest
	};
}

/**
 * n·Σab − Σa·Σb, which is n² times the population covariance of a and b. Exact (BigInt) when the
 * sums are integers, as they are here: the two products pass 2⁵³ at a few million attempts, and
 * a variance that is zero must come out as zero, not as a rounding error.
 */
function scaledCovariance(n: number, sumA: number, sumB: number, sumAB: number): number {
	if ([n, sumA, sumB, sumAB].every(Number.isSafeInteger)) {
		return Number(BigInt(n) * BigInt(sumAB) - BigInt(sumA) * BigInt(sumB));
	}
	return n * sumAB - sumA * sumB;
}

/**
 * Pearson's correlation from sums: r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
 * Null when it is undefined: fewer than two pairs, or x or y never varies.
 */
export function correlationFromSums(
	n: number,
	sumX: number,
	sumX2: number,
	sumY: number,
	sumY2: number,
	sumXY: number
): number | null {
	if (n < 2) return null;
	const varX = scaledCovariance(n, sumX, sumX, sumX2);
	const varY = scaledCovariance(n, sumY, sumY, sumY2);
	if (varX <= 0 || varY <= 0) return null;
	const r = scaledCovariance(n, sumX, sumY, sumXY) / Math.sqrt(varX * varY);
	return Math.max(-1, Math.min(1, r));
}

/**
 * Facility index: the share of the attempts that drew the item and answered it correctly, 0–1
 * (Moodle: mean mark ÷ max mark, shown as a percentage). Null when nobody drew it.
 */
export function facility(item: Pick<ItemSums, 'n' | 'correct'>): number | null {
	return item.n === 0 ? null : item.correct / item.n;
}

/**
 * Discrimination index as r, −1 to 1 (Moodle shows the same number × 100 as a percentage): the
 * correlation between the item's score and the score on the rest of the test (the attempt's score
 * minus this item), over the attempts that drew the item. Excluding the item from the total keeps
 * it from correlating with itself. Moodle does exactly this for a fixed question in a slot; for a
 * question drawn at random it correlates with the whole score instead, which inflates the figure;
 * we use the rest of the test for every question. Null when undefined (everyone right, everyone
 * wrong, or the rest of the test never varies).
 */
export function discrimination(item: ItemSums): number | null {
	return correlationFromSums(item.n, item.correct, item.correct, item.sumRest, item.sumRest2, item.sumCorrectRest);
}

/** One slot (position 1..k) over the attempts that have all k items. */
export interface SlotSums {
	n: number;
	/** Σx: attempts right at this position, whichever question they drew there */
	correct: number;
}

/** Attempt scores over the same attempts as the slots. */
export interface TotalSums {
	n: number;
	/** Σ score */
	sum: number;
	/** Σ score² */
	sum2: number;
}

/**
 * Cronbach's alpha, the test's internal consistency: α = k/(k−1) · (1 − Σᵢ var(xᵢ) / var(T)), with k
 * slots, xᵢ the mark at slot i and T the attempt's score. Moodle reports it as the "coefficient of
 * internal consistency" (CIC = 100·α) and, like us, computes it per slot when questions are drawn
 * at random. The variances' denominators (n or n − 1) cancel because every slot and the total are
 * over the same attempts. Null with fewer than two slots, fewer than two attempts, or when every
 * attempt has the same score. Can be negative when the items disagree with each other.
 */
export function cronbachAlpha(slots: readonly SlotSums[], total: TotalSums): number | null {
	const k = slots.length;
	if (k < 2 || total.n < 2) return null;
	const totalVariance = scaledCovariance(total.n, total.sum, total.sum, total.sum2) / (total.n * total.n);
	if (totalVariance <= 0) return null;
	let itemVariance = 0;
	for (const slot of slots) {
		if (slot.n === 0) return null;
		// A 0/1 item: var = p(1 − p).
		const p = slot.correct / slot.n;
		itemVariance += p * (1 - p);
	}
	return (k / (k - 1)) * (1 - itemVariance / totalVariance);
}

export type AlphaLevel = 'good' | 'acceptable' | 'low';

/**
 * A one-word reading of alpha with Moodle's thresholds for the CIC ("Quiz report statistics"):
 * above 0.75 satisfactory (good), below 0.64 unsatisfactory (low), acceptable in between.
 */
export function alphaLevel(alpha: number | null): AlphaLevel | null {
	if (alpha === null) return null;
	return alpha >= 0.75 ? 'good' : alpha >= 0.64 ? 'acceptable' : 'low';
}

/** Score bands of contestants' best attempts, from nothing right to everything right. */
export const SCORE_BUCKETS = ['zero', 'low', 'middle', 'high', 'perfect'] as const;
export type ScoreBucket = (typeof SCORE_BUCKETS)[number];

/**
 * zero: 0; low: above 0 and under 25 %; middle: 25 % to under 75 %; high: 75 % to under 100 %;
 * perfect: 100 %. Compared in integers, so 3 of 4 is exactly 75 %.
 */
export function scoreBucket(score: number, maxScore: number): ScoreBucket {
	if (score <= 0) return 'zero';
	if (score >= maxScore) return 'perfect';
	if (4 * score >= 3 * maxScore) return 'high';
	if (4 * score >= maxScore) return 'middle';
	return 'low';
}

export interface BucketCount {
	bucket: ScoreBucket;
	count: number;
	/** count ÷ all, 0–1; 0 when there is nobody */
	share: number;
}

/** Every bucket, in SCORE_BUCKETS order, from counts of (score, max score) pairs. */
export function scoreDistribution(rows: readonly { score: number; maxScore: number; count: number }[]): BucketCount[] {
	const counts = new Map<ScoreBucket, number>(SCORE_BUCKETS.map((b) => [b, 0]));
	let all = 0;
	for (const row of rows) {
		const bucket = scoreBucket(row.score, row.maxScore);
		counts.set(bucket, counts.get(bucket)! + row.count);
		all += row.count;
	}
	return SCORE_BUCKETS.map((bucket) => {
		const count = counts.get(bucket)!;
		return { bucket, count, share: all === 0 ? 0 : count / all };
	});
}

/**
 * Thresholds for "needs review". Moodle's guide to its statistics ("Quiz report statistics") reads
 * a facility of 95–100 % as extremely easy and 6–10 % as very difficult (5 % or less: "something
 * wrong with the question"), a discrimination index of 0–19 % as very weak and negative as
 * "probably invalid" (often a wrong key). Moodle itself highlights a question whose discriminative
 * efficiency is under 15 %; we flag on the two figures we show.
 */
export const REVIEW = {
	/** fewer attempts than this give no verdict: one answer would move the facility by over 20 points */
	minAttempts: 5,
	easyAbove: 0.95,
	hardBelow: 0.1,
	discriminationBelow: 0.2
} as const;

export type ReviewReason = 'too_easy' | 'too_hard' | 'negative_discrimination' | 'low_discrimination';

export interface ItemFigures {
	n: number;
	facility: number | null;
	discrimination: number | null;
}

/** Why a question needs a second look; empty when it looks fine or was drawn too rarely to judge. */
export function reviewReasons(item: ItemFigures, minAttempts: number = REVIEW.minAttempts): ReviewReason[] {
	if (item.n < minAttempts || item.facility === null) return [];
	const reasons: ReviewReason[] = [];
	if (item.facility > REVIEW.easyAbove) reasons.push('too_easy');
	if (item.facility < REVIEW.hardBelow) reasons.push('too_hard');
	if (item.discrimination !== null) {
		if (item.discrimination < 0) reasons.push('negative_discrimination');
		else if (item.discrimination < REVIEW.discriminationBelow) reasons.push('low_discrimination');
	}
	return reasons;
}

/**
 * The ids of the most-missed questions: lowest facility first, then the most attempts (the same
 * share over more attempts is surer), then id; only questions drawn at least `minAttempts` times.
 */
export function mostMissed<T extends { id: string; n: number; facility: number | null }>(
	items: readonly T[],
	limit = 10,
	minAttempts: number = REVIEW.minAttempts
): string[] {
	return items
		.filter((q) => q.facility !== null && q.n >= minAttempts)
		.sort((a, b) => a.facility! - b.facility! || b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.slice(0, limit)
		.map((q) => q.id);
}

export interface DayCount {
	/** the day's first instant (midnight in the contest's time zone), ms since epoch */
	start: number;
	/** finished attempts submitted that day */
	attempts: number;
	/** contestants whose first attempt in the round (ordinal 1) was submitted that day, if it counts */
	newContestants: number;
}

/**
 * Folds counts per hour into calendar days. `dayStarts` are the days' first instants, ascending
 * (computed by the caller in the contest's time zone); an hour belongs to the last day starting at
 * or before it. Hours before the first day count on the first day, as do submissions in the grace
 * after the close on the last day. Assumes day boundaries fall on whole hours (true of
 * Asia/Ho_Chi_Minh, UTC+7 without daylight saving).
 */
export function countPerDay(
	dayStarts: readonly number[],
	hours: readonly { at: number; attempts: number; newContestants: number }[]
): DayCount[] {
	const days = dayStarts.map((start) => ({ start, attempts: 0, newContestants: 0 }));
	if (days.length === 0) return days;
	for (const hour of hours) {
		let lo = 0;
		let hi = days.length - 1;
		// The last day whose start is at or before the hour (binary search).
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (days[mid].start <= hour.at) lo = mid;
			else hi = mid - 1;
		}
		days[lo].attempts += hour.attempts;
		days[lo].newContestants += hour.newContestants;
	}
	return days;
}

/** One question, every version of it drawn in the round taken together. Flat, for a spreadsheet row. */
export interface QuestionStatistic {
	questionId: string;
	/** the latest drawn version's text, whitespace collapsed, cut to about 140 characters */
	text: string;
	topic: string;
	/** the latest drawn version's type */
	type: QuestionType;
	/** the question's difficulty as the bank says now */
	difficulty: Difficulty;
	/** counted attempts that drew the question */
	n: number;
	/** of those, answered correctly */
	correct: number;
	/** correct ÷ n, 0–1 (Moodle's facility index ÷ 100) */
	facility: number | null;
	/** r of the item with the rest of the test, −1 to 1 (Moodle's discrimination index ÷ 100) */
	discrimination: number | null;
	/** why it needs review; empty when fine or drawn fewer than REVIEW.minAttempts times */
	review: ReviewReason[];
	/** place among the most missed (1–10), null when not among them */
	missedRank: number | null;
}

/** A wrong answer typed to a short-text question, in its most common spelling, and how many typed it. */
export interface TypedAnswerCount {
	text: string;
	count: number;
}

const FOLDED = { ignoreCase: true, ignoreDiacritics: true };

/**
 * The most frequent wrong answers of a short-text question (issue 16): typed answers that differ
 * only in case, diacritics, spaces or punctuation at the ends count as one, shown in the spelling
 * typed most often; most frequent first (then alphabetically), at most `limit`.
 */
export function frequentWrongAnswers(rows: readonly { text: string; count: number }[], limit = 5): TypedAnswerCount[] {
	const groups = new Map<string, { count: number; spellings: Map<string, number> }>();
	for (const row of rows) {
		const key = matchKey(row.text, FOLDED);
		if (!key) continue;
		const group = groups.get(key) ?? { count: 0, spellings: new Map<string, number>() };
		group.count += row.count;
		const spelling = row.text.trim();
		group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + row.count);
		groups.set(key, group);
	}
	return [...groups.values()]
		.map((g) => ({
			text: [...g.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0],
			count: g.count
		}))
		.sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
		.slice(0, limit);
}
