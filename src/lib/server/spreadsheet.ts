// Reading the first worksheet of an uploaded workbook as plain strings: shared by the question
// and unit importers. Server side only: exceljs needs Node.
import ExcelJS from 'exceljs';
import { checkZip, zipRefusalMessage } from './zip-guard';

/** A picture embedded in the sheet: the row its top-left corner sits in (1-based), a name, its bytes. */
export interface SheetImage {
	row: number;
	name: string;
	bytes: Buffer;
}

export type SheetRows =
	| {
			ok: true;
			rows: string[][];
			images?: SheetImage[];
			/** the cells that held a number, as `${row}:${column}` (row 1-based as in `rows`' numbering, column 0-based) */
			numberCells?: Set<string>;
	  }
	| { ok: false; message: string };

/**
 * The first worksheet as strings, one array per row, empty rows kept (as []) so row numbers
 * match Excel's; or why the bytes are refused: not a workbook exceljs can open, or a zip over the
 * caps of zip-guard.ts, checked before exceljs inflates anything.
 */
export async function readSheetRows(buffer: Uint8Array): Promise<SheetRows> {
	const zip = await checkZip(buffer);
	if (!zip.ok) return { ok: false, message: zipRefusalMessage(zip.reason) };
	const workbook = new ExcelJS.Workbook();
	try {
		// exceljs wants a Node Buffer at runtime, though its typings call the parameter an ArrayBuffer.
		await workbook.xlsx.load(Buffer.from(buffer) as unknown as ArrayBuffer);
	} catch {
		return { ok: false, message: zipRefusalMessage('not_zip') };
	}
	const sheet = workbook.worksheets[0];
	const numberCells = new Set<string>();
	return {
		ok: true,
		rows: sheet ? sheetRows(sheet, numberCells) : [],
		images: sheet ? sheetImages(workbook, sheet) : [],
		numberCells
	};
}

/** The pictures placed over the sheet's cells (Insert › Picture), by the row of their top-left corner. */
function sheetImages(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet): SheetImage[] {
	return sheet.getImages().flatMap((placed) => {
		const image = workbook.getImage(Number(placed.imageId));
		if (!image?.buffer) return [];
		const row = Math.floor(placed.range.tl.nativeRow ?? placed.range.tl.row) + 1;
		const bytes = Buffer.from(image.buffer as unknown as Uint8Array);
		return [{ row, name: `ảnh ở dòng ${row}.${image.extension}`, bytes }];
	});
}

/** Every row as strings, empty rows kept (as []) so row numbers match Excel's. */
function sheetRows(sheet: ExcelJS.Worksheet, numberCells: Set<string>): string[][] {
	const rows: string[][] = [];
	sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		while (rows.length < rowNumber - 1) rows.push([]);
		const cells: string[] = [];
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			while (cells.length < column - 1) cells.push('');
			cells.push(cellText(cell.value));
			if (typeof cellNumber(cell.value) === 'number') numberCells.add(`${rowNumber}:${column - 1}`);
		});
		rows.push(cells);
	});
	return rows;
}

/** A cell's number, a formula's numeric result included; undefined for any other value. */
function cellNumber(value: ExcelJS.CellValue | undefined): number | undefined {
	if (typeof value === 'number') return value;
	if (value && typeof value === 'object' && ('formula' in value || 'sharedFormula' in value)) {
		return typeof value.result === 'number' ? value.result : undefined;
	}
	return undefined;
}

/** A cell value as the organizer sees it: rich text joined, numbers as written, a formula's result. */
function cellText(value: ExcelJS.CellValue | undefined): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return String(value);
	if ('richText' in value) return value.richText.map((run) => run.text).join('');
	if ('formula' in value || 'sharedFormula' in value) return cellText(value.result as ExcelJS.CellValue | undefined);
	if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
	if ('error' in value) return String(value.error);
	return '';
}
