import { laggingUnits, type ParticipationRow } from '../../domain/unit-participation';
import { downloadNames } from '../download';
import {
	addInfoSheet,
	addTableSheet,
	commitWorkbook,
	createWorkbook,
	DATE_TIME_FORMAT,
	excelWallTime,
	PERCENT_FORMAT,
	sheetName,
	type ExportOut,
	type TableColumn
} from '../results/export-format';
import type { UnitParticipationPage } from './participation.service';

// "Danh sách đơn vị chưa tham gia": the units still short of their headcount, lagging first, as
// organizers send it around by Zalo. Counts per unit only, no personal data.

const COLUMNS: readonly TableColumn<ParticipationRow & { n: number }>[] = [
	{ header: 'STT', width: 6, value: (r) => r.n },
	{ header: 'Đơn vị', width: 36, value: (r) => r.name },
	{ header: 'Đơn vị cấp trên', width: 36, value: (r) => r.path.join(' / ') || null },
	{ header: 'Số người', width: 10, value: (r) => r.headcount },
	{ header: 'Đã đăng ký', width: 11, value: (r) => r.registered },
	{ header: 'Đã tham gia', width: 11, value: (r) => r.participants },
	{ header: 'Tỷ lệ tham gia', width: 13, numFmt: PERCENT_FORMAT, value: (r) => r.rate },
	{ header: 'Còn thiếu', width: 10, value: (r) => r.missing }
];

export const LAGGING_FILE_LABEL = 'Danh sách đơn vị chưa tham gia';

export function laggingFileNames(page: UnitParticipationPage) {
	const scope = page.round ? page.round.name : page.contest.title;
	return downloadNames(page.contest.slug, 'don-vi-chua-tham-gia.xlsx', `${LAGGING_FILE_LABEL} - ${scope}`);
}

export async function writeLaggingWorkbook(page: UnitParticipationPage, out: ExportOut): Promise<number> {
	const workbook = createWorkbook(out, { title: LAGGING_FILE_LABEL, created: new Date(page.computedAt) });
	const names = new Set<string>();
	const sheet = addTableSheet(workbook, sheetName('Đơn vị chưa tham gia', names), COLUMNS, out);
	const rows = laggingUnits(page.rows);
	rows.forEach((row, i) => sheet.add({ ...row, n: i + 1 }));
	sheet.commit();
	addInfoSheet(workbook, sheetName('Thông tin', names), [
		['Cuộc thi', page.contest.title],
		['Đợt thi', page.round?.name ?? 'Tất cả các đợt'],
		['Cách tính', 'Số thí sinh đã làm bài ít nhất một lượt so với số người của đơn vị, gồm cả đơn vị trực thuộc'],
		['Số liệu lúc', excelWallTime(page.computedAt), DATE_TIME_FORMAT],
		['Múi giờ', 'Giờ Việt Nam (UTC+7)']
	]);
	await commitWorkbook(workbook, out);
	return rows.length;
}
