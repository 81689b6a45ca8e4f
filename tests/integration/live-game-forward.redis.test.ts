import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameJoinReply,
	GamePlayerPacket,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { createCluster, type Cluster } from '../../src/lib/server/cluster/redis';
import { log } from '../../src/lib/server/logger';
import { guardPublish } from '../../src/lib/server/realtime/attach';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Two app nodes in one process, each its own Socket.IO server on its own port, joined by the Redis
// adapter over a real Redis (REDIS_URL: the PostgreSQL + Redis pass, or any pass with REDIS_URL)
// and sharing the pass's database. The host's console is on node A, so A owns the game; the players
// are on node B, so their joins and answers are forwarded to A in batches (attach.ts gamePeers), and
// their results come back from A in batches (game:deliver). At 10,000 players one message per
// answer starved the owner (issue 13).

const url = process.env.REDIS_URL ?? '';
let ctx: TestContext;
let fixture: Fixture;
let host: SignedInUser;
const clusters: Cluster[] = [];
const servers: GameServer[] = [];
const sockets: Socket[] = [];
const redisClients: Redis[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx);
});

afterEach(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	await Promise.all(servers.splice(0).map((s) => s.close()));
	await Promise.all(clusters.splice(0).map((c) => c.close()));
	for (const r of redisClients.splice(0)) r.disconnect();
	vi.restoreAllMocks();
	await ctx.dispose();
});

async function until(check: () => boolean | Promise<boolean>): Promise<void> {
	while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 10));
}

function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}

function client(server: GameServer, cookie?: string): Socket {
	const socket = connect(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	sockets.push(socket);
	return socket;
}

/** Nodes A and B on a prefix of their own, once each hears the other's adapter. */
async function twoNodes(): Promise<[GameServer, GameServer]> {
	const prefix = `${process.env.REDIS_PREFIX ?? 'test'}-forward-${randomBytes(4).toString('hex')}`;
	const nodes: GameServer[] = [];
	for (const name of ['a', 'b']) {
		const cluster = createCluster(url, prefix, `node-${name}-${randomBytes(3).toString('hex')}`);
		clusters.push(cluster);
		const server = await startGameServer(ctx, { cluster, gameAllowance: () => 40 });
		servers.push(server);
		nodes.push(server);
	}
	const probe = clusters[0].redis;
	await until(async () => {
		const reply = (await probe.call('PUBSUB', 'NUMSUB', `${prefix}:socket.io-request#/#`)) as [string, number];
		return Number(reply[1]) >= 2;
	});
	return [nodes[0], nodes[1]];
}

it('forwards the answers of players on another node to the owner in batches, each acknowledged once, and brings their results back', async () => {
	const [a, b] = await twoNodes();
	const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1, timeLimitMs: 60_000 });
	const hostSocket = client(a, host.cookie);
	expect((await ask<GameWatchReply>(hostSocket, 'game:watch', { gameId: game.gameId, role: 'host' })).ok).toBe(true);
	const command = (c: string) => ask<GameCommandReply>(hostSocket, 'game:command', { gameId: game.gameId, command: c });

	// players on node B, joining all at once (forwarded in batches too)
	const count = 40;
	const players = await Promise.all(
		Array.from({ length: count }, async (_, i) => {
			const socket = client(b);
			const packets: GamePlayerPacket[] = [];
			socket.on('game:player', (p: GamePlayerPacket) => packets.push(p));
			const joined = await ask<GameJoinReply>(socket, 'game:join', {
				gameId: game.gameId,
				nickname: `Người chơi ${i}`,
				unitId: fixture.unitIds[i % 2]
			});
			if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
			return { socket, packets, playerId: joined.playerId, acks: [] as GameAnswerReply[] };
		})
	);
	const owner = await ctx.db
		.selectFrom('live_game')
		.select('owner_node')
		.where('id', '=', game.gameId)
		.executeTakeFirst();
	expect(owner?.owner_node).toBe(clusters[0].nodeId);
	expect(await command('start')).toEqual({ ok: true });
	await until(() => players.every((p) => p.packets.at(-1)?.view.phase === 'question'));

	// every player answers at once, and the first one a second time
	const answer = (p: (typeof players)[number]) =>
		new Promise<void>((resolve) =>
			p.socket.emit(
				'game:answer',
				{ gameId: game.gameId, position: 0, choice: game.correct[0] },
				(r: GameAnswerReply) => {
					p.acks.push(r);
					resolve();
				}
			)
		);
	await Promise.all([...players.map(answer), answer(players[0])]);

	// one acknowledgement per answer sent, every first answer accepted, the second one refused
	expect(players.slice(1).map((p) => p.acks.length)).toEqual(Array(count - 1).fill(1));
	expect(players.slice(1).every((p) => p.acks[0].ok)).toBe(true);
	expect(players[0].acks).toHaveLength(2);
	expect(players[0].acks.filter((r) => r.ok)).toHaveLength(1);
	const stored = await ctx.db
		.selectFrom('live_game_answer')
		.select('player_id')
		.where('game_id', '=', game.gameId)
		.execute();
	expect(stored.map((r) => r.player_id).sort()).toEqual(players.map((p) => p.playerId).sort());

	// the results, from the owner to node B's sockets
	expect(await command('reveal')).toEqual({ ok: true });
	await until(() => players.every((p) => p.packets.at(-1)?.view.phase === 'reveal'));
	for (const p of players) {
		const last = p.packets.at(-1)!;
		expect(last.me).toMatchObject({ playerId: p.playerId, result: { correct: true, answered: true } });
		expect(last.me!.score).toBeGreaterThan(0);
	}
});

it('does not end the process when the adapter publishes on a Redis connection that was closed', async () => {
	const unhandled: unknown[] = [];
	const onUnhandled = (reason: unknown) => unhandled.push(reason);
	process.on('unhandledRejection', onUnhandled);
	try {
		const client = guardPublish(new Redis(url, { maxRetriesPerRequest: null }));
		redisClients.push(client);
		client.on('error', () => {});
		await client.ping();
		client.disconnect();
		await until(() => client.status === 'end');
		const warn = vi.spyOn(log, 'warn');
		// as the adapter publishes: the reply never looked at, nobody to catch a failure
		void client.publish('nowhere', 'lost');
		// the publish failed (the guard says so) ...
		await until(() => warn.mock.calls.some(([message]) => String(message).includes('lost')));
		// ... and nothing was left unhandled: node reports that once the microtasks have run
		await new Promise((resolve) => setImmediate(resolve));
		await new Promise((resolve) => setImmediate(resolve));
		expect(unhandled).toEqual([]);
	} finally {
		process.off('unhandledRejection', onUnhandled);
	}
});

it('runs the door, removals and extra time sent through another node on the owner', async () => {
	const [a, b] = await twoNodes();
	const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1, timeLimitMs: 60_000 });
	// the console on A makes A the owner; a second console tab on B sends the host's actions
	const onA = client(a, host.cookie);
	expect((await ask<GameWatchReply>(onA, 'game:watch', { gameId: game.gameId, role: 'host' })).ok).toBe(true);
	const onB = client(b, host.cookie);
	const send = (event: string, payload: Record<string, unknown>) =>
		ask<GameCommandReply>(onB, event, { gameId: game.gameId, ...payload });
	const join = (nickname: string) =>
		ask<GameJoinReply>(client(b), 'game:join', { gameId: game.gameId, nickname, unitId: fixture.unitIds[0] });

	const first = await join('Người Một');
	const second = await join('Người Hai');
	if (!first.ok || !second.ok) throw new Error('join refused');
	expect(await send('game:door', { locked: true })).toEqual({ ok: true });
	expect(await join('Người Ba')).toEqual({ ok: false, reason: 'locked' });
	expect(await send('game:remove-many', { playerIds: [first.playerId, second.playerId] })).toEqual({ ok: true });
	expect(await send('game:door', { locked: false })).toEqual({ ok: true });
	expect(await send('game:command', { command: 'start' })).toEqual({ ok: true });
	const started = await ctx.db
		.selectFrom('live_game')
		.selectAll()
		.where('id', '=', game.gameId)
		.executeTakeFirstOrThrow();
	expect(await send('game:extend', { ms: 10_000 })).toEqual({ ok: true });
	const row = await ctx.db.selectFrom('live_game').selectAll().where('id', '=', game.gameId).executeTakeFirstOrThrow();
	expect(row).toMatchObject({ deadline_at: started.deadline_at! + 10_000, question_extra_ms: 10_000, locked: 0 });
	expect(await a.io.games.timerDue(game.gameId)).not.toBeNull();
	expect(b.io.games.isHeld(game.gameId)).toBe(false);
	const removed = await ctx.db
		.selectFrom('live_game_player')
		.select('removed_at')
		.where('id', 'in', [first.playerId, second.playerId])
		.execute();
	expect(removed.every((r) => r.removed_at !== null)).toBe(true);
});
