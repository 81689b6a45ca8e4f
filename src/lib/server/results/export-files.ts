import type { AppContext } from '../context';
import { downloadNames, XLSX_TYPE } from '../download';
import type { Actor } from '../contests/contest-access';
import { writeCertificateBook } from './certificate-book.service';
import { EXCEL_VI, type ExportOut } from './export-format';
import { writeStatisticsWorkbook, writeUnitsCsv, writeUnitsWorkbook } from './export-standings.service';
import { writeResultsCsv, writeResultsWorkbook, type ExportOutcome, type ExportTarget } from './export.service';

// The files a closed round can be downloaded as, by the last segment of their studio URL.

const XLSX = XLSX_TYPE;
const CSV = 'text/csv; charset=utf-8';
const PDF = 'application/pdf';

export interface ExportFile {
	/** the URL segment, also the end of the downloaded file's name */
	name:
		| 'ket-qua.xlsx'
		| 'ket-qua.csv'
		| 'ket-qua-excel.csv'
		| 'don-vi.xlsx'
		| 'don-vi.csv'
		| 'don-vi-excel.csv'
		| 'thong-ke.xlsx'
		| 'giay-chung-nhan.pdf';
	/** what the file is, in Vietnamese: a link's text and the start of the file's name */
	label: string;
	contentType: string;
	/** holds contestants' phones, emails and birth dates: organizers only, audited */
	personalData: boolean;
	write(ctx: AppContext, actor: Actor, roundId: string, out: ExportOut): Promise<ExportOutcome>;
}

export const EXPORT_FILES: readonly ExportFile[] = [
	{ name: 'ket-qua.xlsx', label: 'Kết quả', contentType: XLSX, personalData: true, write: writeResultsWorkbook },
	{ name: 'ket-qua.csv', label: 'Kết quả', contentType: CSV, personalData: true, write: writeResultsCsv },
	{
		name: 'ket-qua-excel.csv',
		label: 'Kết quả (Excel tiếng Việt)',
		contentType: CSV,
		personalData: true,
		write: (ctx, actor, roundId, out) => writeResultsCsv(ctx, actor, roundId, out, EXCEL_VI)
	},
	{
		name: 'don-vi.xlsx',
		label: 'Kết quả theo đơn vị',
		contentType: XLSX,
		personalData: false,
		write: writeUnitsWorkbook
	},
	{ name: 'don-vi.csv', label: 'Kết quả theo đơn vị', contentType: CSV, personalData: false, write: writeUnitsCsv },
	{
		name: 'don-vi-excel.csv',
		label: 'Kết quả theo đơn vị (Excel tiếng Việt)',
		contentType: CSV,
		personalData: false,
		write: (ctx, actor, roundId, out) => writeUnitsCsv(ctx, actor, roundId, out, EXCEL_VI)
	},
	{
		name: 'thong-ke.xlsx',
		label: 'Thống kê câu hỏi',
		contentType: XLSX,
		personalData: false,
		write: writeStatisticsWorkbook
	},
	{
		name: 'giay-chung-nhan.pdf',
		label: 'Giấy chứng nhận',
		contentType: PDF,
		personalData: false,
		write: writeCertificateBook
	}
];

export function findExportFile(name: string): ExportFile | undefined {
	return EXPORT_FILES.find((f) => f.name === name);
}

/** The studio URL that downloads one of a round's exports. */
export function exportUrl(contestId: string, roundId: string, name: ExportFile['name']): string {
	return `/studio/cuoc-thi/${encodeURIComponent(contestId)}/dot-thi/${encodeURIComponent(roundId)}/xuat/${name}`;
}

/**
 * The downloaded file's name: ASCII for the `filename` parameter (the contest's slug, the round's
 * ordinal: "cchc-2026-dot-3-ket-qua.xlsx"), and the Vietnamese one for `filename*`:
 * "Kết quả - Tuần thi thứ 3 - Tìm hiểu CCHC….xlsx".
 */
export function exportFileNames(file: ExportFile, target: Pick<ExportTarget, 'contest' | 'round'>) {
	return downloadNames(
		target.contest.slug,
		`dot-${target.round.ordinal}-${file.name}`,
		`${file.label} - ${target.round.name} - ${target.contest.title}`
	);
}
