/**
 * Reading an uploaded unit list (.xlsx or .csv) into rows, and the dry run's summary. Server side
 * only: exceljs needs Node.
 */
import { readSheetRows, type SheetRows } from '../spreadsheet';
import { parseCsv } from '../../domain/import/csv';
import type { ImportIssue } from '../../domain/import/types';
import type { UnitImportResult } from '../../domain/import/units';
import { MAX_UNIT_ROWS } from '../../schemas/units';

export { MAX_UNIT_ROWS };

export const MAX_ISSUES_SHOWN = 500;

export type UnitFileRows = { ok: true; rows: string[][] } | { ok: false; issue: ImportIssue };

const fileIssue = (message: string): UnitFileRows => ({ ok: false, issue: { line: 1, message } });

/** An .xlsx (recognized by its zip signature, whatever the name says) or a UTF-8 CSV, as rows. */
export async function readUnitFile(bytes: Uint8Array): Promise<UnitFileRows> {
	if (bytes.byteLength === 0) return fileIssue('Tệp rỗng: không có đơn vị nào để nhập.');
	const read = bytes[0] === 0x50 && bytes[1] === 0x4b ? await readSheetRows(bytes) : decodeCsv(bytes);
	if (!read.ok) return fileIssue(read.message);
	const { rows } = read;
	if (rows.length > MAX_UNIT_ROWS + 1) {
		return fileIssue(`Tệp có ${rows.length - 1} dòng, quá giới hạn ${MAX_UNIT_ROWS} đơn vị mỗi lần nhập.`);
	}
	return { ok: true, rows };
}

/** The CSV's rows, or what is wrong with its encoding. */
function decodeCsv(bytes: Uint8Array): SheetRows {
	try {
		return { ok: true, rows: parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
	} catch {
		return {
			ok: false,
			message: 'Tệp không được mã hóa UTF-8. Hãy lưu lại tệp với mã hóa UTF-8 (trong Excel: "CSV UTF-8").'
		};
	}
}

export interface UnitImportPreview {
	total: number;
	created: number;
	updated: number;
	issues: { line: number; message: string }[];
	issueCount: number;
}

/** What the dry run tells the organizer: how many units are new, how many update stored ones, what blocks it. */
export function previewUnitImport(result: UnitImportResult, existingCodes: ReadonlySet<string>): UnitImportPreview {
	const updated = result.units.filter((u) => existingCodes.has(u.code)).length;
	const issues = result.ok ? [] : result.issues;
	return {
		total: result.units.length,
		created: result.units.length - updated,
		updated,
		issues: issues.slice(0, MAX_ISSUES_SHOWN).map((i) => ({ line: i.line, message: i.message })),
		issueCount: issues.length
	};
}
