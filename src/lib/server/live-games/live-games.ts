import { createHash, randomBytes } from 'node:crypto';
import {
	checkAnswer,
	cleanNickname,
	isChoiceCorrect,
	isPaused,
	latencyAllowance,
	legalEvents,
	MAX_LATENCY_ALLOWANCE_MS,
	nicknameKey,
	nicknameProblem,
	rankPlayers,
	rankUnits,
	resumeAfterRestart,
	scoreAnswer,
	standingUnitOf,
	transition,
	type GameClock,
	type GameEvent,
	type GameShape
} from '../../domain/live-game';
import {
	gameRooms,
	type GameAnswer,
	type GameAnswerReply,
	type GameCommandReply,
	type GameHostView,
	type GameJoin,
	type GameJoinReply,
	type GamePlayerPacket,
	type GamePlayerSelf,
	type GamePlayerView,
	type GameQuestionType,
	type GameQuestionView,
	type GameScreenView,
	type GameStandingRow,
	type GameUnitRow
} from '../../schemas/game-socket';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { newId } from '../ids';
import { log } from '../logger';
import { listContestUnits } from '../units/contest-units';
import { findRegistration } from '../users/user.repository';
import {
	findGame,
	insertAnswer,
	insertPlayer,
	listGameAnswers,
	listGamePlayers,
	listGameQuestions,
	listRunningGameIds,
	markPlayerRemoved,
	replacePlayerToken,
	saveGameClock,
	type GameOption,
	type GameRow
} from './game.repository';

/** Where packets go: a room, or one socket. The Socket.IO layer implements it. */
export interface GameOutlet {
	toRoom(room: string, event: 'game:player' | 'game:screen' | 'game:host', payload: unknown): void;
	toSocket(socketId: string, event: 'game:player' | 'game:removed', payload: unknown): void;
	/** takes a removed player's sockets out of the game's rooms */
	leave(socketId: string, room: string): void;
}

export interface LiveGamesOptions {
	/** at most one screen/host update per this interval while answers come in */
	flushMs?: number;
	/**
	 * A player's latency allowance (ms, at most MAX_LATENCY_ALLOWANCE_MS) from the best round trip
	 * measured to them (null: none yet). Default: half the best round trip. The round trips are
	 * measured on the wall clock, so a test that checks answer times exactly sets its own.
	 */
	allowance?: (bestRttMs: number | null) => number;
}

const defaultAllowance = (bestRttMs: number | null): number => latencyAllowance(bestRttMs === null ? [] : [bestRttMs]);

interface LoadedQuestion {
	position: number;
	type: GameQuestionType;
	text: string;
	options: string[];
	correct: number[];
	limitMs: number;
	points: number;
}

interface Player {
	id: string;
	userId: string | null;
	name: string;
	unitId: string | null;
	unitName: string | null;
	standingUnitId: string | null;
	joinedAt: number;
	removed: boolean;
	score: number;
	correctCount: number;
	streak: number;
	correctTimeMs: number;
	tokenHash: string;
	sockets: Set<string>;
	/** the smallest round trip the server measured to this player, ms */
	bestRtt: number | null;
	rank: number | null;
	lastResult: GamePlayerSelf['result'];
}

interface PendingAnswer {
	choice: number[];
	correct: boolean;
	elapsedMs: number;
	points: number;
	bonus: number;
	streak: number;
}

const LOBBY_NAMES = 40;
/** How long a finished game stays in memory for late screens and phones. */
const EVICT_AFTER_MS = 10 * 60_000;
const TOP = 10;

function hashToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** One game held in memory: the state machine's clock, players and the current question's answers. */
class Game {
	clock: GameClock;
	readonly players = new Map<string, Player>();
	readonly byToken = new Map<string, string>();
	readonly byNickKey = new Map<string, string>();
	/** answers to the current question, by player */
	answers = new Map<string, PendingAnswer>();
	counts: number[] = [];
	seq = 0;
	timer: ReturnType<typeof setTimeout> | null = null;
	/** when the timer closes the question, on the server's clock (ms since epoch); null: no timer */
	timerDue: number | null = null;
	flushTimer: ReturnType<typeof setTimeout> | null = null;
	lastFlush = 0;
	/** commands, joins and removals run one at a time */
	private chain: Promise<unknown> = Promise.resolve();
	leaderboard: GameStandingRow[] = [];
	units: GameUnitRow[] = [];
	/** answer writes under way: a reveal waits for them, so it never scores an answer that failed */
	readonly pendingWrites = new Set<Promise<unknown>>();
	evictTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(
		public row: GameRow,
		public questions: LoadedQuestion[],
		public unitNames: Map<string, string>,
		/** the unit tree, for the unit a player counts for in the standings */
		public tree: Map<string, { parentId: string | null }>
	) {
		this.clock = {
			phase: row.phase,
			index: row.question_index,
			questionStartedAt: row.question_started_at,
			deadline: row.deadline_at,
			pausedRemaining: row.paused_remaining_ms
		};
	}

	get id(): string {
		return this.row.id;
	}

	get shape(): GameShape {
		return { count: this.questions.length, limitMs: (i) => this.questions[i]?.limitMs ?? 0 };
	}

	serial<T>(task: () => Promise<T>): Promise<T> {
		const run = this.chain.then(task, task);
		this.chain = run.catch(() => undefined);
		return run;
	}

	activePlayers(): Player[] {
		return [...this.players.values()].filter((p) => !p.removed);
	}

	current(): LoadedQuestion | null {
		return this.clock.index >= 0 ? (this.questions[this.clock.index] ?? null) : null;
	}
}

/**
 * Every live game this process runs. The server owns the state machine and the timers; each
 * phase change is written to the database before anyone hears of it, each accepted answer as it
 * comes, so a restarted server picks the game up where it was (`recover`). Packets are
 * aggregated: the screen and the host get at most one update per `flushMs` while answers come
 * in; players get the phase changes, and their own result after a reveal — never a broadcast per
 * answer.
 */
export class LiveGames {
	private readonly games = new Map<string, Promise<Game | null>>();
	private readonly flushMs: number;
	private readonly allowance: (bestRttMs: number | null) => number;
	private stopped = false;
	private readonly onEdited = ({ gameId }: { gameId: string }): void => {
		this.refresh(gameId).catch((error: unknown) => log.error('Live game refresh failed', error));
	};

	constructor(
		private readonly ctx: AppContext,
		private readonly outlet: GameOutlet,
		options: LiveGamesOptions = {}
	) {
		this.flushMs = options.flushMs ?? 250;
		this.allowance = options.allowance ?? defaultAllowance;
		// the studio announces a lobby game's edits on the app's event bus
		ctx.events.on('game:edited', this.onEdited);
	}

	/** Loads the games that were running when the server stopped and restarts their clocks. */
	async recover(): Promise<number> {
		const ids = await listRunningGameIds(this.ctx.db);
		let resumed = 0;
		for (const id of ids) {
			try {
				if (await this.get(id)) resumed++;
			} catch (error) {
				// one game that cannot be loaded does not keep the others from resuming
				log.error(`Resuming live game ${id} failed`, error);
			}
		}
		return resumed;
	}

	stop(): void {
		this.stopped = true;
		this.ctx.events.off('game:edited', this.onEdited);
		for (const pending of this.games.values()) {
			void pending.then((g) => {
				if (g?.timer) clearTimeout(g.timer);
				if (g?.flushTimer) clearTimeout(g.flushTimer);
			});
		}
	}

	/** Re-reads a lobby game's settings and questions after the organizer edited them. */
	async refresh(gameId: string): Promise<void> {
		const pending = this.games.get(gameId);
		if (!pending) return;
		const game = await pending;
		if (!game) return;
		// in turn with the host's commands, so a start never runs half on the old questions
		await game.serial(async () => {
			if (game.clock.phase !== 'lobby') return;
			const [row, questions] = await Promise.all([findGame(this.ctx.db, gameId), loadQuestions(this.ctx, gameId)]);
			if (!row || game.clock.phase !== 'lobby') return;
			game.row = row;
			game.questions = questions;
			this.emitPhase(game);
		});
	}

	private get(gameId: string): Promise<Game | null> {
		let pending = this.games.get(gameId);
		if (!pending) {
			pending = this.load(gameId);
			this.games.set(gameId, pending);
			pending.then(
				(g) => {
					if (!g) this.games.delete(gameId);
				},
				() => this.games.delete(gameId)
			);
		}
		return pending;
	}

	private async load(gameId: string): Promise<Game | null> {
		const row = await findGame(this.ctx.db, gameId);
		if (!row) return null;
		const questions = await loadQuestions(this.ctx, gameId);
		// the contest's units only: a player joins with one of them, standings start at its root
		const units = await listContestUnits(this.ctx.db, row.contest_id);
		const unitNames = new Map(units.map((u) => [u.id, u.name]));
		const tree = new Map(units.map((u) => [u.id, { parentId: u.parentId }]));
		const game = new Game(row, questions, unitNames, tree);
		for (const p of await listGamePlayers(this.ctx.db, gameId)) {
			const player: Player = {
				id: p.id,
				userId: p.user_id,
				name: p.nickname,
				unitId: p.unit_id,
				unitName: p.unit_id ? (unitNames.get(p.unit_id) ?? null) : null,
				standingUnitId: standingUnitOf(tree, p.unit_id),
				joinedAt: p.joined_at,
				removed: p.removed_at !== null,
				score: p.score,
				correctCount: p.correct_count,
				streak: p.streak,
				correctTimeMs: p.correct_time_ms,
				tokenHash: p.token_hash,
				sockets: new Set(),
				bestRtt: null,
				rank: null,
				lastResult: null
			};
			game.players.set(p.id, player);
			game.byToken.set(p.token_hash, p.id);
			game.byNickKey.set(p.nickname_key, p.id);
		}
		this.rank(game);
		const q = game.current();
		if (q) {
			game.counts = new Array<number>(q.options.length).fill(0);
			// Answers to the current question already accepted before a restart still count, once; after
			// its reveal they are already in the totals and only rebuild the chart and the results.
			const phase = game.clock.phase;
			if (phase === 'question' || phase === 'reveal' || phase === 'leaderboard') {
				const rule = { preset: row.scoring, streakBonus: row.streak_bonus === 1 };
				for (const a of await listGameAnswers(this.ctx.db, gameId, q.position)) {
					const player = game.players.get(a.player_id);
					if (!player || player.removed) continue;
					const choice = JSON.parse(a.choice_json) as number[];
					const correct = a.correct === 1;
					// the saved streak is the one before this question until its reveal, after it once revealed
					const streakBefore = phase === 'question' ? player.streak : correct ? player.streak - 1 : 0;
					const score = scoreAnswer(rule, {
						correct,
						elapsedMs: a.elapsed_ms,
						limitMs: q.limitMs,
						questionPoints: q.points,
						streakBefore
					});
					game.answers.set(a.player_id, { choice, correct, elapsedMs: a.elapsed_ms, ...score, points: a.points });
					for (const c of choice) game.counts[c] = (game.counts[c] ?? 0) + 1;
					if (phase !== 'question') {
						player.lastResult = { correct, points: a.points, bonus: score.bonus, answered: true };
					}
				}
				if (phase !== 'question') {
					for (const p of game.activePlayers()) {
						p.lastResult ??= { correct: false, points: 0, bonus: 0, answered: false };
					}
				}
			}
		}
		const now = this.ctx.clock.now();
		const resumed = resumeAfterRestart(game.clock, row.updated_at, now, game.shape);
		if (resumed !== game.clock) {
			game.clock = resumed;
			await saveGameClock(this.ctx.db, gameId, resumed, now);
		}
		this.schedule(game);
		if (game.clock.phase === 'podium') this.evictLater(game);
		return game;
	}

	// ─── Players ─────────────────────────────────────────────────────────────────────────────

	async join(gameId: string, user: SessionUser | null, input: GameJoin, socketId: string): Promise<GameJoinReply> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		return game.serial(async () => {
			const phase = game.clock.phase;
			if (phase === 'podium') return { ok: false, reason: 'ended' };
			const mode = game.row.join_mode;
			if (input.asAccount) {
				if (mode === 'nickname') return { ok: false, reason: 'invalid' };
				if (!user) return { ok: false, reason: 'login_required' };
				const existing = [...game.players.values()].find((p) => p.userId === user.id);
				if (existing) {
					// the same account back on another phone (or after clearing the browser): a fresh
					// token, the same player, whatever the phase
					if (existing.removed) return { ok: false, reason: 'removed' };
					const token = randomBytes(24).toString('base64url');
					const tokenHash = hashToken(token);
					await replacePlayerToken(this.ctx.db, existing.id, tokenHash);
					game.byToken.delete(existing.tokenHash);
					existing.tokenHash = tokenHash;
					game.byToken.set(tokenHash, existing.id);
					existing.sockets.add(socketId);
					this.markDirty(game);
					return { ok: true, playerId: existing.id, token, packet: this.playerPacket(game, existing) };
				}
			}
			const betweenQuestions = phase === 'reveal' || phase === 'leaderboard';
			if (phase !== 'lobby' && !(game.row.late_join === 1 && betweenQuestions)) {
				return { ok: false, reason: 'closed' };
			}
			const now = this.ctx.clock.now();
			let name: string;
			let unitId: string | null = input.unitId ?? null;
			let userId: string | null = null;
			if (input.asAccount && user) {
				const registration = await findRegistration(this.ctx.db, game.row.contest_id, user.id);
				unitId = registration?.unitId ?? unitId;
				userId = user.id;
				name = uniqueName(game, cleanNickname(user.fullName));
			} else {
				if (mode === 'account') return { ok: false, reason: user ? 'nickname_not_allowed' : 'login_required' };
				// checked as typed: cleaning would turn a tab or line break into a space first
				const problem = nicknameProblem(input.nickname ?? '');
				const nickname = cleanNickname(input.nickname ?? '');
				if (problem) return { ok: false, reason: `nickname_${problem}` };
				if (game.byNickKey.has(nicknameKey(nickname))) return { ok: false, reason: 'nickname_taken' };
				name = nickname;
			}
			if (!unitId || !game.unitNames.has(unitId)) return { ok: false, reason: 'unit_required' };
			const token = randomBytes(24).toString('base64url');
			const tokenHash = hashToken(token);
			const key = nicknameKey(name);
			const player: Player = {
				id: newId(),
				userId,
				name,
				unitId,
				unitName: game.unitNames.get(unitId) ?? null,
				standingUnitId: standingUnitOf(game.tree, unitId),
				joinedAt: now,
				removed: false,
				score: 0,
				correctCount: 0,
				streak: 0,
				correctTimeMs: 0,
				tokenHash,
				sockets: new Set([socketId]),
				bestRtt: null,
				rank: null,
				lastResult: null
			};
			try {
				await insertPlayer(
					this.ctx.db,
					{
						id: player.id,
						game_id: game.id,
						user_id: userId,
						nickname: name,
						nickname_key: key,
						unit_id: unitId,
						token_hash: tokenHash,
						joined_at: now
					},
					now
				);
			} catch (error) {
				if (isUniqueViolation(error)) return { ok: false, reason: 'nickname_taken' };
				throw error;
			}
			game.players.set(player.id, player);
			game.byToken.set(tokenHash, player.id);
			game.byNickKey.set(key, player.id);
			player.rank = null;
			this.markDirty(game);
			return { ok: true, playerId: player.id, token, packet: this.playerPacket(game, player) };
		});
	}

	/** A player back with the token their browser kept: same player, same score. */
	async rejoin(gameId: string, token: string, socketId: string): Promise<GameJoinReply> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		const playerId = game.byToken.get(hashToken(token));
		const player = playerId ? game.players.get(playerId) : undefined;
		if (!player) return { ok: false, reason: 'not_found' };
		if (player.removed) return { ok: false, reason: 'removed' };
		player.sockets.add(socketId);
		this.markDirty(game);
		return { ok: true, playerId: player.id, token, packet: this.playerPacket(game, player) };
	}

	detach(gameId: string, playerId: string, socketId: string): void {
		const pending = this.games.get(gameId);
		void pending?.then((game) => {
			const player = game?.players.get(playerId);
			if (game && player?.sockets.delete(socketId)) this.markDirty(game);
		});
	}

	recordRoundTrip(gameId: string, playerId: string, ms: number): void {
		const pending = this.games.get(gameId);
		void pending?.then((game) => {
			const player = game?.players.get(playerId);
			if (player && Number.isFinite(ms) && ms >= 0) {
				player.bestRtt = player.bestRtt === null ? ms : Math.min(player.bestRtt, ms);
			}
		});
	}

	/**
	 * An answer, judged at once on the server's clock: current question only, once, by the
	 * deadline plus the player's latency allowance. Written before the player hears "received".
	 */
	async answer(playerId: string, payload: GameAnswer): Promise<GameAnswerReply> {
		const receivedAt = this.ctx.clock.now();
		const game = await this.get(payload.gameId);
		const player = game?.players.get(playerId);
		if (!game || !player || player.removed) return { ok: false, reason: 'not_joined' };
		const q = game.questions[payload.position];
		const allowance = Math.min(MAX_LATENCY_ALLOWANCE_MS, Math.max(0, this.allowance(player.bestRtt)));
		const check = checkAnswer({
			clock: game.clock,
			position: payload.position,
			choice: payload.choice,
			optionCount: q?.options.length ?? 0,
			limitMs: q?.limitMs ?? 0,
			receivedAt,
			allowanceMs: allowance,
			alreadyAnswered: game.answers.has(player.id)
		});
		if (!check.ok) return { ok: false, reason: check.reason };
		const question = q!;
		// one option only, unless the question asks for several
		if (question.type !== 'multiple' && payload.choice.length > 1) return { ok: false, reason: 'invalid_choice' };
		const choice = [...payload.choice].sort((a, b) => a - b);
		const correct = isChoiceCorrect(choice, question.correct);
		const score = scoreAnswer(
			{ preset: game.row.scoring, streakBonus: game.row.streak_bonus === 1 },
			{
				correct,
				elapsedMs: check.elapsedMs,
				limitMs: question.limitMs,
				questionPoints: question.points,
				streakBefore: player.streak
			}
		);
		const pending: PendingAnswer = { choice, correct, elapsedMs: check.elapsedMs, ...score };
		// Taken before the write: a second answer racing this one is a duplicate.
		game.answers.set(player.id, pending);
		for (const c of choice) game.counts[c] = (game.counts[c] ?? 0) + 1;
		let write: Promise<void> | null = null;
		try {
			write = insertAnswer(this.ctx.db, {
				game_id: game.id,
				player_id: player.id,
				position: question.position,
				choice_json: JSON.stringify(choice),
				correct: correct ? 1 : 0,
				elapsed_ms: check.elapsedMs,
				points: score.points,
				received_at: receivedAt
			});
			game.pendingWrites.add(write);
			await write;
		} catch (error) {
			if (game.answers.get(player.id) === pending && game.clock.index === question.position) {
				game.answers.delete(player.id);
				for (const c of choice) game.counts[c]--;
			}
			if (isUniqueViolation(error)) return { ok: false, reason: 'duplicate' };
			throw error;
		} finally {
			if (write) game.pendingWrites.delete(write);
		}
		this.markDirty(game);
		return { ok: true, elapsedMs: check.elapsedMs };
	}

	// ─── Host ────────────────────────────────────────────────────────────────────────────────

	/** The view for a screen (anyone with the link) or the host console (the game's host only). */
	async watch(
		gameId: string,
		role: 'screen' | 'host',
		user: SessionUser | null
	): Promise<{ ok: true; view: GameScreenView | GameHostView } | { ok: false; reason: 'not_found' | 'forbidden' }> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		if (role === 'host' && !isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return { ok: true, view: role === 'host' ? this.hostView(game) : this.screenView(game) };
	}

	async command(gameId: string, user: SessionUser | null, event: GameEvent): Promise<GameCommandReply> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		if (event === 'timeout' || !isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return game.serial(() => this.apply(game, event));
	}

	async remove(gameId: string, user: SessionUser | null, playerId: string): Promise<GameCommandReply> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return game.serial(async () => {
			const player = game.players.get(playerId);
			if (!player) return { ok: false, reason: 'not_found' };
			if (player.removed) return { ok: true };
			await markPlayerRemoved(this.ctx.db, player.id, this.ctx.clock.now());
			player.removed = true;
			const pending = game.answers.get(player.id);
			if (pending) {
				game.answers.delete(player.id);
				for (const c of pending.choice) game.counts[c]--;
			}
			for (const socketId of player.sockets) {
				this.outlet.toSocket(socketId, 'game:removed', { gameId: game.id });
				this.outlet.leave(socketId, gameRooms.players(game.id));
			}
			player.sockets.clear();
			this.rank(game);
			this.markDirty(game);
			return { ok: true };
		});
	}

	/**
	 * When the game's timer will close its question, on the server's clock (ms since epoch), or null
	 * when none is armed (no question running, or paused). Lets a test check the timer without
	 * waiting for it.
	 */
	async timerDue(gameId: string): Promise<number | null> {
		return (await this.get(gameId))?.timerDue ?? null;
	}

	/** For tests with a fixed clock: fire the question's timer if its deadline has passed. */
	async tick(gameId: string): Promise<void> {
		const game = await this.get(gameId);
		if (game) await game.serial(() => this.timeout(game));
	}

	private async timeout(game: Game): Promise<void> {
		if (legalEvents(game.clock, this.ctx.clock.now()).includes('timeout')) await this.apply(game, 'timeout');
	}

	private async apply(game: Game, event: GameEvent): Promise<GameCommandReply> {
		if (game.clock.phase === 'question' && game.pendingWrites.size > 0) {
			await Promise.allSettled([...game.pendingWrites]);
		}
		const now = this.ctx.clock.now();
		const before = game.clock;
		const result = transition(before, event, now, game.shape);
		if (!result.ok) return { ok: false, reason: 'illegal' };
		const clock = result.clock;
		const extra: { startedAt?: number; endedAt?: number; voidPosition?: number } = {};
		let changed: Player[] = [];
		if (before.phase === 'lobby' && clock.phase !== 'lobby') extra.startedAt = now;
		if (clock.phase === 'podium') extra.endedAt = now;
		if (before.phase === 'question' && (event === 'skip' || event === 'end')) extra.voidPosition = before.index;
		// what the change touches in memory, put back if the database refuses it
		const saved = {
			answers: game.answers,
			counts: game.counts,
			leaderboard: game.leaderboard,
			units: game.units,
			players: [...game.players.values()].map((p) => ({ p, totals: { ...p } }))
		};
		if (before.phase === 'question' && (event === 'reveal' || event === 'timeout')) changed = this.score(game);
		game.clock = clock;
		if (clock.phase === 'question' && clock.index !== before.index) {
			game.answers = new Map();
			game.counts = new Array<number>(game.current()?.options.length ?? 0).fill(0);
			for (const p of game.players.values()) p.lastResult = null;
		}
		try {
			await saveGameClock(
				this.ctx.db,
				game.id,
				clock,
				now,
				extra,
				changed.map((p) => ({
					id: p.id,
					score: p.score,
					correct_count: p.correctCount,
					streak: p.streak,
					correct_time_ms: p.correctTimeMs
				}))
			);
		} catch (error) {
			// nothing happened: the game stays where the database says it is, and can be retried
			game.clock = before;
			game.answers = saved.answers;
			game.counts = saved.counts;
			game.leaderboard = saved.leaderboard;
			game.units = saved.units;
			for (const { p, totals } of saved.players) {
				Object.assign(p, {
					score: totals.score,
					correctCount: totals.correctCount,
					streak: totals.streak,
					correctTimeMs: totals.correctTimeMs,
					rank: totals.rank,
					lastResult: totals.lastResult
				});
			}
			this.schedule(game);
			throw error;
		}
		this.schedule(game);
		if (clock.phase === 'podium') this.evictLater(game);
		this.emitPhase(game);
		return { ok: true };
	}

	/** Applies the current question's answers to the players' totals; returns who changed. */
	private score(game: Game): Player[] {
		const changed: Player[] = [];
		for (const p of game.activePlayers()) {
			const a = game.answers.get(p.id);
			if (a) {
				p.score += a.points;
				if (a.correct) {
					p.correctCount++;
					p.correctTimeMs += a.elapsedMs;
				}
				p.streak = a.streak;
				p.lastResult = { correct: a.correct, points: a.points, bonus: a.bonus, answered: true };
				changed.push(p);
			} else {
				p.lastResult = { correct: false, points: 0, bonus: 0, answered: false };
				if (p.streak !== 0) {
					p.streak = 0;
					changed.push(p);
				}
			}
		}
		this.rank(game);
		return changed;
	}

	private rank(game: Game): void {
		const ranked = rankPlayers(
			game.activePlayers().map((p) => ({
				id: p.id,
				score: p.score,
				correctCount: p.correctCount,
				correctTimeMs: p.correctTimeMs,
				joinedAt: p.joinedAt,
				player: p
			}))
		);
		ranked.forEach((r, i) => (r.player.rank = i + 1));
		game.leaderboard = ranked.slice(0, TOP).map((r) => standingRow(r.player));
		game.units = rankUnits(game.activePlayers().map((p) => ({ unitId: p.standingUnitId, score: p.score })))
			.slice(0, TOP)
			.map((u, i) => ({
				unitId: u.unitId,
				name: game.unitNames.get(u.unitId) ?? '',
				players: u.players,
				meanScore: u.meanScore,
				rank: i + 1
			}));
	}

	/** A finished game leaves memory a while after its podium (its results are in the database). */
	private evictLater(game: Game): void {
		if (game.evictTimer || this.stopped) return;
		game.evictTimer = setTimeout(() => {
			const pending = this.games.get(game.id);
			void pending?.then((held) => {
				if (held !== game) return;
				if (game.timer) clearTimeout(game.timer);
				if (game.flushTimer) clearTimeout(game.flushTimer);
				this.games.delete(game.id);
			});
		}, EVICT_AFTER_MS);
		game.evictTimer.unref?.();
	}

	private schedule(game: Game): void {
		if (game.timer) clearTimeout(game.timer);
		game.timer = null;
		game.timerDue = null;
		const { clock } = game;
		if (this.stopped || clock.phase !== 'question' || clock.deadline === null) return;
		// The question closes once the last allowed answer could have arrived: the deadline plus
		// the largest latency allowance a player can have.
		const closesAt = clock.deadline + MAX_LATENCY_ALLOWANCE_MS;
		const wait = Math.max(0, closesAt - this.ctx.clock.now());
		game.timerDue = closesAt;
		game.timer = setTimeout(() => {
			game.timer = null;
			game.timerDue = null;
			if (this.ctx.clock.now() < (game.clock.deadline ?? Infinity) + MAX_LATENCY_ALLOWANCE_MS) {
				this.schedule(game);
				return;
			}
			game.serial(() => this.timeout(game)).catch((error: unknown) => log.error('Live game timer failed', error));
		}, wait + 5);
		game.timer.unref?.();
	}

	// ─── Packets ─────────────────────────────────────────────────────────────────────────────

	private markDirty(game: Game): void {
		if (game.flushTimer || this.stopped) return;
		const wait = Math.max(0, game.lastFlush + this.flushMs - Date.now());
		game.flushTimer = setTimeout(() => {
			game.flushTimer = null;
			this.flushStage(game);
		}, wait);
		game.flushTimer.unref?.();
	}

	private flushStage(game: Game): void {
		game.lastFlush = Date.now();
		game.seq++;
		this.outlet.toRoom(gameRooms.screen(game.id), 'game:screen', this.screenView(game));
		this.outlet.toRoom(gameRooms.host(game.id), 'game:host', this.hostView(game));
	}

	/** A phase change: the stage at once; players one packet for all, or each their own result. */
	private emitPhase(game: Game): void {
		if (game.flushTimer) clearTimeout(game.flushTimer);
		game.flushTimer = null;
		this.flushStage(game);
		const view = this.playerView(game);
		const personal = game.clock.phase !== 'question' && game.clock.phase !== 'lobby';
		if (!personal) {
			this.outlet.toRoom(gameRooms.players(game.id), 'game:player', { view, me: null } satisfies GamePlayerPacket);
			return;
		}
		for (const p of game.activePlayers()) {
			if (p.sockets.size === 0) continue;
			const packet: GamePlayerPacket = { view, me: this.self(game, p) };
			for (const socketId of p.sockets) this.outlet.toSocket(socketId, 'game:player', packet);
		}
	}

	private questionView(game: Game, forPlayers: boolean): GameQuestionView | null {
		const q = game.current();
		if (!q || game.clock.phase === 'lobby' || game.clock.phase === 'podium') return null;
		const hide = forPlayers && game.row.screen_only === 1;
		return {
			index: q.position,
			total: game.questions.length,
			type: q.type,
			text: hide ? null : q.text,
			options: hide ? null : q.options,
			optionCount: q.options.length,
			limitMs: q.limitMs,
			startedAt: game.clock.questionStartedAt,
			deadline: game.clock.deadline,
			pausedRemaining: game.clock.pausedRemaining
		};
	}

	private revealed(game: Game): boolean {
		return game.clock.phase === 'reveal' || game.clock.phase === 'leaderboard';
	}

	screenView(game: Game): GameScreenView {
		const active = game.activePlayers();
		const standings = game.clock.phase === 'leaderboard' || game.clock.phase === 'podium';
		const q = game.current();
		return {
			gameId: game.id,
			title: game.row.title,
			pin: game.row.pin,
			phase: game.clock.phase,
			scoring: game.row.scoring,
			paused: isPaused(game.clock),
			players: active.length,
			lobbyNames: active.slice(-LOBBY_NAMES).map((p) => p.name),
			question: this.questionView(game, false),
			answered: game.clock.phase === 'question' || this.revealed(game) ? game.answers.size : 0,
			reveal:
				this.revealed(game) && q
					? { correct: q.correct, counts: game.counts.slice(), answered: game.answers.size }
					: null,
			leaderboard: standings ? game.leaderboard : [],
			units: standings ? game.units : [],
			seq: game.seq,
			now: this.ctx.clock.now()
		};
	}

	hostView(game: Game): GameHostView {
		return {
			...this.screenView(game),
			host: {
				players: game.activePlayers().map((p) => ({
					playerId: p.id,
					name: p.name,
					unit: p.unitName,
					score: p.score,
					connected: p.sockets.size > 0,
					answered: game.answers.has(p.id)
				})),
				lateJoin: game.row.late_join === 1,
				screenOnly: game.row.screen_only === 1,
				streakBonus: game.row.streak_bonus === 1,
				commands: legalEvents(game.clock, this.ctx.clock.now()).filter((e) => e !== 'timeout')
			}
		};
	}

	private playerView(game: Game): GamePlayerView {
		const q = game.current();
		return {
			gameId: game.id,
			title: game.row.title,
			phase: game.clock.phase,
			paused: isPaused(game.clock),
			players: game.activePlayers().length,
			question: this.questionView(game, true),
			correct: this.revealed(game) && q ? q.correct : null,
			podium: game.clock.phase === 'podium' ? game.leaderboard.slice(0, 3) : [],
			now: this.ctx.clock.now()
		};
	}

	private self(game: Game, p: Player): GamePlayerSelf {
		const inQuestion = game.clock.phase === 'question' || this.revealed(game);
		return {
			playerId: p.id,
			name: p.name,
			unit: p.unitName,
			score: p.score,
			rank: p.rank,
			streak: p.streak,
			answer: inQuestion ? (game.answers.get(p.id)?.choice ?? null) : null,
			result: this.revealed(game) || game.clock.phase === 'podium' ? p.lastResult : null
		};
	}

	private playerPacket(game: Game, p: Player): GamePlayerPacket {
		return { view: this.playerView(game), me: this.self(game, p) };
	}
}

function standingRow(p: Player): GameStandingRow {
	return { playerId: p.id, name: p.name, unit: p.unitName, score: p.score, rank: p.rank ?? 0 };
}

function isHost(game: Game, user: SessionUser | null): boolean {
	return user !== null && user.id === game.row.host_user_id;
}

/** An account's name made unique in the game: "Nguyễn Văn An (2)" for the second of that name. */
function uniqueName(game: Game, name: string): string {
	if (!game.byNickKey.has(nicknameKey(name))) return name;
	for (let n = 2; ; n++) {
		const candidate = `${name} (${n})`;
		if (!game.byNickKey.has(nicknameKey(candidate))) return candidate;
	}
}

async function loadQuestions(ctx: AppContext, gameId: string): Promise<LoadedQuestion[]> {
	return (await listGameQuestions(ctx.db, gameId)).map((q) => {
		const options = JSON.parse(q.options_json) as GameOption[];
		return {
			position: q.position,
			type: q.type as GameQuestionType,
			text: q.text,
			options: options.map((o) => o.text),
			correct: options.flatMap((o, i) => (o.correct ? [i] : [])),
			limitMs: q.time_limit_ms,
			points: q.points
		};
	});
}
