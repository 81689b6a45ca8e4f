import { describe, expect, it } from 'vitest';
import { descendantIds, flattenUnitTree, searchUnits } from '../../src/lib/domain/units';
import { en } from '../../src/lib/i18n/en';
import { translate } from '../../src/lib/i18n';
import { vi } from '../../src/lib/i18n/vi';
import { formatDateTime, formatNumber } from '../../src/lib/i18n/format';

const units = [
	{ id: 'p', name: 'Tỉnh Quảng Ninh', parentId: null },
	{ id: 'w1', name: 'Phường Hà Khánh', parentId: 'p' },
	{ id: 'w2', name: 'Phường Bãi Cháy', parentId: 'p' },
	{ id: 'o1', name: 'Văn phòng HĐND và UBND phường Hà Khánh', parentId: 'w1' },
	{ id: 'c1', name: 'Xã Đông Ngũ', parentId: 'p' }
];

describe('unit tree', () => {
	it('flattens depth-first with siblings in Vietnamese order and the path above each unit', () => {
		const flat = flattenUnitTree(units);
		expect(flat.map((u) => u.id)).toEqual(['p', 'w2', 'w1', 'o1', 'c1']);
		expect(flat.find((u) => u.id === 'o1')!.path).toEqual(['Tỉnh Quảng Ninh', 'Phường Hà Khánh']);
	});

	it('finds units with or without diacritics, every word required', () => {
		const flat = flattenUnitTree(units);
		expect(searchUnits(flat, 'Hà Khánh').map((u) => u.id)).toEqual(['w1', 'o1']);
		expect(searchUnits(flat, 'ha khanh').map((u) => u.id)).toEqual(['w1', 'o1']);
		expect(searchUnits(flat, 'dong ngu').map((u) => u.id)).toEqual(['c1']);
		expect(searchUnits(flat, 'van phong ha khanh').map((u) => u.id)).toEqual(['o1']);
		expect(searchUnits(flat, 'Cẩm Phả')).toEqual([]);
	});

	it('collects a unit and everything below it', () => {
		expect([...descendantIds(units, 'w1')].sort()).toEqual(['o1', 'w1']);
	});
});

describe('message catalogues', () => {
	it('has an English message for every Vietnamese key, with the same placeholders', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
		const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
		for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
		}
	});

	it('fills placeholders', () => {
		expect(translate('vi', 'attempt.question_n', { n: 3, total: 20 })).toBe('Câu 3/20');
	});

	it('formats dates in Vietnam time and numbers the Vietnamese way', () => {
		expect(formatDateTime(Date.UTC(2026, 10, 22, 17, 5))).toBe('23/11/2026 00:05');
		expect(formatNumber(25980)).toBe('25.980');
	});
});
