import { describe, expect, it } from 'vitest';
import { timingProblems } from '../../src/lib/domain/round-rules';

const H = 3_600_000;
const round = (opensAt: number, closesAt: number, timeLimitMs = H) => ({ opensAt, closesAt, timeLimitMs });

describe('round timing rules', () => {
	it('accepts a window that holds the time limit and overlaps nothing', () => {
		expect(timingProblems(round(0, 10 * H), [{ name: 'Tuần 2', ...round(10 * H, 20 * H) }])).toEqual([]);
	});

	it('refuses a window that closes before it opens', () => {
		expect(timingProblems(round(10 * H, 10 * H), [])).toEqual([{ reason: 'window_order' }]);
	});

	it('refuses a time limit longer than the window', () => {
		expect(timingProblems(round(0, H, 2 * H), [])).toEqual([{ reason: 'time_limit_too_long' }]);
	});

	it('names every round whose window overlaps', () => {
		const others = [
			{ name: 'Tuần 1', ...round(-5 * H, H) },
			{ name: 'Tuần 3', ...round(9 * H, 30 * H) },
			{ name: 'Tuần 4', ...round(40 * H, 50 * H) }
		];
		expect(timingProblems(round(0, 10 * H), others)).toEqual([
			{ reason: 'windows_overlap', other: 'Tuần 1' },
			{ reason: 'windows_overlap', other: 'Tuần 3' }
		]);
	});
});
