/**
 * The kinds beyond choices (issue 16) through the import service: an organizer's workbook and a
 * Moodle XML file holding every new kind are checked, previewed with their keys, written with
 * their settings (question_version.settings_json), flagged as duplicates when imported again, and
 * exported back to a workbook that imports as the same questions.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportGift, importGift } from '../../src/lib/domain/import/gift';
import { exportMoodleXml, importMoodleXml } from '../../src/lib/domain/import/moodle-xml';
import { checkImport, confirmImport } from '../../src/lib/server/questions/import.service';
import { createPendingImports, type PendingImports } from '../../src/lib/server/questions/pending-imports';
import { exportBank, type Actor } from '../../src/lib/server/questions/question.service';
import { writeXlsx } from '../../src/lib/server/questions/xlsx';
import { createTestBank } from '../helpers/fixtures';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let pending: PendingImports;
let organizer: Actor;

beforeEach(async () => {
	ctx = await createTestContext();
	pending = createPendingImports(ctx.db);
	organizer = await insertOrganizer(ctx, '0912345671');
});

afterEach(async () => {
	await ctx.dispose();
});

const HEADER = [
	'Chủ đề',
	'Loại câu hỏi',
	'Câu hỏi',
	'Phương án A',
	'Phương án B',
	'Phương án C',
	'Phương án D',
	'Đáp án',
	'Mức độ',
	'Sai số cho phép',
	'Đơn vị'
];

/** An organizer's own workbook: the columns they need only, the numbers typed as numbers or as text. */
async function organizerWorkbook(): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Câu hỏi');
	sheet.addRow(HEADER);
	sheet.addRow([
		'Một cửa',
		'Sắp xếp',
		'Sắp xếp các bước giải quyết hồ sơ theo đúng thứ tự?',
		'Tiếp nhận',
		'Thẩm định',
		'Phê duyệt',
		'Trả kết quả',
		'Từng cặp',
		'Khó'
	]);
	// a number cell, as Excel stores "12,5" typed in a Vietnamese locale
	sheet.addRow([
		'Một cửa',
		'Số',
		'Tỷ lệ hồ sơ trễ hạn năm qua là bao nhiêu phần trăm?',
		'',
		'',
		'',
		'',
		12.5,
		'',
		0.5,
		'%'
	]);
	// typed as text: "1.000" is a thousand
	sheet.addRow([
		'Một cửa',
		'uoc luong',
		'Tỉnh có bao nhiêu thủ tục hành chính đang áp dụng?',
		'',
		'',
		'',
		'',
		'1.000',
		'',
		'',
		'thủ tục'
	]);
	sheet.addRow([
		'Chính phủ số',
		'Điền từ',
		'Ứng dụng định danh điện tử quốc gia có tên là gì?',
		'VNeID',
		'VNe ID',
		'',
		'',
		'không dấu, phân biệt hoa thường'
	]);
	sheet.addRow(['Chính phủ số', 'Thăm dò', 'Bạn đã dùng dịch vụ công trực tuyến chưa?', 'Rồi', 'Chưa']);
	sheet.addRow(['Chính phủ số', 'Đám mây từ', 'Một từ về Chính phủ số mà bạn nghĩ đến?']);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Moodle</text></category></question>
  <question type="ordering">
    <name><text>Thứ tự</text></name>
    <questiontext format="html"><text><![CDATA[<p>Sắp xếp các cấp hành chính từ cao xuống thấp?</p>]]></text></questiontext>
    <layouttype>VERTICAL</layouttype>
    <selecttype>ALL</selecttype>
    <selectcount>3</selectcount>
    <gradingtype>ALL_OR_NOTHING</gradingtype>
    <answer fraction="1"><text>Tỉnh</text></answer>
    <answer fraction="2"><text>Xã</text></answer>
    <answer fraction="3"><text>Thôn</text></answer>
  </question>
  <question type="numerical">
    <questiontext format="plain_text"><text>Hiến pháp hiện hành được thông qua năm nào?</text></questiontext>
    <answer fraction="100"><text>2013</text><tolerance>0</tolerance></answer>
    <answer fraction="50"><text>2013</text><tolerance>2</tolerance></answer>
  </question>
  <question type="shortanswer">
    <questiontext format="plain_text"><text>Thủ đô của Việt Nam?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>Hà Nội</text></answer>
    <answer fraction="100"><text>Thành phố Hà Nội</text></answer>
  </question>
</quiz>
`;

async function check(bankId: string, name: string, bytes: Uint8Array) {
	const checked = await checkImport(ctx, pending, organizer, bankId, { name, bytes }, '');
	if (!checked.ok) throw new Error(`check failed: ${JSON.stringify(checked)}`);
	return checked;
}

async function importInto(bankId: string, name: string, bytes: Uint8Array) {
	const checked = await check(bankId, name, bytes);
	const confirmed = await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates: false });
	expect(confirmed).toMatchObject({ ok: true });
	return checked;
}

/** What the bank stores of each question: its kind, options and settings, in authored order. */
async function stored(bankId: string) {
	const rows = await ctx.db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question.type', 'question_version.options_json', 'question_version.settings_json'])
		.where('question.bank_id', '=', bankId)
		.orderBy('question.position')
		.execute();
	return rows.map((r) => ({
		type: r.type,
		options: (JSON.parse(r.options_json) as { text: string; correct: boolean }[]).map((o) => [o.text, o.correct]),
		settings: r.settings_json === null ? null : JSON.parse(r.settings_json)
	}));
}

describe('a workbook with every new kind', () => {
	it('is previewed with each key, stored with its settings, and flagged as duplicates the second time', async () => {
		const bankId = await createTestBank(ctx, organizer, 'Ngân hàng loại mới');
		const bytes = await organizerWorkbook();
		const checked = await importInto(bankId, 'cau-hoi.xlsx', bytes);
		expect(checked.preview.byType).toEqual({ ordering: 1, numeric: 2, short_text: 1, poll: 1, word_cloud: 1 });
		expect(checked.preview.kindCount).toBe(6);
		expect(checked.preview.kinds[0]).toMatchObject({
			number: 1,
			type: 'ordering',
			items: ['Tiếp nhận', 'Thẩm định', 'Phê duyệt', 'Trả kết quả'],
			scoring: 'pairs'
		});
		expect(checked.preview.kinds[1].numeric).toEqual({ answer: 12.5, tolerance: 0.5, scoring: 'tolerance', unit: '%' });
		expect(checked.preview.kinds[3]).toMatchObject({
			items: ['VNeID', 'VNe ID'],
			match: { ignoreDiacritics: true, ignoreCase: false }
		});

		expect(await stored(bankId)).toEqual([
			{
				type: 'ordering',
				options: [
					['Tiếp nhận', true],
					['Thẩm định', true],
					['Phê duyệt', true],
					['Trả kết quả', true]
				],
				settings: { ordering: { scoring: 'pairs' } }
			},
			{
				type: 'numeric',
				options: [],
				settings: { numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance', unit: '%' } }
			},
			{
				type: 'numeric',
				options: [],
				settings: { numeric: { answer: 1000, tolerance: 0, scoring: 'tolerance', unit: 'thủ tục' } }
			},
			{
				type: 'short_text',
				options: [
					['VNeID', true],
					['VNe ID', true]
				],
				settings: { text: { ignoreDiacritics: true, ignoreCase: false } }
			},
			{
				type: 'poll',
				options: [
					['Rồi', false],
					['Chưa', false]
				],
				settings: null
			},
			{ type: 'word_cloud', options: [], settings: null }
		]);

		// the same file again: every question looks like one of the bank
		const again = await check(bankId, 'cau-hoi.xlsx', bytes);
		expect(again.preview.duplicateCount).toBe(6);
	});

	it('exports to Excel and imports into another bank as the same questions; GIFT and Moodle carry what they can', async () => {
		const first = await createTestBank(ctx, organizer, 'Ngân hàng gốc');
		await importInto(first, 'cau-hoi.xlsx', await organizerWorkbook());
		const exported = await exportBank(ctx, organizer, first);
		if (!exported.ok) throw new Error(exported.reason);

		const second = await createTestBank(ctx, organizer, 'Ngân hàng chép');
		await importInto(second, 'xuat.xlsx', new Uint8Array(await writeXlsx(exported.questions)));
		expect(await stored(second)).toEqual(await stored(first));
		const back = await exportBank(ctx, organizer, second);
		expect(back.ok && back.questions).toEqual(exported.questions);

		// GIFT: the numbers and the short answer, not ordering, poll or word cloud
		const gift = importGift(exportGift(exported.questions));
		expect(gift.questions.map((q) => q.type)).toEqual(['numeric', 'numeric', 'short_text']);
		// Moodle: every kind but poll and word cloud
		const moodle = importMoodleXml(exportMoodleXml(exported.questions));
		expect(moodle.questions.map((q) => q.type)).toEqual(['ordering', 'numeric', 'numeric', 'short_text']);
	});
});

describe('a Moodle XML file with ordering, numerical and shortanswer', () => {
	it('imports them with their settings, and the preview notes the partial-credit answer left out', async () => {
		const bankId = await createTestBank(ctx, organizer, 'Ngân hàng Moodle');
		const checked = await importInto(bankId, 'moodle.xml', new TextEncoder().encode(MOODLE));
		expect(checked.preview.byTopic).toEqual([{ name: 'Moodle', count: 3, isNew: true }]);
		expect(checked.preview.notices).toEqual([
			{
				line: 18,
				message:
					'Dòng 18: đáp án 2013 (±2) được 50% điểm trên Moodle; ở đây chỉ đáp án đúng hoàn toàn được tính, đáp án này bị bỏ'
			}
		]);
		expect(await stored(bankId)).toEqual([
			{
				type: 'ordering',
				options: [
					['Tỉnh', true],
					['Xã', true],
					['Thôn', true]
				],
				settings: { ordering: { scoring: 'all' } }
			},
			{ type: 'numeric', options: [], settings: { numeric: { answer: 2013, tolerance: 0, scoring: 'tolerance' } } },
			{
				type: 'short_text',
				options: [
					['Hà Nội', true],
					['Thành phố Hà Nội', true]
				],
				settings: { text: { ignoreDiacritics: false, ignoreCase: true } }
			}
		]);
	});
});
