import { describe, expect, it } from 'vitest';
import { exportGift, importGift } from '../../src/lib/domain/import/gift';
import type { ImportResult, ImportedQuestion } from '../../src/lib/domain/import/types';

function issuesOf(result: ImportResult): { line: number; column?: string; message: string }[] {
	return result.ok ? [] : result.issues;
}

function question(
	q: Partial<ImportedQuestion> & Pick<ImportedQuestion, 'type' | 'text' | 'options'>
): ImportedQuestion {
	return { topic: '', difficulty: 'medium', explanation: '', legalReference: '', tags: [], ...q };
}

const UNSUPPORTED = 'chỉ nhập được câu hỏi một đáp án, nhiều đáp án, Đúng/Sai, số và điền từ';

describe('importGift', () => {
	it('reads categories, titles, every type, feedback and escapes', () => {
		const text = [
			'// Ngân hàng câu hỏi CCHC',
			'$CATEGORY: $course$/top/Cải cách hành chính',
			'',
			'::Câu 1:: Thời hạn giải quyết được tính từ khi nào? {',
			'\t~Từ ngày nộp đơn#Chưa đúng',
			'\t=Từ ngày nhận đủ hồ sơ hợp lệ#Chính xác',
			'\t~Từ ngày có kết quả',
			'\t####Tính từ ngày nhận đủ hồ sơ \\{hợp lệ\\}.',
			'}',
			'',
			'// câu nhiều đáp án, nhiều dòng',
			'Những nền tảng nào thuộc',
			'Chính phủ số? {~%50%Cổng Dịch vụ công ~%50%VNeID ~%-100%Mạng xã hội}',
			'',
			'$CATEGORY: $course$/top/Luật/Hiến pháp',
			'',
			'Hiến pháp là luật cơ bản của Nhà nước.{T}',
			'',
			'Tỷ lệ 1\\:1 \\= 100%? {FALSE#sai rồi####Không phải \\~ bằng.}',
			'',
			'[html]Dấu \\# và \\\\ trong câu hỏi {=Có \\= nhau ~Không}'
		].join('\n');
		expect(importGift(text)).toEqual({
			ok: true,
			questions: [
				question({
					topic: 'Cải cách hành chính',
					type: 'single',
					text: 'Thời hạn giải quyết được tính từ khi nào?',
					options: [
						{ text: 'Từ ngày nộp đơn', correct: false },
						{ text: 'Từ ngày nhận đủ hồ sơ hợp lệ', correct: true },
						{ text: 'Từ ngày có kết quả', correct: false }
					],
					explanation: 'Tính từ ngày nhận đủ hồ sơ {hợp lệ}.'
				}),
				question({
					topic: 'Cải cách hành chính',
					type: 'multiple',
					text: 'Những nền tảng nào thuộc\nChính phủ số?',
					options: [
						{ text: 'Cổng Dịch vụ công', correct: true },
						{ text: 'VNeID', correct: true },
						{ text: 'Mạng xã hội', correct: false }
					]
				}),
				question({
					topic: 'Hiến pháp',
					type: 'true_false',
					text: 'Hiến pháp là luật cơ bản của Nhà nước.',
					options: [
						{ text: 'Đúng', correct: true },
						{ text: 'Sai', correct: false }
					]
				}),
				question({
					topic: 'Hiến pháp',
					type: 'true_false',
					text: 'Tỷ lệ 1:1 = 100%?',
					options: [
						{ text: 'Đúng', correct: false },
						{ text: 'Sai', correct: true }
					],
					explanation: 'Không phải ~ bằng.'
				}),
				question({
					topic: 'Hiến pháp',
					type: 'single',
					text: 'Dấu # và \\ trong câu hỏi',
					options: [
						{ text: 'Có = nhau', correct: true },
						{ text: 'Không', correct: false }
					]
				})
			]
		});
	});

	it('reads {TRUE}, {F}, lowercase {t} and a missing-word question', () => {
		const result = importGift('A {TRUE}\n\nB {F}\n\nC {t}\n\nThủ đô của Việt Nam là {=Hà Nội ~Huế} đúng không?');
		expect(result.questions.map((q) => q.options.map((o) => o.correct))).toEqual([
			[true, false],
			[false, true],
			[true, false],
			[true, false]
		]);
		expect(result.questions[3].text).toBe('Thủ đô của Việt Nam là _____ đúng không?');
	});

	it('reads one positive weight as a single-choice question', () => {
		const result = importGift('Q? {~%100%Đúng là nó ~%-100%Không phải ~Cũng không}');
		expect(result.questions[0]).toMatchObject({ type: 'single', options: [{ correct: true }, {}, {}] });
	});

	it('reports unsupported types at their first line', () => {
		const text = [
			'Ghép đôi {',
			'=Hà Nội -> Thủ đô',
			'=Huế -> Cố đô',
			'}',
			'',
			'// sắp xếp, dạng của Moodle',
			'Sắp xếp? {>3 ALL',
			'Một',
			'Hai',
			'Ba}',
			'',
			'Tự luận? {}',
			'',
			'Mô tả không có đáp án'
		].join('\n');
		expect(issuesOf(importGift(text))).toEqual([
			{
				line: 1,
				message: `Dòng 1: loại câu hỏi GIFT 'ghép đôi (matching)' chưa được hỗ trợ; ${UNSUPPORTED}`,
				unsupported: { kind: 'ghép đôi (matching)', name: 'Ghép đôi' }
			},
			{
				line: 7,
				message:
					"Dòng 7: GIFT không có câu sắp xếp (dạng '{>' của Moodle chưa được đọc); hãy nhập câu sắp xếp bằng tệp Excel hoặc Moodle XML",
				unsupported: { kind: 'sắp xếp (ordering)', name: 'Sắp xếp?' }
			},
			{
				line: 12,
				message: `Dòng 12: loại câu hỏi GIFT 'tự luận (essay)' chưa được hỗ trợ; ${UNSUPPORTED}`,
				unsupported: { kind: 'tự luận (essay)', name: 'Tự luận?' }
			},
			{ line: 14, message: "Dòng 14: không tìm thấy phần đáp án đặt trong dấu '{ }'" }
		]);
	});

	it('reports broken answers with the question line', () => {
		const text = [
			'Thiếu ngoặc đóng {=A ~B',
			'',
			'Chữ thừa {rác =A ~B}',
			'',
			'Hai đáp án đúng {=A =B ~C}',
			'',
			'Một đáp án đúng mà nhiều lựa chọn {~%50%A ~%-50%B ~C}',
			'',
			'Trùng {=A ~a}'
		].join('\n');
		expect(issuesOf(importGift(text))).toEqual([
			{ line: 1, message: "Dòng 1: thiếu dấu '}' đóng phần đáp án" },
			{ line: 3, message: 'Dòng 3: phần đáp án không đúng cú pháp GIFT: mỗi phương án phải bắt đầu bằng = hoặc ~' },
			{ line: 5, message: "Dòng 5: câu hỏi loại 'Một đáp án' chỉ được có 1 đáp án đúng (đang có 2: A, B)" },
			{ line: 9, message: 'Dòng 9: phương án B trùng nội dung với phương án A' }
		]);
	});
});

describe('exportGift', () => {
	const questions: ImportedQuestion[] = [
		question({
			topic: 'Cải cách hành chính',
			type: 'single',
			text: 'Ký tự đặc biệt: = ~ # { } \\ và\nxuống dòng?',
			options: [
				{ text: 'Có = bằng', correct: false },
				{ text: 'Có ~ ngã', correct: true },
				{ text: '50% {ngoặc}', correct: false }
			],
			difficulty: 'hard',
			explanation: 'Giải thích #1:\nhai dòng',
			legalReference: 'Nghị định 61/2018/NĐ-CP',
			tags: ['đặc biệt']
		}),
		question({
			topic: 'Cải cách hành chính',
			type: 'multiple',
			text: 'Chọn ba ý đúng',
			options: [
				{ text: 'Một', correct: true },
				{ text: 'Hai', correct: true },
				{ text: 'Ba', correct: false },
				{ text: 'Bốn', correct: true }
			]
		}),
		question({
			topic: '',
			type: 'true_false',
			text: 'Không có chủ đề',
			options: [
				{ text: 'Đúng', correct: false },
				{ text: 'Sai', correct: true }
			],
			explanation: 'Vì vậy.'
		}),
		question({
			topic: 'Luật/Nghị định',
			type: 'true_false',
			text: 'Chủ đề có dấu gạch chéo',
			options: [
				{ text: 'Đúng', correct: true },
				{ text: 'Sai', correct: false }
			]
		})
	];

	it('writes categories when the topic changes, weights for multiple answers, escapes', () => {
		const gift = exportGift(questions);
		expect(gift).toContain(
			'$CATEGORY: $course$/top/Cải cách hành chính\n\nKý tự đặc biệt\\: \\= \\~ \\# \\{ \\} \\\\ và\\nxuống dòng?'
		);
		expect(gift).toContain('\t~%33.33333%Một\n\t~%33.33333%Hai\n\t~%-100%Ba\n\t~%33.33333%Bốn');
		expect(gift).toContain('$CATEGORY: $course$/top\n\nKhông có chủ đề {FALSE\n\t####Vì vậy.}');
		expect(gift).toContain('$CATEGORY: $course$/top/Luật//Nghị định');
		expect(gift.match(/\$CATEGORY/g)).toHaveLength(3);
	});

	it('round-trips through importGift, losing difficulty, legal reference and tags', () => {
		const lossy = questions.map((q) => ({ ...q, difficulty: 'medium' as const, legalReference: '', tags: [] }));
		expect(importGift(exportGift(questions))).toEqual({ ok: true, questions: lossy });
	});
});

describe('GIFT categories', () => {
	it('writes a topic with a line break on one line, so the file imports again', () => {
		const question = {
			topic: 'Cải cách\nthể chế',
			type: 'single' as const,
			difficulty: 'medium' as const,
			text: 'Câu hỏi có chủ đề hai dòng?',
			options: [
				{ text: 'Đúng', correct: true },
				{ text: 'Sai', correct: false }
			],
			explanation: '',
			legalReference: '',
			tags: []
		};
		const result = importGift(exportGift([question]));
		expect(result.ok).toBe(true);
		expect(result.questions[0].topic).toBe('Cải cách thể chế');
	});
});
