// The Sunday-night rush (bench/rush.ts) twice, with the same driver, schedule and N: first on one
// app process over SQLite, then on NODES app processes (2) over one PostgreSQL and one Redis behind
// bench/balancer.ts; then the two side by side. Each run checks every acknowledged save and submit
// in its database afterwards (bench/rush.ts); each run's own full report is printed as it ends.
//
// Needs the production build (npm run build), a PostgreSQL server where the bench may CREATE
// DATABASE (PG_URL, or TEST_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; the run's
// database is dropped afterwards) and Redis (REDIS_URL, or redis://127.0.0.1:6379).
//
// Run: npx tsx bench/rush-cluster.ts --n=20000
// Smoke: npx tsx bench/rush-cluster.ts --n=500 --m=50 --start_s=30 --saves=5 --submit_s=20
// Every other flag of bench/rush.ts passes through (--m, --start_s, --saves, --pool, --nodes,
// --rush_port, …); --only=sqlite|cluster runs one side.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { requireBuild } from './prod-server';

requireBuild();

const flags = process.argv.slice(2).filter((a) => /^--[^=]+=/.test(a));
const only = flags.find((a) => a.toLowerCase().startsWith('--only='))?.slice('--only='.length);
const passThrough = flags.filter((a) => !a.toLowerCase().startsWith('--only=') && !/^--topology=/i.test(a));
const topologies = (['sqlite', 'cluster'] as const).filter((t) => !only || t === only);
const dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-rush-cluster-'));

interface Summary {
	topology: string;
	nodes: number;
	settings: Record<string, number>;
	acknowledged: { started: number; saves: number; submitted: number };
	errors: number;
	errorKinds: Record<string, number>;
	hardStopped: boolean;
	savesChecked: number;
	savesMissing: number;
	submitsMissing: number;
	latency: Record<
		'start' | 'save' | 'submit',
		{ count: number; p50?: number; p95?: number; p99?: number; max?: number }
	>;
	screens: { watching: number; failed: number; behind: number; resyncs: number; lagP99?: number };
	rushCpuMs: {
		seconds: number;
		servers: number;
		balancer: number;
		postgres: number;
		redis: number;
		driver: number;
		screens: number;
	} | null;
	rssPeakMiB: number[];
	screensDied: string;
}

/** One run of bench/rush.ts in a child process, its report straight to ours. */
function run(topology: 'sqlite' | 'cluster'): Promise<{ code: number | null; summary: Summary | null }> {
	const file = path.join(dir, `${topology}.json`);
	return new Promise((resolve) => {
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				path.join(import.meta.dirname, 'rush.ts'),
				...passThrough,
				`--topology=${topology}`,
				`--result_json=${file}`
			],
			{ stdio: 'inherit' }
		);
		const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
		process.once('SIGINT', forward('SIGINT'));
		process.once('SIGTERM', forward('SIGTERM'));
		child.once('exit', (code) => {
			let summary: Summary | null = null;
			try {
				summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
			} catch {
				// the run ended before its report
			}
			resolve({ code, summary });
		});
	});
}

const results: { topology: string; code: number | null; summary: Summary | null }[] = [];
for (const topology of topologies) {
	process.stdout.write(`\n=== rush on ${topology === 'sqlite' ? 'one process, SQLite' : 'the cluster'} ===\n`);
	results.push({ topology, ...(await run(topology)) });
}
rmSync(dir, { recursive: true, force: true });

// --- side by side -------------------------------------------------------------------------------------
const ms = (v: number | undefined): string =>
	v === undefined || v === null ? '—' : v < 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(0)} ms`;
const cpu = (v: number | undefined, seconds: number | undefined): string =>
	v === undefined || !seconds ? '—' : `${(v / 1000).toFixed(1)} s (${Math.round(v / 10 / seconds)} %)`;
const heads = results.map((r) =>
	r.topology === 'sqlite' ? '1 process, SQLite' : `${r.summary?.nodes ?? '?'} nodes, PostgreSQL + Redis`
);
const rows: [string, ...string[]][] = [];
const add = (label: string, value: (s: Summary) => string) =>
	rows.push([label, ...results.map((r) => (r.summary ? value(r.summary) : `no report (exit ${r.code})`))]);
add('contestants (N)', (s) => String(s.settings.N));
add(
	'starts / saves / submits acknowledged',
	(s) => `${s.acknowledged.started} / ${s.acknowledged.saves} / ${s.acknowledged.submitted}`
);
for (const step of ['start', 'save', 'submit'] as const) {
	add(`${step} p50 / p99`, (s) => `${ms(s.latency[step].p50)} / ${ms(s.latency[step].p99)}`);
}
add('errors', (s) => String(s.errors));
add('hard stop reached', (s) => (s.hardStopped ? 'yes' : 'no'));
add('acknowledged saves checked / missing', (s) => `${s.savesChecked} / ${s.savesMissing}`);
add('acknowledged submits not finished', (s) => String(s.submitsMissing));
add(
	'screens behind at the end / resyncs',
	(s) => `${s.screens.behind} of ${s.screens.watching} / ${s.screens.resyncs}`
);
add('rush CPU: app process(es), summed', (s) => cpu(s.rushCpuMs?.servers, s.rushCpuMs?.seconds));
add('rush CPU: balancer', (s) => (s.topology === 'cluster' ? cpu(s.rushCpuMs?.balancer, s.rushCpuMs?.seconds) : '—'));
add('rush CPU: PostgreSQL', (s) => (s.topology === 'cluster' ? cpu(s.rushCpuMs?.postgres, s.rushCpuMs?.seconds) : '—'));
add('rush CPU: Redis', (s) => (s.topology === 'cluster' ? cpu(s.rushCpuMs?.redis, s.rushCpuMs?.seconds) : '—'));
add(
	'rush CPU: driver / screens',
	(s) => `${cpu(s.rushCpuMs?.driver, s.rushCpuMs?.seconds)} / ${cpu(s.rushCpuMs?.screens, s.rushCpuMs?.seconds)}`
);
add('peak RSS per app process', (s) => s.rssPeakMiB.map((v) => `${Math.round(v)} MiB`).join(', '));
const width = [44, ...heads.map(() => 34)];
process.stdout.write(
	`\n=== side by side (same driver, same schedule) ===\n${['', ...heads].map((h, i) => h.padEnd(width[i])).join('')}\n`
);
for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(width[i])).join('')}\n`);
for (const r of results) {
	for (const [what, n] of Object.entries(r.summary?.errorKinds ?? {})) {
		process.stdout.write(`  ${r.topology}: ${n} × ${what}\n`);
	}
}
process.exit(results.every((r) => r.code === 0) ? 0 : 1);
