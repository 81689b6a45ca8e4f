import { analyzeRound } from '../../domain/fair-play/analysis';
import { createRoundAttemptsBuilder, type RoundAttempts } from '../../domain/fair-play/round-attempts';
import type { Flag } from '../../domain/fair-play/types';
import { recordAudit } from '../audit/audit.repository';
import { runExclusive } from '../cluster/exclusive';
import type { AppContext } from '../context';
import {
	countRoundAttempts,
	deleteRoundFlags,
	findRoundForAnalysis,
	insertFlags,
	listRoundsToAnalyze,
	upsertRun
} from './fair-play.repository';
import { createInterner, loadRecordPage } from './load-records';
import { cpuMs, createSliceMeter, driveInSlices, sliced, yieldToLoop, type SliceMeter } from './slices';

// The fair-play analysis of a round: after it closes (the sweeper starts it) and on demand from
// the studio. It reads the round in pages, analyses in slices (slices.ts) and replaces the round's
// flags in one transaction; the organizers' decisions (attempt_review) are kept. On several nodes
// one runs it at a time (runExclusive's advisory lock, named per round).

export const PAGE_SIZE = 100;
const INSERT_CHUNK = 100;

export interface AnalysisSummary {
	roundId: string;
	attempts: number;
	flags: number;
	floorMs: number;
	candidatePairs: number;
	elapsedMs: number;
	longestSliceMs: number;
	/** the phase the longest slice was in */
	longestSlicePhase: string;
	/** the longest CPU time of a slice (see SliceMeter.longestCpuMs) */
	longestSliceCpuMs: number;
	slices: number;
	/** ms per phase: load, each analysis phase, store */
	phases: Record<string, number>;
}

export type AnalysisFailure = 'round_not_found' | 'busy';

/** The analyses running in this process, by round: their database, their stop, their end. */
const running = new Map<string, { db: AppContext['db']; stop: AbortController; done: Promise<unknown> }>();
/** Databases whose app is shutting down: no analysis starts on them any more. */
const stopped = new WeakSet<AppContext['db']>();

/** Whether this process is analysing the round now. */
export function isAnalysisRunning(roundId: string): boolean {
	return running.has(roundId);
}

/**
 * Stops the analyses running on this database at their next turn of the loop (before storing
 * their flags, or inside the transaction that stores them, which then rolls back: the round
 * keeps its previous flags, and the sweeper runs the analysis again after a restart, since no
 * run was recorded) and waits for them to end; no analysis starts on it afterwards. The app's
 * shutdown calls it before closing the database.
 */
export async function stopAnalyses(db: AppContext['db']): Promise<void> {
	stopped.add(db);
	const ending = [...running.values()].filter((r) => r.db === db);
	for (const r of ending) r.stop.abort(new Error('The app is shutting down'));
	await Promise.allSettled(ending.map((r) => r.done));
}

export async function analyzeRoundFairPlay(
	ctx: AppContext,
	roundId: string,
	actorId: string | null,
	options: { pageSize?: number } = {}
): Promise<{ ok: true; summary: AnalysisSummary } | { ok: false; reason: AnalysisFailure }> {
	const round = await findRoundForAnalysis(ctx.db, roundId);
	if (!round) return { ok: false, reason: 'round_not_found' };
	// this node runs a round's analysis once at a time; other nodes are kept out by the lock
	if (running.has(roundId) || stopped.has(ctx.db)) return { ok: false, reason: 'busy' };
	const stop = new AbortController();
	let summary: AnalysisSummary | null = null;
	const done = runExclusive(ctx.db, `cuocthi:fair-play:${roundId}`, async () => {
		summary = await runAnalysis(ctx, round, actorId, options.pageSize ?? PAGE_SIZE, stop.signal);
	});
	running.set(roundId, { db: ctx.db, stop, done });
	try {
		const ran = await done;
		if (!ran || !summary) return { ok: false, reason: 'busy' };
		return { ok: true, summary };
	} catch (error) {
		// stopped by the shutdown: nothing stored, the round as it was
		if (stop.signal.aborted) return { ok: false, reason: 'busy' };
		throw error;
	} finally {
		running.delete(roundId);
	}
}

async function runAnalysis(
	ctx: AppContext,
	round: { id: string; name: string; fast_floor_ms: number | null },
	actorId: string | null,
	pageSize: number,
	signal: AbortSignal
): Promise<AnalysisSummary> {
	const started = performance.now();
	const meter = createSliceMeter(signal);
	meter.phase = 'load';
	const phases: Record<string, number> = {};
	let phaseStart = performance.now();
	let phase = 'load';
	const enter = (next: string) => {
		const t = performance.now();
		phases[phase] = (phases[phase] ?? 0) + (t - phaseStart);
		phase = next;
		meter.phase = next;
		phaseStart = t;
	};

	const records = await loadRound(ctx, round.id, pageSize, meter);
	const result = await driveInSlices(
		analyzeRound(records, { floorMs: round.fast_floor_ms, onPhase: (p) => enter(p) }),
		meter
	);
	enter('store');
	const now = ctx.clock.now();
	await storeFlags(ctx, round.id, result.flags, now, meter);
	enter('end');
	const summary: AnalysisSummary = {
		roundId: round.id,
		attempts: records.count,
		flags: result.flags.length,
		floorMs: result.floorMs,
		candidatePairs: result.candidatePairs,
		elapsedMs: Math.round(performance.now() - started),
		longestSliceMs: Math.round(meter.longestMs * 10) / 10,
		longestSlicePhase: meter.longestPhase,
		longestSliceCpuMs: Math.round(meter.longestCpuMs * 10) / 10,
		slices: meter.slices,
		phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)]))
	};
	await ctx.db.transaction().execute(async (trx) => {
		await upsertRun(trx, {
			round_id: round.id,
			computed_at: now,
			attempts: summary.attempts,
			flags: summary.flags,
			elapsed_ms: summary.elapsedMs,
			longest_slice_ms: Math.ceil(summary.longestSliceMs),
			floor_ms: summary.floorMs
		});
		await recordAudit(
			trx,
			{
				actorId,
				action: 'round.fair_play_analysis',
				entity: 'round',
				entityId: round.id,
				summary: `${round.name}: phân tích gian lận ${summary.attempts} lượt thi, ${summary.flags} dấu hiệu`,
				detail: { attempts: summary.attempts, flags: summary.flags, floorMs: summary.floorMs }
			},
			now
		);
	});
	return summary;
}

async function loadRound(
	ctx: AppContext,
	roundId: string,
	pageSize: number,
	meter: SliceMeter
): Promise<RoundAttempts> {
	const interner = createInterner();
	// the round's columns, sized once: for every attempt of the round (an upper bound), and after
	// the first page for as many items an attempt as it had (+10 %); doubling only past that. Large
	// typed arrays allocated again and again are external memory the collector answers with
	// full collections.
	const total = await sliced(() => countRoundAttempts(ctx.db, roundId), meter);
	const columns = createRoundAttemptsBuilder(Math.max(16, total), 16);
	let after = '';
	for (;;) {
		const page = await sliced(() => loadRecordPage(ctx.db, roundId, after, pageSize, interner, columns), meter);
		if (page.count === 0) return columns.finish();
		if (after === '') columns.reserveItems(Math.ceil((total * 1.1 * columns.items) / columns.count));
		after = page.lastId;
	}
}

async function storeFlags(
	ctx: AppContext,
	roundId: string,
	flags: readonly Flag[],
	now: number,
	meter: SliceMeter
): Promise<void> {
	// one transaction so a reader sees the old flags or the new ones, never half; written in
	// chunks, each a short statement, with a turn of the event loop between them (on SQLite the
	// driver is synchronous: without the turns the whole transaction would be one block). Other
	// queries on the SQLite connection wait for the transaction, as for any other one.
	await ctx.db.transaction().execute(async (trx) => {
		let start = performance.now();
		let cpu = process.cpuUsage();
		await deleteRoundFlags(trx, roundId);
		meter.add(performance.now() - start, cpuMs(cpu));
		await yieldToLoop(meter.signal);
		for (let i = 0; i < flags.length; i += INSERT_CHUNK) {
			start = performance.now();
			cpu = process.cpuUsage();
			await insertFlags(trx, roundId, flags.slice(i, i + INSERT_CHUNK), now);
			meter.add(performance.now() - start, cpuMs(cpu));
			await yieldToLoop(meter.signal);
		}
	});
}

/** The sweeper's part: analyse closed rounds never analysed, one node at a time. */
export async function analyzeClosedRounds(ctx: AppContext): Promise<number> {
	let done = 0;
	for (const roundId of await listRoundsToAnalyze(ctx.db)) {
		const result = await analyzeRoundFairPlay(ctx, roundId, null);
		if (result.ok) done++;
	}
	return done;
}
