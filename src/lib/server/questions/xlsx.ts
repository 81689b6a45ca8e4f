/**
 * Excel (.xlsx) in the template layout (domain/import/template.ts). Server side only: exceljs
 * needs Node. Reading turns every cell into a string and hands the rows to the shared parser.
 */
import ExcelJS from 'exceljs';
import {
	CASE_LABEL,
	NO_DIACRITICS_LABEL,
	PAIRS_LABEL,
	TEMPLATE_HEADERS,
	attachRowImages,
	exportHeaders,
	questionsToRows,
	rowsToQuestions,
	type TemplateHeader
} from '../../domain/import/template';
import type { ImportResult, ImportedQuestion } from '../../domain/import/types';
import { TEMPLATE_EXAMPLES } from '../../domain/import/skips';
import { DIFFICULTY_LABELS, TYPE_LABELS } from '../../domain/import/validate';
import { ORDERING_ITEMS, POLL_OPTIONS } from '../../domain/question-kinds';
import type { ExportPicture } from '../media/media.service';
import { readSheetRows } from '../spreadsheet';

const QUESTION_SHEET = 'Câu hỏi';
const GUIDE_SHEET = 'Hướng dẫn';
/** Data validation lists cover this many rows below the header. */
const VALIDATED_ROWS = 10000;
const WRAPPED: readonly TemplateHeader[] = ['Câu hỏi', 'Giải thích', 'Căn cứ pháp lý'];
const WIDTHS: Partial<Record<TemplateHeader, number>> = {
	'Chủ đề': 24,
	'Loại câu hỏi': 16,
	'Câu hỏi': 60,
	'Đáp án': 10,
	'Mức độ': 13,
	'Giải thích': 50,
	'Căn cứ pháp lý': 36,
	Thẻ: 20,
	'Sai số cho phép': 14,
	'Đơn vị': 10,
	'Giá trị nhỏ nhất': 14,
	'Giá trị lớn nhất': 14,
	Bước: 8,
	'Khoảng giảm điểm': 14
};
const OPTION_WIDTH = 28;

/** The first worksheet's rows → questions; a file refused or that exceljs cannot open is one issue, not a throw. */
export async function readXlsx(buffer: Buffer | ArrayBuffer): Promise<ImportResult> {
	const read = await readSheetRows(new Uint8Array(buffer));
	if (!read.ok) return { ok: false, issues: [{ line: 1, message: read.message }], questions: [] };
	const images = (read.images ?? []).map((i) => ({ row: i.row, name: i.name, data: i.bytes.toString('base64') }));
	const numberCells = read.numberCells ?? new Set<string>();
	const result = rowsToQuestions(read.rows, { isNumberCell: (line, column) => numberCells.has(`${line}:${column}`) });
	return attachRowImages(read.rows, result, images);
}

/** Pictures are shown in the sheet at most this wide, px; the file keeps them whole. */
const SHOWN_PICTURE_WIDTH = 160;

/** A workbook an organizer can fill in: frozen bold header, filters, dropdowns, a guide sheet. */
export async function writeXlsx(
	questions: ImportedQuestion[],
	pictures: ReadonlyMap<string, ExportPicture> = new Map()
): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'CuộcThi';
	addQuestionSheet(workbook, questions);
	addPictures(workbook, questions, pictures);
	addGuideSheet(workbook);
	const data = await workbook.xlsx.writeBuffer();
	return Buffer.from(data as unknown as ArrayBuffer);
}

function addQuestionSheet(workbook: ExcelJS.Workbook, questions: ImportedQuestion[]): void {
	const sheet = workbook.addWorksheet(QUESTION_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
	const headers = exportHeaders(questions);
	sheet.columns = headers.map((header) => ({
		key: header,
		width: WIDTHS[header as TemplateHeader] ?? OPTION_WIDTH,
		style: { alignment: { vertical: 'top', wrapText: WRAPPED.includes(header as TemplateHeader) } }
	}));
	// The header row comes from questionsToRows too, so the layout has a single source.
	sheet.addRows(questionsToRows(questions).map((row) => row.map(toXstring)));
	sheet.getRow(1).font = { bold: true };
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
	addListValidation(sheet, 'Loại câu hỏi', Object.values(TYPE_LABELS));
	addListValidation(sheet, 'Mức độ', Object.values(DIFFICULTY_LABELS));
}

/**
 * Each question's picture embedded in its row, right of the last column (where the importer looks
 * for it: the row of its top-left corner), the row made tall enough to show it.
 */
function addPictures(
	workbook: ExcelJS.Workbook,
	questions: ImportedQuestion[],
	pictures: ReadonlyMap<string, ExportPicture>
): void {
	const sheet = workbook.getWorksheet(QUESTION_SHEET)!;
	const column = sheet.columnCount;
	questions.forEach((q, i) => {
		const picture = q.image?.media ? pictures.get(q.image.media) : undefined;
		if (!picture) return;
		const id = workbook.addImage({ buffer: picture.png as unknown as ExcelJS.Buffer, extension: 'png' });
		const width = Math.min(SHOWN_PICTURE_WIDTH, picture.width);
		const height = Math.round((picture.height / Math.max(1, picture.width)) * width);
		sheet.addImage(id, { tl: { col: column, row: i + 1 }, ext: { width, height }, editAs: 'oneCell' });
		// points are 3/4 of a pixel
		const row = sheet.getRow(i + 2);
		row.height = Math.max(row.height ?? 15, Math.ceil(height * 0.75) + 4);
	});
	if (pictures.size) sheet.getColumn(column + 1).width = SHOWN_PICTURE_WIDTH / 7;
}

/** Control characters but tab and line feed, which XML keeps as they are. */
const CONTROL = /(?![\t\n])\p{Cc}/gu;

/**
 * Text in OOXML's escaped form, which exceljs decodes on read but does not write: a control
 * character (a CR would come back as LF, others dropped) as '_x000D_', as Excel writes it, and
 * the '_' of a literal '_x0041_' as '_x005F_', so that it does not read back as 'A'.
 */
function toXstring(text: string): string {
	return text
		.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
		.replace(CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
}

/**
 * A dropdown on one column for rows 2..VALIDATED_ROWS+1, as one range. exceljs 4.4 supports
 * range addresses in `dataValidations` at runtime, but its typings do not declare the property.
 */
function addListValidation(
	sheet: ExcelJS.Worksheet,
	header: (typeof TEMPLATE_HEADERS)[number],
	values: string[]
): void {
	const letter = sheet.getColumn(TEMPLATE_HEADERS.indexOf(header) + 1).letter;
	const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
	validations.add(`${letter}2:${letter}${VALIDATED_ROWS + 1}`, {
		type: 'list',
		allowBlank: true,
		formulae: [`"${values.join(',')}"`],
		showErrorMessage: true,
		errorStyle: 'error',
		errorTitle: header,
		error: `Chọn một trong các giá trị: ${values.join(', ')}`
	});
}

interface RangeValidations {
	add(address: string, validation: ExcelJS.DataValidation): void;
}

const COLUMN_GUIDE: readonly [string, string][] = [
	['Chủ đề', 'Tên chủ đề của câu hỏi, ví dụ "Cải cách thủ tục hành chính". Có thể để trống.'],
	[
		'Loại câu hỏi',
		`Một trong: ${Object.values(TYPE_LABELS).join(', ')}. Để trống thì hệ thống tự nhận biết (chỉ với ${TYPE_LABELS.single}, ${TYPE_LABELS.multiple}, ${TYPE_LABELS.true_false}).`
	],
	['Câu hỏi', 'Nội dung câu hỏi (bắt buộc).'],
	['Phương án A … H', 'Nội dung các phương án, điền liên tục từ A; cần ít nhất 2, tối đa 8 phương án.'],
	['', `Câu hỏi Đúng/Sai: Phương án A là "Đúng", Phương án B là "Sai" (hoặc để trống cả hai).`],
	['Đáp án', 'Chữ cái của phương án đúng, ví dụ "B"; nhiều đáp án thì cách nhau bằng dấu phẩy, ví dụ "A,C".'],
	['', 'Câu hỏi Nhiều đáp án cần ít nhất 2 đáp án đúng; câu hỏi Một đáp án và Đúng/Sai có đúng 1 đáp án.'],
	['Mức độ', `Một trong: ${Object.values(DIFFICULTY_LABELS).join(', ')}. Để trống là Trung bình.`],
	['Giải thích', 'Giải thích đáp án, hiển thị sau khi đợt thi kết thúc (nếu được bật). Có thể để trống.'],
	['Căn cứ pháp lý', 'Văn bản quy định, ví dụ "Điều 5 Nghị định 61/2018/NĐ-CP". Có thể để trống.'],
	['Thẻ', 'Các thẻ để tìm kiếm, cách nhau bằng dấu phẩy hoặc chấm phẩy. Có thể để trống.'],
	[
		'Sai số cho phép … Khoảng giảm điểm',
		`Chỉ dùng cho câu ${TYPE_LABELS.numeric}; các loại khác để trống (xem bên dưới).`
	]
];

/** How each kind beyond choosing options fills the row. */
const KIND_GUIDE: readonly [string, string][] = [
	[
		TYPE_LABELS.ordering,
		`Ghi ${ORDERING_ITEMS.min}–${ORDERING_ITEMS.max} mục ở Phương án A, B, C… theo ĐÚNG thứ tự; người chơi thấy các mục bị xáo trộn. Đáp án để trống: phải đúng cả thứ tự mới được điểm; ghi "${PAIRS_LABEL}": được điểm theo từng cặp liền nhau đúng thứ tự.`
	],
	[
		TYPE_LABELS.numeric,
		'Không có phương án. Đáp án là một số, ví dụ "12,5" hoặc "1.000" (dấu phẩy là dấu thập phân, dấu chấm ngăn cách hàng nghìn). Sai số cho phép: câu trả lời lệch không quá số này vẫn đúng (để trống là phải đúng tuyệt đối). Đơn vị: hiện sau ô nhập, ví dụ "thủ tục", "%". Giá trị nhỏ nhất/lớn nhất, Bước: giới hạn ô nhập (có cả hai thì hiện thanh trượt). Khoảng giảm điểm (chỉ trò chơi trực tiếp): ngoài sai số, điểm giảm dần tới 0 khi lệch thêm chừng ấy; để trống thì ngoài sai số là sai.'
	],
	[
		TYPE_LABELS.short_text,
		`Ghi các đáp án được chấp nhận ở Phương án A, B… (ít nhất 1), ví dụ "Hà Nội" và "Thủ đô Hà Nội"; người chơi tự gõ câu trả lời. Không phân biệt chữ hoa, chữ thường nhưng phải đúng dấu. Đáp án để trống, hoặc ghi "${NO_DIACRITICS_LABEL}" (chấp nhận cả khi gõ không dấu) và/hoặc "${CASE_LABEL}", cách nhau bằng dấu phẩy.`
	],
	[
		TYPE_LABELS.poll,
		`Chỉ dùng trong trò chơi trực tiếp, không tính điểm: ${POLL_OPTIONS.min}–${POLL_OPTIONS.max} phương án, Đáp án để trống.`
	],
	[
		TYPE_LABELS.word_cloud,
		'Chỉ dùng trong trò chơi trực tiếp, không tính điểm: người chơi gõ một từ hoặc cụm từ; không có phương án, Đáp án để trống.'
	]
];

function addGuideSheet(workbook: ExcelJS.Workbook): void {
	const sheet = workbook.addWorksheet(GUIDE_SHEET);
	sheet.columns = [
		{ key: 'column', width: 22 },
		{ key: 'meaning', width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }
	];
	sheet.addRow(['Hướng dẫn nhập câu hỏi']).font = { bold: true, size: 14 };
	sheet.addRow([`Mỗi dòng của trang "${QUESTION_SHEET}" là một câu hỏi; giữ nguyên dòng tiêu đề.`]);
	sheet.addRow([]);
	sheet.addRow(['Cột', 'Ý nghĩa']).font = { bold: true };
	sheet.addRows(COLUMN_GUIDE.map(([column, meaning]) => [column, meaning]));
	sheet.addRow([]);
	sheet.addRow(['Loại câu hỏi', 'Cách điền']).font = { bold: true };
	sheet.addRows(KIND_GUIDE.map(([kind, meaning]) => [kind, meaning]));
	sheet.addRow([]);
	sheet.addRow(['Lưu ý', 'Tệp chỉ được nhập khi mọi dòng đều hợp lệ; các lỗi được liệt kê theo dòng và cột.']);
}

/** An empty template with an example question of each kind to copy. */
export async function templateXlsx(): Promise<Buffer> {
	return writeXlsx(TEMPLATE_EXAMPLES);
}
