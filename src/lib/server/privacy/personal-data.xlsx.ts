import ExcelJS from 'exceljs';
import type { PersonalDataExport } from './personal-data.service';

// The same export as a workbook a person can read: one sheet per part, Vietnamese headings
// (like the other exports). The JSON file stays the complete, machine-readable copy.

type Cell = string | number | boolean | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
	const sheet = workbook.addWorksheet(name);
	sheet.addRow(headers).font = { bold: true };
	for (const row of rows) sheet.addRow(row.map((c) => (typeof c === 'boolean' ? (c ? 'Có' : 'Không') : c)));
	sheet.columns.forEach((column) => (column.width = 22));
}

export async function personalDataWorkbook(data: PersonalDataExport): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'CuộcThi';
	const p = data.profile;
	addSheet(
		workbook,
		'Hồ sơ',
		['Mục', 'Giá trị'],
		[
			['Số điện thoại', p.phone],
			['Họ và tên', p.fullName],
			['Ngày sinh', p.birthDate],
			['Thư điện tử', p.email],
			['Tạo lúc', p.createdAt],
			['Mã thiết bị', p.signals.deviceId],
			['Địa chỉ mạng (đã băm)', p.signals.ipHash],
			['Trình duyệt', p.signals.userAgent],
			['Xuất lúc', data.exportedAt]
		]
	);
	addSheet(
		workbook,
		'Đăng ký',
		['Cuộc thi', 'Đơn vị', 'Đối tượng', 'Đồng ý lúc', 'Đăng ký lúc'],
		data.registrations.map((r) => [r.contest, r.unit, r.group, r.consentedAt, r.registeredAt])
	);
	addSheet(
		workbook,
		'Lượt thi',
		[
			'Cuộc thi',
			'Đợt thi',
			'Lượt',
			'Bắt đầu',
			'Nộp bài',
			'Điểm',
			'Điểm tối đa',
			'Thời gian (ms)',
			'Dự đoán',
			'Bị loại',
			'Lý do',
			'Hạng',
			'Giải',
			'Mã thiết bị',
			'Địa chỉ mạng (đã băm)',
			'Trình duyệt'
		],
		data.attempts.map((a) => [
			a.contest,
			a.round,
			a.ordinal,
			a.startedAt,
			a.submittedAt,
			a.score,
			a.maxScore,
			a.durationMs,
			a.prediction,
			a.disqualified,
			a.disqualifiedReason,
			a.rank,
			a.prize,
			a.signals.deviceId,
			a.signals.ipHash,
			a.signals.userAgent
		])
	);
	addSheet(
		workbook,
		'Câu trả lời',
		['Đợt thi', 'Lượt', 'Câu', 'Câu hỏi', 'Các phương án', 'Bạn chọn', 'Trả lời lúc', 'Đúng', 'Đáp án'],
		data.attempts.flatMap((a) =>
			a.items.map((i) => [
				a.round,
				a.ordinal,
				i.position + 1,
				i.question,
				i.options.join(' | '),
				i.answer.join(' | '),
				i.answeredAt,
				'correct' in i ? (i.correct ?? null) : null,
				'correctOptions' in i ? (i.correctOptions ?? []).join(' | ') : null
			])
		)
	);
	addSheet(
		workbook,
		'Tín hiệu',
		['Đợt thi', 'Lượt', 'Loại', 'Câu', 'Giá trị', 'Lúc'],
		data.attempts.flatMap((a) =>
			a.signals.events.map((e) => [
				a.round,
				a.ordinal,
				e.kind,
				e.position === null ? null : e.position + 1,
				e.value,
				e.at
			])
		)
	);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
