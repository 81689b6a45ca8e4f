import { describe, expect, it } from 'vitest';
import { countKeyPositions, judgeKeys, KEY_BALANCE } from '../../src/lib/domain/key-balance';

const tf = (right: number, wrong: number) => judgeKeys({ kind: 'true_false', options: 2, counts: [right, wrong] });

describe('judging where the right answers sat', () => {
	it('flags true/false keys that are all "Đúng", as the demo bank had them (88 of 88)', () => {
		const verdict = tf(88, 0);
		expect(verdict).toMatchObject({ drawn: 88, top: 0, topShare: 1, verdict: 'lopsided' });
		expect(verdict.chiSquare).toBeCloseTo(88);
	});

	it('flags a clear majority on either side, not an even or barely tilted spread', () => {
		expect(tf(30, 70).verdict).toBe('lopsided');
		expect(tf(50, 50).verdict).toBe('balanced');
		expect(tf(58, 42).verdict).toBe('balanced');
		// 62 % is over the margin but, from 100 draws, not beyond chance at p = 0.001.
		expect(tf(62, 38).verdict).toBe('balanced');
		expect(tf(620, 380).verdict).toBe('lopsided');
		// Significant (5,000 draws) but within 10 points of even: too small to matter.
		expect(tf(2800, 2200).verdict).toBe('balanced');
	});

	it('gives no verdict on fewer than the minimum drawn', () => {
		expect(tf(KEY_BALANCE.minDrawn - 1, 0).verdict).toBe('too_few');
		expect(tf(KEY_BALANCE.minDrawn, 0).verdict).toBe('lopsided');
	});

	it('judges option positions of single-answer questions against an even share of 1/k', () => {
		const judge = (counts: number[]) => judgeKeys({ kind: 'single', options: counts.length, counts });
		expect(judge([25, 25, 25, 25]).verdict).toBe('balanced');
		expect(judge([70, 10, 10, 10])).toMatchObject({ top: 0, topShare: 0.7, verdict: 'lopsided' });
		expect(judge([10, 10, 60, 20])).toMatchObject({ top: 2, verdict: 'lopsided' });
		// 33 % on one of four: within the 10-point margin over 25 %.
		expect(judge([330, 223, 223, 224]).verdict).toBe('balanced');
	});

	it('adds up drawn items by kind and option count, true/false first', () => {
		expect(
			countKeyPositions([
				{ kind: 'single', options: 4, position: 2, count: 3 },
				{ kind: 'true_false', options: 2, position: 0, count: 5 },
				{ kind: 'single', options: 4, position: 0, count: 1 },
				{ kind: 'single', options: 3, position: 1, count: 2 },
				{ kind: 'true_false', options: 2, position: 1, count: 4 },
				{ kind: 'single', options: 4, position: 7, count: 9 }
			])
		).toEqual([
			{ kind: 'true_false', options: 2, counts: [5, 4] },
			{ kind: 'single', options: 3, counts: [0, 2, 0] },
			{ kind: 'single', options: 4, counts: [1, 0, 3, 0] }
		]);
	});
});
