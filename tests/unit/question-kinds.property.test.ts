/**
 * Properties of the question kinds' grading (issue 16): ordering shares, numbers as Vietnamese
 * types them, and the folding of typed answers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	formatNumberVi,
	gradeAnswer,
	isAnswerRight,
	matchKey,
	orderingShare,
	parseTypedNumber,
	type GradableQuestion
} from '../../src/lib/domain/question-kinds';

/** 2–6 distinct keys and a permutation of them. */
const keysAndPermutation = fc
	.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 6 })
	.chain((keys) => fc.tuple(fc.constant(keys), fc.shuffledSubarray(keys, { minLength: keys.length })));

describe('orderingShare (property)', () => {
	it('is within [0, 1] for any answer, permutation or not', () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.string({ minLength: 1, maxLength: 2 }), { minLength: 2, maxLength: 6 }),
				fc.array(fc.string({ maxLength: 2 }), { maxLength: 8 }),
				fc.constantFrom('all' as const, 'pairs' as const),
				(keys, answer, scoring) => {
					const share = orderingShare(keys, answer, scoring);
					expect(share).toBeGreaterThanOrEqual(0);
					expect(share).toBeLessThanOrEqual(1);
				}
			)
		);
	});

	it('is 1 exactly when the order is the right one, by either scoring', () => {
		fc.assert(
			fc.property(keysAndPermutation, ([keys, answer]) => {
				const same = keys.every((k, i) => answer[i] === k);
				expect(orderingShare(keys, answer, 'all') === 1).toBe(same);
				expect(orderingShare(keys, answer, 'pairs') === 1).toBe(same);
			})
		);
	});

	it('gives by pairs at least what all-or-nothing gives', () => {
		fc.assert(
			fc.property(keysAndPermutation, ([keys, answer]) => {
				expect(orderingShare(keys, answer, 'pairs')).toBeGreaterThanOrEqual(orderingShare(keys, answer, 'all'));
			})
		);
	});

	it('gives 0 to anything that is not a permutation of the items', () => {
		fc.assert(
			fc.property(
				keysAndPermutation,
				fc.nat(),
				fc.constantFrom('drop', 'repeat', 'foreign'),
				([keys, answer], at, how) => {
					const i = at % answer.length;
					const broken =
						how === 'drop'
							? answer.filter((_, j) => j !== i)
							: how === 'repeat'
								? answer.map((k, j) => (j === (i + 1) % answer.length ? answer[i] : k))
								: answer.map((k, j) => (j === i ? `${k}\u0000x` : k));
					expect(orderingShare(keys, broken, 'all')).toBe(0);
					expect(orderingShare(keys, broken, 'pairs')).toBe(0);
				}
			)
		);
	});

	it('accepts any permutation as an answer in a round: right only when in order', () => {
		fc.assert(
			fc.property(keysAndPermutation, ([keys, answer]) => {
				const q: GradableQuestion = {
					type: 'ordering',
					options: keys.map((key) => ({ key, text: key, correct: false })),
					settings: { ordering: { scoring: 'pairs' } }
				};
				// pairs scoring is for live games; a round counts the whole order
				expect(isAnswerRight(q, answer)).toBe(keys.every((k, i) => answer[i] === k));
				expect(gradeAnswer(q, answer)).toBe(orderingShare(keys, answer, 'pairs'));
			})
		);
	});

	it('scores one swapped pair at the end of four items as 2/3 by pairs', () => {
		expect(orderingShare(['A', 'B', 'C', 'D'], ['A', 'B', 'D', 'C'], 'pairs')).toBeCloseTo(1 / 3);
		expect(orderingShare(['A', 'B', 'C', 'D'], ['D', 'A', 'B', 'C'], 'pairs')).toBeCloseTo(2 / 3);
	});
});

describe('parseTypedNumber (property)', () => {
	it('reads back what formatNumberVi writes, for integers', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (n) => {
				expect(parseTypedNumber(formatNumberVi(n))).toBe(n);
			})
		);
	});

	it('reads back what formatNumberVi writes, for one and two decimals', () => {
		fc.assert(
			fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.constantFrom(10, 100), (whole, scale) => {
				const n = whole / scale;
				expect(parseTypedNumber(formatNumberVi(n))).toBeCloseTo(n, 9);
			})
		);
	});

	it('takes the separators phones give', () => {
		expect(parseTypedNumber('12,5')).toBe(12.5);
		expect(parseTypedNumber('3.5')).toBe(3.5);
		expect(parseTypedNumber('1.000')).toBe(1000);
		expect(parseTypedNumber('1,000,000')).toBe(1_000_000);
		expect(parseTypedNumber('1.234,5')).toBe(1234.5);
		expect(parseTypedNumber(' − 7 ')).toBe(-7);
		expect(parseTypedNumber('abc')).toBeNull();
		expect(parseTypedNumber('1,2,3')).toBeNull();
		expect(parseTypedNumber('')).toBeNull();
	});
});

describe('matchKey', () => {
	const strict = { ignoreCase: false, ignoreDiacritics: false };
	const loose = { ignoreCase: true, ignoreDiacritics: true };

	it('folds case only when asked', () => {
		expect(matchKey('Hà Nội', { ignoreCase: true, ignoreDiacritics: false })).toBe(
			matchKey('hà nội', { ignoreCase: true, ignoreDiacritics: false })
		);
		expect(matchKey('Hà Nội', strict)).not.toBe(matchKey('hà nội', strict));
	});

	it('drops diacritics (đ → d) only when asked', () => {
		expect(matchKey('Đà Nẵng', loose)).toBe('da nang');
		expect(matchKey('Đà Nẵng', { ignoreCase: false, ignoreDiacritics: true })).toBe('Da Nang');
		expect(matchKey('Đà Nẵng', strict)).not.toBe(matchKey('Da Nang', strict));
	});

	it('treats composed and decomposed Vietnamese alike, whatever the settings', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('Hà Nội', 'Đắk Lắk', 'Quảng Ngãi', 'Thừa Thiên Huế'),
				fc.boolean(),
				fc.boolean(),
				(s, c, d) => {
					const m = { ignoreCase: c, ignoreDiacritics: d };
					expect(matchKey(s.normalize('NFD'), m)).toBe(matchKey(s.normalize('NFC'), m));
				}
			)
		);
	});

	it('collapses whitespace and drops punctuation at the ends', () => {
		fc.assert(
			fc.property(
				fc.constantFrom('Hà Nội', 'Ủy ban nhân dân', 'Luật Đất đai'),
				fc.constantFrom('', ' ', '  ', '\t'),
				fc.constantFrom('', '.', '!', '"', '?', ' .'),
				(s, space, punctuation) => {
					const typed = `${space}${s.replace(/ /g, '  ')}${punctuation}${space}`;
					expect(matchKey(typed, strict)).toBe(s);
				}
			)
		);
	});

	it('grades a short answer against every accepted spelling', () => {
		const q: GradableQuestion = {
			type: 'short_text',
			options: [
				{ key: 'A', text: 'Quốc hội', correct: true },
				{ key: 'B', text: 'Quoc hoi', correct: true }
			],
			settings: { text: { ignoreCase: true, ignoreDiacritics: false } }
		};
		expect(isAnswerRight(q, ['quốc hội.'])).toBe(true);
		expect(isAnswerRight(q, ['QUOC HOI'])).toBe(true);
		expect(isAnswerRight(q, ['Quốc hôi'])).toBe(false);
		expect(isAnswerRight(q, [''])).toBe(false);
		expect(isAnswerRight(q, [])).toBe(false);
	});

	it('grades a number within its tolerance, typed either way', () => {
		const q: GradableQuestion = {
			type: 'numeric',
			options: [],
			settings: { numeric: { answer: 1000, tolerance: 50, scoring: 'distance', spread: 100 } }
		};
		expect(isAnswerRight(q, ['1.050'])).toBe(true);
		expect(isAnswerRight(q, ['949,5'])).toBe(false);
		// partial points are for live games: a round counts right or wrong
		expect(gradeAnswer(q, ['1.100'])).toBeCloseTo(0.5);
		expect(isAnswerRight(q, ['1.100'])).toBe(false);
		expect(isAnswerRight(q, ['một nghìn'])).toBe(false);
	});
});
