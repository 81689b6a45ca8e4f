import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseImportFile } from '../../src/lib/server/questions/import-file';

const HEADERS = [
	'Chủ đề',
	'Loại câu hỏi',
	'Câu hỏi',
	'Phương án A',
	'Phương án B',
	'Phương án C',
	'Phương án D',
	'Đáp án',
	'Mức độ'
];

describe('reading an uploaded question file', () => {
	it('refuses an empty file', async () => {
		const result = await parseImportFile(new Uint8Array(), 'csv');
		expect(result).toEqual({
			ok: false,
			questions: [],
			issues: [{ line: 1, message: 'Tệp rỗng: không có câu hỏi nào để nhập.' }]
		});
	});

	it('refuses a text file that is not UTF-8, saying how to fix it', async () => {
		// "Câu hỏi" in Windows-1258-ish single bytes: not valid UTF-8.
		const bytes = new Uint8Array([0x43, 0xe2, 0x75, 0x20, 0x68, 0xf5, 0x69, 0x2c, 0x41, 0x0a]);
		const result = await parseImportFile(bytes, 'csv');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toContain('UTF-8');
	});

	it('reports a merged option cell in Excel as the duplicate it reads as', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Câu hỏi');
		sheet.addRow(HEADERS);
		sheet.addRow([
			'Cải cách thể chế',
			'Một đáp án',
			'Câu hỏi có ô gộp?',
			'Phương án gộp',
			'',
			'Phương án C',
			'Phương án D',
			'A',
			'Dễ'
		]);
		sheet.mergeCells('D2:E2');
		const result = await parseImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues.map((i) => i.line)).toContain(2);
	});

	it('uses the result of a formula cell, as the organizer sees it in Excel', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('Câu hỏi');
		sheet.addRow(HEADERS);
		sheet.addRow([
			'Cải cách thể chế',
			'Một đáp án',
			'Bao nhiêu tỉnh, thành phố sau năm 2025?',
			'',
			'63',
			'Khác',
			'Không rõ',
			'A',
			'Dễ'
		]);
		sheet.getCell('D2').value = { formula: '30+4', result: 34 };
		const result = await parseImportFile(new Uint8Array(await workbook.xlsx.writeBuffer()), 'xlsx');
		expect(result.ok).toBe(true);
		expect(result.questions[0].options[0]).toEqual({ text: '34', correct: true });
	});

	it('guesses the format from the extension unless one is chosen', () => {
		expect(detectFormat('cau-hoi.XLSX', '')).toBe('xlsx');
		expect(detectFormat('cau-hoi.txt', null)).toBe('aiken');
		expect(detectFormat('cau-hoi.txt', 'gift')).toBe('gift');
		expect(detectFormat('cau-hoi.doc', '')).toBeNull();
	});
});
