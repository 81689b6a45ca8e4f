import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	compareBestAttempt,
	compareByCriteria,
	liveCriteria,
	pickBestAttempt,
	predictionDistance,
	rankEntries,
	type RankEntry
} from '../../src/lib/domain/ranking';
import { DEFAULT_CRITERIA, type RankCriterion } from '../../src/lib/domain/types';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);

function entry(attemptId: string, fields: Partial<RankEntry> = {}): RankEntry {
	return { attemptId, score: 10, durationMs: 60_000, submittedAt: T0, prediction: null, ...fields };
}

function ids(entries: readonly RankEntry[]): string[] {
	return entries.map((e) => e.attemptId);
}

describe('predictionDistance', () => {
	it('is the absolute difference', () => {
		expect(predictionDistance(120, 100)).toBe(20);
		expect(predictionDistance(80, 100)).toBe(20);
		expect(predictionDistance(100, 100)).toBe(0);
	});

	it('is null when either value is unknown', () => {
		expect(predictionDistance(null, 100)).toBeNull();
		expect(predictionDistance(100, null)).toBeNull();
	});
});

describe('best attempt of one contestant', () => {
	it('prefers the higher score even when slower', () => {
		const a = entry('a', { score: 9, durationMs: 1_000 });
		const b = entry('b', { score: 10, durationMs: 500_000 });
		expect(pickBestAttempt([a, b])).toBe(b);
		expect(compareBestAttempt(b, a)).toBeLessThan(0);
	});

	it('then the shorter duration', () => {
		const a = entry('a', { durationMs: 90_000, submittedAt: T0 });
		const b = entry('b', { durationMs: 80_000, submittedAt: T0 + 86_400_000 });
		expect(pickBestAttempt([a, b])).toBe(b);
	});

	it('then the earlier submission', () => {
		const a = entry('a', { submittedAt: T0 + 5 });
		const b = entry('b', { submittedAt: T0 });
		expect(pickBestAttempt([a, b])).toBe(b);
	});

	it('then the smaller attempt id', () => {
		const a = entry('x2');
		const b = entry('x1');
		expect(pickBestAttempt([a, b])).toBe(b);
		expect(compareBestAttempt(a, b)).toBeGreaterThan(0);
		expect(compareBestAttempt(a, a)).toBe(0);
	});

	it('ignores the prediction', () => {
		const a = entry('a', { prediction: 1 });
		const b = entry('b', { prediction: 999 });
		expect(compareBestAttempt(a, b)).toBeLessThan(0);
	});

	it('returns null for no attempts and the only one for one', () => {
		expect(pickBestAttempt([])).toBeNull();
		const only = entry('only');
		expect(pickBestAttempt([only])).toBe(only);
	});

	it('does not depend on the order of the attempts (property)', () => {
		fc.assert(
			fc.property(entriesArb(1, 6), fc.nat(), (entries, seed) => {
				const rotated = [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)];
				expect(pickBestAttempt(rotated)).toBe(pickBestAttempt(entries));
				expect(pickBestAttempt(entries)).toBe(entries.slice().sort(compareBestAttempt)[0]);
			})
		);
	});
});

describe('liveCriteria', () => {
	it('drops the prediction and keeps the order of the rest', () => {
		expect(liveCriteria(DEFAULT_CRITERIA)).toEqual(['score', 'duration', 'submittedAt']);
		expect(liveCriteria(['duration', 'prediction', 'score'])).toEqual(['duration', 'score']);
	});

	it('returns a new array', () => {
		const criteria: RankCriterion[] = ['score', 'duration'];
		const live = liveCriteria(criteria);
		expect(live).toEqual(criteria);
		expect(live).not.toBe(criteria);
	});
});

describe('compareByCriteria', () => {
	const cmp = compareByCriteria(DEFAULT_CRITERIA, 100);

	it('ranks a higher score first', () => {
		const hi = entry('z', { score: 20, prediction: 500, durationMs: 999_999 });
		const lo = entry('a', { score: 19, prediction: 100, durationMs: 1 });
		expect(cmp(hi, lo)).toBeLessThan(0);
		expect(cmp(lo, hi)).toBeGreaterThan(0);
	});

	it('then the closer prediction, above or below the actual value', () => {
		const close = entry('z', { prediction: 97, durationMs: 999_999 });
		const far = entry('a', { prediction: 110, durationMs: 1 });
		expect(cmp(close, far)).toBeLessThan(0);
		const above = entry('b', { prediction: 103 });
		const below = entry('c', { prediction: 97 });
		// Equal distance: falls through to duration, submittedAt, then attempt id.
		expect(cmp(above, below)).toBeLessThan(0);
	});

	it('ranks a missing prediction after any given one', () => {
		const none = entry('a', { prediction: null, durationMs: 1 });
		const wild = entry('z', { prediction: 1_000_000, durationMs: 999_999 });
		expect(cmp(wild, none)).toBeLessThan(0);
		expect(cmp(none, wild)).toBeGreaterThan(0);
	});

	it('treats two missing predictions as equal on that criterion', () => {
		const a = entry('a', { prediction: null, durationMs: 2 });
		const b = entry('b', { prediction: null, durationMs: 1 });
		expect(cmp(b, a)).toBeLessThan(0);
	});

	it('skips the prediction when the actual value is unknown', () => {
		const unknown = compareByCriteria(DEFAULT_CRITERIA, null);
		const exact = entry('z', { prediction: 100, durationMs: 50_000 });
		const fast = entry('a', { prediction: null, durationMs: 40_000 });
		expect(unknown(fast, exact)).toBeLessThan(0);
		expect(cmp(exact, fast)).toBeLessThan(0);
	});

	it('then the shorter duration', () => {
		const a = entry('z', { durationMs: 30_000, submittedAt: T0 + 1_000 });
		const b = entry('a', { durationMs: 30_001, submittedAt: T0 });
		expect(cmp(a, b)).toBeLessThan(0);
	});

	it('then the earlier submission', () => {
		const a = entry('z', { submittedAt: T0 });
		const b = entry('a', { submittedAt: T0 + 1 });
		expect(cmp(a, b)).toBeLessThan(0);
	});

	it('breaks a full tie by attempt id in code-unit order, not locale order', () => {
		expect(cmp(entry('B'), entry('a'))).toBeLessThan(0);
		expect(cmp(entry('a10'), entry('a9'))).toBeLessThan(0);
		expect(cmp(entry('a'), entry('a'))).toBe(0);
	});

	it('respects the order of the criteria: duration before prediction', () => {
		const quickFar = entry('q', { prediction: 150, durationMs: 40_000 });
		const slowClose = entry('s', { prediction: 100, durationMs: 45_000 });
		const byDefault = compareByCriteria(DEFAULT_CRITERIA, 100);
		const durationFirst = compareByCriteria(['score', 'duration', 'prediction', 'submittedAt'], 100);
		expect(byDefault(slowClose, quickFar)).toBeLessThan(0);
		expect(durationFirst(quickFar, slowClose)).toBeLessThan(0);
	});

	it('respects the order of the criteria: submittedAt before score', () => {
		const early = entry('e', { score: 5, submittedAt: T0 });
		const best = entry('b', { score: 20, submittedAt: T0 + 1 });
		expect(compareByCriteria(['submittedAt', 'score'], null)(early, best)).toBeLessThan(0);
		expect(compareByCriteria(['score', 'submittedAt'], null)(best, early)).toBeLessThan(0);
	});

	it('ignores criteria not listed', () => {
		const slow = entry('a', { durationMs: 99_999 });
		const fast = entry('b', { durationMs: 1 });
		expect(compareByCriteria(['score'], null)(slow, fast)).toBeLessThan(0);
	});
});

describe('rankEntries', () => {
	it('returns a sorted copy with 1-based ranks and keeps extra fields', () => {
		const input = [
			{ ...entry('c', { score: 8 }), name: 'Lê Văn C' },
			{ ...entry('a', { score: 10, prediction: 90 }), name: 'Nguyễn Thị A' },
			{ ...entry('b', { score: 10, prediction: 101 }), name: 'Trần Văn B' }
		];
		const before = JSON.stringify(input);
		const ranked = rankEntries(input, DEFAULT_CRITERIA, 100);
		expect(ranked.map((r) => [r.rank, r.attemptId, r.name])).toEqual([
			[1, 'b', 'Trần Văn B'],
			[2, 'a', 'Nguyễn Thị A'],
			[3, 'c', 'Lê Văn C']
		]);
		expect(JSON.stringify(input)).toBe(before);
	});

	it('gives distinct ranks to full ties, ordered by attempt id', () => {
		const ranked = rankEntries([entry('y'), entry('x'), entry('z')], DEFAULT_CRITERIA, 100);
		expect(ranked.map((r) => [r.attemptId, r.rank])).toEqual([
			['x', 1],
			['y', 2],
			['z', 3]
		]);
	});

	it('ranks live by the criteria without the prediction', () => {
		const a = entry('a', { prediction: 100, durationMs: 50_000 });
		const b = entry('b', { prediction: null, durationMs: 10_000 });
		expect(ids(rankEntries([a, b], liveCriteria(DEFAULT_CRITERIA), null))).toEqual(['b', 'a']);
		expect(ids(rankEntries([a, b], DEFAULT_CRITERIA, 100))).toEqual(['a', 'b']);
	});

	it('returns an empty list for no entries', () => {
		expect(rankEntries([], DEFAULT_CRITERIA, null)).toEqual([]);
	});
});

// Small value ranges so that ties on every criterion are frequent.
const entryArb = (id: fc.Arbitrary<string>): fc.Arbitrary<RankEntry> =>
	fc.record({
		attemptId: id,
		score: fc.integer({ min: 0, max: 3 }),
		durationMs: fc.integer({ min: 0, max: 3 }),
		submittedAt: fc.integer({ min: T0, max: T0 + 3 }),
		prediction: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null })
	});

function entriesArb(minLength: number, maxLength: number): fc.Arbitrary<RankEntry[]> {
	return fc.uniqueArray(entryArb(fc.string({ minLength: 1, maxLength: 3 })), {
		minLength,
		maxLength,
		selector: (e) => e.attemptId
	});
}

const criteriaArb: fc.Arbitrary<RankCriterion[]> = fc.array(
	fc.constantFrom<RankCriterion>('score', 'prediction', 'duration', 'submittedAt'),
	{ maxLength: 5 }
);
const actualArb = fc.option(fc.integer({ min: 0, max: 6 }), { nil: null });

/** Reference: the value a criterion sorts ascending by, or null when the criterion is skipped. */
function criterionKey(criterion: RankCriterion, e: RankEntry, actual: number | null): number | null {
	switch (criterion) {
		case 'score':
			return -e.score;
		case 'prediction':
			if (actual === null) return null;
			return e.prediction === null ? Number.POSITIVE_INFINITY : Math.abs(e.prediction - actual);
		case 'duration':
			return e.durationMs;
		case 'submittedAt':
			return e.submittedAt;
	}
}

describe('ranking order properties', () => {
	it('is antisymmetric and zero only for the same attempt id', () => {
		fc.assert(
			fc.property(
				criteriaArb,
				actualArb,
				entryArb(fc.constantFrom('a', 'b')),
				entryArb(fc.constantFrom('a', 'b')),
				(criteria, actual, a, b) => {
					const cmp = compareByCriteria(criteria, actual);
					expect(Math.sign(cmp(a, b))).toBe(-Math.sign(cmp(b, a)) || 0);
					// An attempt id names one attempt: only distinct ids must never compare equal.
					if (a.attemptId !== b.attemptId) expect(cmp(a, b)).not.toBe(0);
					if (cmp(a, b) === 0) expect(a.attemptId).toBe(b.attemptId);
					expect(cmp(a, a)).toBe(0);
				}
			)
		);
	});

	it('is transitive', () => {
		const id = fc.constantFrom('a', 'b', 'c', 'd');
		fc.assert(
			fc.property(criteriaArb, actualArb, entryArb(id), entryArb(id), entryArb(id), (criteria, actual, a, b, c) => {
				const cmp = compareByCriteria(criteria, actual);
				if (cmp(a, b) <= 0 && cmp(b, c) <= 0) expect(cmp(a, c)).toBeLessThanOrEqual(0);
				if (cmp(a, b) < 0 && cmp(b, c) < 0) expect(cmp(a, c)).toBeLessThan(0);
			}),
			{ numRuns: 500 }
		);
	});

	it('best-attempt comparator is a total order too', () => {
		const id = fc.constantFrom('a', 'b', 'c');
		fc.assert(
			fc.property(entryArb(id), entryArb(id), entryArb(id), (a, b, c) => {
				expect(Math.sign(compareBestAttempt(a, b))).toBe(-Math.sign(compareBestAttempt(b, a)) || 0);
				if (a.attemptId !== b.attemptId) expect(compareBestAttempt(a, b)).not.toBe(0);
				if (compareBestAttempt(a, b) <= 0 && compareBestAttempt(b, c) <= 0) {
					expect(compareBestAttempt(a, c)).toBeLessThanOrEqual(0);
				}
			})
		);
	});

	it('sorts the same whatever the input order', () => {
		fc.assert(
			fc.property(
				criteriaArb,
				actualArb,
				entriesArb(0, 12).chain((entries) =>
					fc.tuple(fc.constant(entries), fc.shuffledSubarray(entries, { minLength: entries.length }))
				),
				(criteria, actual, [entries, shuffled]) => {
					expect(rankEntries(shuffled, criteria, actual)).toEqual(rankEntries(entries, criteria, actual));
				}
			)
		);
	});

	it('is consistent with the criteria list for adjacent entries', () => {
		fc.assert(
			fc.property(criteriaArb, actualArb, entriesArb(2, 12), (criteria, actual, entries) => {
				const ranked = rankEntries(entries, criteria, actual);
				expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
				for (let i = 0; i + 1 < ranked.length; i++) {
					const [a, b] = [ranked[i], ranked[i + 1]];
					const differing = criteria
						.map((c) => [criterionKey(c, a, actual), criterionKey(c, b, actual)] as const)
						.find(([ka, kb]) => ka !== null && kb !== null && ka !== kb);
					if (differing) expect(differing[0]).toBeLessThan(differing[1] as number);
					else expect(a.attemptId < b.attemptId).toBe(true);
				}
			})
		);
	});
});
