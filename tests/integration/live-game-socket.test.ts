import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rankPlayers, scoreAnswer } from '../../src/lib/domain/live-game';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameScreenView,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { createSession, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { ask, openSocket, until as untilEvery } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Live games over real Socket.IO: a real HTTP server with the app's handlers, real clients, a
// real SQLite file. Game times run on the test clock; the server's timers are fired with tick().

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const clients: Socket[] = [];
/**
 * Every player's latency allowance, set by the test: the real one comes from round trips measured
 * on the wall clock, which a busy machine stretches, while answer times here run on the test clock.
 */
const ALLOWANCE = 40;
const serve = () => startGameServer(ctx, { gameAllowance: () => ALLOWANCE });

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx);
	server = await serve();
});

afterEach(async () => {
	for (const c of clients.splice(0)) c.disconnect();
	await server.close();
	await ctx.dispose();
});

function client(cookie?: string): Socket {
	return openSocket(server.url, clients, cookie);
}

/** Polls every 10 ms, as these tests always did. */
const until = (check: () => boolean | Promise<boolean>) => untilEvery(check, 10);

interface TestPlayer {
	socket: Socket;
	playerId: string;
	token: string;
	packets: GamePlayerPacket[];
	/** every join reply and answer ack, as received */
	acks: unknown[];
}

function playerSocket(cookie?: string): { socket: Socket; packets: GamePlayerPacket[]; acks: unknown[] } {
	const socket = client(cookie);
	const packets: GamePlayerPacket[] = [];
	socket.on('game:player', (p: GamePlayerPacket) => packets.push(p));
	socket.on('game:ping', (ack: () => void) => ack());
	return { socket, packets, acks: [] };
}

async function join(game: GameFixture, nickname: string, unit = 0): Promise<TestPlayer> {
	const p = playerSocket();
	const reply = await ask<GameJoinReply>(p.socket, 'game:join', {
		gameId: game.gameId,
		nickname,
		unitId: fixture.unitIds[unit]
	});
	p.acks.push(reply);
	if (!reply.ok) throw new Error(`join refused: ${reply.reason}`);
	return { ...p, playerId: reply.playerId, token: reply.token };
}

async function answer(p: TestPlayer, game: GameFixture, position: number, choice: number[]): Promise<GameAnswerReply> {
	const reply = await ask<GameAnswerReply>(p.socket, 'game:answer', { gameId: game.gameId, position, choice });
	p.acks.push(reply);
	return reply;
}

async function hostSocket(game: GameFixture) {
	const socket = client(host.cookie);
	const views: GameHostView[] = [];
	socket.on('game:host', (v: GameHostView) => views.push(v));
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role: 'host' });
	expect(reply.ok).toBe(true);
	const command = (command: string) => ask<GameCommandReply>(socket, 'game:command', { gameId: game.gameId, command });
	return { socket, views, command };
}

const wrongOf = (game: GameFixture, position: number) =>
	[0, 1, 2, 3].find((i) => i < game.optionCounts[position] && !game.correct[position].includes(i))!;

async function answersInDb(gameId: string) {
	return ctx.db.selectFrom('live_game_answer').selectAll().where('game_id', '=', gameId).execute();
}

describe('a live game over Socket.IO', () => {
	it('50 players join and answer; scores and ranks follow the scoring rule and the ranking', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 20_000 });
		const h = await hostSocket(game);
		const screen = client();
		const screenViews: GameScreenView[] = [];
		screen.on('game:screen', (v: GameScreenView) => screenViews.push(v));
		expect((await ask<GameWatchReply>(screen, 'game:watch', { gameId: game.gameId, role: 'screen' })).ok).toBe(true);

		const players: TestPlayer[] = [];
		for (let i = 0; i < 50; i++) players.push(await join(game, `Người chơi ${i}`, (i % 2) as 0 | 1));
		expect(await h.command('start')).toEqual({ ok: true });
		await until(() => players.every((p) => p.packets.at(-1)?.view.phase === 'question'));

		const expected = new Map<string, { score: number; correct: number; time: number; streak: number }>();
		for (const [i, p] of players.entries()) {
			// each answers at its own moment; every third one wrong
			ctx.clock.advance(150);
			const right = i % 3 !== 0;
			const reply = await answer(p, game, 0, right ? game.correct[0] : [wrongOf(game, 0)]);
			expect(reply.ok).toBe(true);
			const elapsed = reply.ok ? reply.elapsedMs : -1;
			// the server measured from the question's sending on its own clock, less the allowance
			expect(elapsed).toBe((i + 1) * 150 - ALLOWANCE);
			const s = scoreAnswer(
				{ preset: 'speed', streakBonus: false },
				{ correct: right, elapsedMs: elapsed, limitMs: 20_000, questionPoints: 1000, streakBefore: 0 }
			);
			expected.set(p.playerId, {
				score: s.points,
				correct: right ? 1 : 0,
				time: right ? elapsed : 0,
				streak: s.streak
			});
		}
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until(() => players.every((p) => p.packets.at(-1)?.view.phase === 'reveal'));

		const rows = await ctx.db.selectFrom('live_game_player').selectAll().where('game_id', '=', game.gameId).execute();
		const ranked = rankPlayers(
			players.map((p) => ({
				id: p.playerId,
				score: expected.get(p.playerId)!.score,
				correctCount: expected.get(p.playerId)!.correct,
				correctTimeMs: expected.get(p.playerId)!.time,
				joinedAt: rows.find((r) => r.id === p.playerId)!.joined_at
			}))
		);
		expect(rows).toHaveLength(50);
		for (const p of players) {
			const me = p.packets.at(-1)!.me!;
			const want = expected.get(p.playerId)!;
			expect(me.score).toBe(want.score);
			expect(me.result).toEqual({ correct: want.correct === 1, points: want.score, bonus: 0, answered: true });
			expect(me.rank).toBe(ranked.findIndex((r) => r.id === p.playerId) + 1);
			expect(rows.find((r) => r.id === p.playerId)!.score).toBe(want.score);
		}
		expect((await answersInDb(game.gameId)).length).toBe(50);

		expect(await h.command('leaderboard')).toEqual({ ok: true });
		await until(() => screenViews.at(-1)?.phase === 'leaderboard');
		expect(screenViews.at(-1)!.leaderboard.map((r) => r.playerId)).toEqual(ranked.slice(0, 10).map((r) => r.id));
		expect(screenViews.at(-1)!.units.length).toBe(2);
	});

	it('a player who drops rejoins with its token as the same player, score kept, and answers on', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const h = await hostSocket(game);
		const a = await join(game, 'Hoa Sen');
		await join(game, 'Cá Heo');
		await h.command('start');
		ctx.clock.advance(1000);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		await h.command('reveal');
		await until(() => a.packets.at(-1)?.view.phase === 'reveal');
		const score = a.packets.at(-1)!.me!.score;
		expect(score).toBeGreaterThan(0);

		a.socket.disconnect();
		await until(() => h.views.at(-1)?.host.counts.connected === 1);

		const again = playerSocket();
		const reply = await ask<GameJoinReply>(again.socket, 'game:rejoin', { gameId: game.gameId, token: a.token });
		expect(reply.ok).toBe(true);
		if (!reply.ok) return;
		expect(reply.playerId).toBe(a.playerId);
		expect(reply.packet.me?.score).toBe(score);
		await until(() => h.views.at(-1)?.host.counts.connected === 2);

		await h.command('next');
		const back: TestPlayer = { ...again, playerId: a.playerId, token: a.token };
		await until(() => back.packets.at(-1)?.view.question?.index === 1);
		ctx.clock.advance(500);
		expect((await answer(back, game, 1, game.correct[1])).ok).toBe(true);
	});

	it('refuses a late answer, an answer to a past question and a second answer, writing nothing', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 10_000 });
		const h = await hostSocket(game);
		const a = await join(game, 'An');
		const b = await join(game, 'Bình');
		await h.command('start');

		// a second answer, and two sent back to back without waiting: one counts
		ctx.clock.advance(1000);
		const [first, second] = await Promise.all([
			answer(a, game, 0, game.correct[0]),
			answer(a, game, 0, [wrongOf(game, 0)])
		]);
		expect([first.ok, second.ok].sort()).toEqual([false, true]);
		expect(await answer(a, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'duplicate' });
		const stored = await answersInDb(game.gameId);
		expect(stored).toHaveLength(1);

		// past the deadline (and any allowance), before the timer fired
		ctx.clock.advance(10_000);
		expect(await answer(b, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'late' });
		expect(await answersInDb(game.gameId)).toHaveLength(1);

		// the timer closes the question; then an answer for it in the next question is refused
		await server.io.games.tick(game.gameId);
		await until(() => b.packets.at(-1)?.view.phase === 'reveal');
		expect(b.packets.at(-1)?.me?.result).toEqual({ correct: false, points: 0, bonus: 0, answered: false });
		await h.command('next');
		await until(() => b.packets.at(-1)?.view.question?.index === 1);
		expect(await answer(b, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'wrong_question' });
		expect(await answersInDb(game.gameId)).toHaveLength(1);
	});

	it('lets only the host run the game: players, anonymous sockets and other organizers are refused', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const p = await join(game, 'Người chơi');
		const other = await createSignedInUser(ctx, { role: 'admin', fullName: 'Quản trị khác' });
		const contestantId = await createContestant(ctx, fixture, { phone: '0912345678' });
		expect(contestantId).toBeTruthy();
		for (const socket of [p.socket, client(), client(other.cookie)]) {
			expect(await ask(socket, 'game:command', { gameId: game.gameId, command: 'start' })).toEqual({
				ok: false,
				reason: 'forbidden'
			});
			expect(await ask(socket, 'game:remove', { gameId: game.gameId, playerId: p.playerId })).toEqual({
				ok: false,
				reason: 'forbidden'
			});
			expect(await ask(socket, 'game:watch', { gameId: game.gameId, role: 'host' })).toEqual({
				ok: false,
				reason: 'forbidden'
			});
		}
		const row = await ctx.db.selectFrom('live_game').select('phase').where('id', '=', game.gameId).executeTakeFirst();
		expect(row?.phase).toBe('lobby');
		// and a command that is not a command is invalid, for the host too
		const h = await hostSocket(game);
		expect(await h.command('win')).toEqual({ ok: false, reason: 'invalid' });
		expect(await h.command('reveal')).toEqual({ ok: false, reason: 'illegal' });
	});

	it('never sends the answer key to a player or a screen before the reveal', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3 });
		const h = await hostSocket(game);
		const screen = client();
		const screenViews: GameScreenView[] = [];
		screen.on('game:screen', (v: GameScreenView) => screenViews.push(v));
		await ask(screen, 'game:watch', { gameId: game.gameId, role: 'screen' });
		const players = [await join(game, 'Một'), await join(game, 'Hai'), await join(game, 'Ba')];

		/** Everything a browser got so far that mentions correctness for question `position`. */
		const leaks = (position: number) => {
			const found: string[] = [];
			const walk = (value: unknown, path: string) => {
				if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
				else if (value && typeof value === 'object') {
					for (const [k, v] of Object.entries(value)) {
						if (k === 'correct' && v !== null && typeof v !== 'boolean') found.push(`${path}.${k}`);
						if (k === 'correct' && typeof v === 'boolean' && path.includes('options')) found.push(`${path}.${k}`);
						walk(v, `${path}.${k}`);
					}
				}
			};
			for (const p of players) {
				p.packets.forEach((x, i) => {
					if (x.view.question?.index === position || x.view.phase === 'lobby') walk(x, `player${i}`);
				});
				p.acks.forEach((x, i) => walk(x, `ack${i}`));
			}
			screenViews.forEach((v, i) => {
				if (v.question?.index === position || v.phase === 'lobby') walk(v.reveal, `screen${i}.reveal`);
			});
			return found;
		};

		await h.command('start');
		for (let position = 0; position < 3; position++) {
			await until(() => players.every((p) => p.packets.at(-1)?.view.question?.index === position));
			for (const p of players) {
				ctx.clock.advance(300);
				expect((await answer(p, game, position, game.correct[position])).ok).toBe(true);
			}
			await until(() => screenViews.at(-1)?.answered === 3);
			expect(leaks(position)).toEqual([]);
			expect(JSON.stringify(players.map((p) => p.packets))).not.toContain('"correct":[');
			await h.command('reveal');
			await until(() => players.every((p) => p.packets.at(-1)?.view.phase === 'reveal'));
			for (const p of players) expect(p.packets.at(-1)!.view.correct).toEqual(game.correct[position]);
			await until(() => screenViews.at(-1)?.phase === 'reveal');
			expect(screenViews.at(-1)!.reveal!.correct).toEqual(game.correct[position]);
			// forget what was rightly revealed; the next question starts clean
			for (const p of players) {
				p.packets.length = 0;
				p.acks.length = 0;
			}
			screenViews.length = 0;
			await h.command('next');
		}
	});

	it('resumes a game mid-question after a server restart: same question, time left, answers counted once', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 20_000 });
		let h = await hostSocket(game);
		const a = await join(game, 'Trước');
		const b = await join(game, 'Sau');
		await h.command('start');
		ctx.clock.advance(4000);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		const deadline = h.views.at(-1)?.question?.deadline ?? 0;
		const lastWrite = ctx.clock.now();

		for (const c of clients.splice(0)) c.disconnect();
		await server.close();
		ctx.clock.advance(30_000); // the outage: longer than the question itself
		server = await serve();

		h = await hostSocket(game);
		const resumed = (await ask<GameWatchReply>(h.socket, 'game:watch', { gameId: game.gameId, role: 'host' })) as {
			ok: true;
			view: GameHostView;
		};
		expect(resumed.view.phase).toBe('question');
		expect(resumed.view.question?.index).toBe(0);
		// the time it had at the last write: 16 s
		expect(resumed.view.question!.deadline! - ctx.clock.now()).toBe(deadline - lastWrite);
		expect(resumed.view.answered).toBe(1);

		const a2 = playerSocket();
		const b2 = playerSocket();
		const ra = await ask<GameJoinReply>(a2.socket, 'game:rejoin', { gameId: game.gameId, token: a.token });
		const rb = await ask<GameJoinReply>(b2.socket, 'game:rejoin', { gameId: game.gameId, token: b.token });
		expect(ra.ok && rb.ok).toBe(true);
		if (!ra.ok || !rb.ok) return;
		expect(ra.packet.me?.answer).toEqual([...game.correct[0]].sort((x, y) => x - y));
		const A: TestPlayer = { ...a2, playerId: a.playerId, token: a.token };
		const B: TestPlayer = { ...b2, playerId: b.playerId, token: b.token };
		expect(await answer(A, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'duplicate' });
		ctx.clock.advance(2000);
		const late = await answer(B, game, 0, game.correct[0]);
		expect(late.ok).toBe(true);
		// 4 s before the outage + 2 s after it: the outage does not count
		expect(late.ok && late.elapsedMs).toBe(6_000 - ALLOWANCE);

		expect(await h.command('reveal')).toEqual({ ok: true });
		await until(() => A.packets.at(-1)?.view.phase === 'reveal' && B.packets.at(-1)?.view.phase === 'reveal');
		expect(A.packets.at(-1)!.me!.result?.correct).toBe(true);
		expect(B.packets.at(-1)!.me!.result?.correct).toBe(true);
		expect(A.packets.at(-1)!.me!.rank).toBe(1);
		expect(await answersInDb(game.gameId)).toHaveLength(2);
	});

	it('pauses and resumes a question on the server clock, and a skipped question scores nothing', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: 10_000 });
		const h = await hostSocket(game);
		const a = await join(game, 'Tạm Dừng');
		await h.command('start');
		ctx.clock.advance(3000);
		expect(await h.command('pause')).toEqual({ ok: true });
		expect(await answer(a, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'paused' });
		ctx.clock.advance(60_000); // a long pause costs the players nothing
		expect(await h.command('resume')).toEqual({ ok: true });
		const resumed = (await ask<GameWatchReply>(h.socket, 'game:watch', { gameId: game.gameId, role: 'host' })) as {
			ok: true;
			view: GameHostView;
		};
		expect(resumed.view.question!.deadline! - ctx.clock.now()).toBe(7000);
		ctx.clock.advance(1000);
		const reply = await answer(a, game, 0, game.correct[0]);
		// 3 s before the pause and 1 s after it
		expect(reply.ok && reply.elapsedMs).toBe(4_000 - ALLOWANCE);

		// skip the question: its answer is voided, the game moves on to the next one
		expect(await h.command('skip')).toEqual({ ok: true });
		await until(() => a.packets.at(-1)?.view.question?.index === 1);
		const voided = await ctx.db
			.selectFrom('live_game_question')
			.select('voided')
			.where('game_id', '=', game.gameId)
			.where('position', '=', 0)
			.executeTakeFirstOrThrow();
		expect(voided.voided).toBe(1);
		expect((await answersInDb(game.gameId)).map((r) => r.points)).toEqual([0]);
		await h.command('reveal');
		await until(() => a.packets.at(-1)?.view.phase === 'reveal');
		expect(a.packets.at(-1)!.me!.score).toBe(0);
	});

	it('lets the host remove a player, who is told, can no longer answer or rejoin, and leaves the standings', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const h = await hostSocket(game);
		const a = await join(game, 'Ở Lại');
		const b = await join(game, 'Bị Loại');
		const removed = new Promise<{ gameId: string }>((resolve) => b.socket.once('game:removed', resolve));
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(500);
		expect((await answer(b, game, 0, game.correct[0])).ok).toBe(true);
		expect(await ask(h.socket, 'game:remove', { gameId: game.gameId, playerId: b.playerId })).toEqual({ ok: true });
		expect(await removed).toEqual({ gameId: game.gameId });
		expect(await answer(b, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'not_joined' });
		const again = playerSocket();
		expect(await ask(again.socket, 'game:rejoin', { gameId: game.gameId, token: b.token })).toEqual({
			ok: false,
			reason: 'removed'
		});
		ctx.clock.advance(500);
		await answer(a, game, 0, game.correct[0]);
		await h.command('reveal');
		await h.command('leaderboard');
		await until(() => h.views.at(-1)?.phase === 'leaderboard');
		expect(h.views.at(-1)!.leaderboard.map((r) => r.name)).toEqual(['Ở Lại']);
		expect(h.views.at(-1)!.players).toBe(1);
	});

	it('applies the join rules: unique clean nicknames, a unit, late joining between questions only', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, joinMode: 'nickname' });
		const h = await hostSocket(game);
		await join(game, 'Nguyễn An');
		const tryJoin = (payload: Record<string, unknown>) =>
			ask<GameJoinReply>(playerSocket().socket, 'game:join', { gameId: game.gameId, ...payload });
		const unitId = fixture.unitIds[0];
		expect(await tryJoin({ nickname: '  nguyen   AN ', unitId })).toEqual({ ok: false, reason: 'nickname_taken' });
		expect(await tryJoin({ nickname: 'Đ.M', unitId })).toEqual({ ok: false, reason: 'nickname_abusive' });
		expect(await tryJoin({ nickname: 'x'.repeat(25), unitId })).toEqual({ ok: false, reason: 'nickname_too_long' });
		expect(await tryJoin({ nickname: 'Không Đơn Vị' })).toEqual({ ok: false, reason: 'unit_required' });
		expect(await tryJoin({ nickname: 'Đơn Vị Lạ', unitId: 'khong-co' })).toEqual({
			ok: false,
			reason: 'unit_required'
		});
		expect(await tryJoin({ asAccount: true })).toEqual({ ok: false, reason: 'invalid' });
		expect(await tryJoin({ nickname: 42, unitId })).toEqual({ ok: false, reason: 'invalid' });

		await h.command('start');
		expect(await tryJoin({ nickname: 'Đến Muộn', unitId })).toEqual({ ok: false, reason: 'closed' });
		await h.command('reveal');
		const late = await tryJoin({ nickname: 'Đến Muộn', unitId });
		expect(late.ok).toBe(true);
		await h.command('next');
		await h.command('end');
		expect(await tryJoin({ nickname: 'Quá Muộn', unitId })).toEqual({ ok: false, reason: 'ended' });

		// late joining off: nobody gets in once the game has started
		const closed = await createFixtureGame(ctx, fixture, host.userId, { lateJoin: false });
		const h2 = await hostSocket(closed);
		await h2.command('start');
		await h2.command('reveal');
		expect(await ask(playerSocket().socket, 'game:join', { gameId: closed.gameId, nickname: 'Muộn', unitId })).toEqual({
			ok: false,
			reason: 'closed'
		});
	});

	it('joins a signed-in contestant under the account name and registered unit when the game asks for accounts', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { joinMode: 'account' });
		const anonymous = playerSocket();
		expect(await ask(anonymous.socket, 'game:join', { gameId: game.gameId, nickname: 'Ẩn Danh' })).toEqual({
			ok: false,
			reason: 'login_required'
		});
		const userId = await createContestant(ctx, fixture, { phone: '0912000999', fullName: 'Lê Thị Thu', unit: 1 });
		const token = 'phien-dang-nhap-cua-thu-0123456789';
		await createSession(ctx.db, token, userId, ctx.clock.now());
		const signedIn = playerSocket(`${SESSION_COOKIE}=${token}`);
		const reply = await ask<GameJoinReply>(signedIn.socket, 'game:join', { gameId: game.gameId, asAccount: true });
		expect(reply.ok).toBe(true);
		if (!reply.ok) return;
		expect(reply.packet.me).toMatchObject({ name: 'Lê Thị Thu', unit: 'Xã Phong Hải' });
		// the same account on a second phone is the same player
		const second = playerSocket(`${SESSION_COOKIE}=${token}`);
		const again = await ask<GameJoinReply>(second.socket, 'game:join', { gameId: game.gameId, asAccount: true });
		expect(again.ok && again.playerId).toBe(reply.playerId);
	});

	it('throttles a socket that floods game events, and refuses another origin', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const flood = playerSocket();
		const replies = await Promise.all(
			Array.from({ length: 40 }, () =>
				ask<{ ok: boolean; reason?: string }>(flood.socket, 'game:watch', { gameId: game.gameId, role: 'screen' })
			)
		);
		expect(replies.filter((r) => r.ok)).toHaveLength(30);
		expect(replies.filter((r) => !r.ok).every((r) => r.reason === 'throttled')).toBe(true);

		const stranger = connect(server.url, {
			path: '/socket.io',
			transports: ['websocket'],
			forceNew: true,
			reconnection: false,
			extraHeaders: { origin: 'http://evil.example' }
		});
		clients.push(stranger);
		const refused = await new Promise<boolean>((resolve) => {
			stranger.on('connect', () => resolve(false));
			stranger.on('connect_error', () => resolve(true));
		});
		expect(refused).toBe(true);
	});

	it('after a restart in the reveal, phones keep their results and the chart its counts; a removed player stays out', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, {
			questions: 2,
			joinMode: 'both',
			lateJoin: false
		});
		const h = await hostSocket(game);
		const a = await join(game, 'Giữ Kết Quả');
		const gone = await join(game, 'Bị Loại Rồi');
		const userId = await createContestant(ctx, fixture, { phone: '0912000888', fullName: 'Phạm Văn Tài' });
		const token = 'phien-dang-nhap-cua-tai-0123456789';
		await createSession(ctx.db, token, userId, ctx.clock.now());
		const cookie = `${SESSION_COOKIE}=${token}`;
		const first = await ask<GameJoinReply>(playerSocket(cookie).socket, 'game:join', {
			gameId: game.gameId,
			asAccount: true
		});
		expect(first.ok).toBe(true);
		await h.command('start');
		ctx.clock.advance(800);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		expect((await answer(gone, game, 0, game.correct[0])).ok).toBe(true);
		await ask(h.socket, 'game:remove', { gameId: game.gameId, playerId: gone.playerId });
		await h.command('reveal');
		await until(() => a.packets.at(-1)?.view.phase === 'reveal');
		const result = a.packets.at(-1)!.me!.result;
		expect(result?.correct).toBe(true);

		for (const c of clients.splice(0)) c.disconnect();
		await server.close();
		server = await serve();
		const screen = client();
		const watched = await ask<GameWatchReply>(screen, 'game:watch', { gameId: game.gameId, role: 'screen' });
		expect(watched.ok && watched.view.phase).toBe('reveal');
		if (!watched.ok) return;
		// one answer counted on the chart: the removed player's stays out
		expect(watched.view.reveal!.answered).toBe(1);
		expect(watched.view.reveal!.counts.reduce((x, y) => x + y, 0)).toBe(game.correct[0].length);
		const back = playerSocket();
		const rejoined = await ask<GameJoinReply>(back.socket, 'game:rejoin', { gameId: game.gameId, token: a.token });
		expect(rejoined.ok && rejoined.packet.me?.result).toEqual(result);
		// the signed-in player returns from another phone mid-game though late joining is off
		const phone2 = await ask<GameJoinReply>(playerSocket(cookie).socket, 'game:join', {
			gameId: game.gameId,
			asAccount: true
		});
		expect(phone2.ok && phone2.playerId).toBe(first.ok && first.playerId);
		expect(phone2.ok && phone2.packet.me?.result).toEqual({ correct: false, points: 0, bonus: 0, answered: false });
	});
});
