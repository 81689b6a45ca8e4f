import { describe, expect, it } from 'vitest';
import { checkUnitTree, rowsToUnits } from '../../src/lib/domain/import/units';

const HEADER = ['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên', 'Số người', 'Loại'];
const NONE = new Set<string>();

function messages(rows: string[][], existing: ReadonlySet<string> = NONE): string[] {
	const result = rowsToUnits(rows, existing);
	return result.ok ? [] : result.issues.map((i) => i.message);
}

describe('rowsToUnits', () => {
	it('reads a valid file: headers in any order and without diacritics, kinds, headcounts, roots', () => {
		const result = rowsToUnits(
			[
				['ten don vi', 'MA DON VI', 'Ghi chú', 'Loai', 'Bien che', 'Ma don vi cap tren'],
				['Tỉnh Quảng Ninh', 'QN', 'tỉnh lỵ', 'Tỉnh', '1.200', ''],
				['  Sở Nội vụ ', 'QN-SNV', '', 'sở', '180', 'QN'],
				[],
				['Phường Hà Khánh', 'QN-HK', '', 'Phường', '', 'QN'],
				['Văn phòng HĐND và UBND phường', 'QN-HK-VP', '', '', '25', 'QN-HK'],
				['Xã Đông Ngũ', 'QN-DN', '', 'xa', '0', 'QN']
			],
			NONE
		);
		expect(result).toEqual({
			ok: true,
			units: [
				{ line: 2, code: 'QN', name: 'Tỉnh Quảng Ninh', parentCode: null, headcount: 1200, kind: 'province' },
				{ line: 3, code: 'QN-SNV', name: 'Sở Nội vụ', parentCode: 'QN', headcount: 180, kind: 'department' },
				{ line: 5, code: 'QN-HK', name: 'Phường Hà Khánh', parentCode: 'QN', headcount: null, kind: 'ward' },
				{
					line: 6,
					code: 'QN-HK-VP',
					name: 'Văn phòng HĐND và UBND phường',
					parentCode: 'QN-HK',
					headcount: 25,
					kind: null
				},
				{ line: 7, code: 'QN-DN', name: 'Xã Đông Ngũ', parentCode: 'QN', headcount: 0, kind: 'commune' }
			]
		});
	});

	it('accepts a parent code that is already in the system, and the Số lượng header', () => {
		const result = rowsToUnits(
			[
				['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên', 'Số lượng'],
				['QN-TY', 'Xã Tiên Yên', 'QN', '90']
			],
			new Set(['QN'])
		);
		expect(result.ok).toBe(true);
		expect(result.units[0]).toMatchObject({ parentCode: 'QN', headcount: 90 });
	});

	it('reports missing required columns and an empty file', () => {
		expect(messages([['Tên đơn vị', 'Số người']])).toEqual(["Dòng 1: thiếu cột bắt buộc 'Mã đơn vị'"]);
		expect(messages([])).toEqual(['Dòng 1: tệp trống, không có dòng tiêu đề']);
		expect(messages([HEADER, []])).toEqual(['Dòng 1: tệp không có đơn vị nào']);
	});

	it('reports two columns with the same meaning', () => {
		expect(
			messages([
				[...HEADER, 'Biên chế'],
				['A', 'Đơn vị A', '', '1', '', '2']
			])
		).toEqual(["Dòng 1, cột Biên chế: cột này trùng ý nghĩa với cột 'Số người'"]);
	});

	it('reports a missing code and a missing name', () => {
		expect(messages([HEADER, ['', 'Sở Tư pháp', '', '90', ''], ['QN-STC', '', '', '', '']])).toEqual([
			'Dòng 2, cột Mã đơn vị: thiếu mã đơn vị',
			'Dòng 3, cột Tên đơn vị: thiếu tên đơn vị'
		]);
	});

	it('reports a code with spaces', () => {
		expect(messages([HEADER, ['QN SNV', 'Sở Nội vụ', '', '', '']])).toEqual([
			"Dòng 2, cột Mã đơn vị: mã 'QN SNV' không được chứa khoảng trắng"
		]);
	});

	it('reports a code repeated in the file', () => {
		expect(
			messages([
				HEADER,
				['QN', 'Tỉnh Quảng Ninh', '', '', ''],
				['QN-SNV', 'Sở Nội vụ', 'QN', '', ''],
				['QN-SNV', 'Sở Nội vụ (trùng)', 'QN', '', '']
			])
		).toEqual(["Dòng 4, cột Mã đơn vị: mã 'QN-SNV' đã có ở dòng 3"]);
	});

	it('reports a parent found neither in the file nor in the system', () => {
		const rows = [
			HEADER,
			['QN', 'Tỉnh Quảng Ninh', '', '', ''],
			['QN-SNV', 'Sở Nội vụ', 'QN', '', ''],
			['QN-STP', 'Sở Tư pháp', 'QN', '', ''],
			['QN-STC', 'Sở Tài chính', 'QN', '', ''],
			['QN-SXD', 'Sở Xây dựng', 'QN', '', ''],
			['QN-Y', 'Đơn vị Y', 'QN-X', '', '']
		];
		expect(messages(rows)).toEqual([
			"Dòng 7, cột Mã đơn vị cấp trên: 'QN-X' không có trong tệp và chưa có trong hệ thống"
		]);
		expect(messages(rows, new Set(['QN-X']))).toEqual([]);
	});

	it('reports a cycle among parent codes on every row of the cycle', () => {
		expect(
			messages([
				HEADER,
				['A', 'Đơn vị A', 'C', '', ''],
				['B', 'Đơn vị B', 'A', '', ''],
				['C', 'Đơn vị C', 'B', '', ''],
				['D', 'Đơn vị D', 'D', '', '']
			])
		).toEqual([
			"Dòng 2, cột Mã đơn vị cấp trên: 'C' tạo thành vòng lặp (A → C → B → A)",
			"Dòng 3, cột Mã đơn vị cấp trên: 'A' tạo thành vòng lặp (B → A → C → B)",
			"Dòng 4, cột Mã đơn vị cấp trên: 'B' tạo thành vòng lặp (C → B → A → C)",
			"Dòng 5, cột Mã đơn vị cấp trên: 'D' tạo thành vòng lặp (D → D)"
		]);
	});

	it('finds a cycle that runs through a unit already stored', () => {
		// Stored: QN-HK under QN. The file puts QN under QN-HK.
		const result = rowsToUnits(
			[HEADER, ['QN', 'Tỉnh Quảng Ninh', 'QN-HK', '', '']],
			new Set(['QN', 'QN-HK']),
			new Map([
				['QN', null],
				['QN-HK', 'QN']
			])
		);
		expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
			"Dòng 2, cột Mã đơn vị cấp trên: 'QN-HK' tạo thành vòng lặp (QN → QN-HK → QN)"
		]);
	});

	it('reports a headcount that is not a non-negative whole number, under the header the file uses', () => {
		expect(
			messages([
				['Mã đơn vị', 'Tên đơn vị', 'Biên chế'],
				['A', 'Đơn vị A', '-3'],
				['B', 'Đơn vị B', '12,5'],
				['C', 'Đơn vị C', 'mười'],
				['D', 'Đơn vị D', '200000000']
			])
		).toEqual([
			"Dòng 2, cột Biên chế: '-3' không phải là số nguyên không âm",
			"Dòng 3, cột Biên chế: '12,5' không phải là số nguyên không âm",
			"Dòng 4, cột Biên chế: 'mười' không phải là số nguyên không âm",
			"Dòng 5, cột Biên chế: '200000000' lớn quá mức cho phép (tối đa 100.000.000)"
		]);
	});

	it('reports an unknown kind', () => {
		expect(messages([HEADER, ['A', 'Đơn vị A', '', '', 'huyện']])).toEqual([
			"Dòng 2, cột Loại: 'huyện' không phải là loại đơn vị hợp lệ (tỉnh, sở, xã, phường, cơ quan)"
		]);
	});

	it('keeps the valid units for the preview counts when some rows fail', () => {
		const result = rowsToUnits(
			[HEADER, ['A', 'Đơn vị A', '', '', ''], ['B', '', 'A', '', ''], ['C', 'Đơn vị C', 'B', '', '']],
			NONE
		);
		expect(result.ok).toBe(false);
		// C hangs under B, whose row is bad but whose code is known: no knock-on issue for C.
		expect(result.ok ? [] : result.issues.map((i) => i.line)).toEqual([3]);
		expect(result.units.map((u) => u.code)).toEqual(['A', 'C']);
	});
});

describe('checkUnitTree', () => {
	it('checks rows against the stored tree only', () => {
		const stored = new Map<string, string | null>([
			['P', null],
			['W', 'P']
		]);
		expect(checkUnitTree([{ line: 2, code: 'X', parentCode: 'W' }], stored)).toEqual([]);
		expect(checkUnitTree([{ line: 2, code: 'P', parentCode: 'W' }], stored).map((i) => i.message)).toEqual([
			"Dòng 2, cột Mã đơn vị cấp trên: 'W' tạo thành vòng lặp (P → W → P)"
		]);
	});
});
