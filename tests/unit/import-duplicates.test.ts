import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findImportDuplicates } from '../../src/lib/domain/import/duplicates';
import { DUPLICATE_THRESHOLD, textSimilarity } from '../../src/lib/domain/questions';

describe('findImportDuplicates', () => {
	it("flags a question like one of the bank, by the editor's rule", () => {
		const bank = [{ id: 'q1', text: 'Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa tại cấp xã?' }];
		const file = [
			{ text: 'co quan nao tiep nhan ho so theo co che mot cua tai cap xa' },
			{ text: 'Chính phủ số là gì?' }
		];
		expect(findImportDuplicates(file, bank)).toEqual([
			{ index: 0, matches: [{ source: 'bank', id: 'q1', index: undefined, text: bank[0].text, similarity: 1 }] }
		]);
	});

	it('flags a later question of the file like an earlier one, never the earlier one', () => {
		const file = [
			{ text: 'Luật Cán bộ, công chức có hiệu lực từ năm nào?' },
			{ text: 'Luật cán bộ công chức có hiệu lực từ năm nào' }
		];
		const found = findImportDuplicates(file, []);
		expect(found.map((d) => [d.index, d.matches.map((m) => [m.source, m.index])])).toEqual([[1, [['file', 0]]]]);
	});

	it('keeps apart questions that only share words', () => {
		const file = [
			{ text: 'Thời hạn giải quyết thủ tục hành chính được tính từ ngày nào?' },
			{ text: 'Thời hạn giải quyết khiếu nại được tính từ ngày nào?' }
		];
		expect(textSimilarity(file[0].text, file[1].text)).toBeLessThan(DUPLICATE_THRESHOLD);
		expect(findImportDuplicates(file, [])).toEqual([]);
	});

	it('finds exactly the pairs that comparing every pair finds', () => {
		// Texts built from few words, so near and exact duplicates are common.
		const words = ['thủ tục', 'hành chính', 'một cửa', 'cấp xã', 'hồ sơ', 'công chức', 'nào', 'là gì', 'tỉnh'];
		const text = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 7 }).map((w) => w.join(' '));
		fc.assert(
			fc.property(fc.array(text, { maxLength: 12 }), fc.array(text, { maxLength: 12 }), (fileTexts, bankTexts) => {
				const bank = bankTexts.map((t, i) => ({ id: `b${i}`, text: t }));
				const file = fileTexts.map((t) => ({ text: t }));
				const found = findImportDuplicates(file, bank, DUPLICATE_THRESHOLD, Infinity);
				const expected = file.flatMap((q, index) => {
					const others = [
						...bank.map((b) => ({ key: b.id, text: b.text })),
						...file.slice(0, index).map((f, i) => ({ key: `f${i}`, text: f.text }))
					];
					const keys = others.filter((o) => textSimilarity(q.text, o.text) >= DUPLICATE_THRESHOLD).map((o) => o.key);
					return keys.length ? [{ index, keys: keys.sort() }] : [];
				});
				const actual = found.map((d) => ({
					index: d.index,
					keys: d.matches.map((m) => (m.source === 'bank' ? m.id! : `f${m.index}`)).sort()
				}));
				expect(actual).toEqual(expected);
			}),
			{ numRuns: 300 }
		);
	});
});
