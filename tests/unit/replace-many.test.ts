import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createManyReplacer } from '../../src/lib/domain/replace-many';

describe('replacing many needles at once', () => {
	it('replaces every occurrence, the longest needle at a place, leftmost first', () => {
		const r = createManyReplacer([
			['An', 'A'],
			['Lê Văn An', 'B'],
			['0912', 'P'],
			['Văn', 'V'],
			['An', 'ignored: the first replacement of a needle stays']
		]);
		expect(r.replace('Lê Văn An gọi Anh An, 09120912')).toBe('B gọi Ah A, PP');
		expect(r.replace('không có gì')).toBe('không có gì');
		expect(createManyReplacer([]).replace('An')).toBe('An');
	});

	it('gives what replacing the needles one by one gives when they cannot overlap', () => {
		// needles of one length: where two overlap, the leftmost is replaced either way
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.stringMatching(/^[0-9]{4}$/), { minLength: 1, maxLength: 20 }),
				fc.array(fc.stringMatching(/^[0-9a-z ]{0,12}$/), { maxLength: 8 }),
				(needles, fillers) => {
					const text = fillers.map((f, i) => f + (needles[i % needles.length] ?? '')).join('|');
					const r = createManyReplacer(needles.map((n) => [n, '#'] as const));
					// one by one, leftmost first: a regular expression of the needles
					const expected = text.replace(new RegExp(needles.join('|'), 'g'), '#');
					expect(r.replace(text)).toBe(expected);
				}
			)
		);
	});
});
