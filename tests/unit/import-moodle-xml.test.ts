import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, importMoodleXml } from '../../src/lib/domain/import/moodle-xml';
import type { ImportResult } from '../../src/lib/domain/import/types';

function issuesOf(result: ImportResult): { line: number; column?: string; message: string }[] {
	return result.ok ? [] : result.issues;
}

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Xuất từ Moodle -->
<quiz>
  <question type="category">
    <category><text>$course$/top/Cải cách hành chính</text></category>
  </question>
  <question type="multichoice">
    <name><text>Câu 1</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Thời hạn giải quyết <strong>thủ tục hành chính</strong>
      được tính từ khi nào?</p>]]></text>
    </questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Tính từ ngày nhận đủ hồ sơ &amp;amp; hợp lệ.&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answer fraction="0" format="html"><text>Từ ngày nộp đơn</text><feedback><text>Chưa đúng</text></feedback></answer>
    <answer fraction="100" format="html">
      <text><![CDATA[<p>Từ ngày nhận đủ hồ sơ&nbsp;hợp lệ</p>]]></text>
      <feedback format="html"><text>Chính xác</text></feedback>
    </answer>
    <answer fraction="0"><text>Từ ngày &#39;có&#39; kết quả &#x2013; &#7841;</text></answer>
    <tags><tag><text>thời hạn</text></tag><tag><text>hồ sơ</text></tag></tags>
  </question>
  <question type="multichoice">
    <questiontext format="html"><text>Những nền tảng nào thuộc Chính phủ số?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Cổng Dịch vụ công</text></answer>
    <answer fraction="-100"><text>Mạng xã hội</text></answer>
    <answer fraction="50"><text>VNeID</text></answer>
  </question>
  <question type="category">
    <category><text>$course$/top/Luật/Hiến pháp</text></category>
  </question>
  <question type="truefalse">
    <questiontext format="plain_text"><text>Hiến pháp có hiệu lực cao nhất &lt;đúng không&gt;?</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
</quiz>
`;

describe('importMoodleXml', () => {
	it('reads categories, multichoice (single and multiple), truefalse, HTML, CDATA and entities', () => {
		expect(importMoodleXml(SAMPLE)).toEqual({
			ok: true,
			questions: [
				{
					topic: 'Cải cách hành chính',
					type: 'single',
					text: 'Thời hạn giải quyết thủ tục hành chính được tính từ khi nào?',
					options: [
						{ text: 'Từ ngày nộp đơn', correct: false },
						{ text: 'Từ ngày nhận đủ hồ sơ hợp lệ', correct: true },
						{ text: "Từ ngày 'có' kết quả – ạ", correct: false }
					],
					difficulty: 'medium',
					explanation: 'Tính từ ngày nhận đủ hồ sơ & hợp lệ.',
					legalReference: '',
					tags: ['thời hạn', 'hồ sơ']
				},
				{
					topic: 'Cải cách hành chính',
					type: 'multiple',
					text: 'Những nền tảng nào thuộc Chính phủ số?',
					options: [
						{ text: 'Cổng Dịch vụ công', correct: true },
						{ text: 'Mạng xã hội', correct: false },
						{ text: 'VNeID', correct: true }
					],
					difficulty: 'medium',
					explanation: '',
					legalReference: '',
					tags: []
				},
				{
					topic: 'Hiến pháp',
					type: 'true_false',
					text: 'Hiến pháp có hiệu lực cao nhất <đúng không>?',
					options: [
						{ text: 'Đúng', correct: false },
						{ text: 'Sai', correct: true }
					],
					difficulty: 'medium',
					explanation: '',
					legalReference: '',
					tags: []
				}
			]
		});
	});

	it('reports other question types by name, at the line of <question', () => {
		const xml = [
			'<quiz>',
			'  <question type="matching">',
			'    <questiontext><text>Thủ đô?</text></questiontext>',
			'    <answer fraction="100"><text>Hà Nội</text></answer>',
			'  </question>',
			'  <question',
			'     type="essay"><questiontext><text>Viết</text></questiontext></question>',
			'  <question type="multichoice"><questiontext><text>Ok?</text></questiontext>',
			'    <answer fraction="100"><text>Có</text></answer><answer fraction="0"><text>Không</text></answer>',
			'  </question>',
			'</quiz>'
		].join('\n');
		const supported =
			'chỉ nhập được multichoice (một hoặc nhiều đáp án), truefalse, ordering, numerical và shortanswer';
		const result = importMoodleXml(xml);
		expect(issuesOf(result)).toEqual([
			{
				line: 2,
				message: `Dòng 2: loại câu hỏi 'matching' chưa được hỗ trợ; ${supported}`,
				unsupported: { kind: 'matching', name: 'Thủ đô?' }
			},
			{
				line: 6,
				message: `Dòng 6: loại câu hỏi 'essay' chưa được hỗ trợ; ${supported}`,
				unsupported: { kind: 'essay', name: 'Viết' }
			}
		]);
		expect(result.questions.map((q) => q.text)).toEqual(['Ok?']);
	});

	it('checks the questions it reads with the shared rules', () => {
		const xml = [
			'<quiz>',
			'<question type="multichoice"><single>true</single><questiontext><text>Hai đúng?</text></questiontext>',
			'<answer fraction="100"><text>A</text></answer><answer fraction="100"><text>B</text></answer></question>',
			'<question type="multichoice"><single>false</single><questiontext><text>Một đúng?</text></questiontext>',
			'<answer fraction="100"><text>A</text></answer><answer fraction="0"><text>B</text></answer></question>',
			'<question type="truefalse"><questiontext><text></text></questiontext>',
			'<answer fraction="100"><text>true</text></answer><answer fraction="100"><text>false</text></answer></question>',
			'<question type="truefalse"><questiontext><text>Thiếu</text></questiontext>',
			'<answer fraction="100"><text>true</text></answer></question>',
			'</quiz>'
		].join('\n');
		expect(issuesOf(importMoodleXml(xml))).toEqual([
			{ line: 2, message: "Dòng 2: câu hỏi loại 'Một đáp án' chỉ được có 1 đáp án đúng (đang có 2: A, B)" },
			{
				line: 4,
				message:
					"Dòng 4: câu hỏi nhiều đáp án cần ít nhất 2 đáp án đúng (đang có 1: A); nếu chỉ có 1 đáp án đúng, hãy chọn loại 'Một đáp án'"
			},
			{ line: 6, message: 'Dòng 6: chưa có nội dung câu hỏi' },
			{ line: 6, message: "Dòng 6: câu hỏi loại 'Đúng/Sai' chỉ được có 1 đáp án đúng (đang có 2: A, B)" },
			{ line: 8, message: "Dòng 8: câu hỏi truefalse phải có 2 đáp án 'true' và 'false'" }
		]);
	});

	it('reports malformed XML with its line', () => {
		expect(issuesOf(importMoodleXml('<quiz>\n<question type="multichoice">\n</quiz>'))).toEqual([
			{ line: 3, message: 'Dòng 3: tệp XML không hợp lệ: thẻ đóng </quiz> không khớp' }
		]);
		expect(issuesOf(importMoodleXml('<quiz>\n<question type="x">\n</question>'))).toEqual([
			{ line: 1, message: 'Dòng 1: tệp XML không hợp lệ: thẻ <quiz> chưa được đóng' }
		]);
		expect(issuesOf(importMoodleXml('<quiz>\n<!-- chưa đóng'))).toEqual([
			{ line: 2, message: 'Dòng 2: tệp XML không hợp lệ: thẻ không được đóng bằng dấu >' }
		]);
		expect(issuesOf(importMoodleXml('<questions></questions>'))).toEqual([
			{ line: 1, message: 'Dòng 1: không tìm thấy thẻ <quiz> của Moodle XML' }
		]);
	});

	it('keeps a > inside an attribute value and reads single-quoted attributes', () => {
		const xml = `<quiz><question type='multichoice' note="a > b"><questiontext><text>Q?</text></questiontext>
			<answer fraction='100'><text>Có</text></answer><answer fraction="0"><text>Không</text></answer></question></quiz>`;
		expect(importMoodleXml(xml).ok).toBe(true);
	});
});

describe('html helpers', () => {
	it('decodes entities in one pass', () => {
		expect(decodeEntities('&amp;lt; &lt;&gt;&quot;&#39;&apos;&nbsp;&#272;&#x1EA1; &unknown; &#0;')).toBe(
			"&lt; <>\"'' Đạ &unknown; &#0;"
		);
	});

	it('turns HTML into plain text with line breaks', () => {
		expect(htmlToText('<p>Dòng  một<br/>dòng\n hai</p>\n<p><em>Đoạn</em> &amp; hai</p><!-- x -->')).toBe(
			'Dòng một\ndòng hai\nĐoạn & hai'
		);
		expect(htmlToText('x < 5 và y > 3')).toBe('x < 5 và y > 3');
	});
});
