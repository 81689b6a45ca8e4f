/**
 * The unit spreadsheet (Excel or CSV): one unit per row under a header row of Vietnamese column
 * names, matched without regard to case, diacritics or order. All-or-nothing like every import:
 * any issue blocks the whole file.
 */
import { foldVietnamese, unsafeCharacter } from '../text';
import { cleanText, issueAt, unsafeTextDetail, type Place } from './validate';
import type { ImportIssue } from './types';

export const UNIT_KINDS = ['province', 'department', 'commune', 'ward', 'office'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const MAX_UNIT_CODE_LENGTH = 50;
export const MAX_UNIT_NAME_LENGTH = 200;
export const MAX_HEADCOUNT = 100_000_000;

export interface ImportedUnit {
	/** 1-based row of the file (the header is row 1), so a later check can point at it. */
	line: number;
	code: string;
	name: string;
	/** null: a unit at the top of the tree */
	parentCode: string | null;
	/** null: not given; a new unit gets 0, an existing one keeps its own */
	headcount: number | null;
	/** null: not given; a new unit is an office, an existing one keeps its own */
	kind: UnitKind | null;
}

export type UnitImportResult =
	{ ok: true; units: ImportedUnit[] } | { ok: false; issues: ImportIssue[]; units: ImportedUnit[] };

type Column = 'code' | 'name' | 'parent' | 'headcount' | 'kind';

/** The canonical column names, as messages name them. */
export const UNIT_COLUMNS: Record<Column, string> = {
	code: 'Mã đơn vị',
	name: 'Tên đơn vị',
	parent: 'Mã đơn vị cấp trên',
	headcount: 'Số người',
	kind: 'Loại'
};

const HEADER_ALIASES: readonly (readonly [string, Column])[] = [
	['Mã đơn vị', 'code'],
	['Tên đơn vị', 'name'],
	['Mã đơn vị cấp trên', 'parent'],
	['Số người', 'headcount'],
	['Biên chế', 'headcount'],
	['Số lượng', 'headcount'],
	['Loại', 'kind'],
	['Loại đơn vị', 'kind']
];
const HEADER_BY_KEY = new Map(HEADER_ALIASES.map(([label, column]) => [foldVietnamese(label), { label, column }]));
const REQUIRED: readonly Column[] = ['code', 'name'];

const KIND_BY_KEY = new Map<string, UnitKind>([
	['tinh', 'province'],
	['so', 'department'],
	['so ban nganh', 'department'],
	['xa', 'commune'],
	['phuong', 'ward'],
	['co quan', 'office'],
	['co quan don vi', 'office'],
	...UNIT_KINDS.map((kind) => [kind, kind] as const)
]);
const KIND_LIST = 'tỉnh, sở, xã, phường, cơ quan';

type Columns = Map<Column, { index: number; label: string }>;
type Cell = (column: Column) => string;

/**
 * Rows (the first one is the header) → units, checked against each other and against the codes
 * already in the system (`existingParents`: code → parent code, to catch a cycle that runs
 * through units already stored). Blank rows are skipped but keep their number.
 */
export function rowsToUnits(
	rows: string[][],
	existingCodes: ReadonlySet<string>,
	existingParents: ReadonlyMap<string, string | null> = new Map()
): UnitImportResult {
	if (rows.length === 0) return failed([], [{ line: 1, message: 'Dòng 1: tệp trống, không có dòng tiêu đề' }]);
	const header = readHeader(rows[0]);
	if (header.issues.length > 0) return failed([], header.issues);
	const units: ImportedUnit[] = [];
	const placed: ImportedUnit[] = [];
	const issues: ImportIssue[] = [];
	for (let i = 1; i < rows.length; i++) {
		const cell = cellReader(rows[i], header.columns);
		if ((Object.keys(UNIT_COLUMNS) as Column[]).every((c) => cell(c) === '')) continue;
		const outcome = rowToUnit(cell, i + 1, header.columns);
		issues.push(...outcome.issues);
		if (outcome.issues.length === 0) units.push(outcome.unit);
		// A row with a bad name still names its code: other rows may hang under it.
		if (outcome.unit.code !== '') placed.push(outcome.unit);
	}
	const known = new Map([...existingCodes].map((code) => [code, existingParents.get(code) ?? null]));
	issues.push(...checkUnitTree(placed, known));
	if (issues.length === 0 && units.length === 0) issues.push({ line: 1, message: 'Dòng 1: tệp không có đơn vị nào' });
	return issues.length > 0 ? failed(units, issues) : { ok: true, units };
}

function failed(units: ImportedUnit[], issues: ImportIssue[]): UnitImportResult {
	return { ok: false, issues: sortByLine(issues), units };
}

function readHeader(row: string[]): { columns: Columns; issues: ImportIssue[] } {
	const columns: Columns = new Map();
	const issues: ImportIssue[] = [];
	row.forEach((raw, index) => {
		const header = HEADER_BY_KEY.get(foldVietnamese(raw));
		if (header === undefined) return; // extra columns (notes, ids) are allowed and ignored
		const first = columns.get(header.column);
		if (first === undefined) columns.set(header.column, { index, label: header.label });
		else {
			const detail =
				first.label === header.label ? 'cột này xuất hiện hai lần' : `cột này trùng ý nghĩa với cột '${first.label}'`;
			issues.push(issueAt({ line: 1, column: header.label }, detail));
		}
	});
	for (const column of REQUIRED) {
		if (columns.has(column)) continue;
		const label = UNIT_COLUMNS[column];
		issues.push({ line: 1, column: label, message: `Dòng 1: thiếu cột bắt buộc '${label}'` });
	}
	return { columns, issues };
}

function cellReader(row: string[], columns: Columns): Cell {
	return (column) => {
		const found = columns.get(column);
		return found === undefined ? '' : cleanText(row[found.index] ?? '');
	};
}

function rowToUnit(cell: Cell, line: number, columns: Columns): { unit: ImportedUnit; issues: ImportIssue[] } {
	const at = (column: Column): Place => ({ line, column: columns.get(column)?.label ?? UNIT_COLUMNS[column] });
	const issues: ImportIssue[] = [];
	const code = cell('code');
	const codeProblem = checkCode(code);
	if (codeProblem) issues.push(issueAt(at('code'), codeProblem));
	const name = cell('name');
	const unsafe = unsafeCharacter(name, 'name');
	if (name === '') issues.push(issueAt(at('name'), 'thiếu tên đơn vị'));
	else if (unsafe) issues.push(issueAt(at('name'), unsafeTextDetail(unsafe)));
	else if (name.length > MAX_UNIT_NAME_LENGTH) {
		issues.push(issueAt(at('name'), `tên đơn vị dài quá ${MAX_UNIT_NAME_LENGTH} ký tự`));
	}
	const headcount = parseHeadcount(cell('headcount'));
	if (typeof headcount === 'string') issues.push(issueAt(at('headcount'), headcount));
	const kindCell = cell('kind');
	const kind = kindCell === '' ? null : (KIND_BY_KEY.get(foldVietnamese(kindCell)) ?? undefined);
	if (kind === undefined) {
		issues.push(issueAt(at('kind'), `'${kindCell}' không phải là loại đơn vị hợp lệ (${KIND_LIST})`));
	}
	const unit: ImportedUnit = {
		line,
		code: codeProblem ? '' : code,
		name,
		parentCode: cell('parent') || null,
		headcount: typeof headcount === 'number' ? headcount : null,
		kind: kind ?? null
	};
	return { unit, issues };
}

/** What is wrong with a unit code, or null when it is fine. */
function checkCode(code: string): string | null {
	if (code === '') return 'thiếu mã đơn vị';
	const unsafe = unsafeCharacter(code, 'name');
	if (unsafe) return unsafeTextDetail(unsafe);
	if (/\s/.test(code)) return `mã '${code}' không được chứa khoảng trắng`;
	if (code.length > MAX_UNIT_CODE_LENGTH) return `mã đơn vị dài quá ${MAX_UNIT_CODE_LENGTH} ký tự`;
	return null;
}

/** '120', '1.200', '1 200' → the number; '' → null; anything else → the problem, as text. */
function parseHeadcount(raw: string): number | null | string {
	if (raw === '') return null;
	if (!/^\d+$/.test(raw) && !/^\d{1,3}([. ]\d{3})+$/.test(raw)) return `'${raw}' không phải là số nguyên không âm`;
	const value = Number(raw.replace(/[. ]/g, ''));
	return value > MAX_HEADCOUNT ? `'${raw}' lớn quá mức cho phép (tối đa 100.000.000)` : value;
}

type TreeRow = Pick<ImportedUnit, 'line' | 'code' | 'parentCode'>;

/**
 * The checks that need the whole file and the stored tree: a code twice in the file, a parent
 * code found nowhere, parents that run in a circle. `existing` maps each stored code to its
 * parent's code. Rows are used in file order; the first row of a repeated code is the one kept.
 */
export function checkUnitTree(rows: readonly TreeRow[], existing: ReadonlyMap<string, string | null>): ImportIssue[] {
	const issues: ImportIssue[] = [];
	const byCode = new Map<string, TreeRow>();
	for (const row of rows) {
		const first = byCode.get(row.code);
		if (first) issues.push(issueAt(placeOf(row, 'code'), `mã '${row.code}' đã có ở dòng ${first.line}`));
		else byCode.set(row.code, row);
	}
	for (const row of byCode.values()) {
		if (row.parentCode === null || byCode.has(row.parentCode) || existing.has(row.parentCode)) continue;
		issues.push(issueAt(placeOf(row, 'parent'), `'${row.parentCode}' không có trong tệp và chưa có trong hệ thống`));
	}
	const parentOf = (code: string): string | null => {
		const row = byCode.get(code);
		return row ? row.parentCode : (existing.get(code) ?? null);
	};
	for (const cycle of findCycles([...byCode.keys()], parentOf)) {
		for (const [i, code] of cycle.entries()) {
			const row = byCode.get(code);
			if (!row) continue; // a stored unit: the rows of the file in the same cycle carry the issue
			const chain = [...cycle.slice(i), ...cycle.slice(0, i), code].join(' → ');
			issues.push(issueAt(placeOf(row, 'parent'), `'${row.parentCode}' tạo thành vòng lặp (${chain})`));
		}
	}
	return sortByLine(issues);
}

function placeOf(row: TreeRow, column: Column): Place {
	return { line: row.line, column: UNIT_COLUMNS[column] };
}

/** Each cycle once, as codes from a unit up through its parents (the last one's parent is the first). */
function findCycles(codes: readonly string[], parentOf: (code: string) => string | null): string[][] {
	const done = new Set<string>();
	const cycles: string[][] = [];
	for (const start of codes) {
		const path: string[] = [];
		const onPath = new Map<string, number>();
		let current: string | null = start;
		while (current !== null && !done.has(current)) {
			const seenAt = onPath.get(current);
			if (seenAt !== undefined) {
				cycles.push(path.slice(seenAt));
				break;
			}
			onPath.set(current, path.length);
			path.push(current);
			current = parentOf(current);
		}
		for (const code of path) done.add(code);
	}
	return cycles;
}

function sortByLine(issues: ImportIssue[]): ImportIssue[] {
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort((a, b) => a.issue.line - b.issue.line || a.i - b.i)
		.map((x) => x.issue);
}
