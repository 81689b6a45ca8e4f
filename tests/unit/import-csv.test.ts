import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exportCsv, importCsv, parseCsv } from '../../src/lib/domain/import/csv';
import { TEMPLATE_HEADERS } from '../../src/lib/domain/import/template';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { cleanText } from '../../src/lib/domain/import/validate';

const BOM = '\uFEFF';

const SAMPLE: ImportedQuestion[] = [
	{
		topic: 'Cải cách hành chính',
		type: 'single',
		text: 'Theo quy định, "một cửa liên thông" là gì?',
		options: [
			{ text: 'Cách thức giải quyết nhiều thủ tục, của nhiều cơ quan', correct: true },
			{ text: 'Một phòng làm việc; có một cửa', correct: false }
		],
		difficulty: 'medium',
		explanation: 'Dòng 1\nDòng 2',
		legalReference: 'Nghị định 61/2018/NĐ-CP',
		tags: ['một cửa']
	},
	{
		topic: 'Cải cách hành chính',
		type: 'multiple',
		text: 'Chọn các ý đúng:',
		options: [
			{ text: 'Ý thứ nhất', correct: true },
			{ text: 'Ý thứ hai', correct: false },
			{ text: 'Ý thứ ba', correct: true }
		],
		difficulty: 'hard',
		explanation: '',
		legalReference: '',
		tags: ['a', 'b']
	},
	{
		topic: 'Pháp luật',
		type: 'true_false',
		text: 'Hiến pháp là luật cơ bản của Nhà nước.',
		options: [
			{ text: 'Đúng', correct: true },
			{ text: 'Sai', correct: false }
		],
		difficulty: 'easy',
		explanation: '',
		legalReference: 'Điều 119 Hiến pháp 2013',
		tags: []
	}
];

describe('parseCsv', () => {
	it('reads quotes, doubled quotes, and newlines inside quotes', () => {
		expect(parseCsv('a,"b,c","say ""hi""","line1\nline2"\n1,2,3,4\n')).toEqual([
			['a', 'b,c', 'say "hi"', 'line1\nline2'],
			['1', '2', '3', '4']
		]);
	});

	it('reads CRLF and LF line ends, and keeps a CRLF inside quotes', () => {
		expect(parseCsv('a,b\r\n"x\r\ny",z\r\nc,d')).toEqual([
			['a', 'b'],
			['x\r\ny', 'z'],
			['c', 'd']
		]);
	});

	it('keeps empty fields and blank lines', () => {
		expect(parseCsv('a,,b\n\n,,\n""')).toEqual([['a', '', 'b'], [''], ['', '', ''], ['']]);
	});

	it('strips a UTF-8 BOM', () => {
		expect(parseCsv(`${BOM}Câu hỏi,Đáp án\nQ,A`)).toEqual([
			['Câu hỏi', 'Đáp án'],
			['Q', 'A']
		]);
	});

	it('detects semicolons from the header line, ignoring quoted ones', () => {
		expect(parseCsv('a;b;"c,d,e"\n1,5;2;3')).toEqual([
			['a', 'b', 'c,d,e'],
			['1,5', '2', '3']
		]);
		expect(parseCsv('"a;b;c",d\n1;2,3')).toEqual([
			['a;b;c', 'd'],
			['1;2', '3']
		]);
	});
});

describe('importCsv', () => {
	it('reads a semicolon file with a BOM, as Excel saves it in Vietnamese locales', () => {
		const csv = [
			'Chủ đề;Loại câu hỏi;Câu hỏi;Phương án A;Phương án B;Phương án C;Đáp án;Mức độ;Thẻ',
			'CCHC;Một đáp án;"Câu hỏi\nhai dòng?";Một;Hai;Ba;C;Dễ;x, y',
			';;;;;;;;',
			'CCHC;Nhiều đáp án;"Có dấu ""ngoặc""; và dấu phẩy, nhé";Một;Hai;Ba;A;Khó;'
		].join('\r\n');
		const result = importCsv(BOM + csv);
		expect(result.ok).toBe(false);
		expect(result.questions).toEqual([
			{
				topic: 'CCHC',
				type: 'single',
				text: 'Câu hỏi\nhai dòng?',
				options: [
					{ text: 'Một', correct: false },
					{ text: 'Hai', correct: false },
					{ text: 'Ba', correct: true }
				],
				difficulty: 'easy',
				explanation: '',
				legalReference: '',
				tags: ['x', 'y']
			}
		]);
		// Rows count as rows, not physical lines: the quoted newline does not shift row 4.
		expect(result.ok ? [] : result.issues.map((i) => i.message)).toEqual([
			"Dòng 4, cột Đáp án: câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng (đang có 1: A); nếu chỉ có 1 đáp án đúng, hãy chọn loại 'Một đáp án'"
		]);
	});

	it('points at the row and column of a wrong answer letter', () => {
		const lines = ['Câu hỏi,Phương án A,Phương án B,Phương án C,Phương án D,Đáp án'];
		for (let i = 2; i <= 11; i++) lines.push(`Câu ${i}?,A${i},B${i},C${i},D${i},B`);
		lines.push('Câu 12?,Một,Hai,Ba,Bốn,E');
		const result = importCsv(lines.join('\n'));
		expect(result).toEqual({
			ok: false,
			issues: [
				{
					line: 12,
					column: 'Đáp án',
					message: "Dòng 12, cột Đáp án: 'E' không phải là một phương án của câu hỏi này"
				}
			],
			questions: expect.any(Array)
		});
		expect(result.questions).toHaveLength(10);
	});
});

describe('exportCsv', () => {
	it('writes a BOM, the template header, CRLF, and quotes only where needed', () => {
		const csv = exportCsv(SAMPLE.slice(0, 1));
		expect(csv.startsWith(BOM)).toBe(true);
		const [header, row, end] = csv.slice(1).split('\r\n');
		expect(header).toBe(TEMPLATE_HEADERS.join(','));
		expect(row).toBe(
			'Cải cách hành chính,Một đáp án,"Theo quy định, ""một cửa liên thông"" là gì?",' +
				'"Cách thức giải quyết nhiều thủ tục, của nhiều cơ quan","Một phòng làm việc; có một cửa",,,,,,,' +
				'A,Trung bình,"Dòng 1\nDòng 2",Nghị định 61/2018/NĐ-CP,một cửa'
		);
		expect(end).toBe('');
	});

	it('round-trips through importCsv', () => {
		expect(importCsv(exportCsv(SAMPLE))).toEqual({ ok: true, questions: SAMPLE });
	});

	it('round-trips arbitrary text with quotes, commas, semicolons and newlines', () => {
		const unit = fc.constantFrom('a', 'Ă', 'ế', 'đ', ' ', '"', ',', ';', '\n', '\r\n', '\r', '\t', 'x', '1');
		const text = fc.string({ unit, minLength: 1, maxLength: 30 }).map(cleanText);
		const tag = fc.string({ unit: fc.constantFrom('a', 'ư', ' ', '"'), minLength: 1, maxLength: 8 }).map(cleanText);
		const question = fc
			.record({
				// a topic is a name: one line, no tab
				topic: text.map((t) => cleanText(t.replace(/[\t\r\n]+/g, ' '))),
				type: fc.constantFrom('single' as const, 'multiple' as const),
				text,
				options: fc.uniqueArray(text, { minLength: 3, maxLength: 8, selector: optionKey }),
				difficulty: fc.constantFrom('easy' as const, 'medium' as const, 'hard' as const),
				explanation: text,
				legalReference: text,
				tags: fc.uniqueArray(tag, { maxLength: 3 })
			})
			.filter((q) => q.text !== '' && q.options.every((o) => o !== '') && q.tags.every((t) => t !== ''))
			.map((q): ImportedQuestion => ({
				...q,
				options: q.options.map((o, i) => ({ text: o, correct: q.type === 'multiple' ? i < 2 : i === 1 }))
			}));
		fc.assert(
			fc.property(fc.array(question, { minLength: 1, maxLength: 5 }), (questions) => {
				expect(importCsv(exportCsv(questions))).toEqual({ ok: true, questions });
			}),
			{ numRuns: 300 }
		);
	});
});

/** Two options the importer would call duplicates share this key. */
function optionKey(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ');
}
