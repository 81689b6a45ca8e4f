import { describe, expect, it } from 'vitest';
import { TEMPLATE_HEADERS, questionsToRows, rowsToQuestions } from '../../src/lib/domain/import/template';
import type { ImportResult, ImportedQuestion } from '../../src/lib/domain/import/types';
import { parseDifficulty, parseQuestionType, splitTags, topicFromCategory } from '../../src/lib/domain/import/validate';

const HEADER = [...TEMPLATE_HEADERS];

/** A data row under the full header, from the cells that matter. */
function row(cells: Partial<Record<(typeof TEMPLATE_HEADERS)[number], string>>): string[] {
	return TEMPLATE_HEADERS.map((h) => cells[h] ?? '');
}

function issuesOf(result: ImportResult): { line: number; column?: string; message: string }[] {
	return result.ok ? [] : result.issues;
}

const SAMPLE: ImportedQuestion[] = [
	{
		topic: 'Cải cách thủ tục hành chính',
		type: 'single',
		text: 'Thời hạn giải quyết thủ tục hành chính được tính từ khi nào?',
		options: [
			{ text: 'Từ ngày nộp đơn', correct: false },
			{ text: 'Từ ngày nhận đủ hồ sơ hợp lệ', correct: true },
			{ text: 'Từ ngày có kết quả', correct: false }
		],
		difficulty: 'easy',
		explanation: 'Tính từ ngày cơ quan nhận đủ hồ sơ hợp lệ.',
		legalReference: 'Điều 4 Nghị định 61/2018/NĐ-CP',
		tags: ['thời hạn', 'hồ sơ']
	},
	{
		topic: 'Chính phủ số',
		type: 'multiple',
		text: 'Những nền tảng nào thuộc Chính phủ số?\nChọn tất cả đáp án đúng.',
		options: [
			{ text: 'Cổng Dịch vụ công quốc gia', correct: true },
			{ text: 'Ứng dụng VNeID', correct: true },
			{ text: 'Mạng xã hội cá nhân', correct: false },
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
		text: 'Công dân được nộp hồ sơ trực tuyến mức độ toàn trình.',
		options: [
			{ text: 'Đúng', correct: true },
			{ text: 'Sai', correct: false }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: ['trực tuyến']
	}
];

describe('field parsers', () => {
	it('reads types in Vietnamese and English, with or without diacritics', () => {
		expect(parseQuestionType('Một đáp án')).toBe('single');
		expect(parseQuestionType('mot dap an')).toBe('single');
		expect(parseQuestionType('single')).toBe('single');
		expect(parseQuestionType('NHIỀU ĐÁP ÁN')).toBe('multiple');
		expect(parseQuestionType('multiple')).toBe('multiple');
		expect(parseQuestionType('Đúng/Sai')).toBe('true_false');
		expect(parseQuestionType('dung/sai')).toBe('true_false');
		expect(parseQuestionType('true_false')).toBe('true_false');
		expect(parseQuestionType('Tự luận')).toBeNull();
	});

	it('reads difficulties in Vietnamese and English', () => {
		expect(parseDifficulty('Dễ')).toBe('easy');
		expect(parseDifficulty('DE')).toBe('easy');
		expect(parseDifficulty('trung binh')).toBe('medium');
		expect(parseDifficulty('Trung  Bình')).toBe('medium');
		expect(parseDifficulty('Khó')).toBe('hard');
		expect(parseDifficulty('hard')).toBe('hard');
		expect(parseDifficulty('Rất khó')).toBeNull();
	});

	it('splits tags on commas and semicolons', () => {
		expect(splitTags(' một cửa, cấp xã; ;một cửa ')).toEqual(['một cửa', 'cấp xã']);
		expect(splitTags('')).toEqual([]);
	});

	it('takes the last segment of a category path as the topic', () => {
		expect(topicFromCategory('$course$/top/Cải cách hành chính')).toBe('Cải cách hành chính');
		expect(topicFromCategory(' $course$/top/Luật/Hiến pháp ')).toBe('Hiến pháp');
		expect(topicFromCategory('$course$/top')).toBe('');
		expect(topicFromCategory('$course$/top/A//B')).toBe('A/B');
		expect(topicFromCategory('Chủ đề')).toBe('Chủ đề');
	});
});

describe('rowsToQuestions', () => {
	it('reads a valid sheet with every type', () => {
		const result = rowsToQuestions(questionsToRows(SAMPLE));
		expect(result).toEqual({ ok: true, questions: SAMPLE });
	});

	it('matches headers without regard to case, diacritics or order, and ignores extra columns', () => {
		const rows = [
			['DAP AN', 'ghi chú', 'cau hoi', 'phuong an b', 'PHƯƠNG ÁN A', 'muc do', 'loai cau hoi'],
			['B', 'x', 'Câu hỏi thử?', 'Hai', 'Một', 'khó', 'mot dap an']
		];
		const result = rowsToQuestions(rows);
		expect(result.ok).toBe(true);
		expect(result.questions[0]).toMatchObject({
			type: 'single',
			text: 'Câu hỏi thử?',
			options: [
				{ text: 'Một', correct: false },
				{ text: 'Hai', correct: true }
			],
			difficulty: 'hard',
			topic: ''
		});
	});

	it('reports each missing required header at line 1', () => {
		const result = rowsToQuestions([
			['Chủ đề', 'Câu hỏi', 'Phương án A'],
			['x', 'y', 'z']
		]);
		expect(issuesOf(result)).toEqual([
			{ line: 1, column: 'Phương án B', message: "Dòng 1: thiếu cột bắt buộc 'Phương án B'" },
			{ line: 1, column: 'Đáp án', message: "Dòng 1: thiếu cột bắt buộc 'Đáp án'" }
		]);
	});

	it('reports a header given twice', () => {
		const result = rowsToQuestions([[...HEADER, 'cau hoi']]);
		expect(issuesOf(result)).toEqual([
			{ line: 1, column: 'Câu hỏi', message: 'Dòng 1, cột Câu hỏi: cột này xuất hiện hai lần' }
		]);
	});

	it('numbers rows as Excel does, counting skipped blank rows', () => {
		const good = row({ 'Câu hỏi': 'Câu?', 'Phương án A': 'Có', 'Phương án B': 'Không', 'Đáp án': 'A' });
		const rows = [HEADER, ...Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? [] : good))];
		rows.push(
			row({
				'Câu hỏi': 'Cơ quan nào?',
				'Phương án A': 'UBND',
				'Phương án B': 'HĐND',
				'Phương án C': 'Tòa án',
				'Phương án D': 'Viện kiểm sát',
				'Đáp án': 'E'
			})
		);
		const result = rowsToQuestions(rows);
		expect(issuesOf(result)).toEqual([
			{
				line: 12,
				column: 'Đáp án',
				message: "Dòng 12, cột Đáp án: 'E' không phải là một phương án của câu hỏi này"
			}
		]);
		expect(result.questions).toHaveLength(6);
	});

	it('collects every issue of every row, in row and column order', () => {
		const rows = [
			HEADER,
			row({
				'Loại câu hỏi': 'Tự luận',
				'Phương án A': 'Một',
				'Phương án C': 'Ba',
				'Đáp án': 'A',
				'Mức độ': 'Rất khó'
			}),
			row({
				'Loại câu hỏi': 'Nhiều đáp án',
				'Câu hỏi': 'Chọn?',
				'Phương án A': 'X',
				'Phương án B': 'Y',
				'Đáp án': 'b'
			}),
			row({
				'Loại câu hỏi': 'Một đáp án',
				'Câu hỏi': 'Chọn?',
				'Phương án A': 'X',
				'Phương án B': 'Y',
				'Đáp án': 'A, B'
			}),
			row({ 'Câu hỏi': 'Trùng?', 'Phương án A': 'Hà Nội', 'Phương án B': 'hà  nội', 'Đáp án': '1' }),
			row({ 'Câu hỏi': 'Không đáp án?', 'Phương án A': 'X', 'Phương án B': 'Y' }),
			row({
				'Loại câu hỏi': 'Đúng/Sai',
				'Câu hỏi': 'Đúng không?',
				'Phương án A': 'Có',
				'Phương án B': 'Không',
				'Đáp án': 'A'
			}),
			row({ 'Câu hỏi': 'Một phương án?', 'Phương án A': 'Duy nhất', 'Đáp án': 'A' })
		];
		expect(issuesOf(rowsToQuestions(rows))).toEqual([
			{
				line: 2,
				column: 'Loại câu hỏi',
				message:
					"Dòng 2, cột Loại câu hỏi: 'Tự luận' không phải là loại câu hỏi hợp lệ (Một đáp án, Nhiều đáp án, Đúng/Sai, Sắp xếp, Số, Điền từ, Thăm dò, Đám mây từ)"
			},
			{ line: 2, column: 'Câu hỏi', message: 'Dòng 2, cột Câu hỏi: chưa có nội dung câu hỏi' },
			{ line: 2, column: 'Phương án B', message: 'Dòng 2, cột Phương án B: phương án B chưa có nội dung' },
			{
				line: 2,
				column: 'Mức độ',
				message: "Dòng 2, cột Mức độ: 'Rất khó' không phải là mức độ hợp lệ (Dễ, Trung bình, Khó)"
			},
			{
				line: 3,
				column: 'Đáp án',
				message:
					"Dòng 3, cột Đáp án: câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng (đang có 1: B); nếu chỉ có 1 đáp án đúng, hãy chọn loại 'Một đáp án'"
			},
			{
				line: 4,
				column: 'Đáp án',
				message: "Dòng 4, cột Đáp án: câu hỏi loại 'Một đáp án' chỉ được có 1 đáp án đúng (đang có 2: A, B)"
			},
			{
				line: 5,
				column: 'Phương án B',
				message: 'Dòng 5, cột Phương án B: phương án B trùng nội dung với phương án A'
			},
			{
				line: 5,
				column: 'Đáp án',
				message: "Dòng 5, cột Đáp án: '1' không phải là chữ cái của phương án; hãy ghi đáp án như 'B' hoặc 'A,C'"
			},
			{ line: 6, column: 'Đáp án', message: 'Dòng 6, cột Đáp án: chưa có đáp án đúng' },
			{
				line: 7,
				column: 'Phương án A',
				message: "Dòng 7, cột Phương án A: câu hỏi Đúng/Sai phải có đúng 2 phương án 'Đúng' và 'Sai'"
			},
			{
				line: 8,
				column: 'Phương án B',
				message: 'Dòng 8, cột Phương án B: câu hỏi cần ít nhất 2 phương án (đang có 1)'
			}
		]);
	});

	it('accepts answers written as B, A,C, a, c and A;C', () => {
		const options = { 'Phương án A': 'Một', 'Phương án B': 'Hai', 'Phương án C': 'Ba' };
		const answers = ['A,C', 'a, c', 'A;C', 'C A'].map((answer) => {
			const result = rowsToQuestions([HEADER, row({ 'Câu hỏi': 'Q?', ...options, 'Đáp án': answer })]);
			return result.questions[0]?.options.map((o) => o.correct);
		});
		expect(answers).toEqual(Array(4).fill([true, false, true]));
		expect(rowsToQuestions([HEADER, row({ 'Câu hỏi': 'Q?', ...options, 'Đáp án': 'b' })]).questions[0].type).toBe(
			'single'
		);
	});

	it('infers the type when the cell is empty', () => {
		const rows = [
			HEADER,
			row({ 'Câu hỏi': 'Một?', 'Phương án A': 'X', 'Phương án B': 'Y', 'Đáp án': 'B' }),
			row({ 'Câu hỏi': 'Nhiều?', 'Phương án A': 'X', 'Phương án B': 'Y', 'Phương án C': 'Z', 'Đáp án': 'A,B' }),
			row({ 'Câu hỏi': 'Đúng sai?', 'Phương án A': 'đúng', 'Phương án B': 'SAI', 'Đáp án': 'B' })
		];
		const result = rowsToQuestions(rows);
		expect(result.questions.map((q) => q.type)).toEqual(['single', 'multiple', 'true_false']);
		expect(result.questions[2].options).toEqual([
			{ text: 'Đúng', correct: false },
			{ text: 'Sai', correct: true }
		]);
	});

	it('fills the options of a true/false row left empty and reads Đúng/Sai as the answer', () => {
		const result = rowsToQuestions([
			HEADER,
			row({ 'Loại câu hỏi': 'Đúng/Sai', 'Câu hỏi': 'Trời xanh?', 'Đáp án': 'Sai' }),
			row({
				'Loại câu hỏi': 'dung/sai',
				'Câu hỏi': 'Nước ướt?',
				'Phương án A': 'Sai',
				'Phương án B': 'Đúng',
				'Đáp án': 'B'
			})
		]);
		expect(result.ok).toBe(true);
		expect(result.questions.map((q) => q.options)).toEqual([
			[
				{ text: 'Đúng', correct: false },
				{ text: 'Sai', correct: true }
			],
			[
				{ text: 'Đúng', correct: true },
				{ text: 'Sai', correct: false }
			]
		]);
	});

	it('stores text as NFC, trimmed', () => {
		const decomposed = '  Cải cách hành chính  '.normalize('NFD');
		const result = rowsToQuestions([
			HEADER,
			row({
				'Chủ đề': decomposed,
				'Câu hỏi': decomposed,
				'Phương án A': 'Ạ'.normalize('NFD'),
				'Phương án B': 'B',
				'Đáp án': 'A'
			})
		]);
		expect(result.questions[0].topic).toBe('Cải cách hành chính'.normalize('NFC'));
		expect(result.questions[0].text).toBe('Cải cách hành chính'.normalize('NFC'));
		expect(result.questions[0].options[0].text).toBe('Ạ'.normalize('NFC'));
	});

	it('returns the valid questions next to the issues, for preview counts', () => {
		const result = rowsToQuestions([
			HEADER,
			row({ 'Câu hỏi': 'Đúng?', 'Phương án A': 'X', 'Phương án B': 'Y', 'Đáp án': 'A' }),
			row({ 'Câu hỏi': 'Sai?', 'Phương án A': 'X', 'Phương án B': 'Y', 'Đáp án': 'Z' })
		]);
		expect(result.ok).toBe(false);
		expect(result.questions.map((q) => q.text)).toEqual(['Đúng?']);
	});

	it('refuses an empty file and a file with only a header', () => {
		expect(issuesOf(rowsToQuestions([]))).toEqual([{ line: 1, message: 'Dòng 1: tệp trống, không có dòng tiêu đề' }]);
		expect(issuesOf(rowsToQuestions([HEADER, [], ['', ' ']]))).toEqual([
			{ line: 1, message: 'Tệp không có câu hỏi nào' }
		]);
	});
});

describe('questionsToRows', () => {
	it('writes the template header and labels', () => {
		const rows = questionsToRows(SAMPLE);
		expect(rows[0]).toEqual(HEADER);
		expect(rows[1]).toEqual([
			'Cải cách thủ tục hành chính',
			'Một đáp án',
			'Thời hạn giải quyết thủ tục hành chính được tính từ khi nào?',
			'Từ ngày nộp đơn',
			'Từ ngày nhận đủ hồ sơ hợp lệ',
			'Từ ngày có kết quả',
			'',
			'',
			'',
			'',
			'',
			'B',
			'Dễ',
			'Tính từ ngày cơ quan nhận đủ hồ sơ hợp lệ.',
			'Điều 4 Nghị định 61/2018/NĐ-CP',
			'thời hạn, hồ sơ'
		]);
		expect(rows[2][1]).toBe('Nhiều đáp án');
		expect(rows[2][11]).toBe('A,B,D');
		expect(rows[2][12]).toBe('Khó');
		expect(rows[3][1]).toBe('Đúng/Sai');
		expect(rows[3][12]).toBe('Trung bình');
	});

	it('round-trips through rowsToQuestions', () => {
		expect(rowsToQuestions(questionsToRows(SAMPLE))).toEqual({ ok: true, questions: SAMPLE });
	});
});
