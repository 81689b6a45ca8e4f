import ExcelJS from 'exceljs';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Actor } from '../../src/lib/server/contests/contest-access';
import { grantOrganizer } from '../../src/lib/server/contests/grant.service';
import { requireContestManager } from '../../src/lib/server/contests/studio-guard';
import { closeRound } from '../../src/lib/server/results/close.service';
import { exportFileNames, findExportFile } from '../../src/lib/server/results/export-files';
import {
	createWorkbook,
	endOutput,
	ExportAbortedError,
	sheetZipEntry
} from '../../src/lib/server/results/export-format';
import {
	writeStatisticsWorkbook,
	writeUnitsCsv,
	writeUnitsWorkbook
} from '../../src/lib/server/results/export-standings.service';
import {
	EXPORT_CHUNK,
	writeResultsCsv,
	writeResultsWorkbook,
	type ExportOutcome
} from '../../src/lib/server/results/export.service';
import { listUnitResults } from '../../src/lib/server/results/results.service';
import { getRoundStatistics } from '../../src/lib/server/results/statistics.service';
import { GET } from '../../src/routes/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/xuat/[file]/+server';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let fixture: Fixture;
let admin: Actor;
const HOURS_7 = 7 * 60 * MINUTE;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, maxAttempts: 2 });
	const adminId = await createContestant(ctx, fixture, { phone: '0900000009', fullName: 'Quản trị' });
	await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', adminId).execute();
	await ctx.db.deleteFrom('registration').where('user_id', '=', adminId).execute();
	admin = { id: adminId, role: 'admin' };
	await ctx.db
		.updateTable('round')
		.set({
			prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 1, third: 2, consolation: 2 } }),
			collective_prize_json: JSON.stringify({ by: 'participation_rate', count: 1, minRate: 0.01 })
		})
		.execute();
});

afterEach(async () => {
	await ctx.dispose();
});

/** A finished attempt whose answers (and so score) depend on `salt`. */
async function finish(userId: string, salt: number, prediction: number | null): Promise<void> {
	await finishVariedAttempt(ctx, fixture.roundId, userId, salt, prediction);
}

/** Twelve contestants in the first group (one named like a formula), one in the second; closed. */
async function closedRound(): Promise<void> {
	const names = ['=HYPERLINK("http://x.example","bấm")', '+84 Trần Văn A', '-Lê Thị B', '@Phạm C'];
	for (let i = 0; i < 12; i++) {
		const userId = await createContestant(ctx, fixture, {
			phone: `09140000${String(i).padStart(2, '0')}`,
			fullName: names[i] ?? `Thí sinh ${i}`,
			unit: i % 3 === 0 ? 1 : 0
		});
		await finish(userId, i, i % 4 === 0 ? null : i);
	}
	const citizen = await createContestant(ctx, fixture, { phone: '0915000001', fullName: 'Người dân Một', group: 1 });
	await finish(citizen, 3, 2);
	await closeNow();
}

async function closeNow(): Promise<void> {
	const round = await ctx.db.selectFrom('round').select('closes_at').executeTakeFirstOrThrow();
	ctx.clock.set(Math.max(ctx.clock.now(), round.closes_at + 10 * MINUTE));
	const closed = await closeRound(ctx, fixture.roundId, admin.id);
	if (!closed.ok) throw new Error(closed.reason);
}

/** A consumer that keeps every byte, as a download would. */
function collector(): { out: Writable; bytes: () => Buffer } {
	const chunks: Buffer[] = [];
	const out = new Writable({
		write(chunk: Buffer, _encoding, callback) {
			chunks.push(Buffer.from(chunk));
			callback();
		}
	});
	return { out, bytes: () => Buffer.concat(chunks) };
}

async function exportWith(
	write: (ctx: TestContext, actor: Actor, roundId: string, out: Writable) => Promise<ExportOutcome>,
	actor: Actor = admin
): Promise<{ outcome: ExportOutcome; bytes: Buffer }> {
	const { out, bytes } = collector();
	const outcome = await write(ctx, actor, fixture.roundId, out);
	return { outcome, bytes: bytes() };
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	return workbook;
}

/** A row's cells, blanks as null. */
function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number): ExcelJS.CellValue[] {
	return Array.from({ length: sheet.columnCount }, (_, i) => sheet.getCell(rowNumber, i + 1).value);
}

/** A column's data cells (below the header), blanks as null. */
function columnValues(sheet: ExcelJS.Worksheet, column: number): ExcelJS.CellValue[] {
	return Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getCell(i + 2, column).value);
}

function finalRows(groupId: string) {
	return ctx.db
		.selectFrom('final_result')
		.innerJoin('app_user', 'app_user.id', 'final_result.user_id')
		.select([
			'final_result.rank',
			'final_result.attempt_id',
			'final_result.score',
			'final_result.submitted_at',
			'final_result.prize',
			'app_user.phone',
			'app_user.full_name'
		])
		.where('final_result.round_id', '=', fixture.roundId)
		.where('final_result.group_id', '=', groupId)
		.orderBy('final_result.rank')
		.execute();
}

/** RFC 4180 records (or with another separator), quotes undone. */
function parseCsv(text: string, separator = ','): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (c === '"') quoted = false;
			else field += c;
		} else if (c === '"') quoted = true;
		else if (c === separator) {
			row.push(field);
			field = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i++;
		} else field += c;
	}
	if (field || row.length) rows.push([...row, field]);
	return rows;
}

const HEADERS = [
	'Hạng',
	'Họ và tên',
	'Số điện thoại',
	'Email',
	'Ngày sinh',
	'Đơn vị',
	'Đơn vị cấp trên',
	'Đối tượng',
	'Điểm',
	'Điểm tối đa',
	'Thời gian (giây)',
	'Thời gian (phút:giây)',
	'Nộp lúc',
	'Dự đoán',
	'Chênh lệch dự đoán',
	'Giải',
	'Mã lượt thi'
];

describe('the results workbook', () => {
	it('holds exactly the ranked rows of each group, typed, under a frozen, filtered Vietnamese header', async () => {
		await closedRound();
		const { outcome, bytes } = await exportWith(writeResultsWorkbook);
		expect(outcome).toEqual({ ok: true, rows: 13 });
		const workbook = await readWorkbook(bytes);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Cán bộ, công chức, viên chức', 'Người dân', 'Thông tin']);

		for (const [index, groupId] of fixture.groupIds.entries()) {
			const sheet = workbook.worksheets[index];
			const expected = await finalRows(groupId);
			expect(rowValues(sheet, 1)).toEqual(HEADERS);
			expect(sheet.rowCount).toBe(expected.length + 1);
			expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
			expect(sheet.autoFilter).toBe(`A1:Q${expected.length + 1}`);
			const rows = expected.map((_, i) => rowValues(sheet, i + 2));
			expect(rows.map((r) => [r[0], r[16]])).toEqual(expected.map((e) => [e.rank, e.attempt_id]));
			expect(rows.map((r) => r[2])).toEqual(expected.map((e) => e.phone));
			expect(rows.map((r) => r[8])).toEqual(expected.map((e) => e.score));
			// Nộp lúc: a date showing Vietnam's wall clock (UTC+7), formatted dd/mm/yyyy hh:mm.
			expect(rows.map((r) => (r[12] as Date).getTime())).toEqual(expected.map((e) => e.submitted_at + HOURS_7));
			expect(sheet.getCell('M2').numFmt).toBe('dd/mm/yyyy hh:mm');
		}

		const first = workbook.worksheets[0];
		const row = rowValues(first, 2);
		expect(typeof row[0]).toBe('number');
		expect(typeof row[2]).toBe('string');
		expect(row[2]).toMatch(/^0\d{9}$/);
		expect(row[4]).toEqual(new Date(Date.UTC(1990, 0, 1)));
		expect(row[5]).toEqual(expect.stringMatching(/Phường Hà Khánh|Xã Phong Hải/));
		expect(row[6]).toBe('Tỉnh Thử Nghiệm');
		expect(row[7]).toBe('Cán bộ, công chức, viên chức');
		expect(typeof row[10]).toBe('number');
		const prizes = (await finalRows(fixture.groupIds[0])).map((r) => r.prize);
		const labels = { first: 'Nhất', second: 'Nhì', third: 'Ba', consolation: 'Khuyến khích' } as const;
		expect(columnValues(first, 16)).toEqual(prizes.map((p) => (p ? labels[p] : null)));
		// A name written like a formula stays text in the workbook.
		const names = columnValues(first, 2);
		expect(names).toContain('=HYPERLINK("http://x.example","bấm")');
		const about = workbook.getWorksheet('Thông tin')!;
		expect(about.getCell('A1').value).toBe('Cuộc thi');
		expect(about.getCell('B1').value).toBe('Cuộc thi thử nghiệm');
	});

	it('writes an audit row before the first byte, with the format and the row count', async () => {
		await closedRound();
		await exportWith(writeResultsWorkbook);
		await exportWith(writeResultsCsv);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'results.export')
			.orderBy('at')
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit.map((a) => [a.actor_id, a.entity, a.entity_id])).toEqual([
			[admin.id, 'round', fixture.roundId],
			[admin.id, 'round', fixture.roundId]
		]);
		expect(audit.map((a) => JSON.parse(a.detail_json))).toEqual([
			{ format: 'xlsx', rows: 13, contestId: fixture.contestId },
			{ format: 'csv', rows: 13, contestId: fixture.contestId }
		]);
	});
});

describe('the results CSV', () => {
	it('has a BOM, the header, every ranked row in order, and guards formula-like text', async () => {
		await closedRound();
		const { outcome, bytes } = await exportWith(writeResultsCsv);
		expect(outcome).toEqual({ ok: true, rows: 13 });
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = bytes.toString('utf8').slice(1);
		expect(text.endsWith('\r\n')).toBe(true);
		const [header, ...rows] = parseCsv(text);
		expect(header).toEqual(HEADERS);
		const expected = [...(await finalRows(fixture.groupIds[0])), ...(await finalRows(fixture.groupIds[1]))];
		expect(rows.map((r) => [Number(r[0]), r[16], r[2]])).toEqual(expected.map((e) => [e.rank, e.attempt_id, e.phone]));
		expect(rows.every((r) => r.length === HEADERS.length)).toBe(true);
		expect(rows[0][12]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
		expect(rows[0][4]).toBe('01/01/1990');
		expect(rows[0][11]).toMatch(/^\d{2}:\d{2}$/);

		const names = rows.map((r) => r[1]);
		expect(names).toContain(`'=HYPERLINK("http://x.example","bấm")`);
		expect(names).toContain(`'+84 Trần Văn A`);
		expect(names).toContain(`'-Lê Thị B`);
		expect(names).toContain(`'@Phạm C`);
		expect(text).toContain(`"'=HYPERLINK(""http://x.example"",""bấm"")"`);
		expect(names.filter((n) => /^[=+\-@]/.test(n))).toEqual([]);
	});
});

describe('the CSV for Excel in Vietnamese', () => {
	it('holds the same table as the RFC 4180 file, with semicolons and decimal commas, and is audited as such', async () => {
		await closedRound();
		const rfc = await exportWith(writeResultsCsv);
		const excel = await exportWith(findExportFile('ket-qua-excel.csv')!.write);
		expect(excel.outcome).toEqual({ ok: true, rows: 13 });
		expect([...excel.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const plain = parseCsv(rfc.bytes.toString('utf8').slice(1));
		const text = excel.bytes.toString('utf8').slice(1);
		const vietnamese = parseCsv(text, ';');
		expect(vietnamese[0]).toEqual(HEADERS);
		expect(vietnamese).toHaveLength(plain.length);
		// a comma inside a field needs no quotes any more
		expect(text).toContain(';Cán bộ, công chức, viên chức;');
		const seconds = HEADERS.indexOf('Thời gian (giây)');
		const phone = HEADERS.indexOf('Số điện thoại');
		const minutes = HEADERS.indexOf('Thời gian (phút:giây)');
		const rank = HEADERS.indexOf('Hạng');
		const submitted = HEADERS.indexOf('Nộp lúc');
		/** What Excel shows of a field: a ="…" text formula is the text inside. */
		const shown = (field: string): string => /^="(.*)"$/.exec(field)?.[1] ?? field;
		for (const [i, row] of vietnamese.slice(1).entries()) {
			expect(row).toHaveLength(HEADERS.length);
			// the same number, written the Vietnamese way: a number for Excel to sort by
			expect(row[seconds]).toMatch(/^\d+(,\d+)?$/);
			expect(Number(row[seconds].replace(',', '.'))).toBe(Number(plain[i + 1][seconds]));
			// text Excel would convert is a text formula: the phone keeps its leading 0, the
			// duration stays minutes and seconds instead of a time of day
			expect(row[phone]).toMatch(/^="0\d{9}"$/);
			expect(row[minutes]).toMatch(/^="\d{2,}:\d{2}"$/);
			// numbers stay numbers, dates stay dates (dd/mm/yyyy is how Excel in Vietnamese reads them)
			expect(row[rank]).toMatch(/^\d+$/);
			expect(row[submitted]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
			expect(row.filter((_, c) => c !== seconds).map(shown)).toEqual(plain[i + 1].filter((_, c) => c !== seconds));
		}
		// the RFC 4180 file keeps the plain text
		expect(plain[1][phone]).toMatch(/^0\d{9}$/);
		expect(plain[1][minutes]).toMatch(/^\d{2,}:\d{2}$/);
		expect(vietnamese.slice(1).some((r) => r[seconds].includes(','))).toBe(true);
		// the raw line: the formula's quotes doubled inside a quoted field, as RFC 4180 and Excel read it
		expect(text).toMatch(/;"=""0\d{9}""";/);
		const audited = await ctx.db
			.selectFrom('audit_log')
			.select(['detail_json', 'summary'])
			.where('action', '=', 'results.export')
			.orderBy('at')
			.execute();
		expect(audited.map((a) => JSON.parse(a.detail_json).format)).toEqual(['csv', 'csv-excel']);
		expect(audited[1].summary).toContain('CSV cho Excel tiếng Việt');
	});

	it('writes the unit standings’ rates with a decimal comma', async () => {
		await closedRound();
		const { outcome, bytes } = await exportWith(findExportFile('don-vi-excel.csv')!.write);
		expect(outcome.ok).toBe(true);
		const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1), ';');
		const rate = header.indexOf('Tỷ lệ tham gia');
		expect(rate).toBeGreaterThan(-1);
		const rates = rows.map((r) => r[rate]).filter(Boolean);
		expect(rates.length).toBeGreaterThan(0);
		for (const value of rates) expect(value).toMatch(/^\d+(,\d+)?$/);
	});
});

/** `count` ranked contestants of the first group written straight into final_result, after a close. */
async function syntheticResults(count: number): Promise<void> {
	await closeNow();
	const now = ctx.clock.now();
	for (let start = 0; start < count; start += 500) {
		const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => start + i);
		await ctx.db
			.insertInto('app_user')
			.values(
				batch.map((i) => ({
					id: `u${i}`,
					phone: `08${String(i).padStart(8, '0')}`,
					full_name: `Thí sinh ${i}`,
					birth_date: null,
					email: null,
					password_hash: 'x',
					role: 'contestant' as const,
					created_at: now
				}))
			)
			.execute();
		await ctx.db
			.insertInto('final_result')
			.values(
				batch.map((i) => ({
					round_id: fixture.roundId,
					user_id: `u${i}`,
					group_id: fixture.groupIds[0],
					unit_id: fixture.unitIds[i % 2],
					attempt_id: `a${i}`,
					score: 5 - (i % 6),
					max_score: 5,
					duration_ms: 60_000 + i,
					submitted_at: now - i,
					prediction: null,
					distance: null,
					rank: i + 1,
					prize: null
				}))
			)
			.execute();
	}
}

/** A download that reads slowly: a small buffer, each chunk taken a tick later. */
function slowCollector(): { out: Writable; bytes: () => Buffer } {
	const chunks: Buffer[] = [];
	const out = new Writable({
		highWaterMark: 16 * 1024,
		write(chunk: Buffer, _encoding, callback) {
			chunks.push(Buffer.from(chunk));
			setImmediate(callback);
		}
	});
	return { out, bytes: () => Buffer.concat(chunks) };
}

describe('long results', () => {
	it('are read chunk by chunk, in place order, through a slow download', async () => {
		const count = EXPORT_CHUNK * 2 + 1;
		await syntheticResults(count);
		const slow = slowCollector();
		expect(await writeResultsWorkbook(ctx, admin, fixture.roundId, slow.out)).toEqual({ ok: true, rows: count });
		const sheet = (await readWorkbook(slow.bytes())).worksheets[0];
		expect(sheet.rowCount).toBe(count + 1);
		const attempts = columnValues(sheet, 17);
		expect(attempts).toEqual(Array.from({ length: count }, (_, i) => `a${i}`));
		expect(columnValues(sheet, 1)).toEqual(Array.from({ length: count }, (_, i) => i + 1));

		const csv = slowCollector();
		expect(await writeResultsCsv(ctx, admin, fixture.roundId, csv.out)).toEqual({ ok: true, rows: count });
		const rows = parseCsv(csv.bytes().toString('utf8').slice(1)).slice(1);
		expect(rows.map((r) => r[16])).toEqual(attempts);
	});

	it('can see the zip entry exceljs writes a sheet into, to wait for it', async () => {
		const workbook = createWorkbook(collector().out, { title: 't', created: new Date(0) });
		const sheet = workbook.addWorksheet('t');
		sheet.addRow(['x']).commit();
		expect(sheetZipEntry(sheet)).toBeDefined();
		sheet.commit();
		await workbook.commit();
	});

	it('end without waiting forever on a download cancelled at the last moment', async () => {
		const pass = new PassThrough({ highWaterMark: 16 });
		pass.write('x'.repeat(1000));
		const ending = endOutput(pass);
		pass.destroy();
		await expect(ending).rejects.toBeInstanceOf(ExportAbortedError);
	});

	it('fail rather than mix two rankings when the round is closed again meanwhile', async () => {
		await syntheticResults(EXPORT_CHUNK + 1);
		let reclosed: Promise<unknown> | null = null;
		// the download takes its first bytes, then waits while the round is closed again (on
		// PostgreSQL the close runs on another connection: waiting for it keeps the order certain)
		const out = new Writable({
			highWaterMark: 1024,
			write(_chunk: Buffer, _encoding, callback) {
				reclosed ??= closeRound(ctx, fixture.roundId, admin.id);
				reclosed.then(() => setImmediate(callback), callback);
			}
		});
		expect(await writeResultsCsv(ctx, admin, fixture.roundId, out)).toEqual({ ok: false, reason: 'results_changed' });
		await reclosed;
	});

	it('stop when the download is cancelled, and say so', async () => {
		await syntheticResults(EXPORT_CHUNK * 3);
		for (const write of [writeResultsWorkbook, writeResultsCsv]) {
			let received = 0;
			const out: Writable = new Writable({
				highWaterMark: 1024,
				write(chunk: Buffer, _encoding, callback) {
					received += chunk.length;
					setImmediate(callback);
					if (received > 64 * 1024) out.destroy();
				}
			});
			expect(await write(ctx, admin, fixture.roundId, out)).toEqual({ ok: false, reason: 'aborted' });
		}
	});
});

describe('the units and statistics exports', () => {
	it('give the collective standings and every unit with its parents', async () => {
		await closedRound();
		const { outcome, bytes } = await exportWith(writeUnitsWorkbook);
		expect(outcome.ok).toBe(true);
		const workbook = await readWorkbook(bytes);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Xếp hạng đơn vị', 'Tất cả đơn vị', 'Thông tin']);
		const [standings, tree] = workbook.worksheets;
		const top = await listUnitResults(ctx.db, fixture.roundId, true);
		expect(standings.rowCount).toBe(top.length + 1);
		expect(rowValues(standings, 1)).toEqual([
			'Hạng',
			'Đơn vị',
			'Giải tập thể',
			'Số người dự thi',
			'Số người (biên chế)',
			'Tỷ lệ tham gia',
			'Điểm bình quân (%)',
			'Số người đạt điểm tối đa'
		]);
		expect(columnValues(standings, 1)).toEqual(top.map((_, i) => i + 1));
		const winner = top.find((u) => u.prize === 1)!;
		expect(rowValues(standings, 2).slice(1, 3)).toEqual([winner.name, 'Nhất']);
		expect(standings.getCell('F2').value).toBeCloseTo(winner.rate!);
		expect(standings.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(standings.autoFilter).toBe(`A1:H${top.length + 1}`);

		const all = await listUnitResults(ctx.db, fixture.roundId, false);
		expect(tree.rowCount).toBe(all.length + 1);
		expect(rowValues(tree, 2).slice(0, 3)).toEqual(['Tỉnh Thử Nghiệm', null, 1]);
		expect(rowValues(tree, 3).slice(0, 3)).toEqual(['Phường Hà Khánh', 'Tỉnh Thử Nghiệm', 2]);
		expect(rowValues(tree, 4).slice(0, 3)).toEqual(['Xã Phong Hải', 'Tỉnh Thử Nghiệm', 2]);

		const csv = await exportWith(writeUnitsCsv);
		expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const [header, ...rows] = parseCsv(csv.bytes.toString('utf8').slice(1));
		expect(header[0]).toBe('Đơn vị');
		expect(rows.map((r) => r[0])).toEqual(['Tỉnh Thử Nghiệm', 'Phường Hà Khánh', 'Xã Phong Hải']);
	});

	it('give the per-question statistics, the distribution and alpha', async () => {
		await closedRound();
		const { outcome, bytes } = await exportWith(writeStatisticsWorkbook);
		expect(outcome.ok).toBe(true);
		const workbook = await readWorkbook(bytes);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Câu hỏi', 'Phân bố điểm', 'Theo ngày', 'Tổng quan']);
		const statistics = (await getRoundStatistics(ctx, fixture.roundId))!;
		const [questions, distribution, days, summary] = workbook.worksheets;
		expect(questions.rowCount).toBe(statistics.questions.length + 1);
		expect(statistics.questions.length).toBeGreaterThan(0);
		expect(rowValues(questions, 1).slice(0, 8)).toEqual([
			'Câu hỏi',
			'Chủ đề',
			'Loại',
			'Mức độ',
			'Số lượt ra đề',
			'Số lượt trả lời đúng',
			'Tỷ lệ trả lời đúng',
			'Độ phân biệt'
		]);
		expect(columnValues(questions, 5)).toEqual(statistics.questions.map((q) => q.n));
		expect(columnValues(questions, 7)).toEqual(statistics.questions.map((q) => q.facility));
		expect(questions.getCell('G2').numFmt).toBe('0.0%');
		expect(distribution.rowCount).toBe(6);
		const counts = columnValues(distribution, 2) as number[];
		expect(counts.reduce((a, b) => a + b, 0)).toBe(13);
		expect(days.rowCount).toBe(statistics.perDay.length + 1);
		const alpha = columnValues(summary, 1).indexOf('Hệ số Cronbach’s alpha') + 2;
		expect(summary.getCell(alpha, 2).value).toBe(statistics.reliability.alpha);
	});
});

describe('who may export, and when', () => {
	it('refuses a round that is not closed yet, without an audit row', async () => {
		const { outcome, bytes } = await exportWith(writeResultsWorkbook);
		expect(outcome).toEqual({ ok: false, reason: 'round_not_closed' });
		expect(bytes.length).toBe(0);
		expect(await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'results.export').execute()).toEqual(
			[]
		);
	});

	it('refuses an organizer granted only another contest, and serves one granted this contest', async () => {
		await closedRound();
		const other = await createFixtureContest(ctx, {
			opensAt: ctx.clock.now(),
			closesAt: ctx.clock.now() + MINUTE,
			slug: 'cuoc-thi-khac'
		});
		const outsiderId = await createContestant(ctx, other, { phone: '0912777001', fullName: 'Ban tổ chức khác' });
		const insiderId = await createContestant(ctx, other, { phone: '0912777002', fullName: 'Ban tổ chức này' });
		expect(await grantOrganizer(ctx, admin, '0912777001', other.contestId)).toEqual({ ok: true });
		expect(await grantOrganizer(ctx, admin, '0912777002', fixture.contestId)).toEqual({ ok: true });
		const outsider: SessionUser = {
			id: outsiderId,
			role: 'organizer',
			fullName: 'Ban tổ chức khác',
			phone: '0912777001'
		};
		const insider: SessionUser = { id: insiderId, role: 'organizer', fullName: 'Ban tổ chức này', phone: '0912777002' };

		for (const write of [writeResultsWorkbook, writeResultsCsv, writeUnitsWorkbook, writeStatisticsWorkbook]) {
			const { outcome, bytes } = await exportWith(write, outsider);
			expect(outcome).toEqual({ ok: false, reason: 'forbidden' });
			expect(bytes.length).toBe(0);
		}
		const url = new URL(
			`http://localhost/studio/cuoc-thi/${fixture.contestId}/dot-thi/${fixture.roundId}/xuat/ket-qua.xlsx`
		);
		await expect(requireContestManager(ctx, outsider, url, fixture.contestId)).rejects.toMatchObject({
			status: 403
		});
		await expect(requireContestManager(ctx, insider, url, fixture.contestId)).resolves.toMatchObject({
			id: insiderId
		});
		expect((await exportWith(writeResultsWorkbook, insider)).outcome).toEqual({ ok: true, rows: 13 });
		const audited = await ctx.db
			.selectFrom('audit_log')
			.select('actor_id')
			.where('action', '=', 'results.export')
			.execute();
		expect(audited.map((a) => a.actor_id)).toEqual([insiderId]);
	});
});

describe('the download route', () => {
	type Event = Parameters<typeof GET>[0];
	const get = (
		user: SessionUser | null,
		file: string,
		contestId = fixture.contestId,
		roundId = fixture.roundId,
		method = 'GET'
	) => {
		const url = new URL(`http://localhost/studio/cuoc-thi/${contestId}/dot-thi/${roundId}/xuat/${file}`);
		const request = new Request(url, { method });
		return GET({ locals: { app: ctx, user }, params: { contestId, roundId, file }, request, url } as unknown as Event);
	};
	const adminUser = (): SessionUser => ({ id: admin.id, role: 'admin', fullName: 'Quản trị', phone: '0900000009' });

	it('streams the workbook with an ASCII and a UTF-8 file name', async () => {
		await closedRound();
		const response = await get(adminUser(), 'ket-qua.xlsx');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		const disposition = response.headers.get('content-disposition')!;
		expect(disposition).toContain(`filename="${fixture.slug}-dot-1-ket-qua.xlsx"`);
		expect(disposition).toMatch(/filename\*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3%20-%20Tu%E1%BA%A7n%20thi/);
		const workbook = await readWorkbook(Buffer.from(await response.arrayBuffer()));
		expect(workbook.worksheets[0].rowCount).toBe(13);

		const head = await get(adminUser(), 'ket-qua.csv', fixture.contestId, fixture.roundId, 'HEAD');
		expect(head.headers.get('content-disposition')).toContain(`filename="${fixture.slug}-dot-1-ket-qua.csv"`);
		const audited = await ctx.db
			.selectFrom('audit_log')
			.select('detail_json')
			.where('action', '=', 'results.export')
			.execute();
		expect(audited.map((a) => JSON.parse(a.detail_json).format)).toEqual(['xlsx']);

		const csv = await get(adminUser(), 'don-vi.csv');
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect((await csv.text()).split('\r\n')[0]).toMatch(/Đơn vị/);
	});

	it('answers 409 before closing, 404 for an unknown file or another contest’s round, 403 to an outsider', async () => {
		await expect(get(adminUser(), 'ket-qua.xlsx')).rejects.toMatchObject({ status: 409 });
		await closeNow();
		await expect(get(adminUser(), 'mat-khau.xlsx')).rejects.toMatchObject({ status: 404 });
		const other = await createFixtureContest(ctx, {
			opensAt: ctx.clock.now(),
			closesAt: ctx.clock.now() + MINUTE,
			slug: 'cuoc-thi-khac'
		});
		await expect(get(adminUser(), 'ket-qua.xlsx', other.contestId)).rejects.toMatchObject({ status: 404 });
		const outsiderId = await createContestant(ctx, other, { phone: '0912777001' });
		await grantOrganizer(ctx, admin, '0912777001', other.contestId);
		const outsider: SessionUser = { id: outsiderId, role: 'organizer', fullName: 'Khác', phone: '0912777001' };
		await expect(get(outsider, 'ket-qua.csv')).rejects.toMatchObject({ status: 403 });
	});

	it('names files after the contest slug and the round ordinal', () => {
		const names = exportFileNames(findExportFile('thong-ke.xlsx')!, {
			contest: { slug: 'cchc-2026', title: 'Tìm hiểu CCHC "tỉnh" Quảng Ninh' } as never,
			round: { ordinal: 3, name: 'Tuần thi thứ 3 (cuối)' } as never
		});
		expect(names.ascii).toBe('cchc-2026-dot-3-thong-ke.xlsx');
		expect(decodeURIComponent(names.encoded)).toBe(
			'Thống kê câu hỏi - Tuần thi thứ 3 (cuối) - Tìm hiểu CCHC tỉnh Quảng Ninh.xlsx'
		);
		expect(names.encoded).not.toMatch(/[()'* ]/);
	});
});
