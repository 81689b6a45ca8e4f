// Closing a round at a province's scale: 1,000,000 finished attempts of 500,000 contestants in
// 300 units (bench/results-data.ts writes them straight into SQLite; not timed as a figure).
// Measured through the real services, each against a baseline in the same run:
//  1. closeRound (ranking + prizes + unit standings, written in one transaction), run twice (the
//     second run replaces the first), with the time per statement, its peak RSS and the longest
//     event-loop stall; baselines: reading round_result into JavaScript and
//     sorting it with the domain's comparator (the floor of any JavaScript ranking), and one
//     INSERT … SELECT with ROW_NUMBER() computing the same ranks inside SQLite (also a check: the
//     ranks must be identical);
//  2. a contestant's rank lookup after close (findFinalResult), against the live rank on
//     round_result (findRoundResult + countAhead, what getStanding does while the round is open);
//  3. the top-50 page of each group, a unit's page (a department and its offices) and the unit
//     standings, read from final_result / unit_result;
//  4. the full Excel export (writeResultsWorkbook) and the CSV export (writeResultsCsv) to files:
//     time, size, RSS before / peak, against reading the same rows through one better-sqlite3
//     cursor and writing them as bare CSV lines.
// Peak RSS is the kernel's high-water mark (VmHWM), reset before each measure through
// /proc/self/clear_refs, so a synchronous stretch a 100 ms sampler would miss still counts.
// Run: RESULTS_CONTESTANTS=20000 npx tsx bench/results-close.ts   (defaults: 500,000 and 2 attempts each)
import SQLite from 'better-sqlite3';
import {
	DeleteQueryNode,
	InsertQueryNode,
	SelectQueryNode,
	TableNode,
	type KyselyPlugin,
	type OperationNode,
	type PluginTransformQueryArgs,
	type PluginTransformResultArgs,
	type QueryResult,
	type RootOperationNode,
	type UnknownRow
} from 'kysely';
import { createWriteStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { compareByCriteria } from '../src/lib/domain/ranking';
import { DEFAULT_CRITERIA } from '../src/lib/domain/types';
import { findRound } from '../src/lib/server/contests/contest.repository';
import { roundCriteria } from '../src/lib/server/contests/contest.service';
import type { RoundResultRow } from '../src/lib/server/db/schema';
import { countAhead, findRoundResult } from '../src/lib/server/ranking/ranking.repository';
import { closeRound } from '../src/lib/server/results/close.service';
import { writeResultsCsv, writeResultsWorkbook } from '../src/lib/server/results/export.service';
import {
	findFinalResult,
	listFinalResults,
	listUnitResults,
	unitSubtree
} from '../src/lib/server/results/results.service';
import { generateResultsData, mulberry32 } from './results-data';
import { createBenchContext, line, percentile } from './support';

const contestants = Number(process.env.RESULTS_CONTESTANTS ?? 500_000);
const attemptsPer = Number(process.env.RESULTS_ATTEMPTS_PER ?? 2);
const LOOKUPS = 2000;
/** The live count grows with the rank (up to ~100 ms at full size): a tenth of the sample. */
const LIVE_LOOKUPS = 200;
const PAGE_RUNS = 200;
const MINUTE = 60_000;
const MiB = 2 ** 20;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Resets the kernel's peak-RSS mark of this process (Linux); false where that is not possible. */
function resetPeakRss(): boolean {
	try {
		writeFileSync('/proc/self/clear_refs', '5');
		return true;
	} catch {
		return false;
	}
}

function kernelPeakRss(): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

interface Measured<T> {
	value: T;
	ms: number;
	rssBefore: number;
	rssPeak: number;
	/** the longest the event loop waited for a turn meanwhile: how long the server could not answer */
	stallMs: number;
}

/** Runs `fn` once: wall time, RSS before (after a GC) and peak (high-water mark, or 100 ms samples). */
async function measure<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
	gc();
	const kernel = resetPeakRss();
	const rssBefore = process.memoryUsage().rss;
	let sampled = rssBefore;
	const timer = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 100);
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	// the monitor records from its first tick on: a stall before it would go unseen
	await new Promise((resolve) => setTimeout(resolve, 50));
	const t0 = performance.now();
	try {
		const value = await fn();
		const ms = performance.now() - t0;
		// let the monitor's timer see the end of a stall that lasted until now
		await new Promise((resolve) => setTimeout(resolve, 20));
		const rssPeak = Math.max(sampled, process.memoryUsage().rss, kernel ? kernelPeakRss() : 0);
		return { value, ms, rssBefore, rssPeak, stallMs: loop.max / 1e6 };
	} finally {
		loop.disable();
		clearInterval(timer);
	}
}

async function timings(runs: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < runs; i++) {
		const t0 = performance.now();
		await fn(i);
		out.push(performance.now() - t0);
	}
	return out.sort((a, b) => a - b);
}

/**
 * Time per kind of statement and table (built and run: from Kysely handing the query to the
 * plugins to its result), to say which step of closeRound dominates. What is left of the total is
 * JavaScript (sorting, prizes, the unit roll-up) and the commit.
 */
class StatementTimer implements KyselyPlugin {
	readonly totals = new Map<string, { count: number; ms: number }>();
	readonly #started = new WeakMap<object, { label: string; t0: number }>();

	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		this.#started.set(args.queryId, { label: statementLabel(args.node), t0: performance.now() });
		return args.node;
	}

	async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		const started = this.#started.get(args.queryId);
		if (started) {
			const total = this.totals.get(started.label) ?? { count: 0, ms: 0 };
			total.count++;
			total.ms += performance.now() - started.t0;
			this.totals.set(started.label, total);
		}
		return args.result;
	}
}

function statementLabel(node: RootOperationNode): string {
	const table = (from: OperationNode | undefined) => (from && TableNode.is(from) ? from.table.identifier.name : '?');
	if (InsertQueryNode.is(node)) return `INSERT ${table(node.into)}`;
	if (DeleteQueryNode.is(node)) return `DELETE ${table(node.from.froms[0])}`;
	if (SelectQueryNode.is(node)) return `SELECT ${table(node.from?.froms[0])}`;
	return node.kind;
}

const n = (v: number) => v.toLocaleString('en-US');
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
const secs = (v: number) => `${(v / 1000).toFixed(1)} s`;
const mib = (v: number) => `${Math.round(v / MiB)} MiB`;
const p50p95 = (list: number[]) => `${ms(percentile(list, 50))} / ${ms(percentile(list, 95))}`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
const pct = (part: number, whole: number) => `${Math.round((100 * part) / whole)} %`;

const opensAt = Date.UTC(2026, 10, 16, 0, 0, 0);
const ctx = await createBenchContext(opensAt - 2 * 24 * 60 * MINUTE);
const dir = path.dirname(ctx.file);
const raw = new SQLite(ctx.file);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = NORMAL');

// An interrupted run leaves no gigabyte behind either.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		rmSync(dir, { recursive: true, force: true });
		process.exit(130);
	});
}

try {
	// --- data ----------------------------------------------------------------------------------
	const t0 = performance.now();
	const data = generateResultsData(raw, { contestants, attemptsPer, opensAt });
	const { roundId, groupIds } = data;
	line(
		`generated ${n(contestants * attemptsPer)} attempts, ${n(contestants)} contestants, ${data.units} units`,
		`${secs(performance.now() - t0)} (not a figure), ${mib(statSync(ctx.file).size)} file`
	);
	ctx.clock.set(data.closesAt + data.graceMs + MINUTE);

	// --- 1. closing ----------------------------------------------------------------------------
	const closes: Measured<Awaited<ReturnType<typeof closeRound>>>[] = [];
	for (const run of [1, 2]) {
		const timer = new StatementTimer();
		const timed = { ...ctx, db: ctx.db.withPlugin(timer) };
		const closed = await measure(() => closeRound(timed, roundId, data.organizerId));
		if (!closed.value.ok) throw new Error(closed.value.reason);
		const summary = closed.value.summary;
		if (summary.runs !== run || summary.participants !== contestants) {
			throw new Error(`close run ${run}: ${JSON.stringify(summary)}`);
		}
		closes.push(closed);
		line(
			`closeRound run ${run}${run === 2 ? ' (replaces run 1)' : ''}`,
			`${secs(closed.ms)}, RSS ${mib(closed.rssBefore)} → peak ${mib(closed.rssPeak)}`
		);
		line('  longest event-loop stall (no request answered)', ms(closed.stallMs));
		let statements = 0;
		for (const [label, { count, ms: spent }] of [...timer.totals].sort((a, b) => b[1].ms - a[1].ms)) {
			statements += spent;
			if (spent >= closed.ms / 100) {
				line(`  ${label}${count > 1 ? ` ×${n(count)}` : ''}`, `${secs(spent)} (${pct(spent, closed.ms)})`);
			}
		}
		const rest = closed.ms - statements;
		line('  the rest: JavaScript (sort, prizes, units), commit', `${secs(rest)} (${pct(rest, closed.ms)})`);
	}
	const summary = closes[1].value.ok ? closes[1].value.summary : null;
	const written = raw.prepare('select count(*) as n from final_result where round_id = ?').get(roundId) as {
		n: number;
	};
	const unitRows = raw.prepare('select count(*) as n from unit_result where round_id = ?').get(roundId) as {
		n: number;
	};
	line(
		'  written',
		`${n(written.n)} final_result, ${n(unitRows.n)} unit_result, ${summary?.winners} winners, actual value ${summary?.actualValue} (${n(data.perfectContestants)} perfect)`
	);

	const floor = await measure(() => {
		const rows = raw.prepare('select * from round_result where round_id = ?').all(roundId) as RoundResultRow[];
		const actual = rows.filter((r) => r.score >= r.max_score).length;
		const compare = compareByCriteria(DEFAULT_CRITERIA, actual);
		for (const groupId of groupIds) {
			rows
				.filter((r) => r.group_id === groupId)
				.map((r) => ({
					attemptId: r.attempt_id,
					score: r.score,
					durationMs: r.duration_ms,
					submittedAt: r.submitted_at,
					prediction: r.prediction
				}))
				.sort(compare);
		}
	});
	line(
		'baseline A: read round_result + sort in JS',
		`${secs(floor.ms)}, RSS ${mib(floor.rssBefore)} → peak ${mib(floor.rssPeak)}`
	);

	// The same table as final_result (columns, keys, indexes, foreign keys), for the SQL baseline.
	// Foreign keys on, as on the app's connection (the generator wrote with them off).
	raw.pragma('foreign_keys = ON');
	raw.exec(`create table bench_final (
		round_id text not null references round (id) on delete cascade,
		user_id text not null references app_user (id) on delete cascade,
		group_id text not null, unit_id text not null, attempt_id text not null, score integer not null,
		max_score integer not null, duration_ms bigint not null, submitted_at bigint not null, prediction bigint,
		distance bigint, rank integer not null, prize text, primary key (round_id, user_id));
		create index bench_final_rank_idx on bench_final (round_id, group_id, rank);
		create index bench_final_unit_idx on bench_final (round_id, unit_id, group_id, rank);
		create index bench_final_winner_idx on bench_final (user_id) where prize is not null;`);
	// DEFAULT_CRITERIA: score desc, prediction distance (none last), duration, submit, attempt id.
	const sqlRank = raw.transaction(() => {
		raw.prepare('delete from bench_final where round_id = ?').run(roundId);
		raw
			.prepare(
				`insert into bench_final (round_id, user_id, group_id, unit_id, attempt_id, score, max_score, duration_ms,
				  submitted_at, prediction, distance, rank, prize)
				 select round_id, user_id, group_id, unit_id, attempt_id, score, max_score, duration_ms, submitted_at, prediction,
				  distance, row_number() over (partition by group_id
				    order by score desc, distance is null, distance, duration_ms, submitted_at, attempt_id), null
				 from (select r.*, abs(r.prediction - actual.n) as distance
				       from round_result r,
				            (select count(*) as n from round_result where round_id = @round and score >= max_score) actual
				       where r.round_id = @round)`
			)
			.run({ round: roundId });
	});
	const sqlRuns: Measured<void>[] = [];
	for (const run of [1, 2]) {
		const m = await measure(() => sqlRank());
		sqlRuns.push(m);
		line(`baseline B: INSERT … SELECT ROW_NUMBER(), run ${run}`, secs(m.ms));
	}
	const mismatched = raw
		.prepare(
			`select count(*) as n from final_result f join bench_final b using (round_id, user_id)
			 where f.rank <> b.rank or f.distance is not b.distance`
		)
		.get() as { n: number };
	const compared = raw.prepare('select count(*) as n from bench_final').get() as { n: number };
	if (mismatched.n !== 0 || compared.n !== contestants) {
		throw new Error(`closeRound and SQL ranks differ on ${mismatched.n} rows`);
	}
	line('  check: closeRound ranks = SQL ranks', `all ${n(compared.n)} identical`);
	raw.exec('drop table bench_final');
	line('ratio closeRound run 1 / baseline A (JS floor)', ratio(closes[0].ms, floor.ms));
	line('ratio closeRound run 1 / baseline B run 1', ratio(closes[0].ms, sqlRuns[0].ms));
	line('ratio closeRound run 2 / baseline B run 2 (both replace)', ratio(closes[1].ms, sqlRuns[1].ms));

	// --- 2. rank lookups -----------------------------------------------------------------------
	const pick = mulberry32(7);
	const userById = raw.prepare('select id from app_user where rowid = ?');
	// rowid 1 is the organizer; contestants are 2 … contestants + 1
	const sample = Array.from(
		{ length: LOOKUPS },
		() => (userById.get(2 + Math.floor(pick() * contestants)) as { id: string }).id
	);
	const finalTimes = await timings(LOOKUPS, async (i) => {
		if (!(await findFinalResult(ctx.db, roundId, sample[i]))) throw new Error('no final result');
	});
	const round = (await findRound(ctx.db, roundId))!;
	const criteria = roundCriteria(round);
	const liveTimes = await timings(LIVE_LOOKUPS, async (i) => {
		const result = (await findRoundResult(ctx.db, roundId, sample[i]))!;
		await countAhead(ctx.db, result, criteria, null);
	});
	line(`rank after close (findFinalResult), ${n(LOOKUPS)} random, p50 / p95`, p50p95(finalTimes));
	line(`baseline: live rank (countAhead), ${LIVE_LOOKUPS} of them, p50 / p95`, p50p95(liveTimes));
	line('  worst live rank of the sample', ms(liveTimes[liveTimes.length - 1]));
	line('ratio live / after close, p50', ratio(percentile(liveTimes, 50), percentile(finalTimes, 50)));

	// --- 3. pages ------------------------------------------------------------------------------
	for (const [g, groupId] of groupIds.entries()) {
		let total = 0;
		const times = await timings(PAGE_RUNS, async () => {
			const page = await listFinalResults(ctx.db, roundId, { groupId, offset: 0, limit: 50 });
			if (page.rows.length !== 50 || page.rows[0].rank !== 1) throw new Error('bad top page');
			total = page.total;
		});
		line(`top-50 page, group ${g + 1} (${n(total)} ranked), p50 / p95`, p50p95(times));
		// The page also counts the group's rows for its total: one index range over all of them.
		const countTimes = await timings(PAGE_RUNS, () =>
			ctx.db
				.selectFrom('final_result')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('round_id', '=', roundId)
				.where('group_id', '=', groupId)
				.executeTakeFirstOrThrow()
		);
		line(`  of which counting the group's rows, p50 / p95`, p50p95(countTimes));
	}
	let unitTotal = 0;
	let subtree = 0;
	const unitTimes = await timings(PAGE_RUNS, async () => {
		const unitIds = await unitSubtree(ctx.db, data.pageUnitId);
		const page = await listFinalResults(ctx.db, roundId, { groupId: groupIds[0], unitIds, offset: 0, limit: 50 });
		subtree = unitIds.length;
		unitTotal = page.total;
	});
	line(`a unit's page (${subtree} units, ${n(unitTotal)} in group 1), p50 / p95`, p50p95(unitTimes));
	const standingTimes = await timings(PAGE_RUNS, () => listUnitResults(ctx.db, roundId, false));
	line(`unit standings (${n(unitRows.n)} units), p50 / p95`, p50p95(standingTimes));

	// --- 4. exports --------------------------------------------------------------------------
	// The organizer holds a grant for the contest; each export first writes its audit row.
	const actor = { id: data.organizerId, role: 'organizer' as const };
	const exportTo = async (file: string, write: typeof writeResultsWorkbook) =>
		measure(async () => {
			const out = createWriteStream(file);
			const closed = once(out, 'close');
			const outcome = await write(ctx, actor, roundId, out);
			if (!outcome.ok) throw new Error(outcome.reason);
			if (outcome.rows !== contestants) throw new Error(`export wrote ${outcome.rows} rows`);
			await closed;
			return outcome.rows;
		});
	const xlsx = path.join(dir, 'results.xlsx');
	const workbook = await exportTo(xlsx, writeResultsWorkbook);
	const csv = path.join(dir, 'results.csv');
	const csvExport = await exportTo(csv, writeResultsCsv);
	// Baseline: the same rows, group by group in place order, through one better-sqlite3 cursor
	// each, written as bare comma-joined lines (no quoting, no formats, no unit paths).
	const floorCsv = path.join(dir, 'floor.csv');
	const csvFloor = await measure(async () => {
		const out = createWriteStream(floorCsv);
		const closed = once(out, 'close');
		const select = raw.prepare(
			`select f.rank, f.prize, un.name as unit_name, u.full_name, u.phone, u.email, u.birth_date, f.attempt_id, f.score,
			  f.max_score, f.duration_ms, f.submitted_at, f.prediction, f.distance
			 from final_result f join app_user u on u.id = f.user_id join unit un on un.id = f.unit_id
			 where f.round_id = ? and f.group_id = ? order by f.rank`
		);
		let rows = 0;
		for (const groupId of groupIds) {
			for (const row of select.iterate(roundId, groupId) as IterableIterator<Record<string, unknown>>) {
				rows++;
				if (!out.write(Object.values(row).join(',') + '\n')) await once(out, 'drain');
			}
		}
		out.end();
		await closed;
		return rows;
	});
	const described = (m: Measured<number>, file: string) =>
		`${secs(m.ms)}, ${mib(statSync(file).size)}, RSS ${mib(m.rssBefore)} → peak ${mib(m.rssPeak)}`;
	line(`Excel export (writeResultsWorkbook, ${n(workbook.value)} rows)`, described(workbook, xlsx));
	line('  longest event-loop stall', ms(workbook.stallMs));
	line(`CSV export (writeResultsCsv, ${n(csvExport.value)} rows)`, described(csvExport, csv));
	line('  longest event-loop stall', ms(csvExport.stallMs));
	line('baseline: same rows, one cursor, bare CSV lines', described(csvFloor, floorCsv));
	line('ratio Excel export / baseline', ratio(workbook.ms, csvFloor.ms));
	line('ratio CSV export / baseline', ratio(csvExport.ms, csvFloor.ms));
} finally {
	raw.close();
	await ctx.db.destroy();
	rmSync(dir, { recursive: true, force: true });
}
