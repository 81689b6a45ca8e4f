import { describe, expect, it } from 'vitest';
import { reminderWindow, roundToRemind } from '../../src/lib/domain/reminder';

const HOUR = 3_600_000;
const OPENS = Date.UTC(2026, 0, 4, 17, 0, 0);
const round = { opensAt: OPENS, closesAt: OPENS + 7 * 24 * HOUR };

describe('reminderWindow', () => {
	it('before the opening: half an hour from the opening', () => {
		expect(reminderWindow(round, OPENS - 1)).toEqual({ kind: 'opening', start: OPENS, end: OPENS + HOUR / 2 });
	});

	it('never runs past a short window', () => {
		const short = { opensAt: OPENS, closesAt: OPENS + 10 * 60_000 };
		expect(reminderWindow(short, 0)?.end).toBe(short.closesAt);
	});

	it('while open: the last hour before the close', () => {
		expect(reminderWindow(round, OPENS)).toEqual({
			kind: 'closing',
			start: round.closesAt - HOUR,
			end: round.closesAt
		});
	});

	it('after the close: nothing', () => {
		expect(reminderWindow(round, round.closesAt)).toBeNull();
	});
});

describe('roundToRemind', () => {
	const rounds = [1, 2, 3].map((ordinal) => ({ ordinal, opensAt: OPENS + (ordinal - 1) * 7 * 24 * HOUR }));

	it('offers this round while it is upcoming', () => {
		expect(roundToRemind(rounds, 3, OPENS - 1)?.ordinal).toBe(3);
	});

	it('offers the next upcoming round once this one opened', () => {
		expect(roundToRemind(rounds, 1, OPENS + 1)?.ordinal).toBe(2);
		expect(roundToRemind(rounds, 2, OPENS + 8 * 24 * HOUR)?.ordinal).toBe(3);
	});

	it('offers nothing when no round is upcoming', () => {
		expect(roundToRemind(rounds, 3, OPENS + 30 * 24 * HOUR)).toBeNull();
	});
});
