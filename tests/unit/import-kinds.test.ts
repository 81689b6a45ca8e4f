/**
 * The kinds beyond choosing options (issue 16) in every import format: what each reads, the
 * settings it stores, and the issue (with its row and column) for every mistake.
 */
import { describe, expect, it } from 'vitest';
import { exportCsv, importCsv } from '../../src/lib/domain/import/csv';
import { detectFormatByContent } from '../../src/lib/domain/import/detect';
import { exportGift, importGift } from '../../src/lib/domain/import/gift';
import { exportMoodleXml, importMoodleXml } from '../../src/lib/domain/import/moodle-xml';
import { NUMERIC_HEADERS, TEMPLATE_HEADERS, rowsToQuestions } from '../../src/lib/domain/import/template';
import type { ImportResult, ImportedQuestion } from '../../src/lib/domain/import/types';
import { parseQuestionType } from '../../src/lib/domain/import/validate';

const HEADERS = [...TEMPLATE_HEADERS, ...NUMERIC_HEADERS];
type Header = (typeof HEADERS)[number];

function row(cells: Partial<Record<Header, string>>): string[] {
	return HEADERS.map((h) => cells[h] ?? '');
}

function sheet(...rows: Partial<Record<Header, string>>[]): ImportResult {
	return rowsToQuestions([HEADERS, ...rows.map(row)]);
}

function messages(result: ImportResult): string[] {
	return result.ok ? [] : result.issues.map((i) => i.message);
}

function question(q: Partial<ImportedQuestion> & Pick<ImportedQuestion, 'type' | 'options'>): ImportedQuestion {
	return { topic: '', text: 'Câu hỏi?', difficulty: 'medium', explanation: '', legalReference: '', tags: [], ...q };
}

const ITEMS = ['Tiếp nhận hồ sơ', 'Thẩm định', 'Phê duyệt', 'Trả kết quả'];

describe('the Loại column', () => {
	it('reads the new kinds by label and by their folded or English aliases', () => {
		const cases: [string, string][] = [
			['Sắp xếp', 'ordering'],
			['sap xep', 'ordering'],
			['Ordering', 'ordering'],
			['Số', 'numeric'],
			['so', 'numeric'],
			['Ước lượng', 'numeric'],
			['numerical', 'numeric'],
			['Điền từ', 'short_text'],
			['short answer', 'short_text'],
			['ShortAnswer', 'short_text'],
			['Thăm dò', 'poll'],
			['poll', 'poll'],
			['Đám mây từ', 'word_cloud'],
			['word cloud', 'word_cloud']
		];
		for (const [label, type] of cases) expect(parseQuestionType(label), label).toBe(type);
	});
});

describe('the template: ordering', () => {
	it('reads the items in the right order; an empty Đáp án scores the whole order, "Từng cặp" pairs', () => {
		const items = {
			'Phương án A': ITEMS[0],
			'Phương án B': ITEMS[1],
			'Phương án C': ITEMS[2],
			'Phương án D': ITEMS[3]
		};
		const result = sheet(
			{ 'Loại câu hỏi': 'Sắp xếp', 'Câu hỏi': 'Thứ tự?', ...items },
			{ 'Loại câu hỏi': 'sap xep', 'Câu hỏi': 'Thứ tự theo cặp?', ...items, 'Đáp án': 'từng cặp' }
		);
		expect(result.ok).toBe(true);
		expect(result.questions[0]).toMatchObject({
			type: 'ordering',
			options: ITEMS.map((text) => ({ text, correct: true })),
			settings: { ordering: { scoring: 'all' } }
		});
		expect(result.questions[1].settings).toEqual({ ordering: { scoring: 'pairs' } });
	});

	it('says where an ordering row goes wrong', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Sắp xếp', 'Câu hỏi': 'Hai mục?', 'Phương án A': 'Một', 'Phương án B': 'Hai' },
			{
				'Loại câu hỏi': 'Sắp xếp',
				'Câu hỏi': 'Đáp án chữ cái?',
				'Phương án A': 'Một',
				'Phương án B': 'Hai',
				'Phương án C': 'Ba',
				'Đáp án': 'B,A,C'
			}
		);
		expect(messages(result)).toEqual([
			"Dòng 2, cột Phương án C: câu 'Sắp xếp' cần ít nhất 3 mục (đang có 2)",
			"Dòng 3, cột Đáp án: câu 'Sắp xếp' ghi các mục theo đúng thứ tự ở các cột Phương án A, B, C…; cột Đáp án để trống (đúng cả thứ tự mới được điểm) hoặc ghi 'Từng cặp' (điểm theo từng cặp liền nhau đúng thứ tự), không ghi 'B,A,C'"
		]);
	});

	it('refuses more than six items', () => {
		const letters = ['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const;
		const cells = Object.fromEntries(letters.map((l, i) => [`Phương án ${l}`, `Mục ${i + 1}`]));
		expect(messages(sheet({ 'Loại câu hỏi': 'Sắp xếp', 'Câu hỏi': 'Bảy mục?', ...cells }))).toEqual([
			"Dòng 2, cột Phương án G: câu 'Sắp xếp' có tối đa 6 mục (đang có 7)"
		]);
	});
});

describe('the template: numeric', () => {
	it('reads a Vietnamese number, its tolerance, unit, bounds, step and distance scoring', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Bao nhiêu?', 'Đáp án': '12,5', 'Sai số cho phép': '0,5', 'Đơn vị': '%' },
			{
				'Loại câu hỏi': 'Số',
				'Câu hỏi': 'Bao nhiêu thủ tục?',
				'Đáp án': '1.000',
				'Giá trị nhỏ nhất': '0',
				'Giá trị lớn nhất': '2.000',
				Bước: '10',
				'Khoảng giảm điểm': '100'
			}
		);
		expect(result.ok).toBe(true);
		expect(result.questions[0]).toMatchObject({
			type: 'numeric',
			options: [],
			settings: { numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance', unit: '%' } }
		});
		expect(result.questions[1].settings).toEqual({
			numeric: { answer: 1000, tolerance: 0, scoring: 'distance', spread: 100, min: 0, max: 2000, step: 10 }
		});
	});

	it('imports a file made before the numeric columns as it did', () => {
		const rows = [
			[...TEMPLATE_HEADERS],
			TEMPLATE_HEADERS.map((h) =>
				h === 'Loại câu hỏi' ? 'Số' : h === 'Câu hỏi' ? 'Năm?' : h === 'Đáp án' ? '1945' : ''
			)
		];
		const result = rowsToQuestions(rows);
		expect(result.questions[0].settings).toEqual({ numeric: { answer: 1945, tolerance: 0, scoring: 'tolerance' } });
	});

	it('reads a cell that held a number exactly, and typed text as Vietnamese writes it', () => {
		const rows = [HEADERS, row({ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Số thực?', 'Đáp án': '1.234' })];
		const answerColumn = HEADERS.indexOf('Đáp án');
		const asNumber = rowsToQuestions(rows, { isNumberCell: (line, column) => line === 2 && column === answerColumn });
		expect(asNumber.questions[0].settings?.numeric?.answer).toBe(1.234);
		expect(rowsToQuestions(rows).questions[0].settings?.numeric?.answer).toBe(1234);
	});

	it('says which cell of a numeric row is wrong', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Không số?', 'Đáp án': 'mười hai' },
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Trống?' },
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Có phương án?', 'Đáp án': '3', 'Phương án A': '3' },
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Sai số âm?', 'Đáp án': '3', 'Sai số cho phép': '-1' },
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Sai số chữ?', 'Đáp án': '3', 'Sai số cho phép': 'ít' },
			{ 'Loại câu hỏi': 'Số', 'Câu hỏi': 'Ngoài khoảng?', 'Đáp án': '30', 'Giá trị lớn nhất': '20' },
			{
				'Loại câu hỏi': 'Một đáp án',
				'Câu hỏi': 'Chọn?',
				'Phương án A': 'a',
				'Phương án B': 'b',
				'Đáp án': 'A',
				'Đơn vị': 'cm'
			}
		);
		expect(result.ok).toBe(false);
		expect(result.ok ? [] : result.issues.map((i) => [i.line, i.column])).toEqual([
			[2, 'Đáp án'],
			[3, 'Đáp án'],
			[4, 'Phương án A'],
			[5, 'Sai số cho phép'],
			[6, 'Sai số cho phép'],
			[7, 'Đáp án'],
			[8, 'Đơn vị']
		]);
		expect(messages(result)).toEqual([
			"Dòng 2, cột Đáp án: câu 'Số' cần một số, ví dụ 12,5 hoặc 1.000 ('mười hai' không phải là số)",
			"Dòng 3, cột Đáp án: câu 'Số' cần một số, ví dụ 12,5 hoặc 1.000 (cột này đang trống)",
			"Dòng 4, cột Phương án A: câu 'Số' không có phương án (đáp án là một số ghi ở cột Đáp án); hãy xóa các phương án",
			'Dòng 5, cột Sai số cho phép: sai số cho phép phải là một số không âm, ví dụ 0,5 (để trống là 0)',
			"Dòng 6, cột Sai số cho phép: 'ít' không phải là số; hãy ghi một số, ví dụ 0,5",
			'Dòng 7, cột Đáp án: đáp án 30 lớn hơn giá trị lớn nhất 20: người chơi không nhập được',
			"Dòng 8, cột Đơn vị: cột này chỉ dùng cho câu 'Số'; hãy để trống"
		]);
	});
});

describe('the template: short text, poll and word cloud', () => {
	it('reads accepted answers and the matching flags of the Đáp án column', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Điền từ', 'Câu hỏi': 'Thủ đô?', 'Phương án A': 'Hà Nội', 'Phương án B': 'Thủ đô Hà Nội' },
			{ 'Loại câu hỏi': 'Điền từ', 'Câu hỏi': 'Không dấu?', 'Phương án A': 'Huế', 'Đáp án': 'Không dấu' },
			{
				'Loại câu hỏi': 'Điền từ',
				'Câu hỏi': 'Chữ hoa?',
				'Phương án A': 'VNeID',
				'Đáp án': 'không dấu; phân biệt hoa thường'
			}
		);
		expect(result.ok).toBe(true);
		expect(result.questions[0]).toMatchObject({
			type: 'short_text',
			options: [
				{ text: 'Hà Nội', correct: true },
				{ text: 'Thủ đô Hà Nội', correct: true }
			],
			settings: { text: { ignoreDiacritics: false, ignoreCase: true } }
		});
		expect(result.questions[1].settings).toEqual({ text: { ignoreDiacritics: true, ignoreCase: true } });
		expect(result.questions[2].settings).toEqual({ text: { ignoreDiacritics: true, ignoreCase: false } });
	});

	it('reads a poll without a right answer and a word cloud without options', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Thăm dò', 'Câu hỏi': 'Bạn chọn?', 'Phương án A': 'Trực tuyến', 'Phương án B': 'Trực tiếp' },
			{ 'Loại câu hỏi': 'Đám mây từ', 'Câu hỏi': 'Một từ?' }
		);
		expect(result.ok).toBe(true);
		expect(result.questions.map((q) => [q.type, q.options, q.settings])).toEqual([
			[
				'poll',
				[
					{ text: 'Trực tuyến', correct: false },
					{ text: 'Trực tiếp', correct: false }
				],
				undefined
			],
			['word_cloud', [], undefined]
		]);
	});

	it('says what is wrong with each', () => {
		const result = sheet(
			{ 'Loại câu hỏi': 'Điền từ', 'Câu hỏi': 'Không đáp án?' },
			{ 'Loại câu hỏi': 'Điền từ', 'Câu hỏi': 'Cờ lạ?', 'Phương án A': 'x', 'Đáp án': 'A' },
			{ 'Loại câu hỏi': 'Điền từ', 'Câu hỏi': 'Dài?', 'Phương án A': 'x'.repeat(81) },
			{ 'Loại câu hỏi': 'Thăm dò', 'Câu hỏi': 'Có đáp án?', 'Phương án A': 'a', 'Phương án B': 'b', 'Đáp án': 'A' },
			{ 'Loại câu hỏi': 'Thăm dò', 'Câu hỏi': 'Một phương án?', 'Phương án A': 'a' },
			{ 'Loại câu hỏi': 'Đám mây từ', 'Câu hỏi': 'Có phương án?', 'Phương án A': 'a' }
		);
		expect(messages(result)).toEqual([
			"Dòng 2, cột Phương án A: câu 'Điền từ' cần ít nhất 1 đáp án chấp nhận (đang có 0)",
			"Dòng 3, cột Đáp án: câu 'Điền từ' ghi các đáp án được chấp nhận ở các cột Phương án; cột Đáp án để trống hoặc ghi 'không dấu' (chấp nhận cả khi gõ không dấu) và/hoặc 'phân biệt hoa thường', không ghi 'A'",
			'Dòng 4, cột Phương án A: đáp án A dài 81 ký tự; người chơi chỉ gõ được tối đa 80 ký tự',
			"Dòng 5, cột Đáp án: câu 'Thăm dò' không có đáp án đúng (chỉ thăm dò ý kiến); hãy để trống cột Đáp án",
			"Dòng 6, cột Phương án B: câu 'Thăm dò' cần ít nhất 2 phương án (đang có 1)",
			"Dòng 7, cột Phương án A: câu 'Đám mây từ' không có phương án (người chơi tự gõ câu trả lời); hãy xóa các phương án"
		]);
	});
});

describe('CSV', () => {
	it('reads the new kinds as the template does, from a file Excel saved with semicolons', () => {
		const csv = [
			'Loại câu hỏi;Câu hỏi;Phương án A;Phương án B;Phương án C;Đáp án;Sai số cho phép;Đơn vị',
			'Số;Tỷ lệ?;;;;12,5;0,5;%',
			'Sắp xếp;Thứ tự?;Một;Hai;Ba;Từng cặp;;',
			'Điền từ;Thủ đô?;Hà Nội;;;không dấu;;'
		].join('\r\n');
		const result = importCsv(csv);
		expect(result.ok).toBe(true);
		expect(result.questions.map((q) => q.settings)).toEqual([
			{ numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance', unit: '%' } },
			{ ordering: { scoring: 'pairs' } },
			{ text: { ignoreDiacritics: true, ignoreCase: true } }
		]);
		expect(importCsv(exportCsv(result.questions))).toEqual(result);
	});
});

const MOODLE = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="ordering">
    <name><text>Thứ tự</text></name>
    <questiontext format="html"><text><![CDATA[<p>Sắp xếp các bước?</p>]]></text></questiontext>
    <layouttype>VERTICAL</layouttype>
    <selecttype>RANDOM</selecttype>
    <selectcount>3</selectcount>
    <gradingtype>RELATIVE_NEXT_INCLUDE_LAST</gradingtype>
    <answer fraction="1.0000000" format="moodle_auto_format"><text>Tiếp nhận hồ sơ</text></answer>
    <answer fraction="2.0000000" format="moodle_auto_format"><text>Thẩm định</text></answer>
    <answer fraction="3.0000000" format="moodle_auto_format"><text>Phê duyệt</text></answer>
    <answer fraction="4.0000000" format="moodle_auto_format"><text>Trả kết quả</text></answer>
  </question>
  <question type="ordering">
    <questiontext format="plain_text"><text>Tất cả hay không?</text></questiontext>
    <gradingtype>ALL_OR_NOTHING</gradingtype>
    <answer fraction="1"><text>Một</text></answer>
    <answer fraction="2"><text>Hai</text></answer>
    <answer fraction="3"><text>Ba</text></answer>
  </question>
  <question type="numerical">
    <questiontext format="plain_text"><text>Năm thành lập?</text></questiontext>
    <answer fraction="100"><text>1945.5</text><tolerance>0.5</tolerance></answer>
    <answer fraction="50"><text>1945</text><tolerance>5</tolerance></answer>
    <answer fraction="0"><text>*</text></answer>
    <units>
      <unit><multiplier>1</multiplier><unit_name>năm</unit_name></unit>
      <unit><multiplier>12</multiplier><unit_name>tháng</unit_name></unit>
    </units>
  </question>
  <question type="shortanswer">
    <questiontext format="plain_text"><text>Thủ đô?</text></questiontext>
    <usecase>1</usecase>
    <answer fraction="100"><text>Hà Nội</text></answer>
    <answer fraction="100"><text>Thành phố Hà Nội</text></answer>
    <answer fraction="50"><text>Ha Noi</text></answer>
    <answer fraction="0"><text>Huế</text></answer>
  </question>
</quiz>
`;

describe('Moodle XML', () => {
	it('reads ordering, numerical and shortanswer with their settings, and notes what it leaves out', () => {
		const result = importMoodleXml(MOODLE);
		expect(result.ok).toBe(true);
		expect(result.questions.map((q) => [q.type, q.text, q.options.map((o) => o.text), q.settings])).toEqual([
			['ordering', 'Sắp xếp các bước?', ITEMS, { ordering: { scoring: 'pairs' } }],
			['ordering', 'Tất cả hay không?', ['Một', 'Hai', 'Ba'], { ordering: { scoring: 'all' } }],
			[
				'numeric',
				'Năm thành lập?',
				[],
				{ numeric: { answer: 1945.5, tolerance: 0.5, scoring: 'tolerance', unit: 'năm' } }
			],
			[
				'short_text',
				'Thủ đô?',
				['Hà Nội', 'Thành phố Hà Nội'],
				{ text: { ignoreDiacritics: false, ignoreCase: false } }
			]
		]);
		expect(result.notices?.map((n) => n.message)).toEqual([
			'Dòng 3: câu ordering trên Moodle chỉ hiện 3 trong 4 mục; ở đây người chơi sắp xếp đủ 4 mục',
			'Dòng 25: đáp án 1945 (±5) được 50% điểm trên Moodle; ở đây chỉ đáp án đúng hoàn toàn được tính, đáp án này bị bỏ',
			"Dòng 22: chỉ giữ đơn vị 'năm'; các đơn vị quy đổi (tháng) bị bỏ",
			"Dòng 37: đáp án 'Ha Noi' được 50% điểm trên Moodle; ở đây chỉ đáp án đúng hoàn toàn được chấp nhận, đáp án này bị bỏ"
		]);
	});

	it("offers to skip a shortanswer with Moodle's '*' wildcard, and refuses a numerical without a full answer", () => {
		const xml = [
			'<quiz>',
			'<question type="shortanswer"><name><text>Sao</text></name><questiontext><text>Bắt đầu bằng Hà?</text></questiontext>',
			'<answer fraction="100"><text>Hà*</text></answer></question>',
			'<question type="numerical"><questiontext><text>Số?</text></questiontext>',
			'<answer fraction="50"><text>3</text><tolerance>0</tolerance></answer></question>',
			'</quiz>'
		].join('\n');
		const result = importMoodleXml(xml);
		expect(result.ok ? [] : result.issues).toEqual([
			{
				line: 3,
				message:
					"Dòng 3: đáp án 'Hà*' dùng ký tự đại diện '*' của Moodle, nền tảng chưa hỗ trợ; hãy ghi đủ các cách trả lời được chấp nhận",
				unsupported: { kind: 'shortanswer (ký tự đại diện *)', name: 'Sao' }
			},
			{ line: 4, message: 'Dòng 4: câu numerical chưa có đáp án được 100% điểm' }
		]);
	});

	it('writes the new kinds back as Moodle does, and leaves out poll and word cloud with a comment', () => {
		const xml = exportMoodleXml([
			question({
				type: 'ordering',
				options: ITEMS.map((text) => ({ text, correct: true })),
				settings: { ordering: { scoring: 'pairs' } }
			}),
			question({
				type: 'numeric',
				options: [],
				settings: { numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance', unit: '%' } }
			}),
			question({
				type: 'short_text',
				options: [{ text: 'Sao*', correct: true }],
				settings: { text: { ignoreDiacritics: false, ignoreCase: false } }
			}),
			question({
				type: 'poll',
				options: [
					{ text: 'a', correct: false },
					{ text: 'b', correct: false }
				]
			}),
			question({ type: 'word_cloud', options: [] })
		]);
		expect(xml).toContain('<question type="ordering">');
		expect(xml).toContain('<gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>');
		expect(xml).toContain('<answer fraction="4" format="plain_text"><text>Trả kết quả</text></answer>');
		expect(xml).toContain('<text>12.5</text><tolerance>0.5</tolerance>');
		expect(xml).toContain('<unit_name>%</unit_name>');
		expect(xml).toContain('<usecase>1</usecase>');
		expect(xml).toContain('<text>Sao\\*</text>');
		expect(xml).toContain('<!-- 2 câu hỏi không có trong Moodle (Thăm dò, Đám mây từ) không được ghi');
		expect(importMoodleXml(xml).questions.map((q) => q.type)).toEqual(['ordering', 'numeric', 'short_text']);
	});
});

describe('GIFT', () => {
	it('reads numbers with a tolerance or a range, and short answers', () => {
		const text = [
			'Tỷ lệ? {#12.5:0.5}',
			'',
			'Khoảng? {#1..5}',
			'',
			'Đúng tuyệt đối? {#-3 #phản hồi}',
			'',
			'Nhiều đáp án số? {#=1945:0 =%50%1940:10 ####Giải thích}',
			'',
			'Thủ đô? {=Hà Nội =Ha Noi =%50%HN}'
		].join('\n');
		const result = importGift(text);
		expect(result.ok).toBe(true);
		expect(result.questions.map((q) => [q.type, q.options.map((o) => o.text), q.settings])).toEqual([
			['numeric', [], { numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance' } }],
			['numeric', [], { numeric: { answer: 3, tolerance: 2, scoring: 'tolerance' } }],
			['numeric', [], { numeric: { answer: -3, tolerance: 0, scoring: 'tolerance' } }],
			['numeric', [], { numeric: { answer: 1945, tolerance: 0, scoring: 'tolerance' } }],
			['short_text', ['Hà Nội', 'Ha Noi'], { text: { ignoreDiacritics: false, ignoreCase: true } }]
		]);
		expect(result.questions[3].explanation).toBe('Giải thích');
		expect(result.notices?.map((n) => n.message)).toEqual([
			'Dòng 7: đáp án 1940:10 được 50% điểm; ở đây chỉ đáp án đúng hoàn toàn được tính, đáp án này bị bỏ',
			"Dòng 9: đáp án 'HN' được 50% điểm; ở đây chỉ đáp án đúng hoàn toàn được chấp nhận, đáp án này bị bỏ"
		]);
	});

	it('is recognized by its numeric answers alone', () => {
		const bytes = new TextEncoder().encode('Năm thành lập? {#1945}\n\nTỷ lệ? {#12.5:0.5}\n');
		expect(detectFormatByContent(bytes)).toBe('gift');
	});

	it('says when a number is not one', () => {
		expect(messages(importGift('Số? {#mười}'))).toEqual([
			"Dòng 1: câu số (numerical): 'mười' không phải là số, ví dụ {#12.5:0.5} hoặc {#1..5}"
		]);
	});

	it('writes numeric and short answers back, and leaves out the kinds GIFT lacks with a comment', () => {
		const gift = exportGift([
			question({
				type: 'numeric',
				options: [],
				settings: { numeric: { answer: 12.5, tolerance: 0.5, scoring: 'tolerance' } }
			}),
			question({
				type: 'short_text',
				options: [
					{ text: 'Hà Nội', correct: true },
					{ text: '%50% lạ', correct: true }
				],
				settings: { text: { ignoreDiacritics: false, ignoreCase: true } }
			}),
			question({ type: 'ordering', options: ITEMS.map((text) => ({ text, correct: true })) })
		]);
		expect(gift.split('\n')[0]).toBe(
			'// 1 câu hỏi GIFT không ghi được (Sắp xếp) đã bị bỏ qua; hãy xuất Excel để giữ đủ'
		);
		expect(gift).toContain('Câu hỏi? {#12.5:0.5}');
		const back = importGift(gift);
		expect(back.ok).toBe(true);
		expect(back.questions.map((q) => q.options.map((o) => o.text))).toEqual([[], ['Hà Nội', '%50% lạ']]);
	});
});
