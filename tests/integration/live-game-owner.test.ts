import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_LATENCY_ALLOWANCE_MS } from '../../src/lib/domain/live-game';
import {
	FORWARD_GRACE_MS,
	GAME_LEASE_MS,
	LiveGames,
	type GameOutlet,
	type GamePeers
} from '../../src/lib/server/live-games/live-games';
import { insertAnswer, insertPlayer } from '../../src/lib/server/live-games/game.repository';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { newId } from '../../src/lib/server/ids';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame, createSignedInUser, type GameFixture } from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

// One owner per live game (issue 13), on the real database of the pass (SQLite, then PostgreSQL):
// two LiveGames of two nodes share one database; what one node sends the other is handed over in
// process (the adapter's serverSideEmit does it between processes, tests/e2e/live-game.cluster.e2e.ts).

let ctx: TestContext;
let fixture: Fixture;
let hostUser: SessionUser;
const running: LiveGames[] = [];

const silent: GameOutlet = { toRoom: () => {}, toSocket: () => {}, leave: () => {} };

/** Two nodes whose forwarded requests reach each other. A long lease: the test expires it by hand. */
function twoNodes(): [LiveGames, LiveGames] {
	const nodes: LiveGames[] = [];
	const peersOf = (self: number): GamePeers => ({
		forward: async (request) => (await nodes[1 - self].serve(request)) ?? null,
		players: async () => []
	});
	nodes.push(new LiveGames(ctx, silent, { nodeId: 'node-a', peers: peersOf(0), leaseMs: 10 * MINUTE }));
	nodes.push(new LiveGames(ctx, silent, { nodeId: 'node-b', peers: peersOf(1), leaseMs: 10 * MINUTE }));
	running.push(...nodes);
	return [nodes[0], nodes[1]];
}

async function lease(gameId: string) {
	return ctx.db
		.selectFrom('live_game')
		.select(['owner_node', 'version', 'phase'])
		.where('id', '=', gameId)
		.executeTakeFirstOrThrow();
}

/** The owner stopped renewing (it died): its lease ran out. */
async function expireLease(gameId: string): Promise<void> {
	await ctx.db
		.updateTable('live_game')
		.set({ lease_until: Date.now() - 1 })
		.where('id', '=', gameId)
		.execute();
}

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	const host = await createSignedInUser(ctx);
	hostUser = { id: host.userId, fullName: 'Người dẫn chương trình', phone: '0900000000', role: 'organizer' };
});

afterEach(async () => {
	for (const games of running.splice(0)) games.stop();
	await ctx.dispose();
});

describe('one owner per live game', () => {
	it('runs a game on the node that took it; the other node forwards joins, answers and commands to it', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		expect(await a.watch(game.gameId, 'host', hostUser)).toMatchObject({ ok: true });
		expect((await lease(game.gameId)).owner_node).toBe('node-a');

		const joined = await b.join(
			game.gameId,
			null,
			{ gameId: game.gameId, nickname: 'Lan', unitId: fixture.unitIds[1] },
			's1'
		);
		expect(joined.ok).toBe(true);
		expect(await b.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		const playerId = joined.ok ? joined.playerId : '';
		const reply = await b.answer(playerId, { gameId: game.gameId, position: 0, choice: game.correct[0] });
		expect(reply.ok).toBe(true);
		expect(await b.answer(playerId, { gameId: game.gameId, position: 0, choice: game.correct[0] })).toEqual({
			ok: false,
			reason: 'duplicate'
		});
		// node B never took the game: A ran every step
		expect(await b.timerDue(game.gameId)).toBeNull();
		expect(await a.timerDue(game.gameId)).not.toBeNull();
		expect(await lease(game.gameId)).toMatchObject({ owner_node: 'node-a', phase: 'question' });
	});

	it('takes the door and extra time through the owner, and a node that takes the game over keeps them', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		expect(await a.watch(game.gameId, 'host', hostUser)).toMatchObject({ ok: true });
		const join = (node: LiveGames, nickname: string, socketId: string) =>
			node.join(game.gameId, null, { gameId: game.gameId, nickname, unitId: fixture.unitIds[0] }, socketId);
		const [x, y] = [await join(b, 'Xoài', 's1'), await join(b, 'Ổi', 's2')];
		if (!x.ok || !y.ok) throw new Error('join refused');

		// every host action sent to node B runs on node A, the owner
		expect(await b.door(game.gameId, hostUser, { locked: true, maxPlayers: 5, identifierLabel: 'Mã số' })).toEqual({
			ok: true
		});
		expect(await join(b, 'Mận', 's3')).toEqual({ ok: false, reason: 'locked' });
		// a join throttled at node B's socket: gathered there, reported to the owner within a second
		b.refused(game.gameId, 'throttled');
		expect(await b.remove(game.gameId, hostUser, [x.playerId, y.playerId])).toEqual({ ok: true });
		await expect
			.poll(
				async () => {
					const view = await a.watch(game.gameId, 'host', hostUser);
					return view.ok && 'host' in view.view ? view.view.host.door : null;
				},
				{ timeout: 15_000, interval: 20 }
			)
			.toMatchObject({ locked: true, maxPlayers: 5, identifierLabel: 'Mã số', refused: { locked: 1, throttled: 1 } });
		expect(await b.door(game.gameId, hostUser, { locked: false })).toEqual({ ok: true });
		expect(await b.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		const started = await ctx.db
			.selectFrom('live_game')
			.selectAll()
			.where('id', '=', game.gameId)
			.executeTakeFirstOrThrow();
		expect(await b.extend(game.gameId, hostUser, 30_000)).toEqual({ ok: true });
		expect(await a.timerDue(game.gameId)).toBe(
			started.deadline_at! + 30_000 + MAX_LATENCY_ALLOWANCE_MS + FORWARD_GRACE_MS
		);
		expect(await b.timerDue(game.gameId)).toBeNull();

		// A dies; a third node takes the game from the database: the door and the extra time with it
		await expireLease(game.gameId);
		const c = new LiveGames(ctx, silent, {
			nodeId: 'node-c',
			peers: { forward: async () => null, players: async () => [] },
			leaseMs: 10 * MINUTE
		});
		running.push(c);
		expect(await c.recover()).toBe(1);
		const view = await c.watch(game.gameId, 'host', hostUser);
		expect(view.ok && 'host' in view.view && view.view.host.door).toMatchObject({
			locked: false,
			maxPlayers: 5,
			identifierLabel: 'Mã số'
		});
		const row = await ctx.db
			.selectFrom('live_game')
			.selectAll()
			.where('id', '=', game.gameId)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({ owner_node: 'node-c', question_extra_ms: 30_000, phase: 'question' });
		expect(await c.timerDue(game.gameId)).toBe(
			started.deadline_at! + 30_000 + MAX_LATENCY_ALLOWANCE_MS + FORWARD_GRACE_MS
		);
	});

	it('lets a node whose lease expired write nothing more: its reveal goes to the new owner and scores once', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		const joined = await a.join(
			game.gameId,
			null,
			{ gameId: game.gameId, nickname: 'Minh', unitId: fixture.unitIds[1] },
			's1'
		);
		if (!joined.ok) throw new Error(joined.reason);
		expect(await a.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		expect((await a.answer(joined.playerId, { gameId: game.gameId, position: 0, choice: game.correct[0] })).ok).toBe(
			true
		);
		const before = await lease(game.gameId);

		// A stalls past its lease; B takes the game over (as its renewal loop does) and resumes it
		await expireLease(game.gameId);
		expect(await b.recover()).toBe(1);
		const taken = await lease(game.gameId);
		expect(taken.owner_node).toBe('node-b');
		expect(taken.version).toBeGreaterThan(before.version);

		// A still holds its copy in memory: its reveal is refused by the version, then handed to B
		expect(await a.command(game.gameId, hostUser, 'reveal')).toEqual({ ok: true });
		expect(await a.timerDue(game.gameId)).toBeNull();
		const player = await ctx.db
			.selectFrom('live_game_player')
			.select(['score', 'correct_count'])
			.where('id', '=', joined.playerId)
			.executeTakeFirstOrThrow();
		const stored = await ctx.db
			.selectFrom('live_game_answer')
			.select('points')
			.where('player_id', '=', joined.playerId)
			.execute();
		expect(stored).toHaveLength(1);
		expect(player).toEqual({ score: stored[0].points, correct_count: 1 });
		expect(await lease(game.gameId)).toMatchObject({ owner_node: 'node-b', phase: 'reveal' });
		// B ran the reveal: its own state moved, not only the database
		expect(await b.watch(game.gameId, 'screen', null)).toMatchObject({ ok: true, view: { phase: 'reveal' } });
	});

	it('keeps the game when its renewal comes late but before another node took it: no version conflict', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		const joined = await b.join(
			game.gameId,
			null,
			{ gameId: game.gameId, nickname: 'Hoa', unitId: fixture.unitIds[1] },
			's1'
		);
		if (!joined.ok) throw new Error(joined.reason);
		expect((await lease(game.gameId)).owner_node).toBe('node-b');
		expect(await b.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		const before = await lease(game.gameId);

		// B was busy past its lease (answers by the thousand); nobody took the game meanwhile, and
		// its renewal arrives now: the game stays B's, at the same version
		await expireLease(game.gameId);
		await b.renewLeases();
		const after = await lease(game.gameId);
		expect(after).toMatchObject({ owner_node: 'node-b', version: before.version });
		const until = await ctx.db
			.selectFrom('live_game')
			.select('lease_until')
			.where('id', '=', game.gameId)
			.executeTakeFirstOrThrow();
		expect(until.lease_until).toBeGreaterThan(Date.now());
		// so A, asked next, finds an owner and takes nothing over
		expect(await a.recover()).toBe(0);

		// B's answer and reveal are written: the version it holds is still the database's
		expect((await a.answer(joined.playerId, { gameId: game.gameId, position: 0, choice: game.correct[0] })).ok).toBe(
			true
		);
		expect(await a.command(game.gameId, hostUser, 'reveal')).toEqual({ ok: true });
		expect(await lease(game.gameId)).toMatchObject({
			owner_node: 'node-b',
			phase: 'reveal',
			version: before.version + 1
		});
		expect(a.isHeld(game.gameId)).toBe(false);
		expect(b.isHeld(game.gameId)).toBe(true);
	});

	it('keeps a question open a little longer for the answers other nodes are still forwarding', async () => {
		const [a] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 1 });
		expect(await a.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		const row = await ctx.db
			.selectFrom('live_game')
			.select('deadline_at')
			.where('id', '=', game.gameId)
			.executeTakeFirstOrThrow();
		expect(await a.timerDue(game.gameId)).toBe(row.deadline_at! + MAX_LATENCY_ALLOWANCE_MS + FORWARD_GRACE_MS);
	});

	it('releases its leases on shutdown so another node takes the games at once', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		expect(await a.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		await a.release();
		expect((await lease(game.gameId)).owner_node).toBeNull();
		expect(await b.recover()).toBe(1);
		expect(await lease(game.gameId)).toMatchObject({ owner_node: 'node-b', phase: 'question' });
		expect(GAME_LEASE_MS).toBeGreaterThan(0);
	});

	it('hands a lobby game over on shutdown: the next request through the stopping node reaches the other', async () => {
		const [a, b] = twoNodes();
		const game = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 2 });
		expect(await a.watch(game.gameId, 'host', hostUser)).toMatchObject({ ok: true });
		await a.release();
		// no node runs it now; the host's command still on A's socket goes to B, which takes the game
		expect(await a.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		expect(await lease(game.gameId)).toMatchObject({ owner_node: 'node-b', phase: 'question' });
		expect(await b.timerDue(game.gameId)).not.toBeNull();
	});
});

describe('a reveal', () => {
	it("writes every player's totals in set-based statements, more players than one statement takes", async () => {
		const games = new LiveGames(ctx, silent);
		running.push(games);
		const game: GameFixture = await createFixtureGame(ctx, fixture, hostUser.id, { questions: 1, points: 1000 });
		const now = ctx.clock.now();
		const count = 1_201;
		const ids: string[] = [];
		for (let i = 0; i < count; i++) {
			const id = newId();
			ids.push(id);
			await insertPlayer(
				ctx.db,
				{
					id,
					game_id: game.gameId,
					user_id: null,
					nickname: `Người ${i}`,
					nickname_key: `nguoi ${i}`,
					unit_id: fixture.unitIds[1],
					token_hash: `t${i}`,
					joined_at: now + i
				},
				now
			);
		}
		expect(await games.command(game.gameId, hostUser, 'start')).toEqual({ ok: true });
		// every other player answers right, at a time of its own; the rest do not answer
		for (let i = 0; i < count; i += 2) {
			await insertAnswer(ctx.db, {
				game_id: game.gameId,
				player_id: ids[i],
				position: 0,
				choice_json: JSON.stringify(game.correct[0]),
				correct: 1,
				elapsed_ms: i,
				points: 1000 - (i % 500),
				received_at: now + 1
			});
		}
		// the game reloads the answers as a restart does, then reveals
		games.stop();
		const reloaded = new LiveGames(ctx, silent);
		running.push(reloaded);
		expect(await reloaded.command(game.gameId, hostUser, 'reveal')).toEqual({ ok: true });
		const rows = await ctx.db
			.selectFrom('live_game_player')
			.select(['id', 'score', 'correct_count', 'correct_time_ms', 'streak'])
			.where('game_id', '=', game.gameId)
			.execute();
		const byId = new Map(rows.map((r) => [r.id, r]));
		for (let i = 0; i < count; i++) {
			const row = byId.get(ids[i]);
			if (i % 2 === 0) {
				expect(row, `player ${i}`).toMatchObject({
					score: 1000 - (i % 500),
					correct_count: 1,
					correct_time_ms: i,
					streak: 1
				});
			} else {
				expect(row, `player ${i}`).toMatchObject({ score: 0, correct_count: 0, correct_time_ms: 0, streak: 0 });
			}
		}
	});
});
