import { describe, expect, it } from 'vitest';
import { importAiken } from '../../src/lib/domain/import/aiken';
import type { ImportResult } from '../../src/lib/domain/import/types';

function issuesOf(result: ImportResult): { line: number; column?: string; message: string }[] {
	return result.ok ? [] : result.issues;
}

describe('importAiken', () => {
	it('reads single-choice questions with A. and A) options and multi-line text', () => {
		const text = [
			'Cơ quan nào có thẩm quyền công bố thủ tục hành chính',
			'thuộc phạm vi quản lý của Bộ?',
			'A. Bộ trưởng',
			'B. Thủ tướng Chính phủ',
			'C. Văn phòng Chính phủ',
			'ANSWER: A',
			'',
			'',
			'Hồ sơ trực tuyến được nộp qua đâu?',
			'A) Cổng Dịch vụ công quốc gia',
			'B) Thư tay',
			'answer: a',
			''
		].join('\r\n');
		expect(importAiken(text)).toEqual({
			ok: true,
			questions: [
				{
					topic: '',
					type: 'single',
					text: 'Cơ quan nào có thẩm quyền công bố thủ tục hành chính\nthuộc phạm vi quản lý của Bộ?',
					options: [
						{ text: 'Bộ trưởng', correct: true },
						{ text: 'Thủ tướng Chính phủ', correct: false },
						{ text: 'Văn phòng Chính phủ', correct: false }
					],
					difficulty: 'medium',
					explanation: '',
					legalReference: '',
					tags: []
				},
				{
					topic: '',
					type: 'single',
					text: 'Hồ sơ trực tuyến được nộp qua đâu?',
					options: [
						{ text: 'Cổng Dịch vụ công quốc gia', correct: true },
						{ text: 'Thư tay', correct: false }
					],
					difficulty: 'medium',
					explanation: '',
					legalReference: '',
					tags: []
				}
			]
		});
	});

	it('reads ĐÁP ÁN: like ANSWER:', () => {
		const result = importAiken('Câu hỏi?\nA. Một\nB. Hai\nĐáp án: B');
		expect(result.ok).toBe(true);
		expect(result.questions[0].options[1].correct).toBe(true);
	});

	it('reports an answer letter that is not an option, at the ANSWER line', () => {
		const text = ['Câu một?', 'A. X', 'B. Y', 'C. Z', 'D. W', 'ANSWER: E'].join('\n');
		expect(issuesOf(importAiken(text))).toEqual([
			{ line: 6, message: "Dòng 6: 'E' không phải là một phương án của câu hỏi này" }
		]);
	});

	it('reports a missing ANSWER line at the question, and goes on with the next question', () => {
		const text = [
			'Câu một?',
			'A. X',
			'B. Y',
			'',
			'Câu hai?',
			'A. X',
			'B. Y',
			'ANSWER: B',
			'',
			'Câu ba?',
			'A. X',
			'B. Y'
		].join('\n');
		const result = importAiken(text);
		expect(issuesOf(result)).toEqual([
			{ line: 1, message: "Dòng 1: câu hỏi thiếu dòng 'ANSWER: <chữ cái đáp án>'" },
			{ line: 10, message: "Dòng 10: câu hỏi thiếu dòng 'ANSWER: <chữ cái đáp án>'" }
		]);
		expect(result.questions.map((q) => q.text)).toEqual(['Câu hai?']);
	});

	it('collects every issue: several letters, duplicates, too few options, stray ANSWER', () => {
		const text = [
			'ANSWER: A',
			'',
			'Nhiều đáp án?',
			'A. X',
			'B. Y',
			'C. Z',
			'ANSWER: A, C',
			'',
			'Trùng?',
			'A. Hà Nội',
			'B. Hà Nội',
			'B. Huế',
			'ANSWER: A',
			'',
			'Một phương án?',
			'A. Duy nhất',
			'ANSWER:',
			''
		].join('\n');
		expect(issuesOf(importAiken(text))).toEqual([
			{ line: 1, message: 'Dòng 1: dòng ANSWER không thuộc câu hỏi nào' },
			{ line: 7, message: "Dòng 7: định dạng Aiken chỉ có câu hỏi một đáp án, nhưng dòng ANSWER ghi 'A, C'" },
			{ line: 11, message: 'Dòng 11: phương án B trùng nội dung với phương án A' },
			{ line: 12, message: "Dòng 12: chữ cái 'B' đã được dùng cho một phương án trước đó" },
			{ line: 16, message: 'Dòng 16: câu hỏi cần ít nhất 2 phương án (đang có 1)' },
			{ line: 17, message: 'Dòng 17: dòng ANSWER chưa ghi chữ cái của đáp án' }
		]);
	});

	it('refuses a file without questions', () => {
		expect(issuesOf(importAiken('\n\n'))).toEqual([{ line: 1, message: 'Tệp không có câu hỏi nào' }]);
	});
});
