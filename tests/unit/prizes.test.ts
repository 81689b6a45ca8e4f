import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePrizes, rankUnits, type UnitStanding } from '../../src/lib/domain/prizes';
import { compareByCriteria, rankEntries, type RankEntry } from '../../src/lib/domain/ranking';
import type { RankCriterion } from '../../src/lib/domain/types';

const entry = (attemptId: string, score: number, durationMs = 60_000, prediction: number | null = null): RankEntry => ({
	attemptId,
	score,
	durationMs,
	submittedAt: 1000,
	prediction
});

const criteria: RankCriterion[] = ['score', 'prediction', 'duration', 'submittedAt'];
const counts = { first: 1, second: 1, third: 1, consolation: 2 };

function prizesOf(entries: RankEntry[], actual: number, eligible: (e: RankEntry) => boolean = () => true) {
	const sorted = [...entries].sort(compareByCriteria(criteria, actual));
	const tied = compareByCriteria(criteria, actual, false);
	const prizes = allocatePrizes(sorted, counts, eligible, (a, b) => tied(a, b) === 0);
	return sorted.map((e, i) => [e.attemptId, prizes[i]]);
}

describe('individual prizes', () => {
	it('goes down the final order, the prediction breaking a tie on score', () => {
		const entries = [
			entry('a', 10, 60_000, 40),
			entry('b', 10, 50_000, 35), // closer to 37 than a
			entry('c', 9),
			entry('d', 8),
			entry('e', 8, 70_000),
			entry('f', 1)
		];
		expect(prizesOf(entries, 37)).toEqual([
			['b', 'first'],
			['a', 'second'],
			['c', 'third'],
			['d', 'consolation'],
			['e', 'consolation'],
			['f', null]
		]);
	});

	it('breaks a tie at the boundary by the next criterion, and shares the prize only on a full tie', () => {
		// c and d tie on score and prediction distance; duration decides.
		const byDuration = [entry('a', 10), entry('b', 9), entry('c', 8, 61_000), entry('d', 8, 60_000)];
		expect(prizesOf(byDuration, 0)).toEqual([
			['a', 'first'],
			['b', 'second'],
			['d', 'third'],
			['c', 'consolation']
		]);
		// c and d equal on every criterion: both get the third prize, nobody draws lots.
		const full = [
			entry('a', 10),
			entry('b', 9),
			entry('c', 8),
			entry('d', 8),
			entry('e', 7),
			entry('f', 6),
			entry('g', 5)
		];
		expect(prizesOf(full, 0)).toEqual([
			['a', 'first'],
			['b', 'second'],
			['c', 'third'],
			['d', 'third'],
			['e', 'consolation'],
			['f', 'consolation'],
			['g', null]
		]);
	});

	it('passes over earlier winners, giving their prize to the next contestant', () => {
		const entries = [entry('a', 10), entry('b', 9), entry('c', 8), entry('d', 7), entry('e', 6), entry('f', 5)];
		expect(prizesOf(entries, 0, (e) => e.attemptId !== 'a' && e.attemptId !== 'c')).toEqual([
			['a', null],
			['b', 'first'],
			['c', null],
			['d', 'second'],
			['e', 'third'],
			['f', 'consolation']
		]);
	});

	const entriesArb = fc.uniqueArray(
		fc.record({
			attemptId: fc.string({ minLength: 1, maxLength: 4 }),
			score: fc.nat(5),
			durationMs: fc.nat(4),
			submittedAt: fc.nat(3),
			prediction: fc.option(fc.nat(10), { nil: null })
		}),
		{ selector: (e) => e.attemptId, maxLength: 30 }
	);

	it('is a total order that never depends on the order the rows were read in', () => {
		fc.assert(
			fc.property(entriesArb, fc.nat(10), fc.infiniteStream(fc.nat()), (entries, actual, seeds) => {
				const ranked = rankEntries(entries, criteria, actual).map((e) => e.attemptId);
				const shuffled = [...entries].sort(() => (seeds.next().value % 3) - 1);
				expect(rankEntries(shuffled, criteria, actual).map((e) => e.attemptId)).toEqual(ranked);
				const compare = compareByCriteria(criteria, actual);
				for (const a of entries) {
					expect(compare(a, a)).toBe(0);
					for (const b of entries) if (a !== b) expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)));
				}
			})
		);
	});

	it('gives each person at most one prize, exactly the counts unless a full tie shares one', () => {
		fc.assert(
			fc.property(entriesArb, fc.nat(10), (entries, actual) => {
				const sorted = rankEntries(entries, criteria, actual);
				const tied = compareByCriteria(criteria, actual, false);
				const prizes = allocatePrizes(
					sorted,
					counts,
					() => true,
					(a, b) => tied(a, b) === 0
				);
				expect(prizes).toHaveLength(sorted.length);
				const given = prizes.filter((p) => p !== null).length;
				expect(given).toBeGreaterThanOrEqual(Math.min(5, sorted.length));
				// Prizes follow the order: no better-ranked contestant gets a lesser prize.
				const order = ['first', 'second', 'third', 'consolation', null];
				for (let i = 1; i < prizes.length; i++) {
					expect(order.indexOf(prizes[i])).toBeGreaterThanOrEqual(order.indexOf(prizes[i - 1]));
				}
				// More than the counts only through sharing: the prized entries form at most five
				// groups of full ties (a tie that shares a prize may push a lesser one further down).
				let groups = 0;
				for (let i = 0; i < prizes.length && prizes[i] !== null; i++) {
					if (i === 0 || tied(sorted[i - 1], sorted[i]) !== 0) groups++;
				}
				expect(groups).toBeLessThanOrEqual(5);
				if (given > 5) expect(groups).toBeLessThan(given);
			})
		);
	});
});

describe('every criteria order a contest can choose', () => {
	const all: RankCriterion[] = ['score', 'prediction', 'duration', 'submittedAt'];
	const orders: RankCriterion[][] = [];
	const permute = (rest: RankCriterion[], acc: RankCriterion[]): void => {
		if (rest.length === 0) orders.push(acc);
		rest.forEach((c, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, c]));
	};
	permute(all, []);
	// For each criterion, a pair of entries where only that criterion favours `a`.
	const better: Record<RankCriterion, (e: RankEntry) => RankEntry> = {
		score: (e) => ({ ...e, score: e.score + 1 }),
		prediction: (e) => ({ ...e, prediction: 37 }),
		duration: (e) => ({ ...e, durationMs: e.durationMs - 1 }),
		submittedAt: (e) => ({ ...e, submittedAt: e.submittedAt - 1 })
	};
	const base: RankEntry = { attemptId: 'm', score: 5, durationMs: 1000, submittedAt: 1000, prediction: 40 };

	it('ranks by the first criterion on which two contestants differ, in all 24 orders', () => {
		expect(orders).toHaveLength(24);
		for (const order of orders) {
			const compare = compareByCriteria(order, 37);
			for (let i = 0; i < all.length; i++) {
				for (let j = 0; j < all.length; j++) {
					if (i === j) continue;
					// a wins on all[i], b wins on all[j]: the one listed first in `order` decides.
					const a = { ...better[all[i]](base), attemptId: 'z' };
					const b = { ...better[all[j]](base), attemptId: 'a' };
					const aFirst = order.indexOf(all[i]) < order.indexOf(all[j]);
					expect(Math.sign(compare(a, b))).toBe(aFirst ? -1 : 1);
				}
			}
			// Equal on every criterion: the attempt id decides, and the prize-tie check says equal.
			expect(compare({ ...base, attemptId: 'a' }, { ...base, attemptId: 'b' })).toBe(-1);
			expect(compareByCriteria(order, 37, false)({ ...base, attemptId: 'a' }, { ...base, attemptId: 'b' })).toBe(0);
		}
	});
});

describe('collective prizes', () => {
	const unit = (id: string, participants: number, headcount: number, meanPercent: number | null): UnitStanding => ({
		id,
		name: id,
		participants,
		headcount,
		rate: headcount > 0 ? participants / headcount : null,
		meanPercent
	});
	const units = [
		unit('a', 50, 100, 70),
		unit('b', 40, 50, 60),
		unit('c', 90, 300, 90),
		unit('zero-headcount', 10, 0, 95),
		unit('nobody', 0, 80, null)
	];

	it('ranks by participation rate and gives the first count units a prize', () => {
		const ranked = rankUnits(units, { by: 'participation_rate', count: 2, minRate: 0 });
		expect(ranked.map((u) => [u.id, u.rank, u.prize])).toEqual([
			['b', 1, 1],
			['a', 2, 2],
			['c', 3, null],
			['nobody', 4, null],
			['zero-headcount', 5, null]
		]);
	});

	it('can rank by participants or by mean score, and honours a minimum rate', () => {
		expect(rankUnits(units, { by: 'participants', count: 1, minRate: 0 })[0]).toMatchObject({ id: 'c', prize: 1 });
		const byScore = rankUnits(units, { by: 'mean_score', count: 2, minRate: 0 });
		expect(byScore.slice(0, 2).map((u) => [u.id, u.prize])).toEqual([
			['zero-headcount', 1],
			['c', 2]
		]);
		const withMinimum = rankUnits(units, { by: 'mean_score', count: 2, minRate: 0.4 });
		expect(withMinimum.filter((u) => u.prize !== null).map((u) => u.id)).toEqual(['a', 'b']);
	});

	it('shares a prize between units equal on every criterion', () => {
		const ranked = rankUnits([unit('x', 10, 20, 50), unit('y', 10, 20, 50), unit('z', 5, 20, 50)], {
			by: 'participation_rate',
			count: 1,
			minRate: 0
		});
		expect(ranked.map((u) => [u.id, u.rank, u.prize])).toEqual([
			['x', 1, 1],
			['y', 1, 1],
			['z', 3, null]
		]);
	});
});
