// The server process of bench/live-game.ts, alone so that its CPU and memory are its own: a fresh
// SQLite file, a fixture contest and one lobby game, the app's Socket.IO (live games included) on
// loopback. Sends {url, gameId, hostCookie, correct, optionCounts, unitIds} over IPC when it
// listens; answers 'stats' with its CPU and memory. GAME_NAIVE=on makes it the baseline: on every
// accepted answer the answer count goes to the whole players' room — the N² pattern DESIGN.md §5
// warns about — added here around the real runtime, not in the app.
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../src/lib/server/context';
import { gameRooms } from '../src/lib/schemas/game-socket';
import { createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createFixtureGame, createSignedInUser, startGameServer } from '../tests/helpers/live-game';
import { createBenchContext } from './support';

const questions = Number(process.env.GAME_QUESTIONS ?? 5);
const limitMs = Number(process.env.GAME_LIMIT_MS ?? 10_000);
const naive = process.env.GAME_NAIVE === 'on';

const bench = await createBenchContext(Date.now());
const ctx: AppContext = { db: bench.db, events: bench.events, clock: { now: () => Date.now() } };
const now = Date.now();
const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 600 * MINUTE });
const host = await createSignedInUser(ctx);
// GAME_TYPED=2,4: those questions (1-based) are short typed answers, compared on the server
const typedAt = (process.env.GAME_TYPED ?? '')
	.split(',')
	.filter(Boolean)
	.map((n) => Number(n) - 1);
const game = await createFixtureGame(ctx, fixture, host.userId, {
	questions,
	timeLimitMs: limitMs,
	joinMode: 'nickname',
	typedAt
});
// GAME_SLICE: players per slice of a reveal's work (the app's default without it; a huge value
// sends a reveal in one block, as before slicing)
const slice = process.env.GAME_SLICE ? Number(process.env.GAME_SLICE) : undefined;
// every bench player joins from this machine's address: no join limit
const server = await startGameServer(ctx, {
	gameFlushMs: 250,
	intervalMs: 250,
	gameSliceSize: slice,
	gameJoinsPerMinute: 0
});

if (naive) {
	const games = server.io.games;
	const answer = games.answer.bind(games);
	let answered = 0;
	let position = -1;
	games.answer = async (playerId, payload) => {
		const reply = await answer(playerId, payload);
		if (reply.ok) {
			if (payload.position !== position) [position, answered] = [payload.position, 0];
			answered++;
			(server.io.to(gameRooms.players(game.gameId)) as unknown as { emit(event: string, payload: unknown): void }).emit(
				'game:count',
				{ answered }
			);
		}
		return reply;
	};
}

// The longest the event loop was held (a reveal's synchronous work), since the last 'loop-reset':
// a 5 ms timer notes the wall time and the process's CPU time between its runs. The wall gap
// includes waiting for a core on a busy machine; the CPU time is the work done in one go.
const loop = { wallMs: 0, cpuMs: 0 };
let lastWall = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
	const wall = performance.now();
	const cpu = process.cpuUsage(lastCpu);
	loop.wallMs = Math.max(loop.wallMs, wall - lastWall - 5);
	loop.cpuMs = Math.max(loop.cpuMs, (cpu.user + cpu.system) / 1000);
	lastWall = wall;
	lastCpu = process.cpuUsage();
}, 5).unref();
const gc = (globalThis as { gc?: () => void }).gc;

const cpuStart = process.cpuUsage();
process.on('message', (message: { type: string; gameId?: string }) => {
	if (message.type === 'stats') {
		const cpu = process.cpuUsage(cpuStart);
		process.send!({ type: 'stats', cpuMs: (cpu.user + cpu.system) / 1000, rss: process.memoryUsage().rss });
	} else if (message.type === 'loop-reset') {
		loop.wallMs = loop.cpuMs = 0;
		process.send!({ type: 'loop-reset' });
	} else if (message.type === 'loop') {
		process.send!({ type: 'loop', ...loop });
	} else if (message.type === 'new-game') {
		void createFixtureGame(ctx, fixture, host.userId, {
			questions,
			timeLimitMs: limitMs,
			joinMode: 'nickname',
			typedAt
		}).then((g) =>
			process.send!({ type: 'new-game', gameId: g.gameId, correct: g.correct, optionCounts: g.optionCounts })
		);
	} else if (message.type === 'idle') {
		// once the finished game has left memory: the process at rest, after a full collection
		void (async () => {
			while (message.gameId && server.io.games.isHeld(message.gameId)) await new Promise((r) => setTimeout(r, 50));
			await new Promise((r) => setTimeout(r, 200));
			gc?.();
			gc?.();
			const m = process.memoryUsage();
			process.send!({ type: 'idle', rss: m.rss, heapUsed: m.heapUsed, gc: gc !== undefined });
		})();
	}
});
process.on('SIGTERM', () => {
	void server.close().finally(() => {
		rmSync(path.dirname(bench.file), { recursive: true, force: true });
		process.exit(0);
	});
});
process.send!({
	type: 'ready',
	url: server.url,
	gameId: game.gameId,
	hostCookie: host.cookie,
	correct: game.correct,
	optionCounts: game.optionCounts,
	unitIds: fixture.unitIds,
	rss: process.memoryUsage().rss
});
