import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LATENCY_ALLOWANCE_MS } from '../../src/lib/domain/live-game';
import { NICKNAME_COLOURS, NICKNAME_NOUNS } from '../../src/lib/domain/live-game-door';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostPlayer,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameRosterReply,
	GameScreenView,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { ask, openSocket, until } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The live game's door and the host's extra time (issue 16), over the wire: a real database
// (SQLite, or PostgreSQL with TEST_DATABASE_URL), the app's Socket.IO on a real HTTP server and
// real socket.io clients. Every door setting goes through the game's owner and is kept in its row,
// so a server that restarts keeps it.

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const sockets: Socket[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx, { fullName: 'Người Dẫn Chương Trình' });
	server = await startGameServer(ctx);
});

afterEach(async () => {
	await restartless();
	await ctx.dispose();
});

async function restartless(): Promise<void> {
	for (const socket of sockets.splice(0)) socket.disconnect();
	server.io.games.stop();
	await server.close();
}

function open(cookie?: string): Socket {
	return openSocket(server.url, sockets, cookie);
}

interface Phone {
	socket: Socket;
	packets: GamePlayerPacket[];
	removed: unknown[];
	reply: GameJoinReply;
}

async function tryJoin(game: GameFixture, payload: Record<string, unknown>): Promise<Phone> {
	const socket = open();
	const p: Phone = { socket, packets: [], removed: [], reply: { ok: false, reason: 'invalid' } };
	socket.on('game:player', (packet: GamePlayerPacket) => p.packets.push(packet));
	socket.on('game:removed', (payload: unknown) => p.removed.push(payload));
	socket.on('game:ping', (ack: () => void) => ack());
	p.reply = await ask<GameJoinReply>(socket, 'game:join', {
		gameId: game.gameId,
		unitId: fixture.unitIds[0],
		...payload
	});
	return p;
}

async function join(game: GameFixture, payload: Record<string, unknown>): Promise<Phone & { playerId: string }> {
	const p = await tryJoin(game, payload);
	if (!p.reply.ok) throw new Error(`join refused: ${p.reply.reason}`);
	return { ...p, playerId: p.reply.playerId };
}

interface Stage<V> {
	socket: Socket;
	views: V[];
	latest(): V;
	send(event: string, payload?: Record<string, unknown>): Promise<GameCommandReply>;
	roster(): Promise<GameHostPlayer[]>;
}

async function watch<V extends GameScreenView>(
	game: GameFixture,
	role: 'host' | 'screen',
	cookie?: string
): Promise<Stage<V>> {
	const socket = open(cookie);
	const views: V[] = [];
	socket.on(role === 'host' ? 'game:host' : 'game:screen', (v: V) => views.push(v));
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role });
	if (!reply.ok) throw new Error(`watch as ${role} refused: ${reply.reason}`);
	views.push(reply.view as V);
	return {
		socket,
		views,
		latest: () => views.reduce((a, b) => (b.seq >= a.seq ? b : a)),
		send: (event, payload = {}) => ask<GameCommandReply>(socket, event, { gameId: game.gameId, ...payload }),
		roster: async () => {
			const reply = await ask<GameRosterReply>(socket, 'game:roster', { gameId: game.gameId, page: 0 });
			if (!reply.ok) throw new Error(`roster refused: ${reply.reason}`);
			return reply.roster.rows;
		}
	};
}

const watchHost = (game: GameFixture) => watch<GameHostView>(game, 'host', host.cookie);
const gameRow = (gameId: string) =>
	ctx.db.selectFrom('live_game').selectAll().where('id', '=', gameId).executeTakeFirstOrThrow();

describe('the door of a live game', () => {
	it('locked: new players are refused (the host sees how many), the lock survives a restart, unlocked they join', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		let h = await watchHost(game);
		await join(game, { nickname: 'Trước Khóa' });
		expect(await h.send('game:door', { locked: true })).toEqual({ ok: true });
		expect((await gameRow(game.gameId)).locked).toBe(1);
		await until(() => h.latest().host.door.locked && h.latest().locked);

		const refused = await tryJoin(game, { nickname: 'Sau Khóa' });
		expect(refused.reply).toEqual({ ok: false, reason: 'locked' });
		await until(() => h.latest().host.door.refused.locked === 1);
		expect(h.latest().host.door.joinsLastMinute).toBe(1);
		expect(h.latest().players).toBe(1);

		// a crash: the next server reads the lock back from the game's row
		await restartless();
		server = await startGameServer(ctx);
		h = await watchHost(game);
		expect(h.latest().host.door.locked).toBe(true);
		expect((await tryJoin(game, { nickname: 'Sau Khởi Động' })).reply).toEqual({ ok: false, reason: 'locked' });

		expect(await h.send('game:door', { locked: false })).toEqual({ ok: true });
		await join(game, { nickname: 'Sau Mở Khóa' });
		await until(() => h.latest().players === 2);
		expect((await gameRow(game.gameId)).locked).toBe(0);
	});

	it('a cap on players: the next one is refused as full; a removal frees a place', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const h = await watchHost(game);
		expect(await h.send('game:door', { maxPlayers: 2 })).toEqual({ ok: true });
		expect((await gameRow(game.gameId)).max_players).toBe(2);
		const a = await join(game, { nickname: 'Người Một' });
		await join(game, { nickname: 'Người Hai' });
		expect((await tryJoin(game, { nickname: 'Người Ba' })).reply).toEqual({ ok: false, reason: 'full' });
		await until(() => h.latest().host.door.refused.full === 1);
		expect(await h.send('game:remove', { playerId: a.playerId })).toEqual({ ok: true });
		await join(game, { nickname: 'Người Ba' });
		// a cap of 0 or past the limit is refused as invalid, nothing changes
		expect(await h.send('game:door', { maxPlayers: 0 })).toEqual({ ok: false, reason: 'invalid' });
		expect(await h.send('game:door', { maxPlayers: null })).toEqual({ ok: true });
		expect((await gameRow(game.gameId)).max_players).toBeNull();
		// each change of the door is on the audit log, by the host
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select(['actor_id', 'summary'])
			.where('action', '=', 'live_game.door')
			.where('entity_id', '=', game.gameId)
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit.every((a) => a.actor_id === host.userId)).toBe(true);
		expect(audit.map((a) => a.summary)).toContain('Cửa vào trò chơi "Trò chơi thử nghiệm": mở, tối đa 2 người chơi');
	});

	it('an identifier asked: required to join, seen by the host in the roster, never by the screen or the phones', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const h = await watchHost(game);
		const screen = await watch<GameScreenView>(game, 'screen');
		expect(await h.send('game:door', { identifierLabel: '\u202eMã' })).toEqual({ ok: false, reason: 'label_invalid' });
		expect(await h.send('game:door', { identifierLabel: '  Mã nhân viên ' })).toEqual({ ok: true });
		expect((await gameRow(game.gameId)).identifier_label).toBe('Mã nhân viên');
		await until(() => h.latest().host.door.identifierLabel === 'Mã nhân viên');

		expect((await tryJoin(game, { nickname: 'Không Mã' })).reply).toEqual({ ok: false, reason: 'identifier_empty' });
		expect((await tryJoin(game, { nickname: 'Mã Dài', identifier: 'x'.repeat(33) })).reply).toEqual({
			ok: false,
			reason: 'identifier_too_long'
		});
		const a = await join(game, { nickname: 'Có Mã', identifier: ' NV-0042 ' });
		const b = await join(game, { nickname: 'Người Khác', identifier: 'NV-0043' });
		await until(async () => (await h.roster()).length === 2);
		expect((await h.roster()).map((r) => [r.name, r.identifier])).toEqual([
			['Có Mã', 'NV-0042'],
			['Người Khác', 'NV-0043']
		]);
		const rows = await ctx.db.selectFrom('live_game_player').select(['nickname', 'identifier']).execute();
		expect(rows.map((r) => r.identifier).sort()).toEqual(['NV-0042', 'NV-0043']);

		expect(await h.send('game:command', { command: 'start' })).toEqual({ ok: true });
		await until(() => screen.latest().phase === 'question' && b.packets.at(-1)?.view.phase === 'question');
		const seen = JSON.stringify([screen.views, a.packets, b.packets, a.reply, b.reply]);
		expect(seen).not.toContain('NV-004');
	});

	it('generated names: a nickname player gets a Vietnamese one, unique in the game, whatever they typed', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const h = await watchHost(game);
		expect(await h.send('game:door', { generatedNames: true })).toEqual({ ok: true });
		const names: string[] = [];
		for (let i = 0; i < 12; i++) {
			const p = await join(game, { nickname: 'Tên Tự Đặt' });
			names.push(p.reply.ok ? (p.reply.packet.me?.name ?? '') : '');
		}
		expect(new Set(names).size).toBe(12);
		const pattern = new RegExp(`^(${NICKNAME_NOUNS.join('|')}) (${NICKNAME_COLOURS.join('|')}) \\d+$`, 'u');
		for (const name of names) expect(name).toMatch(pattern);
		expect((await h.roster()).map((r) => r.name).sort()).toEqual([...names].sort());
	});

	it('several players removed at once: each phone told, rows marked, all or nothing, host only', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const h = await watchHost(game);
		const [a, b, c] = [
			await join(game, { nickname: 'Ảo Một' }),
			await join(game, { nickname: 'Ảo Hai' }),
			await join(game, { nickname: 'Thật Ba' })
		];
		// a stranger's console may not; an unknown id removes nobody
		const stranger = await createSignedInUser(ctx);
		const s = await watch<GameScreenView>(game, 'screen', stranger.cookie);
		expect(await s.send('game:remove-many', { playerIds: [a.playerId] })).toEqual({ ok: false, reason: 'forbidden' });
		expect(await h.send('game:remove-many', { playerIds: [a.playerId, 'khong-co'] })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await h.send('game:remove-many', { playerIds: [a.playerId, b.playerId] })).toEqual({ ok: true });
		await until(() => a.removed.length === 1 && b.removed.length === 1);
		expect(c.removed).toEqual([]);
		const removed = await ctx.db.selectFrom('live_game_player').select(['id', 'removed_at']).execute();
		expect(new Map(removed.map((r) => [r.id, r.removed_at !== null]))).toEqual(
			new Map([
				[a.playerId, true],
				[b.playerId, true],
				[c.playerId, false]
			])
		);
		await until(() => h.latest().players === 1);
	});

	it('more time for everyone: the deadline moves on the server, phones hear it, a late answer within it counts; a restart keeps it', async () => {
		const LIMIT = 20_000;
		const game = await createFixtureGame(ctx, fixture, host.userId, { timeLimitMs: LIMIT });
		let h = await watchHost(game);
		const a = await join(game, { nickname: 'Người Chậm' });
		const b = await join(game, { nickname: 'Người Nhanh' });
		// nothing to extend in the lobby; only the offered steps
		expect(await h.send('game:extend', { ms: 10_000 })).toEqual({ ok: false, reason: 'illegal' });
		expect(await h.send('game:command', { command: 'start' })).toEqual({ ok: true });
		const startedAt = ctx.clock.now();
		expect(await h.send('game:extend', { ms: 12_345 })).toEqual({ ok: false, reason: 'invalid' });
		ctx.clock.advance(5_000);
		expect(await h.send('game:extend', { ms: 30_000 })).toEqual({ ok: true });
		expect(await h.send('game:extend', { ms: 10_000 })).toEqual({ ok: true });
		const deadline = startedAt + LIMIT + 40_000;
		expect(await gameRow(game.gameId)).toMatchObject({ deadline_at: deadline, question_extra_ms: 40_000 });
		expect(await server.io.games.timerDue(game.gameId)).toBeGreaterThanOrEqual(deadline);
		await until(() => a.packets.at(-1)?.view.question?.deadline === deadline);
		expect(h.latest().question?.deadline).toBe(deadline);

		// past the question's own limit, within the new deadline: accepted
		ctx.clock.advance(LIMIT + 10_000);
		const late = await ask<GameAnswerReply>(a.socket, 'game:answer', {
			gameId: game.gameId,
			position: 0,
			choice: game.correct[0]
		});
		expect(late.ok).toBe(true);

		// a crash: the question keeps the time it had left, extension included
		const left = deadline - ctx.clock.now();
		await restartless();
		server = await startGameServer(ctx);
		h = await watchHost(game);
		const now = ctx.clock.now();
		expect(h.latest().question?.deadline).toBe(now + left);
		expect((await gameRow(game.gameId)).question_extra_ms).toBe(40_000);

		// past the new deadline (and the largest allowance): late
		ctx.clock.advance(left + MAX_LATENCY_ALLOWANCE_MS + 1);
		const phone = open();
		phone.on('game:ping', (ack: () => void) => ack());
		const back = await ask<GameJoinReply>(phone, 'game:rejoin', {
			gameId: game.gameId,
			token: b.reply.ok ? b.reply.token : ''
		});
		expect(back.ok).toBe(true);
		expect(
			await ask<GameAnswerReply>(phone, 'game:answer', { gameId: game.gameId, position: 0, choice: game.correct[0] })
		).toEqual({ ok: false, reason: 'late' });
		// the next question starts with its own limit
		await server.io.games.tick(game.gameId);
		expect(await h.send('game:command', { command: 'next' })).toEqual({ ok: true });
		expect(await gameRow(game.gameId)).toMatchObject({ question_extra_ms: 0, deadline_at: ctx.clock.now() + LIMIT });
	});
});

describe('joins throttled per address', () => {
	it('past the limit a join is refused as throttled, and the host sees the refusals', async () => {
		await restartless();
		// the app's own limiter (GAME_JOINS_PER_MINUTE), set low
		server = await startGameServer(ctx, { gameJoinsPerMinute: 3 });
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const h = await watchHost(game);
		for (let i = 0; i < 3; i++) await join(game, { nickname: `Khách ${i}` });
		expect((await tryJoin(game, { nickname: 'Khách Thừa' })).reply).toEqual({ ok: false, reason: 'throttled' });
		expect((await tryJoin(game, { nickname: 'Khách Thừa 2' })).reply).toEqual({ ok: false, reason: 'throttled' });
		await until(() => h.latest().host.door.refused.throttled === 2);
		expect(h.latest().host.door.joinsLastMinute).toBe(3);
		expect(h.latest().players).toBe(3);
	});

	// 0 must mean no limit, not a limit of 0 (which would refuse every join)
	it('0 joins per minute turns the limit off (a load test from one machine)', async () => {
		await restartless();
		server = await startGameServer(ctx, { gameJoinsPerMinute: 0 });
		const game = await createFixtureGame(ctx, fixture, host.userId);
		for (let i = 0; i < 5; i++) await join(game, { nickname: `Máy ${i}` });
		expect(await ctx.db.selectFrom('live_game_player').select('id').execute()).toHaveLength(5);
	});
});
