import type { AppContext } from '../context';
import type { Actor } from '../contests/contest-access';
import type { Db } from '../db/database';
import { collectivePrizeTier } from '../../domain/prizes';
import {
	ALPHA_LABELS,
	DAY_COLUMNS,
	DISTRIBUTION_COLUMNS,
	PRIZE_LABELS,
	QUESTION_COLUMNS,
	UNIT_STANDING_COLUMNS,
	UNIT_TREE_COLUMNS,
	type UnitExportRow
} from './export-columns';
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
	endOutput,
	sheetName,
	writeText,
	type ExportOut,
	type TableColumn
} from './export-format';
import { aboutRound, findExportTarget, guarded, loadUnitDirectory, type ExportOutcome } from './export.service';
import { listUnitResults, type UnitRow } from './results.service';
import { getRoundStatistics } from './statistics.service';

// The exports of a closed round without personal data: unit standings and question statistics.
// Small tables (a row per unit or per question), read whole, written as streamed workbooks too.

/** Unit standings: the top level in collective order, and every unit in tree order. */
async function readUnitStandings(db: Db, roundId: string): Promise<{ top: UnitExportRow[]; tree: UnitExportRow[] }> {
	const [rows, units] = await Promise.all([listUnitResults(db, roundId, false), loadUnitDirectory(db)]);
	const toRow = (u: UnitRow): UnitExportRow => ({
		name: u.name,
		path: units.path(u.unitId),
		depth: units.depth(u.unitId),
		participants: u.participants,
		headcount: u.headcount,
		rate: u.rate,
		meanPercent: u.meanPercent,
		perfect: u.perfect,
		rank: u.topLevel ? u.rank : null,
		prize: u.prize === null ? null : PRIZE_LABELS[collectivePrizeTier(u.prize)]
	});
	const top = rows
		.filter((u) => u.topLevel)
		.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER))
		.map(toRow);
	const tree = [...rows].sort((a, b) => units.compare(a.unitId, b.unitId)).map(toRow);
	return { top, tree };
}

/** Writes a small table (already in memory) as one sheet. */
function writeSheet<R>(
	workbook: ReturnType<typeof createWorkbook>,
	names: Set<string>,
	name: string,
	columns: readonly TableColumn<R>[],
	rows: readonly R[],
	out: ExportOut
): void {
	const sheet = addTableSheet(workbook, sheetName(name, names), columns, out);
	for (const row of rows) sheet.add(row);
	sheet.commit();
}

/** Unit standings as a workbook: "Xếp hạng đơn vị" (collective order, prizes), "Tất cả đơn vị" (tree). */
export async function writeUnitsWorkbook(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	const { target } = found;
	return guarded(async () => {
		const now = ctx.clock.now();
		const { top, tree } = await readUnitStandings(ctx.db, roundId);
		const workbook = createWorkbook(out, { title: `Đơn vị — ${target.round.name}`, created: new Date(now) });
		const names = new Set<string>();
		writeSheet(workbook, names, 'Xếp hạng đơn vị', UNIT_STANDING_COLUMNS, top, out);
		writeSheet(workbook, names, 'Tất cả đơn vị', UNIT_TREE_COLUMNS, tree, out);
		addInfoSheet(workbook, sheetName('Thông tin', names), [
			...aboutRound(target, now),
			[
				'Cách tính',
				'Số liệu của mỗi đơn vị gồm cả các đơn vị trực thuộc, trừ đơn vị gốc (cấp tỉnh) khi nó có mặt trong bảng xếp hạng: khi đó chỉ tính người của chính đơn vị gốc. Tỷ lệ tham gia = số người dự thi ÷ số người.'
			]
		]);
		await commitWorkbook(workbook, out);
		return tree.length;
	});
}

/** Every unit in tree order, with the collective place and prize of the top level, as CSV (see writeResultsCsv). */
export async function writeUnitsCsv(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut,
	dialect: CsvDialect = RFC4180
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	return guarded(async () => {
		const { tree } = await readUnitStandings(ctx.db, roundId);
		await writeText(
			out,
			CSV_BOM + csvHeader(UNIT_TREE_COLUMNS, dialect) + tree.map((u) => csvLine(UNIT_TREE_COLUMNS, u, dialect)).join('')
		);
		await endOutput(out);
		return tree.length;
	});
}

/**
 * Question statistics as a workbook: "Câu hỏi" (facility, discrimination, what to review; hardest
 * first), "Phân bố điểm", "Theo ngày", and "Tổng quan" with Cronbach's alpha.
 */
export async function writeStatisticsWorkbook(
	ctx: AppContext,
	actor: Actor,
	roundId: string,
	out: ExportOut
): Promise<ExportOutcome> {
	const found = await findExportTarget(ctx, actor, roundId);
	if (!found.ok) return found;
	const { target } = found;
	const statistics = await getRoundStatistics(ctx, roundId);
	if (!statistics) return { ok: false, reason: 'round_not_found' };
	return guarded(async () => {
		const now = ctx.clock.now();
		const workbook = createWorkbook(out, { title: `Thống kê — ${target.round.name}`, created: new Date(now) });
		const names = new Set<string>();
		writeSheet(workbook, names, 'Câu hỏi', QUESTION_COLUMNS, statistics.questions, out);
		writeSheet(workbook, names, 'Phân bố điểm', DISTRIBUTION_COLUMNS, statistics.distribution, out);
		writeSheet(workbook, names, 'Theo ngày', DAY_COLUMNS, statistics.perDay, out);
		const { reliability } = statistics;
		addInfoSheet(workbook, sheetName('Tổng quan', names), [
			...aboutRound(target, now),
			['Số lượt thi được tính', statistics.attempts],
			['Số người có kết quả', statistics.contestants],
			['Hệ số Cronbach’s alpha', reliability.alpha, '0.000'],
			['Độ tin cậy của đề', reliability.level ? ALPHA_LABELS[reliability.level] : 'Chưa đủ dữ liệu'],
			['Số câu mỗi đề (tính alpha)', reliability.items],
			['Số lượt thi tính alpha', reliability.attempts],
			[
				'Cách tính',
				'Tỷ lệ trả lời đúng và độ phân biệt (tương quan của câu hỏi với phần còn lại của bài) tính trên mọi lượt thi hợp lệ, như thống kê đề thi của Moodle.'
			]
		]);
		await commitWorkbook(workbook, out);
		return statistics.questions.length;
	});
}
