import type {
	KyselyPlugin,
	PluginTransformQueryArgs,
	PluginTransformResultArgs,
	QueryResult,
	RootOperationNode,
	UnknownRow
} from 'kysely';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
	GameCommandReply,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameRosterReply,
	GameScreenView,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { ROSTER_CHANGES_MAX, ROSTER_PAGE_SIZE } from '../../src/lib/schemas/game-socket';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { LiveGames, type GameOutlet } from '../../src/lib/server/live-games/live-games';
import { isPostgres } from '../../src/lib/server/db/database';
import { SLICE_SIZE } from '../../src/lib/server/live-games/slices';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	seedGamePlayers,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { ask, until } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Live games at scale, measured from the outside with deterministic measures (sizes and counts,
// never wall time): the host console's packets stay small whatever the number of players, a
// reveal's work is cut into slices with the event loop let through between them, and a finished
// game leaves memory at once. Thousands of players are written straight into the database before
// the game loads; a few real phones join over Socket.IO beside them.

let ctx: TestContext;
let fixture: Fixture;
let host: SignedInUser;
let server: GameServer | null = null;
let games: LiveGames | null = null;
const sockets: Socket[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx, { fullName: 'Người Dẫn Chương Trình' });
});

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.disconnect();
	games?.stop();
	games = null;
	if (server) {
		server.io.games.stop();
		await server.close();
		server = null;
	}
	await ctx.dispose();
});

function open(cookie?: string): Socket {
	const socket = connect(server!.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	sockets.push(socket);
	socket.on('game:ping', (ack: () => void) => ack());
	return socket;
}

/** The size of a packet as Socket.IO sends it (JSON), in bytes. */
const bytes = (payload: unknown): number => Buffer.byteLength(JSON.stringify(payload));

interface HostConsole {
	socket: Socket;
	views: GameHostView[];
	watchReply: GameHostView;
	latest(): GameHostView;
	command(command: string): Promise<GameCommandReply>;
	roster(page: number, query?: string): Promise<GameRosterReply>;
}

async function watchHost(game: GameFixture, cookie = host.cookie): Promise<HostConsole> {
	const socket = open(cookie);
	const views: GameHostView[] = [];
	socket.on('game:host', (v: GameHostView) => views.push(v));
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role: 'host' });
	if (!reply.ok) throw new Error(`watch refused: ${reply.reason}`);
	const watchReply = reply.view as GameHostView;
	return {
		socket,
		views,
		watchReply,
		latest: () => [watchReply, ...views].reduce((a, b) => (b.seq >= a.seq ? b : a)),
		command: (command) => ask<GameCommandReply>(socket, 'game:command', { gameId: game.gameId, command }),
		roster: (page, query = '') => ask<GameRosterReply>(socket, 'game:roster', { gameId: game.gameId, page, query })
	};
}

interface Phone {
	socket: Socket;
	packets: GamePlayerPacket[];
	playerId: string;
	token: string;
}

async function join(game: GameFixture, nickname: string): Promise<Phone> {
	const socket = open();
	const packets: GamePlayerPacket[] = [];
	socket.on('game:player', (p: GamePlayerPacket) => packets.push(p));
	const reply = await ask<GameJoinReply>(socket, 'game:join', {
		gameId: game.gameId,
		nickname,
		unitId: fixture.unitIds[0]
	});
	if (!reply.ok) throw new Error(`join refused: ${reply.reason}`);
	return { socket, packets, playerId: reply.playerId, token: reply.token };
}

describe('the host console at two thousand players', () => {
	it('gets counts and bounded changes, never the roster, and asks for it a page at a time', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const seeded = await seedGamePlayers(ctx, game, fixture.unitIds, 2000);
		server = await startGameServer(ctx);
		const h = await watchHost(game);
		expect(h.watchReply.host.counts).toEqual({ players: 2000, connected: 0, answered: 0 });
		// the whole roster was ~100 bytes a player: 200 kB here, 1.49 MB at 10,000
		expect(bytes(h.watchReply)).toBeLessThan(8_000);

		// 30 phones join at once: the packets name at most ROSTER_CHANGES_MAX of them each and count
		// the rest, and stay small
		const phones = await Promise.all(Array.from({ length: 30 }, (_, i) => join(game, `Khách ${i + 1}`)));
		await until(() => h.latest().host.counts.players === 2030);
		expect(h.latest().host.counts.connected).toBe(30);
		for (const v of h.views) {
			expect(v.host.changes.joined.length).toBeLessThanOrEqual(ROSTER_CHANGES_MAX);
			expect(bytes(v)).toBeLessThan(8_000);
		}
		const named = h.views.flatMap((v) => v.host.changes.joined.map((j) => j.playerId));
		const counted = h.views.reduce((n, v) => n + v.host.changes.joinedMore, 0);
		expect(named.length + counted).toBe(30);
		expect(new Set(named).size).toBe(named.length);
		for (const id of named) expect(phones.map((p) => p.playerId)).toContain(id);

		// the roster, one page at a time, in join order in the lobby; a page past the end is the last
		const first = await h.roster(0);
		if (!first.ok) throw new Error(first.reason);
		expect(first.roster).toMatchObject({ page: 0, pageSize: ROSTER_PAGE_SIZE, total: 2030 });
		expect(first.roster.rows.map((r) => r.name)).toEqual(seeded.slice(0, ROSTER_PAGE_SIZE).map((p) => p.name));
		expect(bytes(first)).toBeLessThan(12_000);
		const last = await h.roster(9999);
		if (!last.ok) throw new Error(last.reason);
		expect(last.roster.page).toBe(Math.ceil(2030 / ROSTER_PAGE_SIZE) - 1);
		expect(last.roster.rows.map((r) => r.playerId).slice(-30)).toEqual(phones.map((p) => p.playerId));
		expect(last.roster.rows.slice(-30).every((r) => r.connected)).toBe(true);

		// searched by name or unit, diacritics and case ignored
		const found = await h.roster(0, 'NGUOI CHOI 01234');
		expect(found).toMatchObject({ ok: true, roster: { total: 1, query: 'NGUOI CHOI 01234' } });
		expect(found.ok && found.roster.rows.map((r) => r.name)).toEqual(['Người chơi 01234']);
		const byUnit = await h.roster(3, 'phong hai');
		expect(byUnit).toMatchObject({ ok: true, roster: { total: 1000, page: 3 } });
		expect(byUnit.ok && byUnit.roster.rows.every((r) => r.unit === 'Xã Phong Hải')).toBe(true);
		expect(await h.roster(0, 'không có ai')).toMatchObject({ ok: true, roster: { total: 0, rows: [] } });

		// a removal through a row the search found: counted, named among those who left, gone from the roster
		const target = found.ok ? found.roster.rows[0] : null;
		expect(await ask(h.socket, 'game:remove', { gameId: game.gameId, playerId: target!.playerId })).toEqual({
			ok: true
		});
		await until(() => h.latest().host.counts.players === 2029);
		expect(h.views.some((v) => v.host.changes.left.some((l) => l.playerId === target!.playerId))).toBe(true);
		expect(await h.roster(0, 'nguoi choi 01234')).toMatchObject({ ok: true, roster: { total: 0 } });

		// once started, the roster is ranked; only the host may read it
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(1000);
		expect(
			await ask(phones[0].socket, 'game:answer', { gameId: game.gameId, position: 0, choice: game.correct[0] })
		).toMatchObject({ ok: true });
		expect(await h.command('reveal')).toEqual({ ok: true });
		const ranked = await h.roster(0);
		expect(ranked.ok && ranked.roster.rows[0]).toMatchObject({ playerId: phones[0].playerId, rank: 1 });
		expect(ranked.ok && ranked.roster.rows.map((r) => r.rank)).toEqual(
			Array.from({ length: ROSTER_PAGE_SIZE }, (_, i) => i + 1)
		);
		const stranger = open();
		expect(await ask(stranger, 'game:roster', { gameId: game.gameId, page: 0, query: '' })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await ask(stranger, 'game:roster', { gameId: game.gameId, page: -1 })).toEqual({
			ok: false,
			reason: 'invalid'
		});
		void seeded;
	});
});

// ─── The reveal, in slices ───────────────────────────────────────────────────────────────────

/** Counts every statement the app sends to the database, by the event-loop turn it is sent in. */
class StatementsByTurn implements KyselyPlugin {
	readonly turns = new Map<number, number>();
	constructor(private readonly turn: () => number) {}
	transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
		const t = this.turn();
		this.turns.set(t, (this.turns.get(t) ?? 0) + 1);
		return args.node;
	}
	transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
		return Promise.resolve(args.result);
	}
}

describe('a reveal at 1,200 players', () => {
	it('goes out in slices of at most SLICE_SIZE players, the event loop running between them', async () => {
		const N = 1200;
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		// every player on a streak: the reveal writes everyone's totals, answered or not
		const players = await seedGamePlayers(ctx, game, fixture.unitIds, N, { streak: 1 });

		// the turn of the event loop: a setImmediate chain moves it once per turn while it runs
		let turn = 0;
		let ticking = false;
		const tick = () => {
			turn++;
			if (ticking) setImmediate(tick);
		};
		const packets = new Map<number, number>();
		const statements = new StatementsByTurn(() => turn);
		// the real LiveGames on the real database; the outlet (Socket.IO's seam) counts packets
		const outlet: GameOutlet = {
			toRoom: () => {},
			toSocket: (_socketId, event) => {
				if (event === 'game:player') packets.set(turn, (packets.get(turn) ?? 0) + 1);
			},
			leave: () => {}
		};
		games = new LiveGames({ ...ctx, db: ctx.db.withPlugin(statements) }, outlet, { allowance: () => 0 });
		const user: SessionUser = { id: host.userId, fullName: 'Người Dẫn Chương Trình', phone: '', role: 'organizer' };
		for (const [i, p] of players.entries()) {
			expect((await games.rejoin(game.gameId, p.token, `phone-${i}`)).ok).toBe(true);
		}
		expect(await games.command(game.gameId, user, 'start')).toEqual({ ok: true });
		ctx.clock.advance(2000);
		for (const p of players.slice(0, 300)) {
			expect((await games.answer(p.playerId, { gameId: game.gameId, position: 0, choice: game.correct[0] })).ok).toBe(
				true
			);
		}

		packets.clear();
		statements.turns.clear();
		ticking = true;
		setImmediate(tick);
		expect(await games.command(game.gameId, user, 'reveal')).toEqual({ ok: true });
		ticking = false;

		// every phone got its own result, never more than a slice of them between two turns
		const perTurn = [...packets.values()];
		expect(perTurn.reduce((a, b) => a + b, 0)).toBe(N);
		expect(Math.max(...perTurn)).toBeLessThanOrEqual(SLICE_SIZE);
		expect(perTurn.length).toBeGreaterThanOrEqual(Math.ceil(N / SLICE_SIZE));
		// the totals: a statement per slice of players (not one per player), one or two a turn; on
		// PostgreSQL, which runs it in its own process, one statement for all of them
		const writes = [...statements.turns.values()];
		expect(Math.max(...writes)).toBeLessThanOrEqual(2);
		expect(writes.reduce((a, b) => a + b, 0)).toBe(1 + (isPostgres(ctx.db) ? 1 : Math.ceil(N / SLICE_SIZE)));
		const rows = await ctx.db
			.selectFrom('live_game_player')
			.select(['id', 'score', 'streak', 'correct_count'])
			.where('game_id', '=', game.gameId)
			.execute();
		const answered = new Set(players.slice(0, 300).map((p) => p.playerId));
		for (const r of rows) {
			if (answered.has(r.id)) expect(r).toMatchObject({ streak: 2, correct_count: 1 });
			else expect(r).toMatchObject({ score: 0, streak: 0, correct_count: 0 });
		}
		expect(rows.filter((r) => answered.has(r.id)).every((r) => r.score > 0)).toBe(true);
	});

	it('reaches every real phone when its results go out in many slices', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		server = await startGameServer(ctx, { gameSliceSize: 4 });
		const h = await watchHost(game);
		const phones = await Promise.all(Array.from({ length: 25 }, (_, i) => join(game, `Máy ${i + 1}`)));
		expect(await h.command('start')).toEqual({ ok: true });
		await until(() => phones.every((p) => p.packets.at(-1)?.view.phase === 'question'));
		ctx.clock.advance(1500);
		for (const p of phones.slice(0, 10)) {
			expect(
				await ask(p.socket, 'game:answer', { gameId: game.gameId, position: 0, choice: game.correct[0] })
			).toMatchObject({ ok: true });
		}
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until(() => phones.every((p) => p.packets.at(-1)?.view.phase === 'reveal'));
		for (const [i, p] of phones.entries()) {
			expect(p.packets.at(-1)?.view.phase).toBe('reveal');
			expect(p.packets.at(-1)?.me?.result).toMatchObject({ answered: i < 10, correct: i < 10 });
		}
	});
});

// ─── A finished game ─────────────────────────────────────────────────────────────────────────

describe('a finished game', () => {
	it('leaves memory once its podium is out; a late phone or screen gets it back from the database', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1 });
		await seedGamePlayers(ctx, game, fixture.unitIds, 500);
		server = await startGameServer(ctx, { gameFinishedKeepMs: 50 });
		const h = await watchHost(game);
		const a = await join(game, 'Hoa Sen');
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(1000);
		expect(
			await ask(a.socket, 'game:answer', { gameId: game.gameId, position: 0, choice: game.correct[0] })
		).toMatchObject({ ok: true });
		expect(await h.command('reveal')).toEqual({ ok: true });
		expect(server.io.games.isHeld(game.gameId)).toBe(true);

		expect(await h.command('next')).toEqual({ ok: true });
		// the podium went out before the game let go
		await until(() => a.packets.at(-1)?.view.phase === 'podium');
		expect(a.packets.at(-1)?.view.podium[0]).toMatchObject({ playerId: a.playerId, rank: 1 });
		await until(() => !server!.io.games.isHeld(game.gameId));

		// a phone back late: its standing, read from the database
		const back = open();
		const reply = await ask<GameJoinReply>(back, 'game:rejoin', { gameId: game.gameId, token: a.token });
		expect(reply).toMatchObject({ ok: true, playerId: a.playerId, packet: { view: { phase: 'podium' } } });
		expect(reply.ok && reply.packet.me).toMatchObject({ rank: 1 });
		expect(reply.ok && reply.packet.me!.score).toBeGreaterThan(0);
		// a screen opened late: the podium
		const screen = open();
		const watched = await ask<GameWatchReply>(screen, 'game:watch', { gameId: game.gameId, role: 'screen' });
		expect(watched.ok && (watched.view as GameScreenView)).toMatchObject({ phase: 'podium', players: 501 });
		expect(watched.ok && (watched.view as GameScreenView).leaderboard[0].playerId).toBe(a.playerId);
		// read back for them, then let go again
		await until(() => !server!.io.games.isHeld(game.gameId));
	});
});
