import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { canManageContest, type Actor } from '../contests/contest-access';
import { findContestById, findRound, listGroups } from '../contests/contest.repository';
import type { Db } from '../db/database';
import type { ContestRow, RoundRow } from '../db/schema';
import { RESULT_COLUMNS, type ResultExportRow } from './export-columns';
import {
	addInfoSheet,
	addTableSheet,
	commitWorkbook,
	createWorkbook,
	CSV_BOM,
	RFC4180,
	type CsvDialect,
	csvHeader,
	csvLine,
	DATE_TIME_FORMAT,
	endOutput,
	excelWallTime,
	ExportAbortedError,
	MAX_SHEET_ROWS,
	sheetName,
	writeText,
	type ExportCell,
	type ExportOut
} from './export-format';
import { countFinalResults, listResultChunk } from './results.repository';
import { findCloseRecord, type CloseRecord } from './results.service';
import { listUnits } from '../units/unit.repository';

// The full results of a closed round, with personal data, for the organizers of its contest; each
// export on the audit log. Rows are read in chunks by keyset, each chunk its own short query:
// SQLite has one connection, and a cursor held open for a whole download would stall every other
// request until the last row. (Unit standings and statistics: export-standings.service.ts.)

/** Rows per query while exporting results. */
export const EXPORT_CHUNK = 5000;

/**
 * aborted: the output closed before the end (a cancelled download); results_changed: the round
 * was closed again while its results were being read, so the rows written mix two rankings.
 */
export type ExportFailure = 'round_not_found' | 'forbidden' | 'round_not_closed' | 'aborted' | 'results_changed';
export type ExportOutcome = { ok: true; rows: number } | { ok: false; reason: ExportFailure };
type TargetFailure = Exclude<ExportFailure, 'aborted' | 'results_changed'>;

export interface ExportTarget {
	round: RoundRow;
	contest: ContestRow;
	close: CloseRecord;
}

/**
 * The round to export, once the actor may manage its contest and the round has been closed.
 * With `contestId`, a round of another contest is not found.
 */
export async function findExportTarget(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	contestId?: string
): Promise<{ ok: true; target: ExportTarget } | { ok: false; reason: TargetFailure }> {
	const { db } = ctx;
	const round = await findRound(db, roundId);
	if (!round || (contestId !== undefined && round.contest_id !== contestId)) {
		return { ok: false, reason: 'round_not_found' };
	}
	const contest = await findContestById(db, round.contest_id);
	if (!contest) return { ok: false, reason: 'round_not_found' };
	if (!(await canManageContest(db, actor, contest.id))) return { ok: false, reason: 'forbidden' };
	const close = await findCloseRecord(db, roundId);
	if (!close) return { ok: false, reason: 'round_not_closed' };
	return { ok: true, target: { round, contest, close } };
}

/** Names and parent paths from the unit tree, held in memory (hundreds to a few thousand rows). */
export interface UnitDirectory {
	name(id: string): string;
	/** the ancestors' names, root first, joined by ' / '; '' for a root */
	path(id: string): string;
	depth(id: string): number;
	/** tree order: a unit right after its parent, siblings by Vietnamese name */
	compare(a: string, b: string): number;
}

export async function loadUnitDirectory(db: Db): Promise<UnitDirectory> {
	const rows = await listUnits(db);
	const units = new Map(rows.map((u) => [u.id, u]));
	const lineages = new Map<string, string[]>();
	/** ids from the root down to the unit itself */
	const lineage = (id: string): string[] => {
		let ids = lineages.get(id);
		if (!ids) {
			ids = [id];
			// `ids` doubles as a guard against a cycle, which the tree editor never lets through.
			for (let at = units.get(id)?.parent_id; at && !ids.includes(at); at = units.get(at)?.parent_id) ids.unshift(at);
			lineages.set(id, ids);
		}
		return ids;
	};
	const name = (id: string): string => units.get(id)?.name ?? '';
	const paths = new Map<string, string>();
	const collator = new Intl.Collator('vi');
	return {
		name,
		path(id) {
			let path = paths.get(id);
			if (path === undefined) paths.set(id, (path = lineage(id).slice(0, -1).map(name).join(' / ')));
			return path;
		},
		depth: (id) => lineage(id).length,
		compare(a, b) {
			const [lineA, lineB] = [lineage(a), lineage(b)];
			for (let i = 0; i < Math.min(lineA.length, lineB.length); i++) {
				const [x, y] = [lineA[i], lineB[i]];
				if (x !== y) return collator.compare(name(x), name(y)) || (x < y ? -1 : 1);
			}
			return lineA.length - lineB.length;
		}
	};
}

/** A group's ranked rows, a chunk (one query) at a time; the caller waits for its output in between. */
async function* resultChunks(
	db: Db,
	units: UnitDirectory,
	roundId: string,
	group: { id: string; name: string }
): AsyncGenerator<ResultExportRow[]> {
	for (let afterRank = 0; ;) {
		const chunk = await listResultChunk(db, roundId, group.id, afterRank, EXPORT_CHUNK);
		if (chunk.length > 0) {
			yield chunk.map((r) => ({
				rank: r.rank,
				fullName: r.fullName,
				phone: r.phone,
				email: r.email,
				birthDate: r.birthDate,
				unitName: units.name(r.unitId),
				unitPath: units.path(r.unitId),
				groupName: group.name,
				score: r.score,
				maxScore: r.maxScore,
				durationMs: r.durationMs,
				submittedAt: r.submittedAt,
				prediction: r.prediction,
				distance: r.distance,
				prize: r.prize,
				attemptId: r.attemptId
			}));
		}
		if (chunk.length < EXPORT_CHUNK) return;
		afterRank = chunk[chunk.length - 1].rank;
	}
}

const FORMAT_NAMES = { xlsx: 'XLSX', csv: 'CSV', 'csv-excel': 'CSV cho Excel tiếng Việt' } as const;

/** The audit row of a personal-data export: written on its own before the first byte goes out. */
async function auditResultsExport(
	ctx: AppContext,
	actor: Actor,
	target: ExportTarget,
	format: 'xlsx' | 'csv' | 'csv-excel'
) {
	const rows = await countFinalResults(ctx.db, target.round.id);
	await recordAudit(
		ctx.db,
		{
			actorId: actor.id,
			action: 'results.export',
			entity: 'round',
			entityId: target.round.id,
			summary: `Xuất kết quả ${target.round.name} có dữ liệu cá nhân (${FORMAT_NAMES[format]}, ${rows} dòng)`,
			detail: { format, rows, contestId: target.contest.id }
		},
		ctx.clock.now()
	);
}

class ResultsChangedError extends Error {
	constructor() {
		super('results_changed');
	}
}

/**
 * Chunks are separate reads, so a close run again meanwhile (after a disqualification) would
 * leave a file half of one ranking and half of the next. Closing counts its runs: checked once
 * every row has been read, before the file is finished.
 */
async function assertSameClose(db: Db, target: ExportTarget): Promise<void> {
	const now = await findCloseRecord(db, target.round.id);
	if (now?.runs !== target.close.runs) throw new ResultsChangedError();
}

/** Runs an export's body; a cancelled download or a re-closed round becomes a value, not a throw. */
export async function guarded(body: () => Promise<number>): Promise<ExportOutcome> {
	try {
		return { ok: true, rows: await body() };
	} catch (error) {
		if (error instanceof ExportAbortedError) return { ok: false, reason: 'aborted' };
		if (error instanceof ResultsChangedError) return { ok: false, reason: 'results_changed' };
		throw error;
	}
}

export type InfoEntry = readonly [label: string, value: ExportCell, numFmt?: string];

export function aboutRound(target: ExportTarget, exportedAt: number): InfoEntry[] {
	const { contest, round, close } = target;
	return [
		['Cuộc thi', contest.title],
		['Đợt thi', round.name],
		['Bắt đầu', excelWallTime(round.opens_at), DATE_TIME_FORMAT],
		['Kết thúc', excelWallTime(round.closes_at), DATE_TIME_FORMAT],
		['Số người dự thi', close.participants],
		['Câu hỏi dự đoán', round.prediction_question],
		['Đáp án câu hỏi dự đoán', close.actualValue],
		['Kết quả tổng hợp lúc', excelWallTime(close.computedAt), DATE_TIME_FORMAT],
		['Tổng hợp bởi', close.computedBy ?? 'Tự động khi hết giờ thi'],
		['Xuất tệp lúc', excelWallTime(exportedAt), DATE_TIME_FORMAT],
		['Múi giờ', 'Giờ Việt Nam (UTC+7)']
	];
}

/**
 * The full results as a workbook: one sheet per group, in the contest's group order (places
 * restart and prizes are given per group), a group without contestants as a header alone; a
 * group past Excel's row limit goes on over further sheets. Then a "Thông tin" sheet.
 */
export async function writeResultsWorkbook(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	const { target } = found;
	await auditResultsExport(ctx, actor, target, 'xlsx');
	return guarded(async () => {
		const now = ctx.clock.now();
		const workbook = createWorkbook(out, { title: `Kết quả ${target.round.name}`, created: new Date(now) });
		const names = new Set<string>();
		const units = await loadUnitDirectory(ctx.db);
		let total = 0;
		for (const group of await listGroups(ctx.db, target.contest.id)) {
			const open = () => addTableSheet(workbook, sheetName(group.name, names), RESULT_COLUMNS, out);
			let sheet = open();
			for await (const rows of resultChunks(ctx.db, units, target.round.id, group)) {
				for (const row of rows) {
					if (sheet.rows >= MAX_SHEET_ROWS - 1) {
						sheet.commit();
						sheet = open();
					}
					sheet.add(row);
				}
				total += rows.length;
				await sheet.settle();
			}
			sheet.commit();
		}
		await assertSameClose(ctx.db, target);
		addInfoSheet(workbook, sheetName('Thông tin', names), [
			...aboutRound(target, now),
			['Lưu ý', 'Tệp có dữ liệu cá nhân của thí sinh: chỉ dùng cho công tác tổ chức cuộc thi, không công bố.']
		]);
		await commitWorkbook(workbook, out);
		return total;
	});
}

/**
 * The full results as one CSV table (UTF-8 with BOM, CRLF), the groups one after another: RFC 4180
 * by default, or for Excel set to Vietnamese (semicolons, decimal commas) with EXCEL_VI.
 */
export async function writeResultsCsv(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut,
	dialect: CsvDialect = RFC4180
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	const { target } = found;
	await auditResultsExport(ctx, actor, target, dialect === RFC4180 ? 'csv' : 'csv-excel');
	return guarded(async () => {
		await writeText(out, CSV_BOM + csvHeader(RESULT_COLUMNS, dialect));
		const units = await loadUnitDirectory(ctx.db);
		let total = 0;
		for (const group of await listGroups(ctx.db, target.contest.id)) {
			for await (const rows of resultChunks(ctx.db, units, target.round.id, group)) {
				await writeText(out, rows.map((row) => csvLine(RESULT_COLUMNS, row, dialect)).join(''));
				total += rows.length;
			}
		}
		await assertSameClose(ctx.db, target);
		await endOutput(out);
		return total;
	});
}
