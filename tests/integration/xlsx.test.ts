import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { NUMERIC_HEADERS, TEMPLATE_HEADERS } from '../../src/lib/domain/import/template';
import { TEMPLATE_EXAMPLES } from '../../src/lib/domain/import/skips';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { readXlsx, templateXlsx, writeXlsx } from '../../src/lib/server/questions/xlsx';

const SAMPLE: ImportedQuestion[] = [
	{
		topic: 'Cải cách thủ tục hành chính',
		type: 'single',
		text: 'Thời hạn giải quyết "thủ tục hành chính" được tính từ khi nào?\nChọn một đáp án.',
		options: [
			{ text: 'Từ ngày nộp đơn', correct: false },
			{ text: 'Từ ngày nhận đủ hồ sơ hợp lệ', correct: true },
			{ text: '=1+1', correct: false },
			{ text: '2024', correct: false }
		],
		difficulty: 'easy',
		explanation: 'Tính từ ngày nhận đủ hồ sơ hợp lệ.',
		legalReference: 'Điều 4 Nghị định 61/2018/NĐ-CP',
		tags: ['thời hạn', 'hồ sơ']
	},
	{
		topic: 'Chính phủ số',
		type: 'multiple',
		text: 'Những nền tảng nào thuộc Chính phủ số?',
		options: [
			{ text: 'Cổng Dịch vụ công quốc gia', correct: true },
			{ text: 'Ứng dụng VNeID', correct: true },
			{ text: 'Mạng xã hội cá nhân', correct: false },
			{ text: 'E', correct: false },
			{ text: 'F', correct: false },
			{ text: 'G', correct: false },
			{ text: 'H', correct: false },
			{ text: 'Hệ thống thông tin giải quyết TTHC', correct: true }
		],
		difficulty: 'hard',
		explanation: '',
		legalReference: '',
		tags: []
	},
	{
		topic: '',
		type: 'true_false',
		text: 'Công dân được nộp hồ sơ trực tuyến toàn trình.',
		options: [
			{ text: 'Đúng', correct: false },
			{ text: 'Sai', correct: true }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: ['trực tuyến']
	}
];

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook;
}

/** A workbook built cell by cell, the way organizers' own files look. */
async function handMadeXlsx(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	fill(workbook.addWorksheet('Trang 1'));
	workbook.addWorksheet('Trang 2').addRow(['không đọc']);
	return Buffer.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayBuffer);
}

describe('writeXlsx / readXlsx', () => {
	it('round-trips every type', async () => {
		expect(await readXlsx(await writeXlsx(SAMPLE))).toEqual({ ok: true, questions: SAMPLE });
	});

	it('accepts an ArrayBuffer', async () => {
		const buffer = await writeXlsx(SAMPLE);
		const arrayBuffer = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
		expect(await readXlsx(arrayBuffer)).toEqual({ ok: true, questions: SAMPLE });
	});

	it('writes a workbook an organizer can fill in', async () => {
		const workbook = await loadWorkbook(await writeXlsx(SAMPLE));
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Hướng dẫn']);
		const sheet = workbook.getWorksheet('Câu hỏi')!;
		expect(sheet.getRow(1).values).toEqual([undefined, ...TEMPLATE_HEADERS]);
		expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
		expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(sheet.autoFilter).toBeTruthy();
		expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(4).width ?? 0);
		expect(sheet.getCell('C2').alignment?.wrapText).toBe(true);
		expect(sheet.getCell('N2').alignment?.wrapText).toBe(true);
		const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
			.dataValidations.model;
		expect(validations.B2).toMatchObject({
			type: 'list',
			formulae: ['"Một đáp án,Nhiều đáp án,Đúng/Sai,Sắp xếp,Số,Điền từ,Thăm dò,Đám mây từ"']
		});
		expect(validations.M10001).toMatchObject({ type: 'list', formulae: ['"Dễ,Trung bình,Khó"'] });
		expect(validations.M10002).toBeUndefined();
		const guide = workbook.getWorksheet('Hướng dẫn')!;
		const guideText = guide.getSheetValues().flat().join(' ');
		expect(guideText).toContain('Một đáp án, Nhiều đáp án, Đúng/Sai, Sắp xếp, Số, Điền từ, Thăm dò, Đám mây từ');
		expect(guideText).toContain('Dễ, Trung bình, Khó');
		expect(guideText).toContain('"A,C"');
	});

	it('makes a template with an example question of each kind that imports cleanly', async () => {
		const buffer = await templateXlsx();
		const result = await readXlsx(buffer);
		expect(result).toEqual({ ok: true, questions: TEMPLATE_EXAMPLES });
		expect(result.questions.map((q) => q.type)).toEqual([
			'single',
			'multiple',
			'true_false',
			'ordering',
			'numeric',
			'short_text',
			'poll',
			'word_cloud'
		]);
		// the numeric columns follow the template's, and the guide says how each kind fills a row
		const workbook = await loadWorkbook(buffer);
		expect(workbook.getWorksheet('Câu hỏi')!.getRow(1).values).toEqual([
			undefined,
			...TEMPLATE_HEADERS,
			...NUMERIC_HEADERS
		]);
		const guideText = workbook.getWorksheet('Hướng dẫn')!.getSheetValues().flat().join(' ');
		expect(guideText).toContain('"Từng cặp"');
		expect(guideText).toContain('Sai số cho phép');
		expect(guideText).toContain('"không dấu"');
	});

	it('reads numbers, rich text, formulas and hyperlinks as text, and counts blank rows', async () => {
		const buffer = await handMadeXlsx((sheet) => {
			sheet.addRow(['Câu hỏi', 'Phương án A', 'Phương án B', 'Phương án C', 'Đáp án', 'Mức độ']);
			sheet.addRow([
				{ richText: [{ text: 'Năm ' }, { font: { bold: true }, text: 'thành lập' }, { text: '?' }] },
				1945,
				{ formula: '1944+2', result: 1946 },
				{ text: 'Cổng DVC', hyperlink: 'https://dichvucong.gov.vn' },
				'a',
				'DỄ'
			]);
			sheet.getRow(5).values = ['Câu lỗi?', 'Một', 'Hai', '', 'C'];
		});
		const result = await readXlsx(buffer);
		expect(result.questions[0]).toMatchObject({
			text: 'Năm thành lập?',
			options: [
				{ text: '1945', correct: true },
				{ text: '1946', correct: false },
				{ text: 'Cổng DVC', correct: false }
			],
			difficulty: 'easy'
		});
		expect(result.ok ? [] : result.issues).toEqual([
			{ line: 5, column: 'Đáp án', message: "Dòng 5, cột Đáp án: 'C' không phải là một phương án của câu hỏi này" }
		]);
	});

	it('reports a missing header of the first sheet', async () => {
		const buffer = await handMadeXlsx((sheet) => {
			sheet.addRow(['Câu hỏi', 'Phương án A', 'Phương án B']);
			sheet.addRow(['Q?', 'X', 'Y']);
		});
		expect(await readXlsx(buffer)).toEqual({
			ok: false,
			issues: [{ line: 1, column: 'Đáp án', message: "Dòng 1: thiếu cột bắt buộc 'Đáp án'" }],
			questions: []
		});
	});

	it('refuses a file that is not an xlsx workbook', async () => {
		expect(await readXlsx(Buffer.from('Câu hỏi,Đáp án\n'))).toEqual({
			ok: false,
			issues: [{ line: 1, message: 'Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx' }],
			questions: []
		});
	});

	it('writes and reads back 10,000 questions', async () => {
		const questions = Array.from({ length: 10000 }, (_, i): ImportedQuestion => {
			const base = SAMPLE[i % SAMPLE.length];
			return { ...base, text: `${base.text} (${i + 1})`, topic: base.topic && `${base.topic} ${i % 7}` };
		});
		const result = await readXlsx(await writeXlsx(questions));
		expect(result.ok).toBe(true);
		expect(result.questions).toHaveLength(10000);
		for (const i of [0, 1, 2, 4999, 7777, 9999]) expect(result.questions[i]).toEqual(questions[i]);
	}, 60000);
});
