import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	attemptDuration,
	canSaveAnswer,
	computeDeadline,
	formatDuration,
	isOverdue,
	timeLeft
} from '../../src/lib/domain/timing';

const T0 = Date.UTC(2026, 2, 2, 1, 0, 0);
const MIN = 60_000;

describe('computeDeadline', () => {
	it('is start + time limit when the round closes later', () => {
		expect(computeDeadline(T0, 20 * MIN, T0 + 60 * MIN)).toBe(T0 + 20 * MIN);
	});

	it('is capped at the round close', () => {
		expect(computeDeadline(T0, 20 * MIN, T0 + 5 * MIN)).toBe(T0 + 5 * MIN);
	});

	it('equals both when they coincide', () => {
		expect(computeDeadline(T0, 20 * MIN, T0 + 20 * MIN)).toBe(T0 + 20 * MIN);
	});

	it('is never after either bound', () => {
		fc.assert(
			fc.property(fc.nat(1e12), fc.nat(1e8), fc.nat(1e12), (start, limit, close) => {
				const d = computeDeadline(start, limit, close);
				return d <= start + limit && d <= close && (d === start + limit || d === close);
			})
		);
	});
});

describe('canSaveAnswer / isOverdue', () => {
	const deadline = T0 + 20 * MIN;
	const grace = 5_000;

	it('accepts an answer before the deadline', () => {
		expect(canSaveAnswer(deadline, grace, deadline - 1)).toBe(true);
		expect(isOverdue(deadline, grace, deadline - 1)).toBe(false);
	});

	it('accepts an answer within the grace', () => {
		expect(canSaveAnswer(deadline, grace, deadline + 1)).toBe(true);
	});

	it('accepts an answer exactly at deadline + grace', () => {
		expect(canSaveAnswer(deadline, grace, deadline + grace)).toBe(true);
		expect(isOverdue(deadline, grace, deadline + grace)).toBe(false);
	});

	it('refuses an answer 1 ms after deadline + grace', () => {
		expect(canSaveAnswer(deadline, grace, deadline + grace + 1)).toBe(false);
		expect(isOverdue(deadline, grace, deadline + grace + 1)).toBe(true);
	});

	it('with zero grace refuses 1 ms after the deadline', () => {
		expect(canSaveAnswer(deadline, 0, deadline)).toBe(true);
		expect(canSaveAnswer(deadline, 0, deadline + 1)).toBe(false);
	});

	it('isOverdue is always the negation of canSaveAnswer', () => {
		fc.assert(
			fc.property(fc.nat(1e12), fc.nat(60_000), fc.nat(1e12), (d, g, now) => {
				return isOverdue(d, g, now) === !canSaveAnswer(d, g, now);
			})
		);
	});
});

describe('attemptDuration', () => {
	const deadline = T0 + 20 * MIN;

	it('is submittedAt − startedAt for an early submit', () => {
		expect(attemptDuration(T0, deadline, T0 + 7 * MIN + 1_234)).toBe(7 * MIN + 1_234);
	});

	it('is capped at the deadline for a late submit', () => {
		expect(attemptDuration(T0, deadline, deadline + 4_000)).toBe(20 * MIN);
	});

	it('is 0 when submittedAt is before the start', () => {
		expect(attemptDuration(T0, deadline, T0 - 1_000)).toBe(0);
	});

	it('is 0 when submitted at the start', () => {
		expect(attemptDuration(T0, deadline, T0)).toBe(0);
	});

	it('is between 0 and deadline − start', () => {
		fc.assert(
			fc.property(fc.nat(1e9), fc.nat(1e9), fc.integer({ min: -1e9, max: 3e9 }), (limit, start, offset) => {
				const d = attemptDuration(start, start + limit, start + offset);
				return d >= 0 && d <= limit;
			})
		);
	});
});

describe('timeLeft', () => {
	it('counts down to the deadline', () => {
		expect(timeLeft(T0 + 1_500, T0)).toBe(1_500);
	});

	it('is 0 after the deadline', () => {
		expect(timeLeft(T0, T0 + 10)).toBe(0);
		expect(timeLeft(T0, T0)).toBe(0);
	});
});

describe('formatDuration', () => {
	it('formats minutes and seconds with two digits', () => {
		expect(formatDuration(0)).toBe('00:00');
		expect(formatDuration(5_000)).toBe('00:05');
		expect(formatDuration(65_000)).toBe('01:05');
		expect(formatDuration(20 * MIN)).toBe('20:00');
	});

	it('lets minutes exceed 59', () => {
		expect(formatDuration(75 * MIN + 3_000)).toBe('75:03');
		expect(formatDuration(125 * MIN)).toBe('125:00');
	});

	it('floors to whole seconds', () => {
		expect(formatDuration(999)).toBe('00:00');
		expect(formatDuration(59_999)).toBe('00:59');
		expect(formatDuration(61_500)).toBe('01:01');
	});

	it('shows negative durations as 00:00', () => {
		expect(formatDuration(-5_000)).toBe('00:00');
	});
});
