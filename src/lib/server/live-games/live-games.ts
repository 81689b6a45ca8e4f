import { randomBytes } from 'node:crypto';
import {
	checkAnswer,
	cleanNickname,
	isChoiceCorrect,
	latencyAllowance,
	legalEvents,
	MAX_LATENCY_ALLOWANCE_MS,
	nicknameKey,
	nicknameProblem,
	scoreAnswer,
	standingUnitOf,
	transition,
	type GameEvent
} from '../../domain/live-game';
import { noteJoined, noteLeft, rosterPage } from '../../domain/live-game-roster';
import {
	hostView,
	isHost,
	playerPacket,
	rankGame,
	scoreQuestion,
	screenView,
	uniqueName,
	type PendingAnswer,
	type Player
} from '../../domain/live-game-state';
import type {
	GameAnswer,
	GameAnswerReply,
	GameCommandReply,
	GameHostView,
	GameJoin,
	GameJoinReply,
	GameRosterReply,
	GameScreenView
} from '../../schemas/game-socket';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { isUniqueViolation } from '../db/errors';
import { newId } from '../ids';
import { log } from '../logger';
import { findRegistration } from '../users/user.repository';
import {
	findGame,
	insertAnswer,
	insertPlayer,
	listRunningGameIds,
	markPlayerRemoved,
	replacePlayerToken,
	saveGameClock
} from './game.repository';
import { GameBroadcaster, type GameOutlet } from './game-outlet';
import { GameRegistry } from './game-registry';
import { FINISHED_KEEP_MS, GameScheduler } from './game-scheduler';
import { loadGame, loadQuestions } from './game-store';
import { hashToken, type RunningGame } from './running-game';
import { SLICE_SIZE } from './slices';

export type { GameOutlet } from './game-outlet';

export interface LiveGamesOptions {
	/** at most one screen/host update per this interval while answers come in */
	flushMs?: number;
	/**
	 * A player's latency allowance (ms, at most MAX_LATENCY_ALLOWANCE_MS) from the best round trip
	 * measured to them (null: none yet). Default: half the best round trip. The round trips are
	 * measured on the wall clock, so a test that checks answer times exactly sets its own.
	 */
	allowance?: (bestRttMs: number | null) => number;
	/** players per slice of a reveal's work (packets, score writes); see slices.ts */
	sliceSize?: number;
	/** how long a finished game read back from the database stays in memory, ms */
	finishedKeepMs?: number;
}

const defaultAllowance = (bestRttMs: number | null): number => latencyAllowance(bestRttMs === null ? [] : [bestRttMs]);

/**
 * Every live game this process runs. The server owns the state machine and the timers; each
 * phase change is written to the database before anyone hears of it, each accepted answer as it
 * comes, so a restarted server picks the game up where it was (`recover`). Packets are
 * aggregated: the screen and the host get at most one update per `flushMs` while answers come
 * in; players get the phase changes, and their own result after a reveal — never a broadcast per
 * answer.
 *
 * The pieces: the state and its views are the domain's (live-game-state.ts); game-store.ts loads
 * a game from the database, game-registry.ts holds the loaded ones, game-scheduler.ts runs their
 * timers, game-outlet.ts sends their packets. This class runs the use cases over them.
 */
export class LiveGames {
	private readonly registry: GameRegistry;
	private readonly scheduler: GameScheduler;
	private readonly broadcast: GameBroadcaster;
	private readonly allowance: (bestRttMs: number | null) => number;
	private readonly sliceSize: number;
	private readonly finishedKeepMs: number;
	private readonly onEdited = ({ gameId }: { gameId: string }): void => {
		this.refresh(gameId).catch((error: unknown) => log.error('Live game refresh failed', error));
	};

	constructor(
		private readonly ctx: AppContext,
		outlet: GameOutlet,
		options: LiveGamesOptions = {}
	) {
		this.allowance = options.allowance ?? defaultAllowance;
		this.sliceSize = options.sliceSize ?? SLICE_SIZE;
		this.finishedKeepMs = options.finishedKeepMs ?? FINISHED_KEEP_MS;
		this.broadcast = new GameBroadcaster(outlet, ctx.clock, this.sliceSize);
		this.scheduler = new GameScheduler(ctx.clock, options.flushMs ?? 250, {
			timeout: (game) => this.timeout(game),
			flush: (game) => this.broadcast.stage(game),
			evict: (game) => {
				void this.registry.evict(game).then((evicted) => {
					if (evicted) this.scheduler.clear(game);
				});
			}
		});
		this.registry = new GameRegistry((gameId) => this.load(gameId));
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
		this.scheduler.stop();
		this.ctx.events.off('game:edited', this.onEdited);
		for (const pending of this.registry.all()) {
			void pending.then((g) => {
				if (g) this.scheduler.clear(g);
			});
		}
	}

	/** Re-reads a lobby game's settings and questions after the organizer edited them. */
	async refresh(gameId: string): Promise<void> {
		const pending = this.registry.peek(gameId);
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
			await this.emitPhase(game);
		});
	}

	private get(gameId: string): Promise<RunningGame | null> {
		return this.registry.get(gameId);
	}

	private async load(gameId: string): Promise<RunningGame | null> {
		const game = await loadGame(this.ctx, gameId);
		if (!game) return null;
		this.scheduler.schedule(game);
		if (game.clock.phase === 'podium') this.scheduler.evictLater(game, this.finishedKeepMs);
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
					this.scheduler.markDirty(game);
					return { ok: true, playerId: existing.id, token, packet: playerPacket(game, existing, this.ctx.clock.now()) };
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
			noteJoined(game.rosterLog, player);
			this.scheduler.markDirty(game);
			return { ok: true, playerId: player.id, token, packet: playerPacket(game, player, this.ctx.clock.now()) };
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
		this.scheduler.markDirty(game);
		return { ok: true, playerId: player.id, token, packet: playerPacket(game, player, this.ctx.clock.now()) };
	}

	detach(gameId: string, playerId: string, socketId: string): void {
		const pending = this.registry.peek(gameId);
		void pending?.then((game) => {
			const player = game?.players.get(playerId);
			if (!game || !player?.sockets.delete(socketId)) return;
			if (player.sockets.size === 0 && !player.removed) noteLeft(game.rosterLog, player);
			this.scheduler.markDirty(game);
		});
	}

	recordRoundTrip(gameId: string, playerId: string, ms: number): void {
		const pending = this.registry.peek(gameId);
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
		this.scheduler.markDirty(game);
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
		const now = this.ctx.clock.now();
		return { ok: true, view: role === 'host' ? hostView(game, now) : screenView(game, now) };
	}

	/** One page of the roster for the host console, of the players `query` finds if not empty. */
	async roster(
		gameId: string,
		user: SessionUser | null,
		request: { page: number; query: string }
	): Promise<GameRosterReply> {
		const game = await this.get(gameId);
		if (!game) return { ok: false, reason: 'not_found' };
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return { ok: true, roster: rosterPage(game, request, game.seq) };
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
			this.broadcast.removed(game, player.sockets);
			player.sockets.clear();
			noteLeft(game.rosterLog, player);
			rankGame(game);
			this.scheduler.markDirty(game);
			return { ok: true };
		});
	}

	/** Whether this process holds the game in memory now (it never loads it to answer). */
	isHeld(gameId: string): boolean {
		return this.registry.peek(gameId) !== undefined;
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

	private async timeout(game: RunningGame): Promise<void> {
		if (legalEvents(game.clock, this.ctx.clock.now()).includes('timeout')) await this.apply(game, 'timeout');
	}

	private async apply(game: RunningGame, event: GameEvent): Promise<GameCommandReply> {
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
		if (before.phase === 'question' && (event === 'reveal' || event === 'timeout')) changed = scoreQuestion(game);
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
				})),
				this.sliceSize
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
			this.scheduler.schedule(game);
			throw error;
		}
		this.scheduler.schedule(game);
		await this.emitPhase(game);
		// finished: the podium is out, the results are in the database; the game leaves memory now
		if (clock.phase === 'podium') this.release(game);
		return { ok: true };
	}

	/** Lets a game go from memory; a later request reads it back from the database. */
	private release(game: RunningGame): void {
		this.scheduler.clear(game);
		void this.registry.evict(game);
	}

	// ─── Packets ─────────────────────────────────────────────────────────────────────────────

	/** A phase change: the stage at once; players one packet for all, or each their own result. */
	private emitPhase(game: RunningGame): Promise<void> {
		this.scheduler.cancelFlush(game);
		return this.broadcast.phase(game);
	}
}
