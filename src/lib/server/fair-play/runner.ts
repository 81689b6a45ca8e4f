import { analyzeRound } from '../../domain/fair-play/analysis';
import type { AttemptRecord, Flag } from '../../domain/fair-play/types';
import { recordAudit } from '../audit/audit.repository';
import { runExclusive } from '../cluster/exclusive';
import type { AppContext } from '../context';
import {
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

const running = new Set<string>();

export async function analyzeRoundFairPlay(
	ctx: AppContext,
	roundId: string,
	actorId: string | null,
	options: { pageSize?: number } = {}
): Promise<{ ok: true; summary: AnalysisSummary } | { ok: false; reason: AnalysisFailure }> {
	const round = await findRoundForAnalysis(ctx.db, roundId);
	if (!round) return { ok: false, reason: 'round_not_found' };
	// this node runs a round's analysis once at a time; other nodes are kept out by the lock
	if (running.has(roundId)) return { ok: false, reason: 'busy' };
	running.add(roundId);
	try {
		let summary: AnalysisSummary | null = null;
		const ran = await runExclusive(ctx.db, `cuocthi:fair-play:${roundId}`, async () => {
			summary = await runAnalysis(ctx, round, actorId, options.pageSize ?? PAGE_SIZE);
		});
		if (!ran || !summary) return { ok: false, reason: 'busy' };
		return { ok: true, summary };
	} finally {
		running.delete(roundId);
	}
}

async function runAnalysis(
	ctx: AppContext,
	round: { id: string; name: string; fast_floor_ms: number | null },
	actorId: string | null,
	pageSize: number
): Promise<AnalysisSummary> {
	const started = performance.now();
	const meter = createSliceMeter();
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
		attempts: records.length,
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
): Promise<AttemptRecord[]> {
	const interner = createInterner();
	const records: AttemptRecord[] = [];
	let after = '';
	for (;;) {
		const page = await sliced(() => loadRecordPage(ctx.db, roundId, after, pageSize, interner), meter);
		if (page.length === 0) return records;
		for (const r of page) records.push(r);
		after = page[page.length - 1].id;
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
		await yieldToLoop();
		for (let i = 0; i < flags.length; i += INSERT_CHUNK) {
			start = performance.now();
			cpu = process.cpuUsage();
			await insertFlags(trx, roundId, flags.slice(i, i + INSERT_CHUNK), now);
			meter.add(performance.now() - start, cpuMs(cpu));
			await yieldToLoop();
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
