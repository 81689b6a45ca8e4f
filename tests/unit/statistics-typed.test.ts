import { describe, expect, it } from 'vitest';
import { frequentWrongAnswers } from '../../src/lib/domain/statistics';

describe('frequentWrongAnswers', () => {
	it('counts spellings that differ in case, diacritics and end punctuation as one, in the most typed spelling', () => {
		expect(
			frequentWrongAnswers([
				{ text: 'Chính phủ', count: 3 },
				{ text: 'chinh phu', count: 1 },
				{ text: 'CHÍNH PHỦ.', count: 1 },
				{ text: 'Tòa án', count: 4 },
				{ text: '   ', count: 9 }
			])
		).toEqual([
			{ text: 'Chính phủ', count: 5 },
			{ text: 'Tòa án', count: 4 }
		]);
	});

	it('keeps the most frequent first, then alphabetical, up to the limit', () => {
		const rows = ['e', 'd', 'c', 'b', 'a', 'f'].map((text, i) => ({ text, count: i < 2 ? 2 : 1 }));
		expect(frequentWrongAnswers(rows, 3).map((a) => a.text)).toEqual(['d', 'e', 'a']);
	});
});
