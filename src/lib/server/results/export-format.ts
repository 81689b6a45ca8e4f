import { tzOffset } from '@date-fns/tz';
import ExcelJS from 'exceljs';
import type { Stream, Writable } from 'node:stream';
import { TIME_ZONE } from '../../i18n/format';

// Tables written as they are read: to an exceljs streaming workbook (one committed row at a time)
// or to CSV, both into a stream whose consumer may be slower than the database. Server side only.

export type ExportOut = NodeJS.WritableStream | Writable;
export type ExportCell = string | number | Date | null;

export interface TableColumn<R> {
	header: string;
	/** in characters */
	width: number;
	/** Excel number format of the data cells (dates, durations, decimals); none for text and counts */
	numFmt?: string;
	value: (row: R) => ExportCell;
	/** the CSV text when it is not the value's plain form (dates, durations) */
	text?: (row: R) => string;
}

/** The output went away (the browser cancelled the download): stop reading, quietly. */
export class ExportAbortedError extends Error {
	constructor() {
		super('export_aborted');
	}
}

export const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
export const DATE_FORMAT = 'dd/mm/yyyy';
/** A duration stored as a fraction of a day, shown as minutes (past 59) and seconds. */
export const DURATION_FORMAT = '[mm]:ss';
export const PERCENT_FORMAT = '0.0%';

const HEADER_STYLE: Partial<ExcelJS.Style> = {
	font: { bold: true },
	alignment: { vertical: 'middle', wrapText: true },
	fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }
};
/** Rows per worksheet, the header included: Excel's limit. A longer table goes on to another sheet. */
export const MAX_SHEET_ROWS = 1_048_576;

const HOUR = 3_600_000;
/** Time-zone offsets in minutes by hour since the epoch: a round spans a few hundred hours at most. */
const offsets = new Map<number, number>();

/** An instant as Vietnam's clocks showed it. Excel dates have no time zone; exceljs writes a Date's UTC fields. */
export function excelWallTime(ms: number): Date {
	const hour = Math.floor(ms / HOUR);
	let offset = offsets.get(hour);
	if (offset === undefined) {
		if (offsets.size > 10_000) offsets.clear();
		offset = tzOffset(TIME_ZONE, new Date(hour * HOUR));
		offsets.set(hour, offset);
	}
	return new Date(ms + offset * 60_000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * dd/MM/yyyy HH:mm (or dd/MM/yyyy) in Vietnam's time, as formatDateTime writes it but some fifty
 * times faster (no formatter per call): it runs once per row of a results CSV.
 */
export function wallClockText(ms: number, withTime = true): string {
	const at = excelWallTime(ms);
	const date = `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()}`;
	return withTime ? `${date} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}` : date;
}

/** A 'yyyy-MM-dd' date as an Excel date, or the text as it is when it is not one. */
export function excelDate(isoDate: string): Date | string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : isoDate;
}

/** A duration as an Excel time (fraction of a day), whole seconds as the app shows them. */
export function excelDuration(ms: number): number {
	return Math.floor(ms / 1000) / 86_400;
}

/** mm:ss (minutes past 59 as they are), whole seconds. */
export function durationText(ms: number): string {
	const seconds = Math.floor(ms / 1000);
	return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

export function createWorkbook(
	out: ExportOut,
	meta: { title: string; created: Date }
): ExcelJS.stream.xlsx.WorkbookWriter {
	// Inline strings: shared strings would keep every distinct name in memory until the end.
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		stream: out as Stream,
		useStyles: true,
		useSharedStrings: false
	});
	workbook.creator = 'CuộcThi';
	workbook.title = meta.title;
	workbook.created = meta.created;
	workbook.modified = meta.created;
	return workbook;
}

/** Excel's rules for a sheet name: 31 characters, none of : \ / ? * [ ], unique ignoring case. */
export function sheetName(wanted: string, used: Set<string>): string {
	const base =
		wanted
			.replace(/[:\\/?*[\]]/g, ' ')
			.replace(/^'+|'+$/g, '')
			.trim() || 'Trang';
	for (let n = 1; ; n++) {
		const suffix = n === 1 ? '' : ` (${n})`;
		const name = base.slice(0, 31 - suffix.length).trimEnd() + suffix;
		if (!used.has(name.toLowerCase())) {
			used.add(name.toLowerCase());
			return name;
		}
	}
}

export interface TableSheet<R> {
	/** Writes and commits one data row; the row leaves memory. */
	add(row: R): void;
	/** Data rows written so far. */
	readonly rows: number;
	/** Waits until the sheet's zip entry and the output have taken what was written (backpressure). */
	settle(): Promise<void>;
	/** Ends the sheet: the filter over every row, then the sheet's XML closes. */
	commit(): void;
}

/**
 * A worksheet with a bold header row, frozen under it, and typed columns. Rows are committed as
 * they are added. Only one sheet of a workbook should be open at a time: the zip takes its
 * entries in order, so rows of a later sheet would wait in memory until the earlier one ends.
 */
export function addTableSheet<R>(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	name: string,
	columns: readonly TableColumn<R>[],
	out: ExportOut
): TableSheet<R> {
	const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
	sheet.columns = columns.map((c) => ({ key: c.header, width: c.width }));
	// One style object per column, shared by its cells: exceljs caches style ids by object, so
	// sharing them saves it from building the same style for every cell.
	const styles = columns.map((c): Partial<ExcelJS.Style> => (c.numFmt ? { numFmt: c.numFmt } : {}));
	const header = sheet.addRow(columns.map((c) => c.header));
	header.eachCell((cell) => void (cell.style = HEADER_STYLE));
	header.height = 32;
	header.commit();
	let rows = 0;
	return {
		add(row) {
			const added = sheet.addRow(columns.map((c) => c.value(row)));
			for (let i = 0; i < columns.length; i++) added.getCell(i + 1).style = styles[i];
			added.commit();
			rows++;
		},
		get rows() {
			return rows;
		},
		settle: () => settleSheet(sheet, out),
		commit() {
			sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } };
			sheet.commit();
		}
	};
}

/** A two-column sheet of labelled values (what a table is about), each value with its own format. */
export function addInfoSheet(
	workbook: ExcelJS.stream.xlsx.WorkbookWriter,
	name: string,
	entries: readonly (readonly [label: string, value: ExportCell, numFmt?: string])[]
): void {
	const sheet = workbook.addWorksheet(name);
	sheet.columns = [{ width: 34 }, { width: 70 }];
	for (const [label, value, numFmt] of entries) {
		const row = sheet.addRow([label, value]);
		row.getCell(1).style = { font: { bold: true } };
		row.getCell(2).style = { alignment: { horizontal: 'left', wrapText: true }, ...(numFmt ? { numFmt } : {}) };
		row.commit();
	}
	sheet.commit();
}

interface StreamState {
	destroyed?: boolean;
	writableFinished?: boolean;
	writableNeedDrain?: boolean;
	/** readable-stream 2 (archiver's) has no writableNeedDrain */
	_writableState?: { needDrain?: boolean };
}

function needsDrain(stream: StreamState): boolean {
	return Boolean(stream.writableNeedDrain ?? stream._writableState?.needDrain);
}

function isGone(out: ExportOut): boolean {
	return Boolean((out as StreamState).destroyed);
}

/** Resolves on the stream's next 'drain'; rejects when the output closes or fails first. */
function drained(stream: NodeJS.EventEmitter, out: ExportOut): Promise<void> {
	if (isGone(out)) return Promise.reject(new ExportAbortedError());
	return new Promise((resolve, reject) => {
		const cleanup = () => {
			stream.removeListener('drain', onDrain);
			out.removeListener('close', onClose);
			out.removeListener('error', onClose);
		};
		const onDrain = () => {
			cleanup();
			resolve();
		};
		const onClose = () => {
			cleanup();
			reject(new ExportAbortedError());
		};
		stream.once('drain', onDrain);
		out.once('close', onClose);
		out.once('error', onClose);
	});
}

type Drainable = NodeJS.EventEmitter & StreamState;

/**
 * The zip entry a streamed sheet's XML goes into: a PassThrough (archiver's) that the sheet's
 * StreamBuf pipes into. An exceljs 4.4 / archiver 5 internal, read defensively; a test pins it.
 */
export function sheetZipEntry(sheet: ExcelJS.Worksheet): Drainable | undefined {
	const entry = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0];
	return entry && typeof entry === 'object' && '_writableState' in entry ? (entry as Drainable) : undefined;
}

/**
 * exceljs writes a sheet's XML into its zip entry without heeding write()'s answer (its StreamBuf
 * ignores it), so nothing stops the rows piling up in memory ahead of a slow download. Between
 * chunks of rows, wait until the entry has drained, then until the output has.
 */
async function settleSheet(sheet: ExcelJS.Worksheet, out: ExportOut): Promise<void> {
	if (isGone(out)) throw new ExportAbortedError();
	const entry = sheetZipEntry(sheet);
	if (entry && needsDrain(entry)) await drained(entry, out);
	if (needsDrain(out as StreamState)) await drained(out, out);
}

/** Waits until the output has taken what was written to it (backpressure); throws when it went away. */
export async function settleOutput(out: ExportOut): Promise<void> {
	if (isGone(out)) throw new ExportAbortedError();
	if (needsDrain(out as StreamState)) await drained(out, out);
}

/** Writes text to the output, waiting for it to drain when its buffer is full. */
export async function writeText(out: ExportOut, text: string): Promise<void> {
	if (isGone(out)) throw new ExportAbortedError();
	if (!out.write(text)) await drained(out, out);
}

/** Ends the output and waits until everything written has been flushed. */
export function endOutput(out: ExportOut): Promise<void> {
	if (isGone(out)) return Promise.reject(new ExportAbortedError());
	return new Promise((resolve, reject) => {
		const cleanup = () => {
			out.removeListener('finish', onFinish);
			out.removeListener('close', onClose);
			out.removeListener('error', onClose);
		};
		const onFinish = () => {
			cleanup();
			resolve();
		};
		// A download cancelled before the end destroys the output: it closes and never finishes.
		const onClose = () => {
			cleanup();
			reject(new ExportAbortedError());
		};
		out.once('finish', onFinish);
		out.once('close', onClose);
		out.once('error', onClose);
		out.end();
	});
}

/** The byte order mark that tells Excel a CSV file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/**
 * How a CSV file separates fields and writes decimals. RFC 4180 (comma, decimal point) is what
 * programs read; Excel set to Vietnamese reads a semicolon and a decimal comma, and splits
 * nothing of a comma-separated file (one column of text).
 */
export interface CsvDialect {
	separator: ',' | ';';
	decimal: '.' | ',';
	/**
	 * Text that Excel would turn into a number or a time on opening (a phone's leading 0 dropped,
	 * a long ID as 1.2E+11, 07:25 of a duration as a time of day) is written as the text formula
	 * ="…", which Excel shows as the text itself. Programs reading RFC 4180 get the text plainly.
	 */
	excelText: boolean;
}

export const RFC4180: CsvDialect = { separator: ',', decimal: '.', excelText: false };
export const EXCEL_VI: CsvDialect = { separator: ';', decimal: ',', excelText: true };

/** Digits with at most separators, signs, colons, slashes, percent or an exponent: what Excel converts. */
const NUMBER_LIKE = /^[\d\s.,:/%+\-()eE]*\d[\d\s.,:/%+\-()eE]*$/;

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break. Text that a
 * spreadsheet would run as a formula (= + - @, tab, CR first) gets a leading apostrophe.
 */
export function csvField(
	value: ExportCell,
	text?: string,
	dialect: CsvDialect = RFC4180,
	/** the field is text for a reader, whatever it looks like (a text column, a duration's mm:ss) */
	keepText = false
): string {
	if (text === undefined) {
		if (value === null) return '';
		if (typeof value === 'number') {
			const plain = String(value);
			return dialect.decimal === '.' ? plain : plain.replace('.', dialect.decimal);
		}
		if (value instanceof Date) return value.toISOString();
		text = value;
	}
	const guarded =
		keepText && dialect.excelText && NUMBER_LIKE.test(text)
			? `="${text}"`
			: /^[=+\-@\t\r]/.test(text)
				? `'${text}`
				: text;
	const special = dialect.separator === ',' ? /[",\r\n]/ : /[";\r\n]/;
	return special.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The header line of a table's CSV, CRLF-terminated as RFC 4180 writes records. */
export function csvHeader<R>(columns: readonly TableColumn<R>[], dialect: CsvDialect = RFC4180): string {
	return columns.map((c) => csvField(c.header, undefined, dialect)).join(dialect.separator) + '\r\n';
}

export function csvLine<R>(columns: readonly TableColumn<R>[], row: R, dialect: CsvDialect = RFC4180): string {
	return (
		columns
			.map((c) => {
				const value = c.value(row);
				// Text columns stay text; a duration's mm:ss too (its seconds column is the one to sort by).
				const keepText = typeof value === 'string' || c.numFmt === DURATION_FORMAT;
				return csvField(value, c.text?.(row), dialect, keepText);
			})
			.join(dialect.separator) + '\r\n'
	);
}

/** Finishes a workbook: its remaining parts go into the zip, and the output ends. */
export async function commitWorkbook(workbook: ExcelJS.stream.xlsx.WorkbookWriter, out: ExportOut): Promise<void> {
	if (isGone(out)) throw new ExportAbortedError();
	let onClose = (): void => undefined;
	// exceljs waits for the output's 'finish', which a destroyed output never emits. A finished
	// output closes too, before exceljs's promise settles: that close is no abort.
	const closed = new Promise<never>((_, reject) => {
		onClose = () => {
			if (!(out as StreamState).writableFinished) reject(new ExportAbortedError());
		};
		out.once('close', onClose);
	});
	try {
		await Promise.race([workbook.commit(), closed]);
	} finally {
		out.removeListener('close', onClose);
	}
}
