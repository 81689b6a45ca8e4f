// What durability costs: answer saves over HTTP against the production build, with SQLite's
// `synchronous=FULL` (every acknowledged save survives a power loss: one fsync of the WAL per
// commit) and `synchronous=NORMAL` (the baseline: a process crash loses nothing, a power loss may
// lose the saves since the last checkpoint), in the same run, on the same machine and disk.
//
// The two settings take turns (NORMAL, FULL, NORMAL, FULL, …) on copies of one prepared database,
// so a noisy shared machine moves both sides alike. Each turn starts `scripts/server.js` (the
// production entry, build/ must exist: `npm run build`) with DEMO_DATA=off and the setting, then
// `CONCURRENCY` clients post `SAVES` answer saves (POST /api/attempts/:id/answers, the autosave of
// every click) as signed-in contestants, each waiting for its answer before the next.
// The database lives under ./data-bench/ (on the disk the app's ./data uses; a tmpfs /tmp would
// make every fsync free and the comparison meaningless) and is removed afterwards.
// Then the same saves through saveAnswer in this process, one after another, on the same file:
// without HTTP and the server, the difference between the settings is the fsync alone.
// Run: npx tsx bench/durability.ts   Settings: SAVES=3000 CONCURRENCY=16 CONTESTANTS=200 TURNS=2
//      DURABILITY_PORT=3388
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { saveAnswer } from '../src/lib/server/attempts/attempt.service';
import { createDatabase } from '../src/lib/server/db/database';
import { createAppEvents } from '../src/lib/server/events';
import { requireBuild, repoRoot, startProdServer, type ProdServer } from './prod-server';
import { line, percentile, seedOpenAttempts, type OpenAttempt } from './support';

type Mode = 'normal' | 'full';

const saves = Number(process.env.SAVES ?? 3000);
const concurrency = Number(process.env.CONCURRENCY ?? 16);
const contestants = Number(process.env.CONTESTANTS ?? 200);
const turns = Number(process.env.TURNS ?? 2);
const port = Number(process.env.DURABILITY_PORT ?? 3388);
const workDir = path.join(repoRoot, 'data-bench');

requireBuild();

function startServer(mode: Mode, file: string): Promise<ProdServer> {
	return startProdServer({ port, database: file, env: { SQLITE_SYNCHRONOUS: mode } });
}

interface TurnResult {
	perSecond: number;
	latencies: number[];
}

/**
 * The same saves through the service in this process, one after another: no HTTP, no other
 * process, so the difference between the settings is the commit's fsync alone.
 */
async function runInProcess(mode: Mode, file: string, people: OpenAttempt[], revBase: number): Promise<number> {
	const db = createDatabase(file, { synchronous: mode });
	const ctx = { db, clock: { now: () => Date.now() }, events: createAppEvents() };
	try {
		const t0 = performance.now();
		for (let i = 0; i < saves; i++) {
			const who = people[i % people.length];
			const result = await saveAnswer(ctx, who.attemptId, who.userId, {
				position: 1,
				optionIds: [who.options[0][i % who.options[0].length]],
				rev: revBase + i
			});
			if (!result.ok) throw new Error(`save refused: ${result.reason}`);
		}
		return saves / ((performance.now() - t0) / 1000);
	} finally {
		await db.destroy();
	}
}

/** `concurrency` clients, each posting its next save once the previous one was acknowledged. */
async function runSaves(people: OpenAttempt[], revBase: number): Promise<TurnResult> {
	let next = 0;
	const latencies: number[] = [];
	const client = async () => {
		for (let i = next++; i < saves; i = next++) {
			const who = people[i % people.length];
			const body = JSON.stringify({
				position: 1,
				optionIds: [who.options[0][i % who.options[0].length]],
				rev: revBase + i
			});
			const t0 = performance.now();
			const response = await fetch(`http://127.0.0.1:${port}/api/attempts/${who.attemptId}/answers`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie: who.cookie },
				body
			});
			const reply = (await response.json()) as { ok: boolean; reason?: string };
			if (!reply.ok) throw new Error(`save refused: ${reply.reason}`);
			latencies.push(performance.now() - t0);
		}
	};
	const t0 = performance.now();
	await Promise.all(Array.from({ length: concurrency }, client));
	const elapsed = performance.now() - t0;
	return { perSecond: saves / (elapsed / 1000), latencies };
}

mkdirSync(workDir, { recursive: true });
try {
	const seed = path.join(workDir, 'seed.sqlite');
	const people = await seedOpenAttempts(seed, contestants);
	const results: Record<Mode, TurnResult[]> = { normal: [], full: [] };
	const inProcess: Record<Mode, number[]> = { normal: [], full: [] };
	let rev = 1;
	for (let turn = 0; turn < turns; turn++) {
		for (const mode of ['normal', 'full'] as const) {
			const file = path.join(workDir, `${mode}-${turn}.sqlite`);
			copyFileSync(seed, file);
			const server = await startServer(mode, file);
			try {
				// a short warm-up (JIT, statement caches, page cache), not counted
				const warm = await runSaves(people.slice(0, concurrency), rev);
				rev += saves;
				void warm;
				results[mode].push(await runSaves(people, rev));
				rev += saves;
			} finally {
				await server.stop();
			}
			inProcess[mode].push(await runInProcess(mode, file, people, rev));
			rev += saves;
			process.stdout.write(
				`turn ${turn + 1} ${mode.padEnd(6)} HTTP ${results[mode].at(-1)!.perSecond.toFixed(0)} saves/s, in process ${inProcess[mode].at(-1)!.toFixed(0)} saves/s (load ${loadavg()[0].toFixed(2)})\n`
			);
		}
	}
	const summary = (mode: Mode) => {
		const all = results[mode].flatMap((r) => r.latencies).sort((a, b) => a - b);
		const best = Math.max(...results[mode].map((r) => r.perSecond));
		const median = results[mode].map((r) => r.perSecond).sort((a, b) => a - b)[Math.floor(turns / 2)];
		return { best, median, p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
	};
	const normal = summary('normal');
	const full = summary('full');
	const ms = (v: number) => `${v.toFixed(2)} ms`;
	process.stdout.write(
		`\n${saves} saves × ${turns} turns per setting, ${concurrency} clients, ${contestants} attempts, over HTTP\n`
	);
	line('synchronous=NORMAL (baseline): saves/s, best turn', normal.best.toFixed(0));
	line('synchronous=FULL: saves/s, best turn', full.best.toFixed(0));
	line('ratio NORMAL / FULL (throughput, best turns)', `${(normal.best / full.best).toFixed(2)}×`);
	line('NORMAL latency p50 / p95 / p99', `${ms(normal.p50)} / ${ms(normal.p95)} / ${ms(normal.p99)}`);
	line('FULL latency p50 / p95 / p99', `${ms(full.p50)} / ${ms(full.p95)} / ${ms(full.p99)}`);
	const bestInProcess = (mode: Mode) => Math.max(...inProcess[mode]);
	process.stdout.write(`\nthe same saves one after another through saveAnswer in this process (no HTTP)\n`);
	line('synchronous=NORMAL (baseline): saves/s, best turn', bestInProcess('normal').toFixed(0));
	line('synchronous=FULL: saves/s, best turn', bestInProcess('full').toFixed(0));
	line(
		'ratio NORMAL / FULL (in process, best turns)',
		`${(bestInProcess('normal') / bestInProcess('full')).toFixed(2)}×`
	);
	line(
		'what FULL adds to one save (fsync), from the best turns',
		`${(1000 / bestInProcess('full') - 1000 / bestInProcess('normal')).toFixed(3)} ms`
	);
} finally {
	rmSync(workDir, { recursive: true, force: true });
}
