import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nicknameKey, type JoinMode, type ScoringPreset } from '../../src/lib/domain/live-game';
import type { OptionDef } from '../../src/lib/domain/types';
import { SESSION_COOKIE, createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import type { AppContext } from '../../src/lib/server/context';
import { newId } from '../../src/lib/server/ids';
import { insertGame, type GameOption } from '../../src/lib/server/live-games/game.repository';
import { hashToken } from '../../src/lib/server/live-games/running-game';
import { attachRealtime, type RealtimeOptions, type RealtimeServer } from '../../src/lib/server/realtime/attach';
import { insertUser } from '../../src/lib/server/users/user.repository';
import type { Fixture } from './fixtures';

// Live games for integration tests and benches: a game inserted straight into the database from
// the fixture bank, a signed-in user's cookie, and the app's Socket.IO on a real HTTP server.

export interface SignedInUser {
	userId: string;
	/** the Cookie header a socket.io client sends in its handshake */
	cookie: string;
}

export async function createSignedInUser(
	ctx: AppContext,
	options: { role?: 'admin' | 'organizer' | 'contestant'; fullName?: string; phone?: string } = {}
): Promise<SignedInUser> {
	const userId = newId();
	const now = ctx.clock.now();
	await insertUser(ctx.db, {
		id: userId,
		phone: options.phone ?? `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
		full_name: options.fullName ?? 'Người dẫn chương trình',
		birth_date: '1985-01-01',
		email: null,
		password_hash: 'x',
		role: options.role ?? 'organizer',
		created_at: now
	});
	const token = generateSessionToken();
	await createSession(ctx.db, token, userId, now);
	return { userId, cookie: `${SESSION_COOKIE}=${token}` };
}

export interface GameFixtureOptions {
	questions?: number;
	timeLimitMs?: number;
	points?: number;
	scoring?: ScoringPreset;
	streakBonus?: boolean;
	joinMode?: JoinMode;
	lateJoin?: boolean;
	screenOnly?: boolean;
	pin?: string;
	/**
	 * Positions asked as a short typed answer (issue 16) instead of the bank's question: accepted
	 * TYPED_ACCEPTED, compared without case or diacritics; no options (`correct` [] there).
	 */
	typedAt?: readonly number[];
}

/** The accepted answers of the fixture's typed questions (GameFixtureOptions.typedAt). */
export const TYPED_ACCEPTED = ['Một cửa liên thông', 'Cơ chế một cửa liên thông'];

export interface GameFixture {
	gameId: string;
	pin: string;
	/** per question, the correct option indexes (what players must never see before a reveal) */
	correct: number[][];
	optionCounts: number[];
}

/** A lobby game of the fixture contest, its questions copied from the fixture bank (cycled). */
export async function createFixtureGame(
	ctx: AppContext,
	fixture: Fixture,
	hostUserId: string,
	options: GameFixtureOptions = {}
): Promise<GameFixture> {
	const versions = await ctx.db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question.id as questionId', 'question_version.id as versionId', 'question.type', 'text', 'options_json'])
		.orderBy('question.position')
		.execute();
	const count = options.questions ?? 3;
	const gameId = newId();
	const now = ctx.clock.now();
	const pin = options.pin ?? String(100000 + Math.floor(Math.random() * 900000));
	const correct: number[][] = [];
	const optionCounts: number[] = [];
	const questions = Array.from({ length: count }, (_, position) => {
		const v = versions[position % versions.length];
		if (options.typedAt?.includes(position)) {
			correct.push([]);
			optionCounts.push(0);
			return {
				game_id: gameId,
				position,
				question_id: v.questionId,
				question_version_id: v.versionId,
				type: 'short_text',
				text: `${position + 1}. Cơ chế tiếp nhận và trả kết quả tại một nơi gọi là gì?`,
				options_json: JSON.stringify(TYPED_ACCEPTED.map((text) => ({ text, correct: true }))),
				settings_json: JSON.stringify({ text: { ignoreCase: true, ignoreDiacritics: true } }),
				time_limit_ms: options.timeLimitMs ?? 20_000,
				points: options.points ?? 1000
			};
		}
		const opts: GameOption[] = (JSON.parse(v.options_json) as OptionDef[]).map((o) => ({
			text: o.text,
			correct: o.correct,
			...(o.image ? { image: o.image } : {})
		}));
		correct.push(opts.flatMap((o, i) => (o.correct ? [i] : [])));
		optionCounts.push(opts.length);
		return {
			game_id: gameId,
			position,
			question_id: v.questionId,
			question_version_id: v.versionId,
			type: v.type,
			text: `${position + 1}. ${v.text}`,
			options_json: JSON.stringify(opts),
			time_limit_ms: options.timeLimitMs ?? 20_000,
			points: options.points ?? 1000
		};
	});
	await insertGame(
		ctx.db,
		{
			id: gameId,
			contest_id: fixture.contestId,
			title: 'Trò chơi thử nghiệm',
			pin,
			host_user_id: hostUserId,
			scoring: options.scoring ?? 'speed',
			streak_bonus: options.streakBonus ? 1 : 0,
			join_mode: options.joinMode ?? 'both',
			late_join: options.lateJoin === false ? 0 : 1,
			screen_only: options.screenOnly ? 1 : 0,
			source: 'bank',
			created_by: hostUserId,
			created_at: now,
			updated_at: now
		},
		questions
	);
	return { gameId, pin, correct, optionCounts };
}

export interface GameServer {
	url: string;
	io: RealtimeServer;
	http: HttpServer;
	close(): Promise<void>;
}

/** The app's Socket.IO (live rooms and live games) on a real HTTP server, port 0 unless given. */
export async function startGameServer(
	ctx: AppContext,
	options: RealtimeOptions & { port?: number } = {}
): Promise<GameServer> {
	const http = createServer();
	const io = attachRealtime(http, ctx, { gameFlushMs: 50, intervalMs: 50, ...options });
	await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
	return {
		url,
		io,
		http,
		close: () => new Promise<void>((resolve) => io.close(() => resolve()))
	};
}

export interface SeededPlayer {
	playerId: string;
	/** the rejoin token its phone would hold */
	token: string;
	name: string;
}

/**
 * Players written straight into a lobby game's table, as if they had joined (before the game is
 * loaded: a running server does not see them). For tests and benches that need thousands of
 * players without thousands of sockets. Names "Người chơi 00001"…, units alternating.
 */
export async function seedGamePlayers(
	ctx: AppContext,
	game: Pick<GameFixture, 'gameId'>,
	unitIds: readonly string[],
	count: number,
	options: { streak?: number; from?: number } = {}
): Promise<SeededPlayer[]> {
	const now = ctx.clock.now();
	const from = options.from ?? 0;
	const players = Array.from({ length: count }, (_, i) => {
		const n = from + i + 1;
		const name = `Người chơi ${String(n).padStart(5, '0')}`;
		return { playerId: newId(), token: `seeded-token-${game.gameId}-${n}`, name };
	});
	const rows = players.map((p, i) => ({
		id: p.playerId,
		game_id: game.gameId,
		user_id: null,
		nickname: p.name,
		nickname_key: nicknameKey(p.name),
		unit_id: unitIds[i % unitIds.length],
		token_hash: hashToken(p.token),
		joined_at: now + from + i,
		streak: options.streak ?? 0
	}));
	for (let i = 0; i < rows.length; i += 500) {
		await ctx.db
			.insertInto('live_game_player')
			.values(rows.slice(i, i + 500))
			.execute();
	}
	return players;
}
