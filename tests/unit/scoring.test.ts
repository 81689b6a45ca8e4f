import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { isItemCorrect, isPerfect, scoreAttempt } from '../../src/lib/domain/scoring';

describe('isItemCorrect', () => {
	describe('single choice', () => {
		it('is correct for the right key', () => {
			expect(isItemCorrect(['B'], ['B'])).toBe(true);
		});

		it('is wrong for another key', () => {
			expect(isItemCorrect(['B'], ['C'])).toBe(false);
		});

		it('is wrong when an extra key is chosen', () => {
			expect(isItemCorrect(['B'], ['B', 'C'])).toBe(false);
		});
	});

	describe('multiple choice', () => {
		it('is correct when all correct keys and no other are chosen, in any order', () => {
			expect(isItemCorrect(['A', 'C', 'D'], ['D', 'A', 'C'])).toBe(true);
		});

		it('is wrong when one correct key is missing', () => {
			expect(isItemCorrect(['A', 'C', 'D'], ['A', 'C'])).toBe(false);
		});

		it('is wrong when an extra key is chosen', () => {
			expect(isItemCorrect(['A', 'C'], ['A', 'B', 'C'])).toBe(false);
		});

		it('ignores duplicates in the choice', () => {
			expect(isItemCorrect(['A', 'C'], ['A', 'C', 'A'])).toBe(true);
		});

		it('is wrong with the same count but a different set', () => {
			expect(isItemCorrect(['A', 'C'], ['A', 'A', 'B'])).toBe(false);
		});
	});

	describe('true/false', () => {
		it('is correct for the right answer', () => {
			expect(isItemCorrect(['A'], ['A'])).toBe(true);
		});

		it('is wrong for the other answer', () => {
			expect(isItemCorrect(['A'], ['B'])).toBe(false);
		});

		it('is wrong when both are chosen', () => {
			expect(isItemCorrect(['A'], ['A', 'B'])).toBe(false);
		});
	});

	describe('empty choice', () => {
		it('is never correct', () => {
			expect(isItemCorrect(['A'], [])).toBe(false);
			expect(isItemCorrect([], [])).toBe(false);
		});
	});

	it('is correct exactly when the sets are equal (property)', () => {
		const keys = fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { maxLength: 6 });
		fc.assert(
			fc.property(keys, keys, (correct, chosen) => {
				const a = [...new Set(correct)].sort().join();
				const b = [...new Set(chosen)].sort().join();
				return isItemCorrect(correct, chosen) === (chosen.length > 0 && a === b);
			})
		);
	});
});

describe('scoreAttempt', () => {
	it('sums one point per correct item by default', () => {
		const result = scoreAttempt([
			{ correctKeys: ['A'], chosenKeys: ['A'] },
			{ correctKeys: ['B', 'C'], chosenKeys: ['B'] },
			{ correctKeys: ['A'], chosenKeys: [] },
			{ correctKeys: ['B'], chosenKeys: ['B'] }
		]);
		expect(result).toEqual({ score: 2, maxScore: 4, correctCount: 2 });
	});

	it('uses per-item points when given', () => {
		const result = scoreAttempt([
			{ correctKeys: ['A'], chosenKeys: ['A'], points: 2 },
			{ correctKeys: ['B', 'C'], chosenKeys: ['C', 'B'], points: 3 },
			{ correctKeys: ['D'], chosenKeys: ['A'], points: 5 }
		]);
		expect(result).toEqual({ score: 5, maxScore: 10, correctCount: 2 });
	});

	it('scores an empty attempt as 0 of 0', () => {
		expect(scoreAttempt([])).toEqual({ score: 0, maxScore: 0, correctCount: 0 });
	});
});

describe('isPerfect', () => {
	it('is true only when the score equals a positive max', () => {
		expect(isPerfect(20, 20)).toBe(true);
		expect(isPerfect(19, 20)).toBe(false);
		expect(isPerfect(0, 0)).toBe(false);
	});

	it('holds for an attempt with every answer right', () => {
		const { score, maxScore } = scoreAttempt([
			{ correctKeys: ['A'], chosenKeys: ['A'] },
			{ correctKeys: ['A', 'B'], chosenKeys: ['B', 'A'] }
		]);
		expect(isPerfect(score, maxScore)).toBe(true);
	});
});
