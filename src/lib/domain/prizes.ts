/**
 * Prizes of a closed round (DESIGN.md §3): individual prizes per group down the final order, and
 * collective prizes for units. Ties are broken by the criteria; two entries equal on every
 * criterion at a prize boundary share the prize (the count grows), so nothing is left to luck.
 */
import { PRIZE_TIERS, type CollectivePrizeRule, type PrizeCounts, type PrizeTier } from './types';

export const NO_PRIZES: PrizeCounts = { first: 0, second: 0, third: 0, consolation: 0 };

/**
 * The prize of each entry of one group's final order (best first), by index. Entries that are
 * not eligible (an earlier winner when the round excludes them) are passed over and the prize
 * goes to the next. `tied(a, b)` says whether two entries are equal on every ranking criterion.
 */
export function allocatePrizes<T>(
	ranked: readonly T[],
	counts: PrizeCounts,
	eligible: (entry: T) => boolean,
	tied: (a: T, b: T) => boolean
): (PrizeTier | null)[] {
	const prizes: (PrizeTier | null)[] = ranked.map(() => null);
	let next = 0;
	const nextEligible = (): number => {
		while (next < ranked.length && !eligible(ranked[next])) next++;
		return next;
	};
	for (const tier of PRIZE_TIERS) {
		let given = 0;
		let last = -1;
		while (given < counts[tier] && nextEligible() < ranked.length) {
			prizes[next] = tier;
			last = next++;
			given++;
		}
		// Whoever ties the last winner of this tier on every criterion wins the same prize.
		while (last >= 0 && nextEligible() < ranked.length && tied(ranked[last], ranked[next])) {
			prizes[next] = tier;
			last = next++;
		}
	}
	return prizes;
}

export interface UnitStanding {
	id: string;
	name: string;
	participants: number;
	headcount: number;
	/** participants ÷ headcount, null without headcount */
	rate: number | null;
	/** mean best score in percent, null without participants */
	meanPercent: number | null;
}

const ORDERS: Record<CollectivePrizeRule['by'], (keyof Pick<UnitStanding, 'rate' | 'participants' | 'meanPercent'>)[]> =
	{
		participation_rate: ['rate', 'participants', 'meanPercent'],
		participants: ['participants', 'rate', 'meanPercent'],
		mean_score: ['meanPercent', 'rate', 'participants']
	};

/** Higher first; a missing value after any present one. */
function compareDesc(a: number | null, b: number | null): number {
	if (a === b) return 0;
	if (a === null) return 1;
	if (b === null) return -1;
	return b - a;
}

/**
 * Units ranked by the round's collective criterion (then the other two), with the collective
 * prize (1, 2, 3…) of the first `count` eligible ones: at least one participant and a
 * participation rate of at least `minRate` (a unit without headcount has no rate, so it can win
 * only when no minimum is set). Units equal on all three criteria share a place.
 */
export function rankUnits<T extends UnitStanding>(
	units: readonly T[],
	rule: CollectivePrizeRule
): (T & { rank: number; prize: number | null })[] {
	const keys = ORDERS[rule.by];
	const compare = (a: T, b: T): number => {
		for (const key of keys) {
			const c = compareDesc(a[key], b[key]);
			if (c !== 0) return c;
		}
		return 0;
	};
	const sorted = [...units].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const eligible = (u: T): boolean =>
		u.participants > 0 && (rule.minRate <= 0 || (u.rate !== null && u.rate >= rule.minRate));
	const out: (T & { rank: number; prize: number | null })[] = [];
	let place = 0;
	let prizePlace = 0;
	let prizesGiven = 0;
	sorted.forEach((unit, i) => {
		const tiedWithPrevious = i > 0 && compare(sorted[i - 1], unit) === 0;
		if (!tiedWithPrevious) place = i + 1;
		let prize: number | null = null;
		if (eligible(unit)) {
			const previous = out.findLast((u) => u.prize !== null);
			if (previous && compare(previous, unit) === 0) prize = previous.prize;
			else if (prizesGiven < rule.count) prize = ++prizePlace;
			if (prize !== null) prizesGiven++;
		}
		out.push({ ...unit, rank: place, prize });
	});
	return out;
}

/** Rate as participants ÷ headcount, or null when the unit has no headcount. */
export function participationRate(participants: number, headcount: number): number | null {
	return headcount > 0 ? participants / headcount : null;
}

/**
 * The tier a collective prize is announced as: 1 → Nhất, 2 → Nhì, 3 → Ba, and any further
 * place (a round may reward more than three units) → Khuyến khích.
 */
export function collectivePrizeTier(prize: number): PrizeTier {
	return PRIZE_TIERS[Math.min(Math.max(prize, 1), PRIZE_TIERS.length) - 1];
}
