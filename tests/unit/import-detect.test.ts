import { describe, expect, it } from 'vitest';
import { detectFormatByContent } from '../../src/lib/domain/import/detect';
import { detectFormat } from '../../src/lib/server/questions/import-file';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** What Moodle's own GIFT export writes (it names the file .txt). */
const MOODLE_GIFT_EXPORT = [
	'// question: 1234  name: Câu 1',
	'$CATEGORY: $course$/top/Cải cách hành chính',
	'',
	'// question: 1235  name: Câu 2',
	'::Câu 2::[html]Thời hạn giải quyết được tính từ khi nào?{',
	'\t~Từ ngày nộp đơn',
	'\t=Từ ngày nhận đủ hồ sơ hợp lệ',
	'}',
	''
].join('\n');

describe('detecting an import format by content', () => {
	it("reads Moodle's GIFT export named .txt as GIFT, not Aiken", () => {
		expect(detectFormatByContent(bytes(MOODLE_GIFT_EXPORT))).toBe('gift');
		expect(detectFormat('moodle-export.txt', '', bytes(MOODLE_GIFT_EXPORT))).toBe('gift');
	});

	it('recognizes GIFT by its answer braces alone, without titles or categories', () => {
		expect(detectFormatByContent(bytes('Thủ đô của Việt Nam là? {=Hà Nội ~Huế ~Đà Nẵng}\n'))).toBe('gift');
		expect(detectFormatByContent(bytes('Thủ đô là\nHà Nội?\n{\n=Đúng\n}\n'))).toBe('gift');
		expect(detectFormatByContent(bytes('Hiến pháp là luật cơ bản của Nhà nước.{T}\n'))).toBe('gift');
		expect(detectFormatByContent(bytes('Một cộng một bằng ba. {FALSE#sai rồi}\n'))).toBe('gift');
	});

	it('does not take escaped braces or equals signs for GIFT markers', () => {
		expect(detectFormatByContent(bytes('Tỷ lệ \\{1 \\= 1\\} là gì?\n'))).toBeNull();
		expect(detectFormatByContent(bytes('// {=Hà Nội} trong chú thích\nCâu hỏi thường\n'))).toBeNull();
	});

	it('recognizes Aiken by its lettered options and ANSWER line, even with a brace in the text', () => {
		const aiken = 'Tập hợp {a = 1} có mấy phần tử?\nA. Một\nB) Hai\nANSWER: A\n';
		expect(detectFormatByContent(bytes(aiken))).toBe('aiken');
		expect(detectFormatByContent(bytes('Câu hỏi?\nA. Có\nB. Không\nĐÁP ÁN: B\n'))).toBe('aiken');
		expect(detectFormat('cau-hoi.gift', '', bytes(aiken))).toBe('aiken');
	});

	it('recognizes Moodle XML by its quiz element, with or without a declaration', () => {
		expect(detectFormatByContent(bytes('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n</quiz>'))).toBe('moodle');
		expect(detectFormatByContent(bytes('\uFEFF<?xml version="1.0"?>\n<!-- export -->\n<quiz>'))).toBe('moodle');
		expect(detectFormatByContent(bytes('  <quiz>\n<question type="truefalse">'))).toBe('moodle');
		expect(detectFormat('cau-hoi.txt', '', bytes('<quiz></quiz>'))).toBe('moodle');
	});

	it("recognizes a CSV by the template's header, with ',' or ';' and a BOM", () => {
		const header = 'Chủ đề;Loại câu hỏi;Câu hỏi;Phương án A;Phương án B;Đáp án;Mức độ\n';
		expect(detectFormatByContent(bytes(`\uFEFF${header}`))).toBe('csv');
		expect(detectFormatByContent(bytes('Câu hỏi,Phương án A,Phương án B,Đáp án\nx,y,z,A\n'))).toBe('csv');
		expect(detectFormat('cau-hoi.txt', '', bytes(header))).toBe('csv');
	});

	it('recognizes an .xlsx by the zip magic, whatever its name', () => {
		const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
		expect(detectFormatByContent(zip)).toBe('xlsx');
		expect(detectFormat('cau-hoi.csv', '', zip)).toBe('xlsx');
	});

	it('falls back to the extension when the content says nothing, and obeys a format the organizer chose', () => {
		expect(detectFormatByContent(bytes('chỉ là văn bản\n'))).toBeNull();
		expect(detectFormat('cau-hoi.txt', '', bytes('chỉ là văn bản\n'))).toBe('aiken');
		expect(detectFormat('cau-hoi.doc', '', bytes('chỉ là văn bản\n'))).toBeNull();
		expect(detectFormat('moodle-export.txt', 'aiken', bytes(MOODLE_GIFT_EXPORT))).toBe('aiken');
	});
});
