import { describe, expect, it } from 'vitest';
import { importGift } from '../../src/lib/domain/import/gift';
import { rowsToQuestions, TEMPLATE_HEADERS } from '../../src/lib/domain/import/template';
import { rowsToUnits } from '../../src/lib/domain/import/units';
import { nicknameProblem } from '../../src/lib/domain/live-game';
import { unsafeCharacter } from '../../src/lib/domain/text';
import { disqualifySchema } from '../../src/lib/schemas/closing';
import { codeText, longText, nameText } from '../../src/lib/schemas/text';

const name = nameText({ min: 2, max: 20, message: 'error.name_long', shortMessage: 'error.name_required' });
const long = longText({ max: 200, message: 'error.contest_rules' });

function messages(result: { success: boolean; error?: { issues: { message: string }[] } }): string[] {
	return result.success ? [] : result.error!.issues.map((i) => i.message);
}

describe('unsafeCharacter', () => {
	it('names the first control character or bidi override by its code point', () => {
		expect(unsafeCharacter('An\u0000', 'name')).toBe('U+0000');
		expect(unsafeCharacter('abc\u202Edef', 'name')).toBe('U+202E');
		expect(unsafeCharacter('\u2066x\u2069', 'long')).toBe('U+2066');
		expect(unsafeCharacter('x\u0085', 'long')).toBe('U+0085');
		expect(unsafeCharacter('x\u007F', 'name')).toBe('U+007F');
	});

	it('lets long texts keep tabs and line breaks, which names may not hold', () => {
		expect(unsafeCharacter('Điều 1.\r\n\tKhoản 2', 'long')).toBeNull();
		expect(unsafeCharacter('Nguyễn\tVăn', 'name')).toBe('U+0009');
		expect(unsafeCharacter('Nguyễn\nVăn', 'name')).toBe('U+000A');
	});

	it('accepts Vietnamese, other scripts and the marks that are no overrides', () => {
		expect(unsafeCharacter('Phường Hà Khánh – Tổ 3 (đội “A”)', 'name')).toBeNull();
		// the left-to-right mark and the zero-width joiner do not reorder text
		expect(unsafeCharacter('ab\u200E\u200Dc', 'name')).toBeNull();
	});
});

describe('nameText', () => {
	it('stores NFC, trimmed, with runs of spaces made one', () => {
		const parsed = name.parse('  Nguyễn   Văn\u00A0 Hùng '.normalize('NFD'));
		expect(parsed).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
		expect(parsed.normalize('NFC')).toBe(parsed);
	});

	it('refuses NUL, other controls and bidi overrides with the field message', () => {
		for (const bad of ['An\u0000h', 'Bình\u001B', 'Tổ\u202Eabc', 'Mai\u2067', 'Lan\tAnh', 'Ngọc\r\nÁnh']) {
			expect(messages(name.safeParse(bad)), JSON.stringify(bad)).toEqual(['error.text_unsafe_name']);
		}
	});

	it('checks the length after normalizing: a decomposed name is not longer for it', () => {
		const twenty = 'Ệ'.repeat(20);
		expect(twenty.normalize('NFD').length).toBe(60);
		expect(name.safeParse(twenty.normalize('NFD')).success).toBe(true);
		expect(messages(name.safeParse('Ệ'.repeat(21)))).toEqual(['error.name_long']);
		expect(messages(name.safeParse(' A '))).toEqual(['error.name_required']);
		expect(messages(name.safeParse(''))).toEqual(['error.name_required']);
	});
});

describe('codeText', () => {
	const code = codeText({ min: 1, max: 10, message: 'units.error.code' });

	it('is one word, NFC, without control characters or bidi overrides', () => {
		expect(code.parse(' QN-HK ')).toBe('QN-HK');
		expect(messages(code.safeParse('QN HK'))).toEqual(['units.error.code']);
		expect(messages(code.safeParse('QN\u0000'))).toEqual(['error.text_unsafe_name']);
		expect(messages(code.safeParse('QN\u202E'))).toEqual(['error.text_unsafe_name']);
	});
});

describe('longText', () => {
	it('keeps line breaks and tabs, stores NFC', () => {
		expect(long.parse(' Điều 1.\n\tKhoản 2 '.normalize('NFD'))).toBe('Điều 1.\n\tKhoản 2'.normalize('NFC'));
	});

	it('refuses other controls and bidi overrides', () => {
		expect(messages(long.safeParse('Thể lệ\u0000'))).toEqual(['error.text_unsafe_long']);
		expect(messages(long.safeParse('Thể lệ \u202Dngược'))).toEqual(['error.text_unsafe_long']);
	});

	it('allows an empty text when there is no minimum', () => {
		expect(long.parse('')).toBe('');
	});
});

describe('the importers', () => {
	const header = [...TEMPLATE_HEADERS];
	function row(cells: Partial<Record<(typeof TEMPLATE_HEADERS)[number], string>>): string[] {
		return header.map((h) => cells[h] ?? '');
	}

	it('point at the row and column of every cell holding a control character or bidi override', () => {
		const result = rowsToQuestions([
			header,
			row({
				'Chủ đề': 'Cải cách\u202E',
				'Câu hỏi': 'Câu hỏi một?',
				'Phương án A': 'Đúng A',
				'Phương án B': 'Sai B',
				'Đáp án': 'A'
			}),
			row({
				'Câu hỏi': 'Câu hỏi\u0000 hai?',
				'Phương án A': 'Một',
				'Phương án B': 'Hai\u0007',
				'Đáp án': 'B',
				Thẻ: 'thẻ\u2066'
			}),
			// line breaks and tabs are fine in question text and options
			row({ 'Câu hỏi': 'Dòng một\n\tdòng hai?', 'Phương án A': 'X\nY', 'Phương án B': 'Z', 'Đáp án': 'A' })
		]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => [i.line, i.column])).toEqual([
			[2, 'Chủ đề'],
			[3, 'Câu hỏi'],
			[3, 'Phương án B'],
			[3, 'Thẻ']
		]);
		expect(result.issues[0].message).toBe(
			'Dòng 2, cột Chủ đề: có ký tự điều khiển hoặc ký tự đảo chiều văn bản (U+202E, không nhìn thấy được); hãy xóa và gõ lại nội dung này'
		);
		// the one clean row is read; the others are not
		expect(result.questions.map((q) => q.text)).toEqual(['Dòng một\n\tdòng hai?']);
	});

	it('refuse a tab in a topic, which is a name, with the line of a text format', () => {
		const result = importGift('$CATEGORY: $course$/top/Chủ\tđề\n\n::Q1:: Câu hỏi một? {=Đúng ~Sai ~Khác}\n');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toMatch(/^Dòng \d+: có ký tự điều khiển .*U\+0009/);
	});

	it('refuse unit names and codes holding them, by row and column', () => {
		const result = rowsToUnits(
			[
				['Mã đơn vị', 'Tên đơn vị', 'Mã đơn vị cấp trên'],
				['QN', 'Tỉnh Quảng Ninh', ''],
				['QN-HK', 'Phường \u202EHà Khánh', 'QN'],
				['QN\u0000X', 'Xã Đông Ngũ', 'QN']
			],
			new Set()
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.issues.map((i) => i.message)).toEqual([
			'Dòng 3, cột Tên đơn vị: có ký tự điều khiển hoặc ký tự đảo chiều văn bản (U+202E, không nhìn thấy được); hãy xóa và gõ lại nội dung này',
			'Dòng 4, cột Mã đơn vị: có ký tự điều khiển hoặc ký tự đảo chiều văn bản (U+0000, không nhìn thấy được); hãy xóa và gõ lại nội dung này'
		]);
	});
});

describe('nicknameProblem', () => {
	it('refuses control characters and bidi overrides, before spaces are collapsed', () => {
		expect(nicknameProblem('Hoa\u202ESen')).toBe('unsafe');
		expect(nicknameProblem('Hoa\u0000')).toBe('unsafe');
		expect(nicknameProblem('Hoa\tSen')).toBe('unsafe');
		expect(nicknameProblem('  Hoa  Sen ')).toBeNull();
	});
});

describe('a disqualification reason', () => {
	// It is shown on the results page and written into the Excel and CSV exports.
	it('is stored NFC on one line and refuses control characters and bidi overrides', () => {
		const parsed = disqualifySchema.parse({ attemptId: 'a1', reason: '  Nhờ   người khác thi hộ '.normalize('NFD') });
		expect(parsed.reason).toBe('Nhờ người khác thi hộ'.normalize('NFC'));
		for (const reason of ['Gian lận\u202E', 'Gian\u0000 lận', 'Gian\nlận']) {
			expect(messages(disqualifySchema.safeParse({ attemptId: 'a1', reason })), reason).toEqual([
				'error.text_unsafe_name'
			]);
		}
		expect(messages(disqualifySchema.safeParse({ attemptId: 'a1', reason: 'ab' }))).toEqual(['closing.error.reason']);
	});
});
