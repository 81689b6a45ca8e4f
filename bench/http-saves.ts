// Answer saves over real HTTP: the production build (scripts/server.js over build/) against a bare
// baseline (bench/bare-save-server.ts: node:http, JSON.parse, one prepared UPDATE), both in their
// own processes, started by this script, on copies of one prepared database.
//
// CONCURRENCY clients (keep-alive connections), each posting its next save as soon as the previous
// one is answered, for DURATION seconds; the app and the baseline take turns (app, bare, app,
// bare, …) for ROUNDS rounds, so a noisy shared machine moves both alike. Each client owns its
// share of the attempts and walks their questions in order with rising revisions, as the page's
// queue does. Per turn: saves a second, p50/p99, errors, the server's CPU per save (its /proc
// delta ÷ saves). After the run, every acknowledged save (the last acknowledged revision of
// each attempt and question) must be in each database.
//
// Run: npm run build && npx tsx bench/http-saves.ts
// Settings: DURATION=15 ROUNDS=3 CONCURRENCY=100 CONTESTANTS=500 SAVES_PORT=3500 (baseline: +1)
//           PROFILE=dir  (the app runs with node --cpu-prof, profile written to dir on exit)
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import { processCpuMs, repoRoot, requireBuild, startProdServer } from './prod-server';
import { line, percentile, seedOpenAttempts, type OpenAttempt } from './support';

const duration = Number(process.env.DURATION ?? 15) * 1000;
const rounds = Number(process.env.ROUNDS ?? 3);
const concurrency = Number(process.env.CONCURRENCY ?? 100);
const contestants = Math.max(Number(process.env.CONTESTANTS ?? 500), concurrency);
const appPort = Number(process.env.SAVES_PORT ?? 3500);
const barePort = appPort + 1;
const profileDir = process.env.PROFILE ? path.resolve(process.env.PROFILE) : null;
const workDir = path.join(repoRoot, 'data-bench', 'http-saves');

requireBuild();

interface Target {
	name: 'app' | 'bare';
	port: number;
	pid: number;
	file: string;
	stop(): Promise<void>;
	/** the last acknowledged save of each attempt and question: rev and the option sent */
	acked: Map<string, { rev: number; answer: string }>;
	turns: Turn[];
}

interface Turn {
	saves: number;
	errors: number;
	perSecond: number;
	cpuPerSave: number;
	latencies: number[];
}

async function startBare(file: string): Promise<{ pid: number; stop(): Promise<void> }> {
	const child: ChildProcess = spawn(
		process.execPath,
		['--import', 'tsx', path.join(import.meta.dirname, 'bare-save-server.ts')],
		{
			cwd: repoRoot,
			env: { ...process.env, PORT: String(barePort), DATABASE: file },
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	await new Promise<void>((resolve, reject) => {
		child.stdout!.on('data', (chunk: Buffer) => {
			if (chunk.toString().includes('listening')) resolve();
		});
		child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
	});
	return {
		pid: child.pid!,
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

let nextRev = 1;

/** One save: resolves with the status and the parsed reply, never rejects. */
function post(agent: http.Agent, port: number, attempt: OpenAttempt, body: string) {
	return new Promise<{ status: number; reply: { ok?: boolean; rev?: number } | null }>((resolve) => {
		const req = http.request(
			{
				host: '127.0.0.1',
				port,
				method: 'POST',
				path: `/api/attempts/${attempt.attemptId}/answers`,
				agent,
				headers: {
					'content-type': 'application/json',
					cookie: attempt.cookie,
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					let reply = null;
					try {
						reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					} catch {
						// counted as an error below
					}
					resolve({ status: res.statusCode ?? 0, reply });
				});
			}
		);
		req.on('error', () => resolve({ status: 0, reply: null }));
		req.end(body);
	});
}

/** CONCURRENCY clients for `ms`; client c owns attempts c, c + CONCURRENCY, … */
async function load(target: Target, attempts: OpenAttempt[], ms: number): Promise<Turn> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
	const latencies: number[] = [];
	let errors = 0;
	const stopAt = performance.now() + ms;
	const cpu0 = processCpuMs(target.pid);
	const t0 = performance.now();
	const client = async (c: number) => {
		const mine = attempts.filter((_, i) => i % concurrency === c);
		for (let step = 0; performance.now() < stopAt; step++) {
			const attempt = mine[step % mine.length];
			const position = 1 + (Math.floor(step / mine.length) % attempt.options.length);
			const options = attempt.options[position - 1];
			const rev = nextRev++;
			const optionId = options[rev % options.length];
			const body = JSON.stringify({ position, optionIds: [optionId], rev });
			const sent = performance.now();
			const { status, reply } = await post(agent, target.port, attempt, body);
			latencies.push(performance.now() - sent);
			if (status !== 200 || !reply?.ok || reply.rev !== rev) {
				errors++;
				continue;
			}
			target.acked.set(`${attempt.attemptId}:${position}`, { rev, answer: JSON.stringify([optionId]) });
		}
	};
	await Promise.all(Array.from({ length: concurrency }, (_, c) => client(c)));
	const elapsed = performance.now() - t0;
	const cpu = processCpuMs(target.pid) - cpu0;
	agent.destroy();
	const saves = latencies.length - errors;
	return { saves, errors, perSecond: saves / (elapsed / 1000), cpuPerSave: cpu / Math.max(saves, 1), latencies };
}

/** Acknowledged saves missing from the database (or overwritten by something else). */
function missing(target: Target): number {
	const db = new SQLite(target.file, { readonly: true });
	const read = db.prepare('select answer_json, answer_rev from attempt_item where attempt_id = ? and position = ?');
	let lost = 0;
	for (const [key, want] of target.acked) {
		const [attemptId, position] = key.split(':');
		const row = read.get(attemptId, Number(position)) as { answer_json: string | null; answer_rev: number } | undefined;
		if (!row || row.answer_rev !== want.rev || row.answer_json !== want.answer) lost++;
	}
	db.close();
	return lost;
}

mkdirSync(workDir, { recursive: true });
if (profileDir) mkdirSync(profileDir, { recursive: true });
const targets: Target[] = [];
try {
	const seed = path.join(workDir, 'seed.sqlite');
	process.stdout.write(`preparing ${contestants} attempts…\n`);
	const attempts = await seedOpenAttempts(seed, contestants);
	const appFile = path.join(workDir, 'app.sqlite');
	const bareFile = path.join(workDir, 'bare.sqlite');
	copyFileSync(seed, appFile);
	copyFileSync(seed, bareFile);
	const app = await startProdServer({
		port: appPort,
		database: appFile,
		nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
	});
	targets.push({
		name: 'app',
		port: appPort,
		pid: app.pid,
		file: appFile,
		stop: app.stop,
		acked: new Map(),
		turns: []
	});
	const bare = await startBare(bareFile);
	targets.push({
		name: 'bare',
		port: barePort,
		pid: bare.pid,
		file: bareFile,
		stop: bare.stop,
		acked: new Map(),
		turns: []
	});

	// warm-up (JIT, statement caches, page cache), not counted
	for (const target of targets) await load(target, attempts, 2000);
	for (let round = 1; round <= rounds; round++) {
		for (const target of targets) {
			const turn = await load(target, attempts, duration);
			target.turns.push(turn);
			const sorted = [...turn.latencies].sort((a, b) => a - b);
			process.stdout.write(
				`round ${round} ${target.name.padEnd(4)} ${turn.perSecond.toFixed(0).padStart(6)} saves/s  p50 ${percentile(sorted, 50).toFixed(1)} ms  p99 ${percentile(sorted, 99).toFixed(1)} ms  CPU ${turn.cpuPerSave.toFixed(3)} ms/save  errors ${turn.errors}  (load ${loadavg()[0].toFixed(2)})\n`
			);
		}
	}
	for (const target of targets) await target.stop();

	const [appSide, bareSide] = targets;
	const summary = (target: Target) => {
		const all = target.turns.flatMap((t) => t.latencies).sort((a, b) => a - b);
		const rates = target.turns.map((t) => t.perSecond).sort((a, b) => a - b);
		const cpu = target.turns.map((t) => t.cpuPerSave).sort((a, b) => a - b);
		return {
			median: rates[Math.floor(rates.length / 2)],
			cpu: cpu[Math.floor(cpu.length / 2)],
			p50: percentile(all, 50),
			p99: percentile(all, 99),
			errors: target.turns.reduce((n, t) => n + t.errors, 0),
			saves: target.turns.reduce((n, t) => n + t.saves, 0),
			lost: missing(target)
		};
	};
	const a = summary(appSide);
	const b = summary(bareSide);
	const perRound = appSide.turns.map((t, i) => t.perSecond / bareSide.turns[i].perSecond);
	const cpuPerRound = appSide.turns.map((t, i) => t.cpuPerSave / bareSide.turns[i].cpuPerSave);
	const ms = (v: number) => `${v.toFixed(2)} ms`;
	process.stdout.write(
		`\n${concurrency} clients, ${duration / 1000} s a turn, ${rounds} rounds, ${contestants} attempts (medians of the turns)\n`
	);
	line('app saves/s', a.median.toFixed(0));
	line('bare baseline saves/s', b.median.toFixed(0));
	line('throughput app / baseline, per round', perRound.map((r) => r.toFixed(2)).join(' '));
	line('app latency p50 / p99', `${ms(a.p50)} / ${ms(a.p99)}`);
	line('baseline latency p50 / p99', `${ms(b.p50)} / ${ms(b.p99)}`);
	line('app server CPU per save', ms(a.cpu));
	line('baseline server CPU per save', ms(b.cpu));
	line('CPU per save app / baseline, per round', cpuPerRound.map((r) => `${r.toFixed(2)}×`).join(' '));
	line('errors app / baseline', `${a.errors} / ${b.errors}`);
	line('acknowledged saves missing from the DB app / baseline', `${a.lost} / ${b.lost}`);
	line('machine load (1 min)', loadavg()[0].toFixed(2));
	if (a.errors || a.lost) process.exitCode = 1;
} finally {
	for (const target of targets) await target.stop();
	rmSync(workDir, { recursive: true, force: true });
}
