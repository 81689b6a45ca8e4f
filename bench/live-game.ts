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
// Run: npx tsx bench/live-game.ts
// Settings: GAME_SIZES=1000,2000,4000  GAME_QUESTIONS=5  GAME_LIMIT_MS=10000  GAME_WORKERS=2
//           GAME_BASELINE=off (skip the baseline)  GAME_REPEAT=1 (games in a row per server)
//           GAME_SLICE=500 (players per slice of a reveal's packets and score writes)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { io } from 'socket.io-client';
import type { GameCommandReply, GameHostView, GameWatchReply } from '../src/lib/schemas/game-socket';
import { wallNow } from './live-protocol';
import { line, percentile } from './support';

const sizes = (process.env.GAME_SIZES ?? '1000,2000,4000').split(',').map(Number);
const questions = Number(process.env.GAME_QUESTIONS ?? 5);
const limitMs = Number(process.env.GAME_LIMIT_MS ?? 10_000);
const workers = Number(process.env.GAME_WORKERS ?? 2);
const baseline = process.env.GAME_BASELINE !== 'off';
const repeat = Math.max(1, Number(process.env.GAME_REPEAT ?? 1));

const limit = (flag: string): number => {
	const out = execFileSync('/bin/sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
	return out === 'unlimited' ? Infinity : Number(out);
};
const [softFds, hardFds] = [limit('-n'), limit('-Hn')];
const childFds = Math.max(softFds, Math.min(hardFds, Math.max(...sizes) + 1024));

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});

function launch(script: string, env: Record<string, string>, flags: string[] = []): ChildProcess {
	const node = [process.execPath, ...flags, '--import', 'tsx', path.join(import.meta.dirname, script)];
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

interface Ready {
	url: string;
	gameId: string;
	hostCookie: string;
	correct: number[][];
	optionCounts: number[];
	unitIds: string[];
	rss: number;
}
interface Stats {
	cpuMs: number;
	rss: number;
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
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const ms = (v: number) => `${v.toFixed(0)} ms`;

interface RunResult {
	players: number;
	naive: boolean;
	sent: number;
	accepted: number;
	latency: { p50: number; p95: number; max: number };
	cpuPerAnswerMs: number;
	packetsPerPlayerPerQuestion: number;
	disconnects: number;
	hostPacketMax: number;
	revealBlockMax: number;
	idle: Idle[];
}

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
	const stats = () => ask<Stats>('stats');
	const idle: Idle[] = [await ask<Idle>('idle')];
	line('server at rest before any game (after gc)', `RSS ${mib(idle[0].rss)}, heap ${mib(idle[0].heapUsed)}`);
	let result: RunResult | null = null;
	for (let round = 0; round < repeat; round++) {
		const game: GameInfo = round === 0 ? ready : await ask<GameInfo>('new-game');
		if (repeat > 1) process.stdout.write(`game ${round + 1}/${repeat}\n`);
		result = await play(server, { ...ready, ...game }, players, naive, stats, ask);
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

async function play(
	server: ChildProcess,
	ready: Ready,
	players: number,
	naive: boolean,
	stats: () => Promise<Stats>,
	ask: <T>(type: string, extra?: Record<string, unknown>) => Promise<T>
): Promise<RunResult> {
	const clients: ChildProcess[] = [];
	const share = Math.ceil(players / workers);
	for (let w = 0; w < workers; w++) {
		const count = Math.min(share, players - w * share);
		if (count <= 0) break;
		const client = launch('live-game-client.ts', {
			GAME_URL: ready.url,
			GAME_ID: ready.gameId,
			GAME_FIRST: String(w * share),
			GAME_PLAYERS: String(count),
			GAME_LIMIT_MS: String(limitMs),
			GAME_UNITS: JSON.stringify(ready.unitIds),
			GAME_CORRECT: JSON.stringify(ready.correct)
		});
		await next(client, 'ready');
		clients.push(client);
	}

	const host = io(ready.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { cookie: ready.hostCookie }
	});
	let view: GameHostView | null = null;
	let hostPacketMax = 0;
	host.on('game:host', (v: GameHostView) => {
		view = v;
		hostPacketMax = Math.max(hostPacketMax, Buffer.byteLength(JSON.stringify(v)));
	});
	await new Promise<void>((resolve) => host.once('connect', () => resolve()));
	const watched = await new Promise<GameWatchReply>((resolve) =>
		host.emit('game:watch', { gameId: ready.gameId, role: 'host' }, resolve)
	);
	if (!watched.ok) throw new Error(`host watch refused: ${watched.reason}`);
	const command = (c: string) =>
		new Promise<GameCommandReply>((resolve) =>
			host.emit('game:command', { gameId: ready.gameId, command: c }, resolve)
		);

	const before = await stats();
	const joinStart = wallNow();
	for (const c of clients) c.send({ type: 'join' });
	await Promise.all(clients.map((c) => next(c, 'joined')));
	const joinMs = wallNow() - joinStart;
	const afterJoin = await stats();
	line('joined', `${players} in ${ms(joinMs)}; server RSS ${mib(before.rss)} → ${mib(afterJoin.rss)}`);

	const revealAt: number[] = [];
	const revealBlocks: { wallMs: number; cpuMs: number }[] = [];
	const answeredAtReveal: number[] = [];
	for (let q = 0; q < questions; q++) {
		const reply = await command(q === 0 ? 'start' : 'next');
		if (!reply.ok) throw new Error(`command refused: ${reply.reason}`);
		const askedAt = wallNow();
		// reveal once everyone answered, or just before the time is up
		while (wallNow() - askedAt < limitMs - 200) {
			const v = view as GameHostView | null;
			if (v?.question?.index === q && v.answered >= players) break;
			await sleep(20);
		}
		answeredAtReveal.push((view as GameHostView | null)?.answered ?? 0);
		await ask('loop-reset');
		revealAt[q] = wallNow();
		const revealed = await command('reveal');
		if (!revealed.ok) throw new Error(`reveal refused: ${revealed.reason}`);
		await sleep(1500);
		revealBlocks.push(await ask<{ wallMs: number; cpuMs: number }>('loop'));
		await command('leaderboard');
		await sleep(300);
	}
	await command('next');
	await sleep(1000);
	const end = await stats();
	const reports = await Promise.all(
		clients.map((c) => {
			c.send({ type: 'report' });
			return next<Report>(c, 'report');
		})
	);
	host.disconnect();
	for (const c of clients) c.send({ type: 'stop' });
	await Promise.all(clients.map((c) => new Promise((resolve) => c.once('exit', resolve))));

	const sent = reports.reduce((a, r) => a + r.sent, 0);
	const accepted = reports.reduce((a, r) => a + r.accepted, 0);
	const refused: Record<string, number> = {};
	for (const r of reports) for (const [k, v] of Object.entries(r.refused)) refused[k] = (refused[k] ?? 0) + v;
	const all: number[] = [];
	for (let q = 0; q < questions; q++) {
		const got = reports.flatMap((r) => r.results.find(([i]) => i === q)?.[1] ?? []).map((t) => t - revealAt[q]);
		got.sort((a, b) => a - b);
		all.push(...got);
		line(
			`question ${q + 1}: answered at reveal ${answeredAtReveal[q]}/${players}, results received`,
			`${got.length}/${players}; p50 ${ms(percentile(got, 50))}, p95 ${ms(percentile(got, 95))}, max ${ms(got.at(-1) ?? NaN)}`
		);
	}
	all.sort((a, b) => a - b);
	const packets = reports.reduce((a, r) => a + r.packets + r.counts, 0);
	const disconnects = reports.reduce((a, r) => a + r.disconnects, 0);
	const playCpu = end.cpuMs - afterJoin.cpuMs;
	line(
		'answers accepted / sent',
		`${accepted} / ${sent}${Object.keys(refused).length ? ` refused ${JSON.stringify(refused)}` : ''}`
	);
	line(
		'reveal → own result on the phone (all questions)',
		`p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, max ${ms(all.at(-1) ?? NaN)}`
	);
	line(
		'server CPU: joins / play (per answer)',
		`${ms(afterJoin.cpuMs - before.cpuMs)} / ${ms(playCpu)} (${(playCpu / Math.max(1, accepted)).toFixed(2)} ms)`
	);
	line('server RSS: idle → joined → end', `${mib(before.rss)} → ${mib(afterJoin.rss)} → ${mib(end.rss)}`);
	line('packets to players per player per question', (packets / players / questions).toFixed(1));
	line('players disconnected during the game', String(disconnects));
	line('host console: largest packet', `${(hostPacketMax / 1024).toFixed(1)} kB`);
	line(
		'longest block around a reveal, CPU (wall) per question',
		revealBlocks.map((b) => `${ms(b.cpuMs)} (${ms(b.wallMs)})`).join(', ')
	);
	return {
		players,
		naive,
		sent,
		accepted,
		latency: { p50: percentile(all, 50), p95: percentile(all, 95), max: all.at(-1) ?? NaN },
		cpuPerAnswerMs: playCpu / Math.max(1, accepted),
		packetsPerPlayerPerQuestion: packets / players / questions,
		disconnects,
		hostPacketMax,
		revealBlockMax: Math.max(...revealBlocks.map((b) => b.cpuMs)),
		idle: []
	};
}

process.stdout.write(
	`Live game: ${questions} questions of ${limitMs / 1000} s, ${workers} client processes, ` +
		`fd limit ${softFds}/${hardFds} (children ${childFds})\n`
);
const results: RunResult[] = [];
results.push(await run(sizes[0], false));
if (baseline) results.push(await run(sizes[0], true));
for (const size of sizes.slice(1)) results.push(await run(size, false));

const app = results[0];
const naive = results.find((r) => r.naive);
if (naive) {
	process.stdout.write(`\n--- ratios at ${app.players} players, app / baseline\n`);
	line('reveal → result p95', `${(app.latency.p95 / naive.latency.p95).toFixed(2)}×`);
	line('server CPU per answer', `${(app.cpuPerAnswerMs / naive.cpuPerAnswerMs).toFixed(2)}×`);
	line(
		'packets per player per question',
		`${(app.packetsPerPlayerPerQuestion / naive.packetsPerPlayerPerQuestion).toFixed(3)}×`
	);
	line('answers lost (sent − accepted): app / baseline', `${app.sent - app.accepted} / ${naive.sent - naive.accepted}`);
}
process.exit(0);
