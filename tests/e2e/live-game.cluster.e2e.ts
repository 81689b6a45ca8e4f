import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { systemClock } from '../../src/lib/server/clock';
import type { AppContext } from '../../src/lib/server/context';
import { createDatabase, type Db } from '../../src/lib/server/db/database';
import { createAppEvents } from '../../src/lib/server/events';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame, createSignedInUser, type GameFixture, type SignedInUser } from '../helpers/live-game';
import { E2E_DATABASE_URL, E2E_PORT } from '../../playwright.config';

// A live game across two app nodes (the production build, `node scripts/server.js`) on one
// PostgreSQL database and one Redis: the host on node A, players on both nodes, every answer
// counted from the lobby to the podium; then a second game whose owner (node A) is killed with
// SIGKILL in the middle of a question: node B takes the game over within a few seconds, the players
// reconnect to B, and the answers A had acknowledged count exactly once.
//
// Runs in the `cluster` project only (playwright.config.ts: a PostgreSQL E2E_DATABASE_URL and a
// REDIS_URL), whose web server has built the app. No browser: Socket.IO clients, as the phones use.

const root = path.resolve(import.meta.dirname, '../..');
const PORT_A = E2E_PORT + 3;
const PORT_B = E2E_PORT + 4;
const PLAYERS_PER_NODE = 4;

interface Node {
	url: string;
	process: ChildProcess;
	exited: Promise<void>;
}

interface Player {
	name: string;
	socket: Socket;
	playerId: string;
	token: string;
	packets: GamePlayerPacket[];
}

let adminUrl: string;
let databaseName: string;
let databaseUrl: string;
let db: Db;
let ctx: AppContext;
let fixture: Fixture;
let host: SignedInUser;
const nodes: Node[] = [];
const sockets: Socket[] = [];
const redisPrefix = `live-owner-${randomBytes(4).toString('hex')}`;

async function waitFor<T>(
	check: () => T | undefined | null | false | Promise<T | undefined | null | false>
): Promise<T> {
	for (;;) {
		const value = await check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

async function startNode(port: number): Promise<Node> {
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			REDIS_URL: process.env.REDIS_URL,
			REDIS_PREFIX: redisPrefix,
			DEMO_DATA: 'off',
			NODE_ENV: 'production',
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d: Buffer) => process.stdout.write(`[node ${port}] ${d}`));
	child.stderr?.on('data', (d: Buffer) => process.stdout.write(`[node ${port}] ${d}`));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const url = `http://127.0.0.1:${port}`;
	await waitFor(async () => {
		if (child.exitCode !== null) throw new Error(`node on ${port} exited with ${child.exitCode}`);
		try {
			return (await fetch(`${url}/healthz`)).ok;
		} catch {
			return false;
		}
	});
	const node = { url, process: child, exited };
	nodes.push(node);
	return node;
}

function client(node: Node, cookie?: string): Socket {
	const socket = connect(node.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	sockets.push(socket);
	return socket;
}

function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}

/** Asks again while the answer is "unavailable" (no node runs the game for a moment). */
async function askUntilServed<T extends { ok: boolean; reason?: string }>(
	socket: Socket,
	event: string,
	payload: unknown
): Promise<T> {
	for (;;) {
		const reply = await ask<T>(socket, event, payload);
		if (reply.ok || reply.reason !== 'unavailable') return reply;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function join(node: Node, game: GameFixture, name: string): Promise<Player> {
	const socket = client(node);
	const packets: GamePlayerPacket[] = [];
	socket.on('game:player', (p: GamePlayerPacket) => packets.push(p));
	const reply = await ask<GameJoinReply>(socket, 'game:join', {
		gameId: game.gameId,
		nickname: name,
		unitId: fixture.unitIds[1]
	});
	if (!reply.ok) throw new Error(`join ${name} on ${node.url}: ${reply.reason}`);
	return { name, socket, playerId: reply.playerId, token: reply.token, packets };
}

interface Host {
	socket: Socket;
	views: GameHostView[];
}

async function watchAsHost(node: Node, game: GameFixture): Promise<Host> {
	const socket = client(node, host.cookie);
	const views: GameHostView[] = [];
	socket.on('game:host', (v: GameHostView) => views.push(v));
	const reply = await askUntilServed<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role: 'host' });
	expect(reply.ok).toBe(true);
	if (reply.ok) views.push(reply.view as GameHostView);
	return { socket, views };
}

async function command(h: Host, game: GameFixture, name: string): Promise<void> {
	const reply = await askUntilServed<GameCommandReply>(h.socket, 'game:command', {
		gameId: game.gameId,
		command: name
	});
	expect(reply, `command ${name}`).toEqual({ ok: true });
}

/** The i-th player's choice for a question: right for even players, wrong for odd ones. */
function choiceOf(game: GameFixture, position: number, i: number): number[] {
	const correct = game.correct[position];
	return i % 2 === 0 ? correct : [(correct[0] + 1) % game.optionCounts[position]];
}

async function answer(p: Player, game: GameFixture, position: number, choice: number[]): Promise<GameAnswerReply> {
	return askUntilServed<GameAnswerReply>(p.socket, 'game:answer', { gameId: game.gameId, position, choice });
}

/** Each player's stored answers and totals: what the podium rests on. */
async function stored(gameId: string) {
	const players = await db
		.selectFrom('live_game_player')
		.select(['id', 'nickname', 'score', 'correct_count'])
		.where('game_id', '=', gameId)
		.execute();
	const answers = await db
		.selectFrom('live_game_answer')
		.select(['player_id', 'position', 'points', 'correct'])
		.where('game_id', '=', gameId)
		.execute();
	return players.map((p) => {
		const own = answers.filter((a) => a.player_id === p.id);
		return {
			name: p.nickname,
			score: p.score,
			correctCount: p.correct_count,
			answers: own.length,
			positions: own.map((a) => a.position).sort(),
			points: own.reduce((sum, a) => sum + a.points, 0),
			correct: own.filter((a) => a.correct === 1).length
		};
	});
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	test.setTimeout(120_000);
	const server = new URL(E2E_DATABASE_URL);
	server.pathname = '/test';
	adminUrl = server.toString();
	databaseName = `liveowner_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: adminUrl });
	await admin.connect();
	await admin.query(`create database ${databaseName}`);
	await admin.end();
	server.pathname = `/${databaseName}`;
	databaseUrl = server.toString();
	// node A migrates the new database as it starts; B starts on a migrated one
	const a = await startNode(PORT_A);
	await startNode(PORT_B);
	expect(a.url).toContain(String(PORT_A));
	db = createDatabase(databaseUrl, { poolSize: 2 });
	ctx = { db, clock: systemClock, events: createAppEvents() };
	const now = Date.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx);
});

test.afterAll(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	for (const node of nodes) {
		if (node.process.exitCode === null && node.process.signalCode === null) node.process.kill('SIGTERM');
	}
	await Promise.all(nodes.map((n) => n.exited));
	await db?.destroy();
	if (databaseName) {
		const admin = new pg.Client({ connectionString: adminUrl });
		await admin.connect();
		await admin.query(`drop database if exists ${databaseName} with (force)`);
		await admin.end();
	}
});

test('a game with the host on node A and players on both runs from the lobby to the podium, every answer counted', async () => {
	test.setTimeout(120_000);
	const [a, b] = nodes;
	const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: 60_000 });
	const h = await watchAsHost(a, game);
	const players: Player[] = [];
	for (let i = 0; i < PLAYERS_PER_NODE; i++) {
		players.push(await join(a, game, `Người A${i}`));
		players.push(await join(b, game, `Người B${i}`));
	}
	// the lobby on the host's console (node A) counts the players who joined through node B too
	await waitFor(() => h.views.some((v) => v.phase === 'lobby' && v.players === players.length));

	await command(h, game, 'start');
	for (let position = 0; position < 3; position++) {
		if (position > 0) await command(h, game, 'next');
		// every phone, on either node, hears the question
		await waitFor(() =>
			players.every((p) => p.packets.some((k) => k.view.phase === 'question' && k.view.question?.index === position))
		);
		const replies = await Promise.all(players.map((p, i) => answer(p, game, position, choiceOf(game, position, i))));
		for (const r of replies) expect(r.ok).toBe(true);
		await command(h, game, 'reveal');
		await waitFor(() =>
			h.views.some((v) => v.phase === 'reveal' && v.question?.index === position && v.answered === players.length)
		);
		// each phone gets its own result, wherever it is connected
		await waitFor(() =>
			players.every((p) =>
				p.packets.some(
					(k) => k.view.phase === 'reveal' && k.view.question?.index === position && k.me?.result?.answered
				)
			)
		);
	}
	await command(h, game, 'end');
	await waitFor(() => players.every((p) => p.packets.some((k) => k.view.phase === 'podium')));

	const rows = await stored(game.gameId);
	expect(rows).toHaveLength(players.length);
	for (const row of rows) {
		expect(row.answers, row.name).toBe(3);
		expect(row.score, row.name).toBe(row.points);
		expect(row.correctCount, row.name).toBe(row.correct);
	}
	// the right half answered right every time, the other half never
	expect(rows.filter((r) => r.correctCount === 3)).toHaveLength(players.length / 2);
	expect(rows.filter((r) => r.correctCount === 0)).toHaveLength(players.length / 2);
});

test('killing the node that runs a game mid-question: node B resumes it, acknowledged answers count once', async () => {
	test.setTimeout(120_000);
	const [a, b] = nodes;
	const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 120_000 });
	// the host's console opens the game on node A first: A runs it
	const h = await watchAsHost(a, game);
	const onA: Player[] = [];
	const onB: Player[] = [];
	for (let i = 0; i < PLAYERS_PER_NODE; i++) {
		onA.push(await join(a, game, `Người A${i}`));
		onB.push(await join(b, game, `Người B${i}`));
	}
	const players = [...onA, ...onB];
	await command(h, game, 'start');
	await waitFor(() => players.every((p) => p.packets.some((k) => k.view.phase === 'question')));
	const owner = await db.selectFrom('live_game').select('owner_node').where('id', '=', game.gameId).executeTakeFirst();
	expect(owner?.owner_node).toBeTruthy();

	// half the players (some on each node) answer question 1 and A acknowledges them
	const early = players.filter((_, i) => i % 2 === 0);
	const late = players.filter((_, i) => i % 2 === 1);
	for (const p of early) expect((await answer(p, game, 0, choiceOf(game, 0, players.indexOf(p)))).ok).toBe(true);

	a.process.kill('SIGKILL');
	await a.exited;
	const killedAt = Date.now();

	// the phones that were on A come back through B with the token they kept; so does the host
	for (const p of onA) {
		p.socket.disconnect();
		const socket = client(b);
		socket.on('game:player', (k: GamePlayerPacket) => p.packets.push(k));
		const reply = await askUntilServed<GameJoinReply>(socket, 'game:rejoin', { gameId: game.gameId, token: p.token });
		expect(reply.ok, p.name).toBe(true);
		if (reply.ok) expect(reply.playerId).toBe(p.playerId);
		p.socket = socket;
	}
	h.socket.disconnect();
	const h2 = await watchAsHost(b, game);
	// a figure for the report, not an assertion: how long the game had no node
	test
		.info()
		.annotations.push({ type: 'resumed on node B after the kill', description: `${Date.now() - killedAt} ms` });
	// node B runs the game now, still on question 1 with the early answers in
	const resumed = h2.views.at(-1)!;
	expect(resumed.phase).toBe('question');
	expect(resumed.question?.index).toBe(0);
	expect(resumed.answered).toBe(early.length);
	const row = await db.selectFrom('live_game').select('owner_node').where('id', '=', game.gameId).executeTakeFirst();
	expect(row?.owner_node).not.toBe(owner?.owner_node);

	// a phone that resends its acknowledged answer is told it is already in; the others answer now
	for (const p of early) {
		expect(await answer(p, game, 0, choiceOf(game, 0, players.indexOf(p)))).toEqual({ ok: false, reason: 'duplicate' });
	}
	for (const p of late) expect((await answer(p, game, 0, choiceOf(game, 0, players.indexOf(p)))).ok).toBe(true);
	await command(h2, game, 'reveal');
	await waitFor(() =>
		players.every((p) => p.packets.some((k) => k.view.phase === 'reveal' && k.me?.result?.answered === true))
	);
	await command(h2, game, 'next');
	for (const p of players) expect((await answer(p, game, 1, choiceOf(game, 1, players.indexOf(p)))).ok).toBe(true);
	await command(h2, game, 'reveal');
	await command(h2, game, 'end');
	await waitFor(() => players.every((p) => p.packets.some((k) => k.view.phase === 'podium')));

	const rows = await stored(game.gameId);
	expect(rows).toHaveLength(players.length);
	for (const r of rows) {
		// one answer a question, each counted once in the totals
		expect(r.positions, r.name).toEqual([0, 1]);
		expect(r.score, r.name).toBe(r.points);
		expect(r.correctCount, r.name).toBe(r.correct);
	}
});
