// Measures one live game with real players: N socket.io-client connections on loopback join a
// game and answer every question at a random moment within its time, while this script hosts
// it (start → reveal → leaderboard → next … → podium) over its own socket, as the console does.
//
// Processes, so the server's CPU and memory are its own:
//   bench/live-game-server.ts  the app's Socket.IO and live games on a fresh SQLite file;
//   bench/live-game-client.ts  GAME_WORKERS processes sharing the players;
//   this script                the host, and the figures.
//
// Runs: the app at the first size, the baseline at that size (GAME_NAIVE: the answer count to
// every player on every answer, the pattern DESIGN.md §5 warns about), then the app at each size.
// Figures: answers accepted against sent (refusals by reason), the time from the host's reveal to
// each player holding its result (p50 / p95 / max), joins, server CPU and memory, packets; the
// host console's largest packet, the longest the server's event loop was held by a reveal, and
// the server's memory at rest once each finished game has left it (after a full collection).
//
// Topologies (GAME_TOPOLOGY, a list run in turn at each size, then set side by side): `bench` (the
// default, all of the above) is the app's Socket.IO in bench/live-game-server.ts; `sqlite` is the
// production build in one process on SQLite, `cluster` NODES production nodes on one PostgreSQL
// database (made for the run, dropped after it) and one Redis, the host on node A, the players on
// all of them (bench/live-game-nodes.ts: directly on each node's port, or GAME_ENTRY=balancer
// through bench/balancer.ts). On those two the baseline, the reveal blocks and the memory at rest
// are not measured; CPU is per process: each node, the balancer, PostgreSQL, Redis.
// Run: npx tsx bench/live-game.ts
// Two nodes beside one process (after `npx vite build`):
//   GAME_TOPOLOGY=sqlite,cluster GAME_SIZES=10000 GAME_WORKERS=4 npx tsx bench/live-game.ts
// Settings: GAME_SIZES=1000,2000,4000  GAME_QUESTIONS=5  GAME_LIMIT_MS=10000  GAME_WORKERS=2
//           GAME_BASELINE=off (skip the baseline)  GAME_REPEAT=1 (games in a row per server)
//           GAME_SLICE=500 (players per slice of a reveal's packets and score writes)
//           GAME_TYPED=2 (those questions, 1-based, asked as short typed answers compared on the
//           server; 60% send the accepted answer folded, the others each a text of their own;
//           `bench` topology only)
//           GAME_TOPOLOGY=bench|sqlite|cluster (comma-separated)  NODES=2  GAME_ENTRY=direct|balancer
//           GAME_PORT=4700 (the balancer's, or the first node's; the nodes take the ports after it)
//           PG_URL (a server where the bench may CREATE DATABASE; TEST_DATABASE_URL, or
//           postgres://postgres@127.0.0.1:5432/test)  REDIS_URL=redis://127.0.0.1:6379
//           PG_DB_PREFIX (before the run's database name)  REDIS_PREFIX=live-bench (before its key prefix)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import type { GameCommandReply, GameHostView, GameWatchReply } from '../src/lib/schemas/game-socket';
import { startNodes, type Entry, type LiveGame } from './live-game-nodes';
import { wallNow } from './live-protocol';
import { line, percentile } from './support';

const sizes = (process.env.GAME_SIZES ?? '1000,2000,4000').split(',').map(Number);
const questions = Number(process.env.GAME_QUESTIONS ?? 5);
const limitMs = Number(process.env.GAME_LIMIT_MS ?? 10_000);
const workers = Number(process.env.GAME_WORKERS ?? 2);
const baseline = process.env.GAME_BASELINE !== 'off';
const repeat = Math.max(1, Number(process.env.GAME_REPEAT ?? 1));
type Topology = 'bench' | 'sqlite' | 'cluster';
const topologies = (process.env.GAME_TOPOLOGY ?? 'bench').split(',') as Topology[];
for (const t of topologies) {
	if (!['bench', 'sqlite', 'cluster'].includes(t)) throw new Error(`GAME_TOPOLOGY: bench, sqlite or cluster, not ${t}`);
}
const nodeCount = Number(process.env.NODES ?? 2);
const entry = (process.env.GAME_ENTRY ?? 'direct') as Entry;
if (entry !== 'direct' && entry !== 'balancer') throw new Error(`GAME_ENTRY: direct or balancer, not ${entry}`);
const basePort = Number(process.env.GAME_PORT ?? 4700);

const limit = (flag: string): number => {
	const out = execFileSync('/bin/sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
	return out === 'unlimited' ? Infinity : Number(out);
};
const [softFds, hardFds] = [limit('-n'), limit('-Hn')];
const fdsNeeded = (topologies.includes('cluster') && entry === 'balancer' ? 2 : 1) * Math.max(...sizes) + 1024;
if (fdsNeeded > hardFds) {
	process.stderr.write(
		`${fdsNeeded} descriptors needed in one process (GAME_ENTRY=${entry}), the hard limit is ${hardFds}: ` +
			'raise it, or use GAME_ENTRY=direct\n'
	);
	process.exit(1);
}
const childFds = Math.max(softFds, Math.min(hardFds, fdsNeeded));

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

function launch(script: string, env: Record<string, string>, flags: string[] = [], args: string[] = []): ChildProcess {
	const node = [process.execPath, ...flags, '--import', 'tsx', path.join(import.meta.dirname, script), ...args];
	const command = childFds > softFds ? ['/bin/sh', '-c', `ulimit -n ${childFds} && exec "$0" "$@"`, ...node] : node;
	const child = spawn(command[0], command.slice(1), {
		cwd: path.resolve(import.meta.dirname, '..'),
		env: { ...process.env, ...env },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
	return new Promise((resolve, reject) => {
		const onMessage = (message: { type: string }) => {
			if (message.type !== type) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			resolve(message as T);
		};
		const onExit = (code: number | null) => reject(new Error(`${type}: process exited with ${code}`));
		child.on('message', onMessage);
		child.once('exit', onExit);
	});
}

interface Ready extends LiveGame {
	url: string;
	rss: number;
}
interface Stats {
	/** CPU ms so far per process (or service) */
	cpu: Record<string, number>;
	rss: number;
	/** open sockets per app process, where the bench can see them */
	sockets?: number[];
}
interface Block {
	wallMs: number;
	cpuMs: number;
}
/** The server side of one game, whatever runs it. */
interface Target {
	hostUrl: string;
	playerUrl(worker: number): string;
	/** the node a client process lands on, when the bench chose it */
	nodeOf(worker: number): number | null;
	game: LiveGame;
	stats(): Promise<Stats>;
	/** the event loop's longest hold around a reveal (bench/live-game-server.ts only) */
	loopReset?(): Promise<void>;
	loop?(): Promise<Block>;
}
interface Idle {
	rss: number;
	heapUsed: number;
	gc: boolean;
}
interface GameInfo {
	gameId: string;
	correct: number[][];
	optionCounts: number[];
}
interface Report {
	sent: number;
	accepted: number;
	refused: Record<string, number>;
	results: [number, number[]][];
	packets: number;
	counts: number;
	disconnects: number;
	joinFailed: Record<string, number>;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '—' : `${v.toFixed(0)} ms`);

interface RunResult {
	topology: Topology;
	players: number;
	joined: number;
	naive: boolean;
	sent: number;
	accepted: number;
	refused: Record<string, number>;
	joinFailed: Record<string, number>;
	/** results received on the phones, and expected (players joined × questions) */
	received: number;
	expected: number;
	withinSecond: number;
	latency: { p50: number; p95: number; p99: number; max: number };
	/** CPU ms during the play (from the lobby full to the podium), per process, and its length */
	playCpu: Record<string, number>;
	playSeconds: number;
	cpuPerAnswerMs: number;
	packetsPerPlayerPerQuestion: number;
	disconnects: number;
	hostPacketMax: number;
	revealBlockMax: number;
	idle: Idle[];
}

/** The app's Socket.IO in bench/live-game-server.ts: the baseline, reveal blocks and memory at rest too. */
async function run(players: number, naive: boolean): Promise<RunResult> {
	const label = `${players} players${naive ? ', baseline (answer count to everyone on every answer)' : ''}`;
	process.stdout.write(`\n--- ${label} — load ${loadavg()[0].toFixed(2)}\n`);
	const server = launch(
		'live-game-server.ts',
		{ GAME_QUESTIONS: String(questions), GAME_LIMIT_MS: String(limitMs), GAME_NAIVE: naive ? 'on' : 'off' },
		['--expose-gc']
	);
	const ready = await next<Ready>(server, 'ready');
	const ask = async <T>(type: string, extra: Record<string, unknown> = {}): Promise<T> => {
		server.send({ type, ...extra });
		return next<T>(server, type);
	};
	const target = (game: LiveGame): Target => ({
		hostUrl: ready.url,
		playerUrl: () => ready.url,
		nodeOf: () => null,
		game,
		stats: async () => {
			const s = await ask<{ cpuMs: number; rss: number }>('stats');
			return { cpu: { server: s.cpuMs }, rss: s.rss };
		},
		loopReset: () => ask('loop-reset'),
		loop: () => ask<Block>('loop')
	});
	const idle: Idle[] = [await ask<Idle>('idle')];
	line('server at rest before any game (after gc)', `RSS ${mib(idle[0].rss)}, heap ${mib(idle[0].heapUsed)}`);
	let result: RunResult | null = null;
	for (let round = 0; round < repeat; round++) {
		const game: GameInfo = round === 0 ? ready : await ask<GameInfo>('new-game');
		if (repeat > 1) process.stdout.write(`game ${round + 1}/${repeat}\n`);
		result = await play('bench', target({ ...ready, ...game }), players, naive);
		idle.push(await ask<Idle>('idle', { gameId: game.gameId }));
		const at = idle.at(-1)!;
		line(
			'server at rest after it, game released (after gc)',
			`RSS ${mib(at.rss)}, heap ${mib(at.heapUsed)}${at.gc ? '' : ' (no gc: run node with --expose-gc)'}`
		);
	}
	server.kill('SIGTERM');
	await Promise.all([...children].map((c) => new Promise((resolve) => c.once('exit', resolve))));
	return { ...result!, idle };
}

/** The production build: one process on SQLite, or the nodes of a cluster (bench/live-game-nodes.ts). */
async function runOnNodes(topology: 'sqlite' | 'cluster', players: number): Promise<RunResult> {
	const nodes = await startNodes({
		topology,
		nodes: nodeCount,
		entry,
		port: basePort,
		questions,
		limitMs,
		launch: (script, args) => launch(script, {}, [], args)
	});
	process.stdout.write(`\n--- ${players} players, ${nodes.entry} — load ${loadavg()[0].toFixed(2)}\n`);
	try {
		return await play(
			topology,
			{ ...nodes, stats: async () => ({ cpu: nodes.cpuMs(), rss: nodes.rss(), sockets: nodes.sockets() }) },
			players,
			false
		);
	} finally {
		await nodes.close();
	}
}

async function play(topology: Topology, target: Target, players: number, naive: boolean): Promise<RunResult> {
	const { game } = target;
	const clients: ChildProcess[] = [];
	const onNode: number[] = [];
	const share = Math.ceil(players / workers);
	for (let w = 0; w < workers; w++) {
		const count = Math.min(share, players - w * share);
		if (count <= 0) break;
		const node = target.nodeOf(w);
		if (node !== null) onNode[node] = (onNode[node] ?? 0) + count;
		const client = launch('live-game-client.ts', {
			GAME_URL: target.playerUrl(w),
			GAME_ID: game.gameId,
			GAME_FIRST: String(w * share),
			GAME_PLAYERS: String(count),
			GAME_LIMIT_MS: String(limitMs),
			GAME_UNITS: JSON.stringify(game.unitIds),
			GAME_CORRECT: JSON.stringify(game.correct)
		});
		await next(client, 'ready');
		clients.push(client);
	}

	const host = io(target.hostUrl, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { cookie: game.hostCookie }
	});
	let view: GameHostView | null = null;
	let hostPacketMax = 0;
	// when the host's console first heard each question revealed (by the bench's command, or by the
	// question's own timer when the command came too late: a loaded machine)
	const revealSeen: number[] = [];
	host.on('game:host', (v: GameHostView) => {
		view = v;
		if (v.phase === 'reveal' && v.question && revealSeen[v.question.index] === undefined) {
			revealSeen[v.question.index] = wallNow();
		}
		hostPacketMax = Math.max(hostPacketMax, Buffer.byteLength(JSON.stringify(v)));
	});
	await new Promise<void>((resolve) => host.once('connect', () => resolve()));
	const watched = await new Promise<GameWatchReply>((resolve) =>
		host.emit('game:watch', { gameId: game.gameId, role: 'host' }, resolve)
	);
	if (!watched.ok) throw new Error(`host watch refused: ${watched.reason}`);
	const command = (c: string) =>
		new Promise<GameCommandReply>((resolve) => host.emit('game:command', { gameId: game.gameId, command: c }, resolve));

	const before = await target.stats();
	const joinStart = wallNow();
	for (const c of clients) c.send({ type: 'join' });
	await Promise.all(clients.map((c) => next(c, 'joined')));
	const joinMs = wallNow() - joinStart;
	const afterJoin = await target.stats();
	const playStart = wallNow();
	// the lobby's count on the host's console: every node's joins, as node A (the owner) has them
	const lobbyDeadline = wallNow() + 10_000;
	while (((view as GameHostView | null)?.players ?? 0) < players && wallNow() < lobbyDeadline) await sleep(50);
	const joined = (view as GameHostView | null)?.players ?? 0;
	line(
		'joined (on the host console)',
		`${joined} of ${players} in ${ms(joinMs)}; server RSS ${mib(before.rss)} → ${mib(afterJoin.rss)}`
	);
	if (onNode.length > 1) line('players per node (client processes placed by the bench)', onNode.join(' / '));
	if (afterJoin.sockets) line('open sockets per app process after the joins', afterJoin.sockets.join(' / '));

	const revealAt: number[] = [];
	/** questions the game's timer revealed before the bench's command */
	const closedByTimer: number[] = [];
	const revealBlocks: Block[] = [];
	const answeredAtReveal: number[] = [];
	for (let q = 0; q < questions; q++) {
		const reply = await command(q === 0 ? 'start' : 'next');
		if (!reply.ok) throw new Error(`command refused: ${reply.reason}`);
		const askedAt = wallNow();
		// reveal once everyone answered, or just before the time is up
		while (wallNow() - askedAt < limitMs - 200) {
			const v = view as GameHostView | null;
			if (v?.question?.index === q && v.answered >= joined) break;
			await sleep(20);
		}
		answeredAtReveal.push((view as GameHostView | null)?.answered ?? 0);
		await target.loopReset?.();
		revealAt[q] = wallNow();
		const revealed = await command('reveal');
		if (!revealed.ok) {
			// the question's timer closed it first (its deadline plus the latency allowance passed
			// before the command arrived): the results went out then, measured from when the host
			// heard the reveal (its packet leaves just before the players')
			if (revealed.reason !== 'illegal' || revealSeen[q] === undefined) {
				throw new Error(`reveal refused: ${revealed.reason}`);
			}
			revealAt[q] = revealSeen[q];
			closedByTimer.push(q + 1);
		}
		await sleep(1500);
		if (target.loop) revealBlocks.push(await target.loop());
		await command('leaderboard');
		await sleep(300);
	}
	await command('next');
	await sleep(1000);
	const end = await target.stats();
	const playSeconds = (wallNow() - playStart) / 1000;
	const reports = await Promise.all(
		clients.map((c) => {
			c.send({ type: 'report' });
			return next<Report>(c, 'report');
		})
	);
	host.disconnect();
	for (const c of clients) c.send({ type: 'stop' });
	await Promise.all(clients.map((c) => new Promise((resolve) => c.once('exit', resolve))));

	const sum = (pick: (r: Report) => Record<string, number>) => {
		const out: Record<string, number> = {};
		for (const r of reports) for (const [k, v] of Object.entries(pick(r))) out[k] = (out[k] ?? 0) + v;
		return out;
	};
	const sent = reports.reduce((a, r) => a + r.sent, 0);
	const accepted = reports.reduce((a, r) => a + r.accepted, 0);
	const refused = sum((r) => r.refused);
	const joinFailed = sum((r) => r.joinFailed ?? {});
	const all: number[] = [];
	for (let q = 0; q < questions; q++) {
		const got = reports.flatMap((r) => r.results.find(([i]) => i === q)?.[1] ?? []).map((t) => t - revealAt[q]);
		got.sort((a, b) => a - b);
		all.push(...got);
		line(
			`question ${q + 1}: answered at reveal ${answeredAtReveal[q]}/${joined}, results received`,
			`${got.length}/${joined}; p50 ${ms(percentile(got, 50))}, p95 ${ms(percentile(got, 95))}, max ${ms(got.at(-1) ?? NaN)}`
		);
	}
	if (closedByTimer.length) {
		line('revealed by the question timer, not the command (late)', `question ${closedByTimer.join(', ')}`);
	}
	all.sort((a, b) => a - b);
	const packets = reports.reduce((a, r) => a + r.packets + r.counts, 0);
	const disconnects = reports.reduce((a, r) => a + r.disconnects, 0);
	const playCpu: Record<string, number> = {};
	for (const [k, v] of Object.entries(end.cpu)) playCpu[k] = v - (afterJoin.cpu[k] ?? 0);
	const appCpu = Object.entries(playCpu)
		.filter(([k]) => k === 'server' || k === 'app process' || k.startsWith('node '))
		.reduce((a, [, v]) => a + v, 0);
	const joinCpu = Object.entries(afterJoin.cpu).map(([k, v]) => `${k} ${ms(v - (before.cpu[k] ?? 0))}`);
	const expected = joined * questions;
	const withinSecond = all.filter((t) => t <= 1000).length;
	line(
		'answers accepted / sent',
		`${accepted} / ${sent}${Object.keys(refused).length ? ` refused ${JSON.stringify(refused)}` : ''}`
	);
	if (Object.keys(joinFailed).length) line('joins that failed', JSON.stringify(joinFailed));
	line(
		'reveal → own result on the phone (all questions)',
		`p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, p99 ${ms(percentile(all, 99))}, max ${ms(all.at(-1) ?? NaN)}`
	);
	line('results received / within 1 s of the reveal', `${all.length} / ${withinSecond} of ${expected}`);
	line('CPU during the joins', joinCpu.join(', '));
	line(
		'CPU during the play (app per answer)',
		`${Object.entries(playCpu)
			.map(([k, v]) => `${k} ${ms(v)}`)
			.join(', ')} (${(appCpu / Math.max(1, accepted)).toFixed(2)} ms)`
	);
	line('server RSS: idle → joined → end', `${mib(before.rss)} → ${mib(afterJoin.rss)} → ${mib(end.rss)}`);
	line('packets to players per player per question', (packets / players / questions).toFixed(1));
	line('players disconnected during the game', String(disconnects));
	line('host console: largest packet', `${(hostPacketMax / 1024).toFixed(1)} kB`);
	if (revealBlocks.length) {
		line(
			'longest block around a reveal, CPU (wall) per question',
			revealBlocks.map((b) => `${ms(b.cpuMs)} (${ms(b.wallMs)})`).join(', ')
		);
	}
	return {
		topology,
		players,
		joined,
		naive,
		sent,
		accepted,
		refused,
		joinFailed,
		received: all.length,
		expected,
		withinSecond,
		latency: {
			p50: percentile(all, 50),
			p95: percentile(all, 95),
			p99: percentile(all, 99),
			max: all.at(-1) ?? NaN
		},
		playCpu,
		playSeconds,
		cpuPerAnswerMs: appCpu / Math.max(1, accepted),
		packetsPerPlayerPerQuestion: packets / players / questions,
		disconnects,
		hostPacketMax,
		revealBlockMax: revealBlocks.length ? Math.max(...revealBlocks.map((b) => b.cpuMs)) : NaN,
		idle: []
	};
}

process.stdout.write(
	`Live game: ${questions} questions of ${limitMs / 1000} s, ${workers} client processes, ` +
		`fd limit ${softFds}/${hardFds} (children ${childFds}), topologies ${topologies.join(', ')}\n`
);
const results: RunResult[] = [];
for (const [i, size] of sizes.entries()) {
	for (const topology of topologies) {
		if (topology !== 'bench') {
			results.push(await runOnNodes(topology, size));
			continue;
		}
		results.push(await run(size, false));
		if (i === 0 && baseline) results.push(await run(size, true));
	}
}

const app = results.find((r) => r.topology === 'bench' && !r.naive);
const naive = results.find((r) => r.naive);
if (app && naive) {
	process.stdout.write(`\n--- ratios at ${app.players} players, app / baseline\n`);
	line('reveal → result p95', `${(app.latency.p95 / naive.latency.p95).toFixed(2)}×`);
	line('server CPU per answer', `${(app.cpuPerAnswerMs / naive.cpuPerAnswerMs).toFixed(2)}×`);
	line(
		'packets per player per question',
		`${(app.packetsPerPlayerPerQuestion / naive.packetsPerPlayerPerQuestion).toFixed(3)}×`
	);
	line('answers lost (sent − accepted): app / baseline', `${app.sent - app.accepted} / ${naive.sent - naive.accepted}`);
}

// --- side by side: each size on each topology --------------------------------------------------------
const shown = results.filter((r) => !r.naive);
if (topologies.length > 1 || topologies[0] !== 'bench') {
	const heads = shown.map(
		(r) =>
			`${r.players}, ${r.topology === 'cluster' ? `${nodeCount} nodes PG+Redis` : r.topology === 'sqlite' ? '1 process SQLite' : 'bench server'}`
	);
	const pct = (v: number, seconds: number) => `${(v / 1000).toFixed(1)} s (${Math.round(v / 10 / seconds)} %)`;
	const rows: [string, ...string[]][] = [];
	const add = (label: string, value: (r: RunResult) => string) => rows.push([label, ...shown.map(value)]);
	add('players joined / asked', (r) => `${r.joined} / ${r.players}`);
	add('answers accepted / sent', (r) => `${r.accepted} / ${r.sent}`);
	add('results received / expected', (r) => `${r.received} / ${r.expected}`);
	add('results within 1 s of the reveal', (r) => `${((100 * r.withinSecond) / Math.max(1, r.expected)).toFixed(1)} %`);
	add('reveal → result p50 / p95', (r) => `${ms(r.latency.p50)} / ${ms(r.latency.p95)}`);
	add('reveal → result p99 / max', (r) => `${ms(r.latency.p99)} / ${ms(r.latency.max)}`);
	add('host console: largest packet', (r) => `${(r.hostPacketMax / 1024).toFixed(1)} kB`);
	const processes = [...new Set(shown.flatMap((r) => Object.keys(r.playCpu)))];
	for (const name of processes) {
		add(`play CPU: ${name}`, (r) => (name in r.playCpu ? pct(r.playCpu[name], r.playSeconds) : '—'));
	}
	add('app CPU per accepted answer', (r) => `${r.cpuPerAnswerMs.toFixed(2)} ms`);
	add(
		'errors: refused / failed joins / disconnects',
		(r) => `${r.sent - r.accepted} / ${Object.values(r.joinFailed).reduce((a, b) => a + b, 0)} / ${r.disconnects}`
	);
	const width = [46, ...heads.map(() => 28)];
	process.stdout.write(
		`\n=== side by side (same clients, same game) ===\n${['', ...heads].map((h, i) => h.padEnd(width[i])).join('')}\n`
	);
	for (const row of rows) process.stdout.write(`${row.map((c, i) => c.padEnd(width[i])).join('')}\n`);
	for (const r of shown) {
		for (const [what, n] of Object.entries({ ...r.refused, ...r.joinFailed })) {
			process.stdout.write(`  ${r.players}, ${r.topology}: ${n} × ${what}\n`);
		}
	}
	if (topologies.includes('cluster')) {
		process.stdout.write(
			'  (PostgreSQL and Redis: every process of that name on this machine, other users of them included)\n'
		);
	}
}
const clean = shown.every((r) => r.joined === r.players && r.accepted === r.sent && r.received === r.expected);
process.exit(clean ? 0 : 1);
