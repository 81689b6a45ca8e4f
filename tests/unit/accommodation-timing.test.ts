import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accommodationFor } from '../../src/lib/domain/accommodation';
import { allowedAttempts, computeDeadline, extendedTimeLimit } from '../../src/lib/domain/timing';

// The deadline rule with an accommodation's extra time (issue 14): start + limit × (1 + pct/100),
// never past the round's close; the same rule as before for everyone without one.

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MIN = 60_000;

describe('the deadline with extra time', () => {
	it('stretches the limit by the percentage', () => {
		expect(computeDeadline(T0, 20 * MIN, T0 + 600 * MIN, 50)).toBe(T0 + 30 * MIN);
		expect(computeDeadline(T0, 20 * MIN, T0 + 600 * MIN, 100)).toBe(T0 + 40 * MIN);
		expect(extendedTimeLimit(10 * MIN, 300)).toBe(40 * MIN);
		// whole milliseconds, rounded down
		expect(extendedTimeLimit(1001, 50)).toBe(1501);
		expect(extendedTimeLimit(1, 33)).toBe(1);
	});

	it('is capped by the round’s close, also when the extra time alone would pass it', () => {
		const closes = T0 + 25 * MIN;
		// the normal limit fits, the extended one does not
		expect(computeDeadline(T0, 20 * MIN, closes, 50)).toBe(closes);
		expect(computeDeadline(T0, 20 * MIN, closes, 0)).toBe(T0 + 20 * MIN);
		// started at the very close
		expect(computeDeadline(closes, 20 * MIN, closes, 50)).toBe(closes);
	});

	it('with no extra time (or a nonsense one) is today’s rule', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 40 }),
				fc.integer({ min: 1, max: 10 ** 8 }),
				fc.integer({ min: 0, max: 2 ** 41 }),
				fc.constantFrom(0, -10, Number.NaN, Number.POSITIVE_INFINITY),
				(start, limit, closes, pct) =>
					computeDeadline(start, limit, closes, pct) === Math.min(start + limit, closes) &&
					computeDeadline(start, limit, closes) === Math.min(start + limit, closes)
			)
		);
	});

	it('never shortens the time and never passes the close', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 2 ** 40 }),
				fc.integer({ min: 1, max: 10 ** 8 }),
				fc.integer({ min: 0, max: 2 ** 41 }),
				fc.integer({ min: 0, max: 300 }),
				(start, limit, closes, pct) => {
					const extended = computeDeadline(start, limit, closes, pct);
					return extended >= computeDeadline(start, limit, closes) && extended <= Math.max(closes, 0);
				}
			)
		);
	});
});

describe('attempts and the grant that applies', () => {
	it('adds extra attempts to the round’s max', () => {
		expect(allowedAttempts(2)).toBe(2);
		expect(allowedAttempts(2, 1)).toBe(3);
		expect(allowedAttempts(1, -3)).toBe(1);
	});

	it('takes the round’s own grant, else the contest-wide one, else none', () => {
		const wide = { roundId: null, extraTimePct: 25, extraAttempts: 0 };
		const own = { roundId: 'r1', extraTimePct: 50, extraAttempts: 1 };
		expect(accommodationFor([wide, own], 'r1')).toEqual({ extraTimePct: 50, extraAttempts: 1 });
		expect(accommodationFor([own, wide], 'r2')).toEqual({ extraTimePct: 25, extraAttempts: 0 });
		expect(accommodationFor([own], 'r2')).toEqual({ extraTimePct: 0, extraAttempts: 0 });
	});
});
