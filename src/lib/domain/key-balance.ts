/**
 * Where the right answers sat, as contestants saw them: a bank whose true/false keys are all
 * "Đúng" (the demo bank once was: 12 of 12) lets a contestant who always taps "Đúng" win them, and
 * the same goes for an option position when options are not shuffled. The round statistics flag
 * a lopsided spread.
 *
 * The rule, for the drawn items of one kind (true/false; single-answer with k options):
 *   - at least KEY_BALANCE.minDrawn items, else no verdict;
 *   - the most common position's share exceeds the even share 1/k by more than KEY_BALANCE.margin
 *     (true/false: above 60 %; four options: above 35 %), so that always guessing it pays at
 *     least 10 points over chance: the effect is big enough to matter;
 *   - and Pearson's chi-square statistic against the even spread exceeds its critical value at
 *     p = 0.001 for k − 1 degrees of freedom: the tilt is not the luck of the draw.
 * The chi-square test takes the drawn items as independent, which overstates the evidence when a
 * few questions are drawn many times; the margin keeps that from flagging a small tilt.
 * Multiple-answer questions have no single position and are left out.
 */

export type KeyKind = 'true_false' | 'single';

/** Drawn items of one kind whose right answer was shown at each position (0 = first; true/false: 0 = Đúng). */
export interface KeyPositionCounts {
	kind: KeyKind;
	/** options shown: 2 for true/false */
	options: number;
	/** length `options` */
	counts: number[];
}

export type KeyVerdict = 'lopsided' | 'balanced' | 'too_few';

export interface KeyBalance extends KeyPositionCounts {
	drawn: number;
	/** the most common position (the first on a tie) */
	top: number;
	/** its share of the drawn items, 0–1 */
	topShare: number;
	/** Pearson's statistic against an even spread */
	chiSquare: number;
	verdict: KeyVerdict;
}

export const KEY_BALANCE = {
	minDrawn: 20,
	margin: 0.1,
	/** chi-square critical values at p = 0.001 for 1..7 degrees of freedom (2..8 options) */
	critical: [10.828, 13.816, 16.266, 18.467, 20.515, 22.458, 24.322]
} as const;

/** The verdict on one kind of item. */
export function judgeKeys(group: KeyPositionCounts): KeyBalance {
	const drawn = group.counts.reduce((sum, n) => sum + n, 0);
	const k = group.counts.length;
	let top = 0;
	for (let i = 1; i < k; i++) if (group.counts[i] > group.counts[top]) top = i;
	const expected = drawn / k;
	const chiSquare = drawn === 0 ? 0 : group.counts.reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0);
	const topShare = drawn === 0 ? 0 : group.counts[top] / drawn;
	const critical = KEY_BALANCE.critical[k - 2] ?? Infinity;
	const verdict: KeyVerdict =
		drawn < KEY_BALANCE.minDrawn || k < 2
			? 'too_few'
			: topShare > 1 / k + KEY_BALANCE.margin && chiSquare > critical
				? 'lopsided'
				: 'balanced';
	return { ...group, counts: [...group.counts], drawn, top, topShare, chiSquare, verdict };
}

/**
 * Adds up drawn items into counts per kind and option count: true/false first, then single-answer
 * by number of options. `position` is where the right answer was shown, 0-based.
 */
export function countKeyPositions(
	items: Iterable<{ kind: KeyKind; options: number; position: number; count: number }>
): KeyPositionCounts[] {
	const groups = new Map<string, KeyPositionCounts>();
	for (const item of items) {
		if (item.options < 2 || item.position < 0 || item.position >= item.options) continue;
		const key = `${item.kind}:${item.options}`;
		const group = groups.get(key) ?? {
			kind: item.kind,
			options: item.options,
			counts: new Array<number>(item.options).fill(0)
		};
		group.counts[item.position] += item.count;
		groups.set(key, group);
	}
	return [...groups.values()].sort(
		(a, b) => (a.kind === b.kind ? 0 : a.kind === 'true_false' ? -1 : 1) || a.options - b.options
	);
}
