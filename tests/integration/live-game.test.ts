import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	MAX_LATENCY_ALLOWANCE_MS,
	NICKNAME_MAX,
	rankPlayers,
	rankUnits,
	scoreAnswer,
	type ScoringRule
} from '../../src/lib/domain/live-game';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostPlayer,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GamePlayerSelf,
	GameScreenView,
	GameRosterReply,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { updateGame } from '../../src/lib/server/live-games/game.service';
import { GAME_BUDGET_WINDOW_MS, GAME_EVENT_BUDGET } from '../../src/lib/server/realtime/game-socket';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { attachPictures } from '../helpers/media';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Live games over the wire: a real SQLite file, a real HTTP server with the app's Socket.IO, and
// real socket.io clients for the host console, the screen and the phones. Game times run on the
// test clock (the server reads ctx.clock); a question's timer is fired by moving that clock and
// either letting the server's own timer run (short limits) or calling io.games.tick().

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const sockets: Socket[] = [];
/** one counter over everything every client of the test receives, to order it against commands */
let received = 0;

const UNIT_NAMES = ['Phường Hà Khánh', 'Xã Phong Hải'];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx, { fullName: 'Người Dẫn Chương Trình' });
	server = await startGameServer(ctx);
	received = 0;
});

afterEach(async () => {
	for (const socket of sockets.splice(0)) socket.disconnect();
	await stopServer();
	await ctx.dispose();
});

/**
 * Stops the server as a dying process does. io.close() alone leaves the games' timers running:
 * Socket.IO never emits 'close' on the server, so the handler in attachRealtime that stops them
 * does not run; a timer left behind would write to this test's database after the "crash".
 */
async function stopServer(): Promise<void> {
	server.io.games.stop();
	await server.close();
}

// ─── Clients ─────────────────────────────────────────────────────────────────────────────────

function open(options: { cookie?: string; origin?: string } = {}): Socket {
	const extraHeaders: Record<string, string> = {};
	if (options.cookie) extraHeaders.cookie = options.cookie;
	if (options.origin) extraHeaders.origin = options.origin;
	const socket = connect(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders
	});
	sockets.push(socket);
	return socket;
}

/**
 * An event and its acknowledgement. No deadline of its own: how fast a busy machine answers is not
 * what these tests check, and a reply that never comes fails the test at its timeout.
 */
function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}

/**
 * Waits for `what` to hold. No deadline of its own: a busy machine may take its time, and a
 * condition that never holds fails the test at its timeout.
 */
async function until(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
	while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

interface Received {
	/** position on the test's counter */
	at: number;
	kind: 'packet' | 'ack';
	data: unknown;
}

/** A phone: every 'game:player' packet and every reply it gets, in order. */
interface Phone {
	socket: Socket;
	packets: GamePlayerPacket[];
	log: Received[];
	removed: unknown[];
	playerId: string;
	token: string;
}

function phone(cookie?: string): Phone {
	const socket = open({ cookie });
	const p: Phone = { socket, packets: [], log: [], removed: [], playerId: '', token: '' };
	socket.on('game:player', (packet: GamePlayerPacket) => {
		p.packets.push(packet);
		p.log.push({ at: ++received, kind: 'packet', data: packet });
	});
	socket.on('game:removed', (payload: unknown) => p.removed.push(payload));
	// the server measures the round trip; answering at once is what a browser does
	socket.on('game:ping', (ack: () => void) => ack());
	return p;
}

async function send<T>(p: Phone, event: string, payload: unknown): Promise<T> {
	const reply = await ask<T>(p.socket, event, payload);
	p.log.push({ at: ++received, kind: 'ack', data: reply });
	return reply;
}

async function tryJoin(p: Phone, game: GameFixture, payload: Record<string, unknown>): Promise<GameJoinReply> {
	const reply = await send<GameJoinReply>(p, 'game:join', { gameId: game.gameId, ...payload });
	if (reply.ok) {
		p.playerId = reply.playerId;
		p.token = reply.token;
	}
	return reply;
}

async function join(game: GameFixture, nickname: string, unit: 0 | 1 = 0): Promise<Phone> {
	const p = phone();
	const reply = await tryJoin(p, game, { nickname, unitId: fixture.unitIds[unit] });
	if (!reply.ok) throw new Error(`join of ${nickname} refused: ${reply.reason}`);
	return p;
}

/** The same player on a new socket, with the token its browser kept. */
async function rejoin(from: Phone, game: GameFixture): Promise<{ phone: Phone; reply: GameJoinReply }> {
	const p = phone();
	const reply = await send<GameJoinReply>(p, 'game:rejoin', { gameId: game.gameId, token: from.token });
	if (reply.ok) {
		p.playerId = reply.playerId;
		p.token = reply.token;
	}
	return { phone: p, reply };
}

function answer(p: Phone, game: GameFixture, position: number, choice: number[]): Promise<GameAnswerReply> {
	return send<GameAnswerReply>(p, 'game:answer', { gameId: game.gameId, position, choice });
}

const lastPacket = (p: Phone): GamePlayerPacket | undefined => p.packets.at(-1);
const me = (p: Phone): GamePlayerSelf => {
	const self = lastPacket(p)?.me;
	if (!self) throw new Error('no personal packet');
	return self;
};
const onQuestion = (p: Phone, index: number) =>
	lastPacket(p)?.view.phase === 'question' && lastPacket(p)?.view.question?.index === index;
const inPhase = (p: Phone, phase: string, index?: number) =>
	lastPacket(p)?.view.phase === phase && (index === undefined || lastPacket(p)?.view.question?.index === index);

/** A screen or the host console: every view it receives, the watch reply's first. */
interface Stage<V extends GameScreenView> {
	socket: Socket;
	views: V[];
	log: Received[];
	/** the newest view: the highest seq (views are versioned per game and process) */
	latest(): V;
	command(command: string): Promise<GameCommandReply>;
	remove(playerId: string): Promise<GameCommandReply>;
	/** every player as the host console's roster lists them, page after page (host only) */
	roster(query?: string): Promise<GameHostPlayer[]>;
}

async function watch<V extends GameScreenView>(
	game: GameFixture,
	role: 'host' | 'screen',
	cookie?: string
): Promise<Stage<V>> {
	const socket = open({ cookie });
	const views: V[] = [];
	const log: Received[] = [];
	socket.on(role === 'host' ? 'game:host' : 'game:screen', (v: V) => {
		views.push(v);
		log.push({ at: ++received, kind: 'packet', data: v });
	});
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role });
	if (!reply.ok) throw new Error(`watch as ${role} refused: ${reply.reason}`);
	views.push(reply.view as V);
	log.push({ at: ++received, kind: 'ack', data: reply });
	return {
		socket,
		views,
		log,
		latest: () => views.reduce((a, b) => (b.seq >= a.seq ? b : a)),
		command: (command) => ask<GameCommandReply>(socket, 'game:command', { gameId: game.gameId, command }),
		remove: (playerId) => ask<GameCommandReply>(socket, 'game:remove', { gameId: game.gameId, playerId }),
		roster: async (query = '') => {
			const rows: GameHostPlayer[] = [];
			for (let page = 0; ; page++) {
				const reply = await ask<GameRosterReply>(socket, 'game:roster', { gameId: game.gameId, page, query });
				if (!reply.ok) throw new Error(`roster refused: ${reply.reason}`);
				rows.push(...reply.roster.rows);
				if (rows.length >= reply.roster.total) return rows;
			}
		}
	};
}

const watchHost = (game: GameFixture, cookie = host.cookie) => watch<GameHostView>(game, 'host', cookie);
const watchScreen = (game: GameFixture) => watch<GameScreenView>(game, 'screen');

async function signedInContestant(phone: string, fullName: string, unit: 0 | 1) {
	const userId = await createContestant(ctx, fixture, { phone, fullName, unit });
	const token = generateSessionToken();
	await createSession(ctx.db, token, userId, ctx.clock.now());
	return { userId, cookie: `${SESSION_COOKIE}=${token}` };
}

// ─── The database ────────────────────────────────────────────────────────────────────────────

const answerRows = (gameId: string, position?: number) => {
	let q = ctx.db.selectFrom('live_game_answer').selectAll().where('game_id', '=', gameId);
	if (position !== undefined) q = q.where('position', '=', position);
	return q.orderBy('received_at').orderBy('player_id').execute();
};
const playerRows = (gameId: string) =>
	ctx.db.selectFrom('live_game_player').selectAll().where('game_id', '=', gameId).execute();
const gameRow = (gameId: string) =>
	ctx.db.selectFrom('live_game').selectAll().where('id', '=', gameId).executeTakeFirstOrThrow();
const questionRows = (gameId: string) =>
	ctx.db.selectFrom('live_game_question').selectAll().where('game_id', '=', gameId).orderBy('position').execute();

/** The first option that is not correct. */
const wrongOf = (game: GameFixture, position: number): number =>
	[...Array(game.optionCounts[position]).keys()].find((i) => !game.correct[position].includes(i))!;
const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

// ─── Expected scores, from the domain's own rules ───────────────────────────────────────────

interface Totals {
	score: number;
	correctCount: number;
	correctTimeMs: number;
	streak: number;
}
type Result = NonNullable<GamePlayerSelf['result']>;

class Ledger {
	readonly totals = new Map<string, Totals>();
	constructor(
		readonly rule: ScoringRule,
		readonly limitMs: number,
		readonly points: number
	) {}
	of(playerId: string): Totals {
		let t = this.totals.get(playerId);
		if (!t) this.totals.set(playerId, (t = { score: 0, correctCount: 0, correctTimeMs: 0, streak: 0 }));
		return t;
	}
	/** What the answer should be worth, without applying it (the reveal applies it). */
	worth(playerId: string, correct: boolean, elapsedMs: number) {
		return scoreAnswer(this.rule, {
			correct,
			elapsedMs,
			limitMs: this.limitMs,
			questionPoints: this.points,
			streakBefore: this.of(playerId).streak
		});
	}
	/** Applies one question: each answer, or none for those not in `answers`. */
	reveal(playerIds: string[], answers: Map<string, { correct: boolean; elapsedMs: number }>): Map<string, Result> {
		const results = new Map<string, Result>();
		for (const id of playerIds) {
			const t = this.of(id);
			const a = answers.get(id);
			if (!a) {
				t.streak = 0;
				results.set(id, { correct: false, points: 0, bonus: 0, answered: false });
				continue;
			}
			const s = this.worth(id, a.correct, a.elapsedMs);
			t.score += s.points;
			t.streak = s.streak;
			if (a.correct) {
				t.correctCount++;
				t.correctTimeMs += a.elapsedMs;
			}
			results.set(id, { correct: a.correct, points: s.points, bonus: s.bonus, answered: true });
		}
		return results;
	}
	/** rankPlayers over these totals; join times and ids from the database. */
	async ranked(gameId: string, playerIds: string[]) {
		const rows = await playerRows(gameId);
		return rankPlayers(
			playerIds.map((id) => ({
				id,
				...this.of(id),
				joinedAt: rows.find((r) => r.id === id)!.joined_at
			}))
		);
	}
}

/** The server's elapsed time is the test clock's, less the player's latency allowance. */
function expectElapsed(reply: GameAnswerReply, clockElapsed: number): number {
	if (!reply.ok) throw new Error(`answer refused: ${reply.reason}`);
	expect(reply.elapsedMs).toBeLessThanOrEqual(clockElapsed);
	expect(reply.elapsedMs).toBeGreaterThanOrEqual(clockElapsed - MAX_LATENCY_ALLOWANCE_MS);
	return reply.elapsedMs;
}

// ─── The answer key must not leak ────────────────────────────────────────────────────────────

/** Every `correct` key in a value, with its path. */
function correctKeys(value: unknown, path = ''): { path: string; value: unknown }[] {
	if (Array.isArray(value)) return value.flatMap((v, i) => correctKeys(v, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([k, v]) => [
		...(k === 'correct' ? [{ path: `${path}.${k}`, value: v }] : []),
		...correctKeys(v, `${path}.${k}`)
	]);
}

/**
 * Whatever a phone or a screen received that says which options are correct, where it may not:
 * the key of question q only in reveal/leaderboard views of q received after its reveal was
 * asked for (`revealedAt`), and equal to the fixture's; the player's own result (a boolean) only
 * once a question is revealed; nothing else named `correct`, anywhere, ever.
 */
function keyLeaks(
	entries: Received[],
	audience: 'player' | 'screen',
	revealedAt: ReadonlyMap<number, number>,
	key: number[][]
): string[] {
	const leaks: string[] = [];
	for (const entry of entries) {
		const data = entry.data as Record<string, unknown>;
		const view = (
			audience === 'player'
				? ((data.view ?? (data.packet as { view?: unknown } | undefined)?.view) as GamePlayerPacket['view'] | undefined)
				: ((data.view ?? data) as GameScreenView)
		) as { phase?: string; question?: { index: number } | null } | undefined;
		const phase = view?.phase;
		const q = view?.question?.index;
		const revealed = q !== undefined && revealedAt.has(q) && entry.at > revealedAt.get(q)!;
		const showsKey = (phase === 'reveal' || phase === 'leaderboard') && revealed;
		const where = `${audience} #${entry.at} (${entry.kind}, ${phase ?? 'no view'}, q${q ?? '-'})`;
		for (const found of correctKeys(data)) {
			const isKey = audience === 'player' ? /\.view\.correct$/.test(found.path) : /\.reveal\.correct$/.test(found.path);
			const isOwnResult = audience === 'player' && /\.me\.result\.correct$/.test(found.path);
			if (found.value === null && isKey) continue;
			if (isKey && showsKey && JSON.stringify(found.value) === JSON.stringify(key[q!])) continue;
			if (isOwnResult && typeof found.value === 'boolean' && phase !== 'lobby' && phase !== 'question') continue;
			leaks.push(`${where}: ${found.path} = ${JSON.stringify(found.value)}`);
		}
		// the literal check: a running question or the lobby carries no key in any shape
		if (phase === undefined || phase === 'lobby' || phase === 'question') {
			const json = JSON.stringify(data);
			if (json.includes('"correct":[')) leaks.push(`${where}: "correct":[ in ${json.slice(0, 80)}`);
			if (/"correct":(true|false)/.test(json)) leaks.push(`${where}: a correct flag`);
		}
	}
	return leaks;
}

// ─── Tests ───────────────────────────────────────────────────────────────────────────────────

describe('a live game over Socket.IO', () => {
	it('50 players answer: all accepted, scores follow scoreAnswer, ranks rankPlayers, the screen the top 10', async () => {
		const LIMIT = 20_000;
		const POINTS = 1000;
		const game = await createFixtureGame(ctx, fixture, host.userId, {
			questions: 2,
			timeLimitMs: LIMIT,
			points: POINTS,
			streakBonus: true
		});
		const ledger = new Ledger({ preset: 'speed', streakBonus: true }, LIMIT, POINTS);
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const names = Array.from({ length: 50 }, (_, i) => `Người chơi ${String(i + 1).padStart(2, '0')}`);
		const players = await Promise.all(names.map((name, i) => join(game, name, (i % 2) as 0 | 1)));
		const ids = players.map((p) => p.playerId);
		expect(new Set(ids).size).toBe(50);
		await until('the lobby to count 50', () => screen.latest().players === 50);
		// the lobby shows the latest 40 names
		expect(screen.latest().lobbyNames).toHaveLength(40);
		expect(screen.latest().lobbyNames.every((n) => names.includes(n))).toBe(true);

		for (const q of [0, 1]) {
			const startedAt = ctx.clock.now();
			expect(await h.command(q === 0 ? 'start' : 'next')).toEqual({ ok: true });
			await until(`question ${q} on 50 phones`, () => players.every((p) => onQuestion(p, q)));
			expect(lastPacket(players[0])!.view.question).toMatchObject({ index: q, startedAt, deadline: startedAt + LIMIT });

			// each answers at its own moment (in the opposite order the second time); some wrong, some not at all
			const order = q === 0 ? players : [...players].reverse();
			const answers = new Map<string, { correct: boolean; elapsedMs: number; choice: number[] }>();
			const counts = new Array<number>(game.optionCounts[q]).fill(0);
			for (const [n, p] of order.entries()) {
				const i = players.indexOf(p);
				ctx.clock.advance(40 + 7 * n);
				if (q === 1 && i % 7 === 6) continue;
				const right = q === 0 ? i % 4 !== 3 : i % 5 !== 2;
				const choice = right ? game.correct[q] : [wrongOf(game, q)];
				const elapsedMs = expectElapsed(await answer(p, game, q, choice), ctx.clock.now() - startedAt);
				answers.set(p.playerId, { correct: right, elapsedMs, choice: sorted(choice) });
				for (const c of choice) counts[c]++;
			}
			await until('the host to count the answers', () => h.latest().answered === answers.size);
			expect(h.latest().host.counts.answered).toBe(answers.size);
			expect((await h.roster()).filter((p) => p.answered).length).toBe(answers.size);

			const expectedPoints = new Map([...answers].map(([id, a]) => [id, ledger.worth(id, a.correct, a.elapsedMs)]));
			expect(await h.command('reveal')).toEqual({ ok: true });
			const results = ledger.reveal(ids, answers);
			await until(`the reveal of ${q} on 50 phones`, () => players.every((p) => inPhase(p, 'reveal', q)));

			// the answers as written
			const rows = await answerRows(game.gameId, q);
			expect(rows.length).toBe(answers.size);
			for (const row of rows) {
				const a = answers.get(row.player_id)!;
				expect(row).toMatchObject({
					choice_json: JSON.stringify(a.choice),
					correct: a.correct ? 1 : 0,
					elapsed_ms: a.elapsedMs,
					points: expectedPoints.get(row.player_id)!.points
				});
			}

			// each player's own packet and row
			const ranked = await ledger.ranked(game.gameId, ids);
			const stored = await playerRows(game.gameId);
			for (const p of players) {
				const t = ledger.of(p.playerId);
				expect(me(p)).toMatchObject({
					playerId: p.playerId,
					score: t.score,
					streak: t.streak,
					rank: ranked.findIndex((r) => r.id === p.playerId) + 1,
					result: results.get(p.playerId)
				});
				expect(lastPacket(p)!.view.correct).toEqual(game.correct[q]);
				expect(stored.find((r) => r.id === p.playerId)).toMatchObject({
					score: t.score,
					correct_count: t.correctCount,
					streak: t.streak,
					correct_time_ms: t.correctTimeMs
				});
			}
			expect(sorted(players.map((p) => me(p).rank!))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
			// in rank order the scores never rise, and on equal scores the faster correct answers lead
			const byRank = [...players].sort((x, y) => me(x).rank! - me(y).rank!).map((p) => ledger.of(p.playerId));
			for (let r = 1; r < byRank.length; r++) {
				expect(byRank[r].score).toBeLessThanOrEqual(byRank[r - 1].score);
				if (byRank[r].score === byRank[r - 1].score && byRank[r].correctCount === byRank[r - 1].correctCount) {
					expect(byRank[r].correctTimeMs).toBeGreaterThanOrEqual(byRank[r - 1].correctTimeMs);
				}
			}
			// some scored, some did not, and streak bonuses came in on the second question
			const rightNow = [...answers.values()].filter((x) => x.correct).length;
			expect(players.filter((p) => me(p).result!.points > 0).length).toBe(rightNow);
			expect(rightNow).toBe(q === 0 ? 38 : 34);
			expect(players.filter((p) => me(p).result!.bonus === 100).length).toBe(q === 0 ? 0 : 25);

			await until('the screen to reveal', () => screen.latest().phase === 'reveal');
			expect(screen.latest().reveal).toEqual({ correct: game.correct[q], counts, answered: answers.size });
		}

		expect(await h.command('leaderboard')).toEqual({ ok: true });
		await until('the leaderboard on the screen', () => screen.latest().phase === 'leaderboard');
		const ranked = await ledger.ranked(game.gameId, ids);
		const nameOf = (id: string) => names[ids.indexOf(id)];
		const unitOf = (id: string) => fixture.unitIds[ids.indexOf(id) % 2];
		expect(screen.latest().leaderboard).toEqual(
			ranked.slice(0, 10).map((r, i) => ({
				playerId: r.id,
				name: nameOf(r.id),
				unit: UNIT_NAMES[ids.indexOf(r.id) % 2],
				score: r.score,
				rank: i + 1
			}))
		);
		expect(screen.latest().units).toEqual(
			rankUnits(ids.map((id) => ({ unitId: unitOf(id), score: ledger.of(id).score }))).map((u, i) => ({
				unitId: u.unitId,
				name: UNIT_NAMES[fixture.unitIds.indexOf(u.unitId)],
				players: 25,
				meanScore: u.meanScore,
				rank: i + 1
			}))
		);
		// the host sees every player's total
		for (const row of await h.roster()) expect(row.score).toBe(ledger.of(row.playerId).score);
	});

	it('a player who drops rejoins with its token: same player, same score, answers the next question', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 10_000 });
		const h = await watchHost(game);
		const a = await join(game, 'Hoa Sen');
		const b = await join(game, 'Cá Heo', 1);
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(1200);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until('the reveal', () => inPhase(a, 'reveal', 0));
		const before = me(a);
		expect(before.score).toBeGreaterThan(500);
		await until('both connected', () => h.latest().host.counts.connected === 2);
		expect((await h.roster()).every((p) => p.connected)).toBe(true);

		a.socket.disconnect();
		// the host packet counts it and names it among those who left; the roster shows it
		await until('the host to see it gone', () => h.latest().host.counts.connected === 1);
		expect(h.views.some((v) => v.host.changes.left.some((l) => l.playerId === a.playerId))).toBe(true);
		const roster = await h.roster();
		expect(roster.find((p) => p.playerId === a.playerId)!.connected).toBe(false);
		expect(roster.find((p) => p.playerId === b.playerId)!.connected).toBe(true);

		// a token that is not a player's, and the right token for another game, are refused
		const stranger = phone();
		expect(await send(stranger, 'game:rejoin', { gameId: game.gameId, token: 'x'.repeat(32) })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const other = await createFixtureGame(ctx, fixture, host.userId);
		expect(await send(stranger, 'game:rejoin', { gameId: other.gameId, token: a.token })).toEqual({
			ok: false,
			reason: 'not_found'
		});

		const { phone: back, reply } = await rejoin(a, game);
		if (!reply.ok) throw new Error(reply.reason);
		expect(reply.playerId).toBe(a.playerId);
		expect(reply.token).toBe(a.token);
		expect(reply.packet.view).toMatchObject({ phase: 'reveal', correct: game.correct[0] });
		expect(reply.packet.me).toMatchObject({ score: before.score, rank: before.rank, result: before.result });
		await until('the host to see it back', () => h.latest().host.counts.connected === 2);
		expect((await h.roster()).find((p) => p.playerId === a.playerId)).toMatchObject({
			connected: true,
			score: before.score
		});

		const packetsOfOld = a.packets.length;
		expect(await h.command('next')).toEqual({ ok: true });
		await until('the next question on the new socket', () => onQuestion(back, 1));
		ctx.clock.advance(800);
		const second = await answer(back, game, 1, game.correct[1]);
		expectElapsed(second, 800);
		expect(await answerRows(game.gameId, 1)).toMatchObject([{ player_id: a.playerId }]);
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until('the reveal on the new socket', () => inPhase(back, 'reveal', 1));
		expect(me(back).score).toBeGreaterThan(before.score);
		expect(me(back).streak).toBe(2);
		expect(a.packets.length).toBe(packetsOfOld);
	});

	it('refuses an answer after the deadline and its allowance with "late", and writes nothing', async () => {
		const LIMIT = 10_000;
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1, timeLimitMs: LIMIT });
		const h = await watchHost(game);
		const [a, b, c] = [await join(game, 'Đúng Giờ'), await join(game, 'Sát Giờ'), await join(game, 'Trễ Giờ')];
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(3000);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		// at the deadline itself: still in time
		ctx.clock.advance(LIMIT - 3000);
		expectElapsed(await answer(b, game, 0, game.correct[0]), LIMIT);
		// past the deadline and any allowance; the timer (on real time) has not fired
		ctx.clock.advance(MAX_LATENCY_ALLOWANCE_MS + 1);
		expect(await answer(c, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'late' });
		expect(await answer(c, game, 0, [wrongOf(game, 0)])).toEqual({ ok: false, reason: 'late' });

		expect((await answerRows(game.gameId)).map((r) => r.player_id).sort()).toEqual([a.playerId, b.playerId].sort());
		await until('the host to count 2', () => h.latest().answered === 2);
		expect(h.latest().phase).toBe('question');
		expect((await h.roster()).find((p) => p.playerId === c.playerId)!.answered).toBe(false);

		// the timer closes it; the late player has nothing
		await server.io.games.tick(game.gameId);
		await until('the reveal', () => inPhase(c, 'reveal', 0));
		expect(me(c)).toMatchObject({ score: 0, result: { correct: false, points: 0, bonus: 0, answered: false } });
		expect((await playerRows(game.gameId)).find((r) => r.id === c.playerId)!.score).toBe(0);
	});

	it('refuses an answer to a past (or future) question with "wrong_question", and writes nothing', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: 10_000 });
		const h = await watchHost(game);
		const a = await join(game, 'Quá Khứ');
		const b = await join(game, 'Hiện Tại');
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(1000);
		expect(await answer(a, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'wrong_question' });
		expect((await answer(b, game, 0, game.correct[0])).ok).toBe(true);
		expect(await h.command('reveal')).toEqual({ ok: true });
		// in the reveal, the question just closed is past; the next one is not open yet
		expect(await answer(a, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'wrong_question' });
		expect(await answer(a, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'not_in_question' });
		expect(await h.command('next')).toEqual({ ok: true });
		await until('question 1', () => onQuestion(a, 1));
		ctx.clock.advance(1000);
		expect(await answer(a, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'wrong_question' });
		expect(await answer(b, game, 0, [wrongOf(game, 0)])).toEqual({ ok: false, reason: 'wrong_question' });
		expect(await answer(a, game, 2, game.correct[2])).toEqual({ ok: false, reason: 'wrong_question' });

		const rows = await answerRows(game.gameId);
		expect(rows.map((r) => [r.player_id, r.position])).toEqual([[b.playerId, 0]]);
		await until('a flush', () => h.latest().phase === 'question' && h.latest().question?.index === 1);
		expect(h.latest().answered).toBe(0);
		// the current question is still open to both
		expect((await answer(a, game, 1, game.correct[1])).ok).toBe(true);
		expect((await answer(b, game, 1, game.correct[1])).ok).toBe(true);
	});

	it('takes one answer per player and question: a second is a "duplicate", and so are racing ones', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: 10_000 });
		const h = await watchHost(game);
		const a = await join(game, 'Một Lần');
		const b = await join(game, 'Vội Vàng');
		expect(await h.command('start')).toEqual({ ok: true });

		ctx.clock.advance(1000);
		const first = await answer(a, game, 0, [wrongOf(game, 0)]);
		expect(first.ok).toBe(true);
		// changing one's mind is not allowed, nor repeating the same choice
		expect(await answer(a, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'duplicate' });
		expect(await answer(a, game, 0, [wrongOf(game, 0)])).toEqual({ ok: false, reason: 'duplicate' });

		// ten answers sent back to back, without waiting for any reply
		const burst = await Promise.all(
			Array.from({ length: 10 }, (_, i) => answer(b, game, 0, [i % game.optionCounts[0]]))
		);
		expect(burst.filter((r) => r.ok)).toHaveLength(1);
		expect(burst.filter((r) => !r.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: 'duplicate' })));
		const taken = burst.findIndex((r) => r.ok);

		const rows = await answerRows(game.gameId, 0);
		expect(rows).toHaveLength(2);
		expect(rows.find((r) => r.player_id === a.playerId)!.choice_json).toBe(JSON.stringify([wrongOf(game, 0)]));
		expect(rows.find((r) => r.player_id === b.playerId)!.choice_json).toBe(
			JSON.stringify([taken % game.optionCounts[0]])
		);

		// the same player on two phones, both answering the next question at once
		expect(await h.command('reveal')).toEqual({ ok: true });
		const { phone: a2, reply } = await rejoin(a, game);
		expect(reply.ok).toBe(true);
		expect(await h.command('next')).toEqual({ ok: true });
		await until('question 1 on both phones', () => onQuestion(a, 1) && onQuestion(a2, 1));
		ctx.clock.advance(500);
		const pair = await Promise.all([answer(a, game, 1, game.correct[1]), answer(a2, game, 1, [wrongOf(game, 1)])]);
		expect(pair.filter((r) => r.ok)).toHaveLength(1);
		expect(pair.find((r) => !r.ok)).toEqual({ ok: false, reason: 'duplicate' });
		expect(await answerRows(game.gameId, 1)).toHaveLength(1);

		// the reveal counts each player once
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until('the reveal on both phones', () => inPhase(a, 'reveal', 1) && inPhase(a2, 'reveal', 1));
		expect(lastPacket(a)!.me).toEqual(lastPacket(a2)!.me);
		expect(me(a).result!.correct).toBe(pair[0].ok);
		await until('the host to reveal', () => h.latest().phase === 'reveal');
		expect(h.latest().answered).toBe(1);
		expect(h.latest().reveal!.counts.reduce((x, y) => x + y, 0)).toBe(1);
	});

	it('lets only the host run the game: a player, an anonymous socket and another organizer are forbidden', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const p = await join(game, 'Người Chơi');
		const organizer = await createSignedInUser(ctx, { role: 'organizer', fullName: 'Ban Tổ Chức Khác' });
		const contestant = await signedInContestant('0912000111', 'Thí Sinh Tò Mò', 1);
		const outsiders = [p.socket, open(), open({ cookie: organizer.cookie }), open({ cookie: contestant.cookie })];
		const hostPackets = outsiders.map(() => 0);
		outsiders.forEach((s, i) => s.on('game:host', () => hostPackets[i]++));

		const refuseAll = async (commands: string[]) => {
			for (const socket of outsiders) {
				for (const command of commands) {
					expect(await ask(socket, 'game:command', { gameId: game.gameId, command })).toEqual({
						ok: false,
						reason: 'forbidden'
					});
				}
				expect(await ask(socket, 'game:remove', { gameId: game.gameId, playerId: p.playerId })).toEqual({
					ok: false,
					reason: 'forbidden'
				});
				expect(await ask(socket, 'game:watch', { gameId: game.gameId, role: 'host' })).toEqual({
					ok: false,
					reason: 'forbidden'
				});
			}
		};

		await refuseAll(['start', 'end']);
		expect(await gameRow(game.gameId)).toMatchObject({ phase: 'lobby', question_index: -1, started_at: null });
		expect(h.latest().phase).toBe('lobby');

		expect(await h.command('start')).toEqual({ ok: true });
		await refuseAll(['reveal', 'pause', 'skip', 'next', 'end']);
		expect(await gameRow(game.gameId)).toMatchObject({
			phase: 'question',
			question_index: 0,
			paused_remaining_ms: null
		});
		await until('the screen on question 0', () => screen.latest().phase === 'question');
		expect(screen.latest()).toMatchObject({ phase: 'question', paused: false, players: 1 });
		expect((await h.roster()).map((x) => x.playerId)).toEqual([p.playerId]);
		expect((await playerRows(game.gameId))[0].removed_at).toBeNull();
		// nobody but the host sits in the host room
		expect(hostPackets).toEqual([0, 0, 0, 0]);
		// anyone may watch the screen
		expect((await ask<GameWatchReply>(outsiders[2], 'game:watch', { gameId: game.gameId, role: 'screen' })).ok).toBe(
			true
		);
		// the host's own commands still work: the refusals were about who asked
		expect(await h.command('pause')).toEqual({ ok: true });
		expect(await h.command('pause')).toEqual({ ok: false, reason: 'illegal' });
		expect(await h.command('end')).toEqual({ ok: true });
		expect((await gameRow(game.gameId)).phase).toBe('podium');
	});

	it('never lets a phone or a screen see the answer key before the reveal', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 6, timeLimitMs: 20_000 });
		// three single-answer questions, two multiple-answer, one true/false
		expect(game.correct.map((c) => c.length)).toEqual([1, 1, 1, 2, 2, 1]);
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const phones = [await join(game, 'Một'), await join(game, 'Hai', 1), await join(game, 'Ba')];
		const everyPhone = [...phones];
		const revealedAt = new Map<number, number>();
		const phoneLeaks = () => everyPhone.flatMap((p) => keyLeaks(p.log, 'player', revealedAt, game.correct));
		const screenLeaks = () => keyLeaks(screen.log, 'screen', revealedAt, game.correct);

		// the checker itself catches what it is for
		const fake = (data: unknown): Received[] => [{ at: received + 1, kind: 'packet', data }];
		const q0 = { phase: 'question', question: { index: 0, options: ['a', 'b'] }, correct: null };
		expect(keyLeaks(fake({ view: { ...q0, correct: [0] } }), 'player', revealedAt, game.correct)).toHaveLength(2);
		expect(
			keyLeaks(
				fake({ view: { ...q0, question: { index: 0, options: [{ text: 'a', correct: true }] } } }),
				'player',
				revealedAt,
				game.correct
			)
		).toHaveLength(2);
		const s0 = { phase: 'question', question: { index: 0 }, reveal: { correct: [0] } };
		expect(keyLeaks(fake(s0), 'screen', revealedAt, game.correct)).toHaveLength(2);
		expect(
			keyLeaks(fake({ view: { ...q0, phase: 'reveal', correct: [0] } }), 'player', revealedAt, game.correct)
		).toHaveLength(1);

		/** when each question was asked for, on the counter: after it, nothing may carry a key until its reveal */
		const askedAt = new Map<number, number>([[0, 0]]);
		expect(await h.command('start')).toEqual({ ok: true });
		for (let q = 0; q < 6; q++) {
			await until(`question ${q} on the phones`, () => phones.every((p) => onQuestion(p, q)));
			if (q === 1) {
				// a phone drops and comes back mid-question: its reply carries the question, not the key
				const { phone: back, reply } = await rejoin(phones[0], game);
				expect(reply.ok && reply.packet.view.phase).toBe('question');
				phones[0].socket.disconnect();
				phones[0] = back;
				everyPhone.push(back);
			}
			for (const [i, p] of phones.entries()) {
				ctx.clock.advance(700);
				const choice = i === 1 ? [wrongOf(game, q)] : game.correct[q];
				expect((await answer(p, game, q, choice)).ok).toBe(true);
			}
			// a refused answer's reply carries nothing either
			expect(await answer(phones[0], game, q, game.correct[q])).toEqual({ ok: false, reason: 'duplicate' });
			await until('the screen to count the answers', () => screen.latest().answered === phones.length);
			expect(screen.latest().reveal).toBeNull();
			expect(phoneLeaks()).toEqual([]);
			expect(screenLeaks()).toEqual([]);
			// and literally: nothing received since the question was asked for names a correct option
			const sinceAsked = [...everyPhone.flatMap((p) => p.log), ...screen.log].filter((x) => x.at > askedAt.get(q)!);
			expect(sinceAsked.length).toBeGreaterThan(phones.length * 2);
			for (const e of sinceAsked) {
				expect(JSON.stringify(e.data)).not.toContain('"correct":[');
				expect(JSON.stringify(e.data)).not.toMatch(/"correct":(true|false)/);
			}

			revealedAt.set(q, ++received);
			expect(await h.command('reveal')).toEqual({ ok: true });
			await until(`the reveal of ${q}`, () => phones.every((p) => inPhase(p, 'reveal', q)));
			for (const p of phones) {
				expect(lastPacket(p)!.view.correct).toEqual(game.correct[q]);
				expect(me(p).answer).toEqual(p === phones[1] ? [wrongOf(game, q)] : sorted(game.correct[q]));
			}
			await until('the screen to reveal', () => screen.latest().phase === 'reveal');
			expect(screen.latest().reveal!.correct).toEqual(game.correct[q]);
			expect(screen.latest().reveal!.answered).toBe(phones.length);

			if (q === 2) {
				// a late joiner between questions is shown the key just revealed, and nothing more
				const late = await join(game, 'Đến Sau', 1);
				const joined = late.log[0].data as GameJoinReply;
				expect(joined.ok && joined.packet.view.correct).toEqual(game.correct[2]);
				phones.push(late);
				everyPhone.push(late);
			}
			if (q % 2 === 0) {
				expect(await h.command('leaderboard')).toEqual({ ok: true });
				await until('the leaderboard', () => phones.every((p) => inPhase(p, 'leaderboard', q)));
				expect(lastPacket(phones[0])!.view.correct).toEqual(game.correct[q]);
			}
			// everything of this question's reveal is in before the next is asked for
			const shown = q % 2 === 0 ? 'leaderboard' : 'reveal';
			await until('the screen to catch up', () => screen.latest().phase === shown);
			expect(phones.every((p) => inPhase(p, shown, q))).toBe(true);
			askedAt.set(q + 1, ++received);
			expect(await h.command('next')).toEqual({ ok: true });
		}
		await until('the podium', () => phones.every((p) => inPhase(p, 'podium')));
		expect(lastPacket(phones[0])!.view.correct).toBeNull();
		expect(phoneLeaks()).toEqual([]);
		expect(screenLeaks()).toEqual([]);
		// what was checked: every phone got every phase, and the screen its views
		expect(everyPhone.reduce((n, p) => n + p.log.length, 0)).toBeGreaterThan(80);
		expect(screen.log.length).toBeGreaterThan(20);
		expect(h.latest().phase).toBe('podium');
	});

	it('shows pictures on the screen and the phones by content hash only, never naming the correct option', async () => {
		const owners = await attachPictures(ctx);
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 4, timeLimitMs: 20_000 });
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const phones = [await join(game, 'Một'), await join(game, 'Hai', 1)];
		const revealedAt = new Map<number, number>();
		expect(await h.command('start')).toEqual({ ok: true });
		for (let q = 0; q < 4; q++) {
			await until(`question ${q} on the phones`, () => phones.every((p) => onQuestion(p, q)));
			await until(`question ${q} on the screen`, () => screen.latest().question?.index === q);
			const seen = [
				lastPacket(phones[0])!.view.question!,
				lastPacket(phones[1])!.view.question!,
				screen.latest().question!
			];
			for (const question of seen) {
				expect(question.image!.src).toMatch(/^\/media\/[0-9a-f]{64}$/);
				expect(question.image!.alt).toBe('Mẫu tờ khai');
				expect(question.optionImages).toHaveLength(game.optionCounts[q]);
				for (const [i, picture] of question.optionImages!.entries()) {
					const [, hash] = picture!.src.match(/^\/media\/([0-9a-f]{64})$/)!;
					// the picture of the option shown i-th, whatever its key; its URL is its bytes' hash
					const owner = owners.get(hash)!;
					expect(owner.correct).toBe(game.correct[q].includes(i));
					expect(picture!.alt).toBe('Hình minh họa phương án');
				}
			}
			// the same shape for right and wrong options, and no key in any packet while it runs
			expect(phones.flatMap((p) => keyLeaks(p.log, 'player', revealedAt, game.correct))).toEqual([]);
			expect(keyLeaks(screen.log, 'screen', revealedAt, game.correct)).toEqual([]);
			revealedAt.set(q, ++received);
			expect(await h.command('reveal')).toEqual({ ok: true });
			await until(`the reveal of ${q}`, () => phones.every((p) => inPhase(p, 'reveal', q)));
			expect(await h.command('next')).toEqual({ ok: true });
		}
	});

	it('keeps the pictures for the screen when the host chose "screen only"', async () => {
		await attachPictures(ctx);
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1, screenOnly: true });
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const p = await join(game, 'Một');
		expect(await h.command('start')).toEqual({ ok: true });
		await until('the question on the phone', () => onQuestion(p, 0));
		await until('the question on the screen', () => screen.latest().question?.index === 0);
		const onPhone = lastPacket(p)!.view.question!;
		expect([onPhone.text, onPhone.options, onPhone.image, onPhone.optionImages]).toEqual([null, null, null, null]);
		const onScreen = screen.latest().question!;
		expect(onScreen.image!.src).toMatch(/^\/media\/[0-9a-f]{64}$/);
		expect(onScreen.optionImages).toHaveLength(game.optionCounts[0]);
	});

	it('closes a question on its timer without the host, pauses and resumes on the server clock', async () => {
		const LIMIT = 300;
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: LIMIT });
		const h = await watchHost(game);
		const a = await join(game, 'Nhanh Tay');
		const b = await join(game, 'Chậm Chân');

		// question 0: the server's own timer (real setTimeout, checked against the test clock)
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(100);
		const aTime = expectElapsed(await answer(a, game, 0, game.correct[0]), 100);
		ctx.clock.advance(LIMIT + MAX_LATENCY_ALLOWANCE_MS);
		expect(await answer(b, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'late' });
		await until('the timer to reveal', () => inPhase(a, 'reveal', 0) && inPhase(b, 'reveal', 0));
		expect(me(a).result).toEqual({
			correct: true,
			points: scoreAnswer(
				{ preset: 'speed', streakBonus: false },
				{ correct: true, elapsedMs: aTime, limitMs: LIMIT, questionPoints: 1000, streakBefore: 0 }
			).points,
			bonus: 0,
			answered: true
		});
		expect(me(a).result!.points).toBe(1000);
		expect(me(b).result).toEqual({ correct: false, points: 0, bonus: 0, answered: false });
		expect(await gameRow(game.gameId)).toMatchObject({ phase: 'reveal', question_index: 0 });
		await until('the host to see the reveal', () => h.latest().phase === 'reveal');
		expect(h.latest().host.commands).toEqual(['next', 'leaderboard', 'end']);

		// question 1: tick() fires nothing before the deadline, and the timeout at it
		expect(await h.command('next')).toEqual({ ok: true });
		const started = ctx.clock.now();
		ctx.clock.advance(LIMIT - 1);
		await server.io.games.tick(game.gameId);
		expect((await gameRow(game.gameId)).phase).toBe('question');
		ctx.clock.advance(1);
		await server.io.games.tick(game.gameId);
		await until('the tick to reveal', () => inPhase(a, 'reveal', 1));
		expect(await gameRow(game.gameId)).toMatchObject({
			phase: 'reveal',
			question_index: 1,
			deadline_at: started + LIMIT
		});

		// question 2: a pause stops its clock; answers wait; the resume gives the time left back
		expect(await h.command('next')).toEqual({ ok: true });
		const q2 = ctx.clock.now();
		ctx.clock.advance(100);
		expect(await h.command('resume')).toEqual({ ok: false, reason: 'illegal' });
		expect(await h.command('pause')).toEqual({ ok: true });
		await until('the pause on the phones', () => lastPacket(a)!.view.paused && lastPacket(b)!.view.paused);
		expect(lastPacket(a)!.view.question).toMatchObject({ deadline: null, pausedRemaining: LIMIT - 100 });
		await until('the pause on the host', () => h.latest().paused);
		expect(h.latest().host.commands).toEqual(['resume', 'reveal', 'skip', 'end']);
		expect(await gameRow(game.gameId)).toMatchObject({ deadline_at: null, paused_remaining_ms: LIMIT - 100 });
		expect(await answer(a, game, 2, game.correct[2])).toEqual({ ok: false, reason: 'paused' });
		expect(await answerRows(game.gameId, 2)).toEqual([]);
		// a long pause: neither the tick nor the real timer closes a paused question (none is armed)
		expect(await server.io.games.timerDue(game.gameId)).toBeNull();
		ctx.clock.advance(60_000);
		await server.io.games.tick(game.gameId);
		expect(await server.io.games.timerDue(game.gameId)).toBeNull();
		expect(await gameRow(game.gameId)).toMatchObject({ phase: 'question', paused_remaining_ms: LIMIT - 100 });

		expect(await h.command('resume')).toEqual({ ok: true });
		const resumedAt = ctx.clock.now();
		await until('the resume on the phones', () => !lastPacket(a)!.view.paused);
		expect(lastPacket(a)!.view.question).toMatchObject({
			deadline: resumedAt + LIMIT - 100,
			startedAt: resumedAt - 100,
			pausedRemaining: null
		});
		expect(resumedAt - q2).toBe(60_100);
		// the resume arms the timer again for the time that was left
		expect(await server.io.games.timerDue(game.gameId)).toBe(resumedAt + LIMIT - 100 + MAX_LATENCY_ALLOWANCE_MS);
		ctx.clock.advance(50);
		// 100 ms before the pause and 50 after it: the pause does not count
		expectElapsed(await answer(a, game, 2, game.correct[2]), 150);
		ctx.clock.advance(LIMIT - 150 + MAX_LATENCY_ALLOWANCE_MS + 1);
		expect(await answer(b, game, 2, game.correct[2])).toEqual({ ok: false, reason: 'late' });
		await server.io.games.tick(game.gameId);
		await until('the last reveal', () => inPhase(a, 'reveal', 2));
		expect(me(a).result!.correct).toBe(true);
		// full points twice (both within the first half second), nothing for the question nobody answered
		expect(me(a).score).toBe(2000);
		expect(await h.command('next')).toEqual({ ok: true });
		await until('the podium', () => inPhase(a, 'podium'));
		expect((await gameRow(game.gameId)).ended_at).toBe(ctx.clock.now());
	});

	it('skips a question: it is voided, its answers score nothing, and the game goes on', async () => {
		const LIMIT = 10_000;
		const game = await createFixtureGame(ctx, fixture, host.userId, {
			questions: 3,
			timeLimitMs: LIMIT,
			streakBonus: true
		});
		const ledger = new Ledger({ preset: 'speed', streakBonus: true }, LIMIT, 1000);
		const h = await watchHost(game);
		const a = await join(game, 'Bỏ Qua');
		const b = await join(game, 'Đi Tiếp', 1);
		const ids = [a.playerId, b.playerId];

		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(2000);
		const a0 = expectElapsed(await answer(a, game, 0, game.correct[0]), 2000);
		expect(await h.command('reveal')).toEqual({ ok: true });
		ledger.reveal(ids, new Map([[a.playerId, { correct: true, elapsedMs: a0 }]]));
		await until('the reveal', () => inPhase(a, 'reveal', 0));
		expect(me(a).score).toBe(ledger.of(a.playerId).score);

		expect(await h.command('next')).toEqual({ ok: true });
		await until('question 1', () => onQuestion(a, 1));
		ctx.clock.advance(700);
		expect((await answer(a, game, 1, game.correct[1])).ok).toBe(true);
		expect((await answer(b, game, 1, game.correct[1])).ok).toBe(true);
		expect((await answerRows(game.gameId, 1)).every((r) => r.points > 0)).toBe(true);
		expect(await h.command('skip')).toEqual({ ok: true });
		// straight on to the next question: no reveal of the skipped one
		await until('question 2', () => onQuestion(a, 2) && onQuestion(b, 2));
		expect(a.packets.some((p) => p.view.phase === 'reveal' && p.view.question?.index === 1)).toBe(false);
		expect((await questionRows(game.gameId)).map((q) => q.voided)).toEqual([0, 1, 0]);
		expect((await answerRows(game.gameId, 1)).map((r) => r.points)).toEqual([0, 0]);
		const rows = await playerRows(game.gameId);
		expect(rows.find((r) => r.id === a.playerId)).toMatchObject({
			score: ledger.of(a.playerId).score,
			correct_count: 1,
			streak: 1
		});
		expect(rows.find((r) => r.id === b.playerId)).toMatchObject({ score: 0, correct_count: 0 });
		expect(await answer(a, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'wrong_question' });

		// the voided question neither counts nor breaks a streak
		ctx.clock.advance(1500);
		const a2 = expectElapsed(await answer(a, game, 2, game.correct[2]), 1500);
		const b2 = expectElapsed(await answer(b, game, 2, game.correct[2]), 1500);
		expect(await h.command('reveal')).toEqual({ ok: true });
		const results = ledger.reveal(
			ids,
			new Map([
				[a.playerId, { correct: true, elapsedMs: a2 }],
				[b.playerId, { correct: true, elapsedMs: b2 }]
			])
		);
		await until('the reveal of 2', () => inPhase(a, 'reveal', 2) && inPhase(b, 'reveal', 2));
		expect(me(a)).toMatchObject({ score: ledger.of(a.playerId).score, streak: 2, result: results.get(a.playerId) });
		expect(me(a).result!.bonus).toBe(100);
		expect(me(b)).toMatchObject({ score: ledger.of(b.playerId).score, streak: 1, result: results.get(b.playerId) });
		expect((await playerRows(game.gameId)).find((r) => r.id === a.playerId)!.score).toBe(ledger.of(a.playerId).score);

		// skipping the last question ends the game, voided too
		const last = await createFixtureGame(ctx, fixture, host.userId, { questions: 1 });
		const h2 = await watchHost(last);
		expect(await h2.command('start')).toEqual({ ok: true });
		expect(await h2.command('skip')).toEqual({ ok: true });
		expect((await gameRow(last.gameId)).phase).toBe('podium');
		expect((await questionRows(last.gameId)).map((q) => q.voided)).toEqual([1]);
	});

	it('lets the host remove a player: told at once, then refused everywhere and left out of the standings', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 10_000 });
		const h = await watchHost(game);
		const screen = await watchScreen(game);
		const a = await join(game, 'Ở Lại');
		const b = await join(game, 'Bị Loại', 1);
		const c = await join(game, 'Cũng Ở Lại');
		expect(await h.command('start')).toEqual({ ok: true });
		ctx.clock.advance(300);
		// the fastest answer of all, by the player about to be removed
		expect((await answer(b, game, 0, game.correct[0])).ok).toBe(true);
		await until('the host to count it', () => h.latest().answered === 1);

		expect(await h.remove('no-such-player')).toEqual({ ok: false, reason: 'not_found' });
		expect(await h.remove(b.playerId)).toEqual({ ok: true });
		await until('the removal notice', () => b.removed.length === 1);
		expect(b.removed).toEqual([{ gameId: game.gameId }]);
		const packetsOfB = b.packets.length;
		await until('the host to drop it', () => h.latest().players === 2);
		expect((await h.roster()).map((p) => p.playerId).sort()).toEqual([a.playerId, c.playerId].sort());
		expect(h.views.some((v) => v.host.changes.left.some((l) => l.playerId === b.playerId))).toBe(true);
		expect(h.latest().answered).toBe(0);
		expect((await playerRows(game.gameId)).find((r) => r.id === b.playerId)!.removed_at).toBe(ctx.clock.now());
		// removing twice is harmless
		expect(await h.remove(b.playerId)).toEqual({ ok: true });

		expect(await answer(b, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'not_joined' });
		const { reply } = await rejoin(b, game);
		expect(reply).toEqual({ ok: false, reason: 'removed' });

		ctx.clock.advance(500);
		expect((await answer(a, game, 0, game.correct[0])).ok).toBe(true);
		ctx.clock.advance(500);
		expect((await answer(c, game, 0, [wrongOf(game, 0)])).ok).toBe(true);
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until('the reveal', () => inPhase(a, 'reveal', 0) && inPhase(c, 'reveal', 0));
		expect(me(a).rank).toBe(1);
		expect(me(c).rank).toBe(2);
		await until('the screen reveal', () => screen.latest().phase === 'reveal');
		expect(screen.latest().reveal!.answered).toBe(2);
		expect(screen.latest().reveal!.counts.reduce((x, y) => x + y, 0)).toBe(2);
		expect(await h.command('leaderboard')).toEqual({ ok: true });
		await until('the leaderboard', () => screen.latest().phase === 'leaderboard');
		expect(screen.latest().leaderboard.map((r) => [r.name, r.rank])).toEqual([
			['Ở Lại', 1],
			['Cũng Ở Lại', 2]
		]);
		expect(screen.latest().players).toBe(2);
		expect(screen.latest().units.map((u) => [u.name, u.players])).toEqual([[UNIT_NAMES[0], 2]]);
		// on to a question sent to the whole room: the removed phone is no longer in it
		expect(await h.command('next')).toEqual({ ok: true });
		await until('question 1', () => onQuestion(a, 1) && onQuestion(c, 1));
		expect(await answer(b, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'not_joined' });
		expect(b.packets.length).toBe(packetsOfB);
		expect((await playerRows(game.gameId)).find((r) => r.id === b.playerId)!.score).toBe(0);
	});
});

describe('joining a live game', () => {
	it('applies the nickname rules: unique folded, clean, at most 24 characters', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { joinMode: 'nickname' });
		await join(game, 'Nguyễn Văn An');
		const unitId = fixture.unitIds[0];
		const attempt = (payload: Record<string, unknown>) => tryJoin(phone(), game, payload);
		for (const taken of ['nguyen van an', '  NGUYỄN   VĂN  AN ', 'Nguyễn Văn Ân', 'Nguyen Van An']) {
			expect(await attempt({ nickname: taken, unitId })).toEqual({ ok: false, reason: 'nickname_taken' });
		}
		for (const abusive of ['vcl', 'Đ.M', 'đéo biết', 'v c l']) {
			expect(await attempt({ nickname: abusive, unitId })).toEqual({ ok: false, reason: 'nickname_abusive' });
		}
		expect(await attempt({ nickname: 'x'.repeat(NICKNAME_MAX + 1), unitId })).toEqual({
			ok: false,
			reason: 'nickname_too_long'
		});
		expect(await attempt({ nickname: '   ', unitId })).toEqual({ ok: false, reason: 'nickname_empty' });
		expect(await attempt({ nickname: 'Không Đơn Vị' })).toEqual({ ok: false, reason: 'unit_required' });
		expect(await attempt({ nickname: 'Đơn Vị Lạ', unitId: 'khong-co-don-vi' })).toEqual({
			ok: false,
			reason: 'unit_required'
		});
		// 24 characters, typed decomposed (as some keyboards do): counted as shown
		const full = 'Trần Thị Ánh Nguyệt Ngọc';
		expect([...full].length).toBe(NICKNAME_MAX);
		const accepted = await attempt({ nickname: full.normalize('NFD'), unitId });
		expect(accepted.ok && accepted.packet.me?.name).toBe(full);
		// "lớn" folds to "lon" but is not the slur; "Lớn" is fine
		expect((await attempt({ nickname: 'Anh Lớn', unitId })).ok).toBe(true);
		const rows = await playerRows(game.gameId);
		expect(rows.map((r) => r.nickname).sort()).toEqual(['Anh Lớn', 'Nguyễn Văn An', full].sort());
	});

	it("takes a player's unit from the contest's part of the tree only", async () => {
		const [inside, outside] = fixture.unitIds;
		await ctx.db.updateTable('contest').set({ root_unit_id: inside }).where('id', '=', fixture.contestId).execute();
		const game = await createFixtureGame(ctx, fixture, host.userId, { joinMode: 'nickname' });
		const attempt = (payload: Record<string, unknown>) => tryJoin(phone(), game, payload);
		expect(await attempt({ nickname: 'Ngoài Phạm Vi', unitId: outside })).toEqual({
			ok: false,
			reason: 'unit_required'
		});
		const accepted = await attempt({ nickname: 'Trong Phạm Vi', unitId: inside });
		expect(accepted.ok && accepted.packet.me?.unit).toBe(UNIT_NAMES[0]);
	});

	it('joins after the start only between questions, and only when late joining is on', async () => {
		const unitId = fixture.unitIds[1];
		const open1 = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, lateJoin: true });
		const h = await watchHost(open1);
		await join(open1, 'Đầu Tiên');
		const attempt = (game: GameFixture, nickname: string) => tryJoin(phone(), game, { nickname, unitId });
		expect(await h.command('start')).toEqual({ ok: true });
		expect(await attempt(open1, 'Giữa Câu')).toEqual({ ok: false, reason: 'closed' });
		expect(await h.command('reveal')).toEqual({ ok: true });
		const inReveal = await attempt(open1, 'Sau Đáp Án');
		expect(inReveal.ok && inReveal.packet).toMatchObject({
			view: { phase: 'reveal' },
			me: { score: 0, rank: null, result: null }
		});
		expect(await h.command('leaderboard')).toEqual({ ok: true });
		expect((await attempt(open1, 'Xem Bảng')).ok).toBe(true);
		expect(await h.command('next')).toEqual({ ok: true });
		expect(await attempt(open1, 'Lại Giữa Câu')).toEqual({ ok: false, reason: 'closed' });
		await until('the host to count 3', () => h.latest().players === 3);
		expect(await h.command('end')).toEqual({ ok: true });
		expect(await attempt(open1, 'Hết Giờ')).toEqual({ ok: false, reason: 'ended' });

		const closed = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, lateJoin: false });
		const h2 = await watchHost(closed);
		const early = await join(closed, 'Kịp Giờ');
		expect(await h2.command('start')).toEqual({ ok: true });
		expect(await attempt(closed, 'Muộn Một')).toEqual({ ok: false, reason: 'closed' });
		expect(await h2.command('reveal')).toEqual({ ok: true });
		expect(await attempt(closed, 'Muộn Hai')).toEqual({ ok: false, reason: 'closed' });
		expect(await h2.command('leaderboard')).toEqual({ ok: true });
		expect(await attempt(closed, 'Muộn Ba')).toEqual({ ok: false, reason: 'closed' });
		expect((await playerRows(closed.gameId)).map((r) => r.id)).toEqual([early.playerId]);
		// a player already in may still come back
		expect((await rejoin(early, closed)).reply.ok).toBe(true);
	});

	it('asks for an account when the game does, and takes the name and the registered unit from it', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { joinMode: 'account' });
		const unitId = fixture.unitIds[0];
		expect(await tryJoin(phone(), game, { nickname: 'Ẩn Danh', unitId })).toEqual({
			ok: false,
			reason: 'login_required'
		});
		expect(await tryJoin(phone(), game, { asAccount: true })).toEqual({ ok: false, reason: 'login_required' });

		const thu = await signedInContestant('0912000999', 'Lê Thị Thu', 1);
		expect(await tryJoin(phone(thu.cookie), game, { nickname: 'Biệt Danh', unitId })).toEqual({
			ok: false,
			reason: 'nickname_not_allowed'
		});
		// the unit and the nickname sent are ignored: the registration's unit and the account's name count
		const first = phone(thu.cookie);
		const reply = await tryJoin(first, game, { asAccount: true, unitId, nickname: 'Tên Khác' });
		if (!reply.ok) throw new Error(reply.reason);
		expect(reply.packet.me).toMatchObject({ name: 'Lê Thị Thu', unit: UNIT_NAMES[1] });
		expect((await playerRows(game.gameId))[0]).toMatchObject({
			id: reply.playerId,
			user_id: thu.userId,
			nickname: 'Lê Thị Thu',
			unit_id: fixture.unitIds[1]
		});

		// another account of the same name gets a distinct one
		const namesake = await signedInContestant('0912000888', 'Lê Thị Thu', 0);
		const second = await tryJoin(phone(namesake.cookie), game, { asAccount: true });
		expect(second.ok && second.packet.me).toMatchObject({ name: 'Lê Thị Thu (2)', unit: UNIT_NAMES[0] });

		// the same account on a second phone is the same player, with a new token
		const again = await tryJoin(phone(thu.cookie), game, { asAccount: true });
		if (!again.ok) throw new Error(again.reason);
		expect(again.playerId).toBe(reply.playerId);
		expect(again.token).not.toBe(reply.token);
		expect((await rejoin(first, game)).reply).toEqual({ ok: false, reason: 'not_found' });
		expect(await playerRows(game.gameId)).toHaveLength(2);

		// a nickname game refuses account joins
		const nick = await createFixtureGame(ctx, fixture, host.userId, { joinMode: 'nickname' });
		expect(await tryJoin(phone(thu.cookie), nick, { asAccount: true })).toEqual({ ok: false, reason: 'invalid' });
	});
});

describe('a restart of the server', () => {
	it('resumes a game mid-question: same question, the time left at the last write, answers counted once', async () => {
		const LIMIT = 20_000;
		const game = await createFixtureGame(ctx, fixture, host.userId, {
			questions: 3,
			timeLimitMs: LIMIT,
			streakBonus: true
		});
		const ledger = new Ledger({ preset: 'speed', streakBonus: true }, LIMIT, 1000);
		let h = await watchHost(game);
		const names = ['An Trước', 'Bình Sau', 'Chi Sai', 'Dũng Bị Loại', 'Giang Vắng'];
		const [a, b, c, d, e] = await Promise.all(names.map((n, i) => join(game, n, (i % 2) as 0 | 1)));
		const active = [a, b, c, e].map((p) => p.playerId);

		// question 0, before any trouble: everyone right, a streak of 1 each
		expect(await h.command('start')).toEqual({ ok: true });
		const q0 = new Map<string, { correct: boolean; elapsedMs: number }>();
		for (const [i, p] of [a, b, c, d, e].entries()) {
			ctx.clock.advance(500);
			q0.set(p.playerId, {
				correct: true,
				elapsedMs: expectElapsed(await answer(p, game, 0, game.correct[0]), 500 * (i + 1))
			});
		}
		expect(await h.command('reveal')).toEqual({ ok: true });
		ledger.reveal(
			[a, b, c, d, e].map((p) => p.playerId),
			q0
		);

		// question 1: two answer, one more answers and is removed, then the server dies
		expect(await h.command('next')).toEqual({ ok: true });
		const startedAt = ctx.clock.now();
		await until('question 1', () => onQuestion(a, 1));
		ctx.clock.advance(2000);
		const aTime = expectElapsed(await answer(a, game, 1, game.correct[1]), 2000);
		ctx.clock.advance(1000);
		expect((await answer(c, game, 1, [wrongOf(game, 1)])).ok).toBe(true);
		ctx.clock.advance(500);
		expect((await answer(d, game, 1, game.correct[1])).ok).toBe(true);
		const lastWrite = ctx.clock.now();
		ctx.clock.advance(400);
		expect(await h.remove(d.playerId)).toEqual({ ok: true });
		await until('the host to count 2', () => h.latest().answered === 2 && h.latest().players === 4);
		expect((await gameRow(game.gameId)).updated_at).toBe(lastWrite);
		ctx.clock.advance(600); // more time passes before the crash: it is given back too

		for (const socket of sockets.splice(0)) socket.disconnect();
		await stopServer();
		ctx.clock.advance(45_000); // the outage, longer than the question
		server = await startGameServer(ctx);
		const now = ctx.clock.now();

		// the host comes back (the game may still be loading: ask until it is there)
		h = await watchHost(game);
		await until('the game to be resumed', () => h.latest().phase === 'question');
		const view = h.latest();
		expect(view.question).toMatchObject({
			index: 1,
			startedAt: now - (lastWrite - startedAt),
			deadline: now + (startedAt + LIMIT - lastWrite),
			pausedRemaining: null
		});
		expect(view.question!.deadline! - now).toBe(LIMIT - 3500);
		expect(view.answered).toBe(2);
		expect(view.players).toBe(4);
		expect(view.host.counts).toEqual({ players: 4, connected: 0, answered: 2 });
		expect((await h.roster()).map((p) => [p.name, p.answered, p.connected]).sort()).toEqual([
			['An Trước', true, false],
			['Bình Sau', false, false],
			['Chi Sai', true, false],
			['Giang Vắng', false, false]
		]);
		expect(await gameRow(game.gameId)).toMatchObject({
			phase: 'question',
			question_index: 1,
			deadline_at: now + LIMIT - 3500,
			updated_at: now
		});

		// the players come back with their tokens (the removed one cannot)
		const back: Phone[] = [];
		for (const p of [a, b, c]) {
			const { phone: again, reply } = await rejoin(p, game);
			if (!reply.ok) throw new Error(reply.reason);
			expect(reply.playerId).toBe(p.playerId);
			expect(reply.packet.view).toMatchObject({ phase: 'question', question: { index: 1 } });
			// the score so far, and the answer given before the restart
			expect(reply.packet.me).toMatchObject({
				score: ledger.of(p.playerId).score,
				answer: p === a ? sorted(game.correct[1]) : p === c ? [wrongOf(game, 1)] : null
			});
			back.push(again);
		}
		expect((await rejoin(d, game)).reply).toEqual({ ok: false, reason: 'removed' });
		const [a2, b2, c2] = back;
		await until('the host to see them', () => h.latest().host.counts.connected === 3);

		// those who answered before cannot again; the others can, their time without the outage
		expect(await answer(a2, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'duplicate' });
		expect(await answer(c2, game, 1, game.correct[1])).toEqual({ ok: false, reason: 'duplicate' });
		ctx.clock.advance(1500);
		const bTime = expectElapsed(await answer(b2, game, 1, game.correct[1]), 3500 + 1500);
		expect((await answerRows(game.gameId, 1)).map((r) => r.player_id).sort()).toEqual(
			[a.playerId, b.playerId, c.playerId, d.playerId].sort()
		);

		expect(await h.command('reveal')).toEqual({ ok: true });
		const results = ledger.reveal(
			active,
			new Map([
				[a.playerId, { correct: true, elapsedMs: aTime }],
				[b.playerId, { correct: true, elapsedMs: bTime }],
				[c.playerId, { correct: false, elapsedMs: 3000 }]
			])
		);
		await until('the reveal', () => [a2, b2, c2].every((p) => inPhase(p, 'reveal', 1)));
		const ranked = await ledger.ranked(game.gameId, active);
		for (const [p, p2] of [
			[a, a2],
			[b, b2],
			[c, c2]
		] as const) {
			expect(me(p2)).toMatchObject({
				score: ledger.of(p.playerId).score,
				streak: ledger.of(p.playerId).streak,
				rank: ranked.findIndex((r) => r.id === p.playerId) + 1,
				result: results.get(p.playerId)
			});
		}
		// the answer from before the restart kept its streak bonus
		expect(me(a2).result).toMatchObject({ correct: true, bonus: 100 });
		const counts = new Array<number>(game.optionCounts[1]).fill(0);
		for (const i of [...game.correct[1], ...game.correct[1], wrongOf(game, 1)]) counts[i]++;
		await until('the host to reveal', () => h.latest().phase === 'reveal');
		expect(h.latest().reveal).toEqual({ correct: game.correct[1], counts, answered: 3 });
		for (const row of await playerRows(game.gameId)) {
			if (row.id === d.playerId) continue;
			expect(row).toMatchObject({
				score: ledger.of(row.id).score,
				streak: ledger.of(row.id).streak,
				correct_count: ledger.of(row.id).correctCount,
				correct_time_ms: ledger.of(row.id).correctTimeMs
			});
		}

		// and the game goes on on the new server, to its timer
		expect(await h.command('next')).toEqual({ ok: true });
		await until('question 2', () => onQuestion(a2, 2));
		ctx.clock.advance(1000);
		expect((await answer(c2, game, 2, game.correct[2])).ok).toBe(true);
		ctx.clock.advance(LIMIT);
		await server.io.games.tick(game.gameId);
		await until('the last reveal', () => inPhase(c2, 'reveal', 2));
		expect(me(c2).result).toMatchObject({ correct: true, bonus: 0 });
		expect(me(a2).result).toMatchObject({ answered: false });
		expect(me(a2).streak).toBe(0);
	});
});

describe('abuse', () => {
	it('answers malformed events with "invalid" and unknown games with "not_found", writing nothing', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const h = await watchHost(game);
		const p = await join(game, 'Tin Tặc');
		expect(await h.command('start')).toEqual({ ok: true });
		const unitId = fixture.unitIds[0];
		const gameId = game.gameId;
		const cases: [string, unknown][] = [
			['game:join', null],
			['game:join', 'PIN 123456'],
			['game:join', { nickname: 'Không Mã', unitId }],
			['game:join', { gameId, nickname: 42, unitId }],
			['game:join', { gameId: 'x'.repeat(65), nickname: 'Mã Dài', unitId }],
			['game:join', { gameId, nickname: 'x'.repeat(NICKNAME_MAX * 4 + 1), unitId }],
			['game:join', { gameId, asAccount: 'yes' }],
			['game:rejoin', { gameId, token: 'ngan' }],
			['game:rejoin', { gameId }],
			['game:answer', { gameId, position: -1, choice: [0] }],
			['game:answer', { gameId, position: '0', choice: [0] }],
			['game:answer', { gameId, position: 0, choice: [] }],
			['game:answer', { gameId, position: 0, choice: [0.5] }],
			['game:answer', { gameId, position: 0, choice: [16] }],
			['game:answer', { gameId, position: 0, choice: 0 }],
			['game:answer', { position: 0, choice: [0] }],
			['game:watch', { gameId, role: 'player' }],
			['game:command', { gameId, command: 'win' }],
			['game:command', { gameId, command: 'timeout' }],
			['game:remove', { gameId }]
		];
		for (const [event, payload] of cases) {
			expect([event, payload, await ask(p.socket, event, payload)]).toEqual([
				event,
				payload,
				{ ok: false, reason: 'invalid' }
			]);
		}
		// choices that parse but do not fit the question
		ctx.clock.advance(500);
		expect(await answer(p, game, 0, [game.optionCounts[0]])).toEqual({ ok: false, reason: 'invalid_choice' });
		expect(await answer(p, game, 0, [0, 0])).toEqual({ ok: false, reason: 'invalid_choice' });
		// an event without an acknowledgement is dropped quietly
		p.socket.emit('game:join', { gameId });
		p.socket.emit('game:answer', null);
		expect(await answerRows(gameId)).toEqual([]);
		expect((await answer(p, game, 0, game.correct[0])).ok).toBe(true);
		// only the host's "timeout" is the timer's; the host cannot fire it either
		expect(await h.command('timeout')).toEqual({ ok: false, reason: 'invalid' });
		expect((await gameRow(gameId)).phase).toBe('question');

		const stranger = phone();
		expect(await tryJoin(stranger, { ...game, gameId: 'khong-co' }, { nickname: 'Lạc', unitId })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await send(stranger, 'game:rejoin', { gameId: 'khong-co', token: p.token })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await ask(stranger.socket, 'game:watch', { gameId: 'khong-co', role: 'screen' })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await ask(h.socket, 'game:command', { gameId: 'khong-co', command: 'start' })).toEqual({
			ok: false,
			reason: 'not_found'
		});
		// a socket that never joined cannot answer, nor one joined to another game
		expect(await answer(stranger, game, 0, game.correct[0])).toEqual({ ok: false, reason: 'not_joined' });
		const other = await createFixtureGame(ctx, fixture, host.userId);
		expect(await answer(p, other, 0, other.correct[0])).toEqual({ ok: false, reason: 'not_joined' });
		expect(await answerRows(gameId)).toHaveLength(1);
		expect(await playerRows(gameId)).toHaveLength(1);
	});

	it('throttles a flooding socket, and cuts it off after three flooded windows in a row', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const honest = await watchScreen(game);
		const flood = open();
		let reason = '';
		flood.on('disconnect', (r: string) => (reason = r));
		const burst = (n: number) =>
			Promise.all(
				Array.from({ length: n }, () =>
					ask<{ ok: boolean; reason?: string }>(flood, 'game:watch', { gameId: game.gameId, role: 'screen' })
				)
			);
		// the budget windows run on Date.now(); moving it forward stands in for waiting them out
		const realNow = Date.now.bind(Date);
		let skew = 0;
		const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + skew);
		try {
			const first = await burst(GAME_EVENT_BUDGET + 5);
			expect(first.filter((r) => r.ok)).toHaveLength(GAME_EVENT_BUDGET);
			expect(first.slice(GAME_EVENT_BUDGET)).toEqual(
				Array.from({ length: 5 }, () => ({ ok: false, reason: 'throttled' }))
			);
			// every kind of event is refused once the budget is spent
			expect(
				await ask(flood, 'game:join', { gameId: game.gameId, nickname: 'Lũ', unitId: fixture.unitIds[0] })
			).toEqual({
				ok: false,
				reason: 'throttled'
			});
			expect(await ask(flood, 'game:answer', { gameId: game.gameId, position: 0, choice: [0] })).toEqual({
				ok: false,
				reason: 'throttled'
			});
			expect(await ask(flood, 'game:command', { gameId: game.gameId, command: 'start' })).toEqual({
				ok: false,
				reason: 'throttled'
			});
			expect(await playerRows(game.gameId)).toEqual([]);

			skew += GAME_BUDGET_WINDOW_MS;
			const second = await burst(GAME_EVENT_BUDGET + 1);
			expect(second.filter((r) => r.ok)).toHaveLength(GAME_EVENT_BUDGET);
			expect(flood.connected).toBe(true);

			skew += GAME_BUDGET_WINDOW_MS;
			const third = await burst(GAME_EVENT_BUDGET);
			expect(third.every((r) => r.ok)).toBe(true);
			expect(flood.connected).toBe(true);
			flood.emit('game:watch', { gameId: game.gameId, role: 'screen' }, () => {});
			await until('the flood to be cut off', () => !flood.connected);
			expect(reason).toBe('io server disconnect');
		} finally {
			clock.mockRestore();
		}
		// another socket was never affected
		expect(honest.socket.connected).toBe(true);
		expect((await ask<GameWatchReply>(honest.socket, 'game:watch', { gameId: game.gameId, role: 'screen' })).ok).toBe(
			true
		);
	});

	it('refuses a socket from another origin at the handshake, even with the host’s cookie', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const stranger = open({ cookie: host.cookie, origin: 'http://evil.example' });
		const outcome = await new Promise<string>((resolve) => {
			stranger.on('connect', () => resolve('connected'));
			stranger.on('connect_error', () => resolve('refused'));
		});
		expect(outcome).toBe('refused');
		const own = open({ cookie: host.cookie, origin: server.url });
		const reply = await ask<GameWatchReply>(own, 'game:watch', { gameId: game.gameId, role: 'host' });
		expect(reply.ok && reply.view.phase).toBe('lobby');
	});
});

describe('a lobby game edited in the studio', () => {
	it('reaches the host console holding it, through the app event bus', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		const stage = await watchHost(game);
		expect(stage.latest()).toMatchObject({ title: 'Trò chơi thử nghiệm', host: { screenOnly: false } });
		const saved = await updateGame(ctx, { id: host.userId, role: 'admin' }, game.gameId, {
			title: 'Vòng chung kết',
			scoring: 'speed',
			streakBonus: false,
			joinMode: 'both',
			lateJoin: true,
			screenOnly: true,
			questions: [{ position: 0, timeLimitSeconds: 45, points: 2000 }]
		});
		expect(saved).toEqual({ ok: true });
		await until('the edited game on the host console', () => stage.latest().title === 'Vòng chung kết');
		expect(stage.latest().host.screenOnly).toBe(true);
	});
});
