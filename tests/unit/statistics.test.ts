import { describe, expect, it } from 'vitest';
import {
	addItemSums,
	alphaLevel,
	correlationFromSums,
	countPerDay,
	cronbachAlpha,
	discrimination,
	EMPTY_ITEM_SUMS,
	facility,
	mostMissed,
	reviewReasons,
	scoreBucket,
	scoreDistribution,
	type ItemSums
} from '../../src/lib/domain/statistics';

// Five attempts × four items, 1 = right. Scores T = 4, 3, 2, 2, 1.
//
//        item 1  item 2  item 3  item 4 │ T
//   A      1       1       1       1    │ 4
//   B      1       1       1       0    │ 3
//   C      1       1       0       0    │ 2
//   D      1       0       1       0    │ 2
//   E      0       0       0       1    │ 1
//
// Facility: 4/5 = 0.8, 3/5 = 0.6, 3/5 = 0.6, 2/5 = 0.4.
//
// Discrimination, r of x with the rest y = T − x, from n·Σxy − ΣxΣy over √((nΣx² − Σx²)(nΣy² − Σy²)):
//   item 1: x = 1 1 1 1 0, y = 3 2 1 1 1: Σx 4, Σy 8, Σy² 16, Σxy 7
//           (5·7 − 4·8) / √((5·4 − 16)(5·16 − 64)) = 3 / √(4·16) = 3/8 = 0.375
//   item 2: x = 1 1 1 0 0, y = 3 2 1 2 1: Σx 3, Σy 9, Σy² 19, Σxy 6
//           (30 − 27) / √((15 − 9)(95 − 81)) = 3/√84 ≈ 0.327327
//   item 3: x = 1 1 0 1 0, y = 3 2 2 1 1: Σx 3, Σy 9, Σy² 19, Σxy 6 → 3/√84 as well
//   item 4: x = 1 0 0 0 1, y = 3 3 2 2 0: Σx 2, Σy 10, Σy² 26, Σxy 3
//           (15 − 20) / √((10 − 4)(130 − 100)) = −5/√180 ≈ −0.372678 (the weakest contestant got it)
//
// Cronbach's alpha: item variances p(1 − p) = 0.16 + 0.24 + 0.24 + 0.24 = 0.88; total variance
// ΣT²/n − (ΣT/n)² = 34/5 − (12/5)² = 1.04; α = 4/3 · (1 − 0.88/1.04) = 4/3 · 0.16/1.04 = 8/39 ≈ 0.205128.
const matrix = [
	[1, 1, 1, 1],
	[1, 1, 1, 0],
	[1, 1, 0, 0],
	[1, 0, 1, 0],
	[0, 0, 0, 1]
];

/** What the database returns for one item: sums over the attempts, built here the long way. */
function itemSums(rows: number[][], item: number): ItemSums {
	return rows.reduce<ItemSums>((sums, row) => {
		const x = row[item];
		const rest = row.reduce((a, b) => a + b, 0) - x;
		return addItemSums(sums, { n: 1, correct: x, sumRest: rest, sumRest2: rest * rest, sumCorrectRest: x * rest });
	}, EMPTY_ITEM_SUMS);
}

function slotAndTotalSums(rows: number[][]) {
	const scores = rows.map((row) => row.reduce((a, b) => a + b, 0));
	return {
		slots: rows[0].map((_, i) => ({ n: rows.length, correct: rows.reduce((sum, row) => sum + row[i], 0) })),
		total: { n: rows.length, sum: scores.reduce((a, b) => a + b, 0), sum2: scores.reduce((a, b) => a + b * b, 0) }
	};
}

describe('item analysis on a hand-computed matrix', () => {
	it('gives each item’s facility', () => {
		expect([0, 1, 2, 3].map((i) => facility(itemSums(matrix, i)))).toEqual([0.8, 0.6, 0.6, 0.4]);
	});

	it('gives each item’s discrimination against the rest of the test', () => {
		const r = [0, 1, 2, 3].map((i) => discrimination(itemSums(matrix, i))!);
		expect(r[0]).toBeCloseTo(0.375, 12);
		expect(r[1]).toBeCloseTo(3 / Math.sqrt(84), 12);
		expect(r[1]).toBeCloseTo(0.327327, 6);
		expect(r[2]).toBeCloseTo(r[1], 12);
		expect(r[3]).toBeCloseTo(-5 / Math.sqrt(180), 12);
		expect(r[3]).toBeCloseTo(-0.372678, 6);
	});

	it('gives the test’s Cronbach alpha', () => {
		const { slots, total } = slotAndTotalSums(matrix);
		expect(total).toEqual({ n: 5, sum: 12, sum2: 34 });
		expect(cronbachAlpha(slots, total)).toBeCloseTo(8 / 39, 12);
		expect(cronbachAlpha(slots, total)).toBeCloseTo(0.205128, 6);
	});

	it('adds the sums of two halves into the sums of the whole', () => {
		const whole = itemSums(matrix, 3);
		expect(addItemSums(itemSums(matrix.slice(0, 2), 3), itemSums(matrix.slice(2), 3))).toEqual(whole);
		expect(whole).toEqual({ n: 5, correct: 2, sumRest: 10, sumRest2: 26, sumCorrectRest: 3 });
	});
});

describe('undefined figures', () => {
	it('has no facility for a question nobody drew', () => {
		expect(facility(EMPTY_ITEM_SUMS)).toBeNull();
	});

	it('has no discrimination when everyone got the item right, or with one attempt', () => {
		expect(
			discrimination(
				itemSums(
					[
						[1, 0],
						[1, 1],
						[1, 1]
					],
					0
				)
			)
		).toBeNull();
		expect(discrimination(itemSums([[1, 0]], 0))).toBeNull();
		// The rest of the test never varies: nothing to correlate with.
		expect(
			discrimination(
				itemSums(
					[
						[1, 1],
						[0, 1]
					],
					0
				)
			)
		).toBeNull();
	});

	it('has no alpha with one slot, one attempt, or scores that never vary', () => {
		expect(cronbachAlpha([{ n: 3, correct: 2 }], { n: 3, sum: 2, sum2: 2 })).toBeNull();
		expect(cronbachAlpha(slotAndTotalSums([[1, 0, 1]]).slots, slotAndTotalSums([[1, 0, 1]]).total)).toBeNull();
		const same = slotAndTotalSums([
			[1, 0],
			[0, 1]
		]);
		expect(cronbachAlpha(same.slots, same.total)).toBeNull();
	});

	it('lets alpha go negative when items disagree', () => {
		const opposed = slotAndTotalSums([
			[1, 0],
			[0, 1],
			[1, 1],
			[0, 0],
			[1, 0]
		]);
		expect(cronbachAlpha(opposed.slots, opposed.total)!).toBeLessThan(0);
	});
});

describe('correlation from sums', () => {
	it('is Pearson’s r', () => {
		// x = 1..5, y = 2x + 1: a perfect line; y = 6 − x: a perfect descent.
		expect(correlationFromSums(5, 15, 55, 35, 285, 125)).toBeCloseTo(1, 12);
		expect(correlationFromSums(5, 15, 55, 15, 55, 35)).toBeCloseTo(-1, 12);
	});

	it('stays exact at a million attempts', () => {
		// 1,000,000 attempts: y = 19 everywhere but one 20; x = 1 only on that one. r = 1.
		const n = 1_000_000;
		const sumY = 19 * n + 1;
		const sumY2 = 361 * (n - 1) + 400;
		expect(correlationFromSums(n, 1, 1, sumY, sumY2, 20)).toBeCloseTo(1, 9);
		// Constant y: variance exactly zero, not a rounding error's worth.
		expect(correlationFromSums(n, 1, 1, 19 * n, 361 * n, 19)).toBeNull();
	});
});

describe('score distribution', () => {
	it('puts a score in its band, with 25 % and 75 % at the bands’ lower edges', () => {
		expect(scoreBucket(0, 20)).toBe('zero');
		expect(scoreBucket(1, 20)).toBe('low');
		expect(scoreBucket(4, 20)).toBe('low');
		expect(scoreBucket(5, 20)).toBe('middle');
		expect(scoreBucket(14, 20)).toBe('middle');
		expect(scoreBucket(15, 20)).toBe('high');
		expect(scoreBucket(19, 20)).toBe('high');
		expect(scoreBucket(20, 20)).toBe('perfect');
		expect(scoreBucket(3, 4)).toBe('high');
		expect(scoreBucket(1, 4)).toBe('middle');
		expect(scoreBucket(0, 0)).toBe('zero');
	});

	it('counts every band, from zero to perfect, with shares', () => {
		const bands = scoreDistribution([
			{ score: 20, maxScore: 20, count: 2 },
			{ score: 16, maxScore: 20, count: 3 },
			{ score: 10, maxScore: 20, count: 4 },
			{ score: 1, maxScore: 10, count: 1 }
		]);
		expect(bands.map((b) => [b.bucket, b.count, b.share])).toEqual([
			['zero', 0, 0],
			['low', 1, 0.1],
			['middle', 4, 0.4],
			['high', 3, 0.3],
			['perfect', 2, 0.2]
		]);
		expect(scoreDistribution([]).every((b) => b.count === 0 && b.share === 0)).toBe(true);
	});
});

describe('questions that need review', () => {
	it('flags too easy, too hard and weak or negative discrimination', () => {
		expect(reviewReasons({ n: 100, facility: 0.96, discrimination: 0.3 })).toEqual(['too_easy']);
		expect(reviewReasons({ n: 100, facility: 0.95, discrimination: 0.3 })).toEqual([]);
		expect(reviewReasons({ n: 100, facility: 0.05, discrimination: 0.1 })).toEqual(['too_hard', 'low_discrimination']);
		expect(reviewReasons({ n: 100, facility: 0.1, discrimination: 0.2 })).toEqual([]);
		expect(reviewReasons({ n: 100, facility: 0.5, discrimination: -0.1 })).toEqual(['negative_discrimination']);
		expect(reviewReasons({ n: 100, facility: 1, discrimination: null })).toEqual(['too_easy']);
	});

	it('gives no verdict on a question drawn too rarely', () => {
		expect(reviewReasons({ n: 4, facility: 0, discrimination: -1 })).toEqual([]);
		expect(reviewReasons({ n: 5, facility: 0, discrimination: -1 })).toEqual(['too_hard', 'negative_discrimination']);
	});

	it('flags item 4 of the matrix, which the weakest contestant got right', () => {
		const item = itemSums(matrix, 3);
		const figures = { n: item.n, facility: facility(item), discrimination: discrimination(item) };
		expect(reviewReasons(figures)).toEqual(['negative_discrimination']);
	});
});

describe('most-missed questions', () => {
	const questions = [
		{ id: 'a', n: 50, facility: 0.2 },
		{ id: 'b', n: 80, facility: 0.2 },
		{ id: 'c', n: 3, facility: 0 },
		{ id: 'd', n: 40, facility: 0.9 },
		{ id: 'e', n: 40, facility: 0.1 },
		{ id: 'f', n: 0, facility: null }
	];

	it('lists the lowest facility first, the surer of a tie first, and skips rarely drawn ones', () => {
		expect(mostMissed(questions)).toEqual(['e', 'b', 'a', 'd']);
		expect(mostMissed(questions, 2)).toEqual(['e', 'b']);
		expect(mostMissed(questions, 10, 1)).toEqual(['c', 'e', 'b', 'a', 'd']);
	});
});

describe('alpha, in words', () => {
	it('reads Moodle’s thresholds for the coefficient of internal consistency', () => {
		expect(alphaLevel(null)).toBeNull();
		expect(alphaLevel(0.9)).toBe('good');
		expect(alphaLevel(0.75)).toBe('good');
		expect(alphaLevel(0.7)).toBe('acceptable');
		expect(alphaLevel(0.64)).toBe('acceptable');
		expect(alphaLevel(0.5)).toBe('low');
		expect(alphaLevel(-0.2)).toBe('low');
	});
});

describe('participation per day', () => {
	const H = 3_600_000;
	const days = [0, 24 * H, 48 * H];

	it('folds hours into days, with stragglers on the first and last day', () => {
		const perDay = countPerDay(days, [
			{ at: -H, attempts: 1, newContestants: 1 },
			{ at: 0, attempts: 2, newContestants: 2 },
			{ at: 23 * H, attempts: 3, newContestants: 1 },
			{ at: 24 * H, attempts: 4, newContestants: 0 },
			{ at: 72 * H, attempts: 5, newContestants: 1 }
		]);
		expect(perDay).toEqual([
			{ start: 0, attempts: 6, newContestants: 4 },
			{ start: 24 * H, attempts: 4, newContestants: 0 },
			{ start: 48 * H, attempts: 5, newContestants: 1 }
		]);
	});

	it('shows every day of the window, also the empty ones', () => {
		expect(countPerDay(days, []).map((d) => d.attempts)).toEqual([0, 0, 0]);
		expect(countPerDay([], [{ at: 0, attempts: 1, newContestants: 1 }])).toEqual([]);
	});
});
