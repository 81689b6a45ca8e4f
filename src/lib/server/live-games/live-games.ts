import { randomBytes, randomInt } from 'node:crypto';
import {
	checkAnswer,
	cleanNickname,
	extendQuestion,
	latencyAllowance,
	legalEvents,
	MAX_LATENCY_ALLOWANCE_MS,
	nicknameKey,
	nicknameProblem,
	standingUnitOf,
	transition,
	type GameEvent
} from '../../domain/live-game';
import {
	cleanIdentifier,
	doorClosed,
	generateNickname,
	IDENTIFIER_LABEL_MAX,
	identifierProblem,
	noteJoin,
	noteRefusal,
	type DoorRefusal
} from '../../domain/live-game-door';
import { countedOptions, judgeAnswer, scoreShare, storedAnswer } from '../../domain/live-game-kinds';
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
	GameDoorChange,
	GameHostView,
	GameJoin,
	GameJoinReply,
	GameRosterReply,
	GameScreenView
} from '../../schemas/game-socket';
import { recordAudit } from '../audit/audit.repository';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { isUniqueViolation } from '../db/errors';
import { newId } from '../ids';
import { log } from '../logger';
import { findRegistration } from '../users/user.repository';
import {
	claimGameLease,
	findGame,
	GameVersionConflict,
	insertAnswers,
	insertPlayer,
	listRunningGameIds,
	markPlayersRemoved,
	releaseGameLeases,
	renewGameLeases,
	replacePlayerToken,
	saveGameClock,
	saveGameDoor
} from './game.repository';
import { Batcher } from './batcher';
import { GameBroadcaster, type GameOutlet } from './game-outlet';
import { GameRegistry } from './game-registry';
import { FINISHED_KEEP_MS, GameScheduler } from './game-scheduler';
import { loadGame, loadQuestions } from './game-store';
import { hashToken, type RunningGame } from './running-game';
import { SLICE_SIZE } from './slices';
import { teamForJoin } from '../../domain/live-game-teams';
import { loadGameTeams } from './teams.service';

export type { GameOutlet } from './game-outlet';

/**
 * A request for a game's owner, from the node a player's or host's socket is connected to. With
 * `adopt`, sent again after no node answered: a node that does not run the game takes it if its
 * lease is free.
 */
export type GameForward = { adopt?: boolean } & (
	| { op: 'join'; gameId: string; user: SessionUser | null; input: GameJoin; socketId: string }
	| { op: 'rejoin'; gameId: string; token: string; socketId: string }
	| { op: 'answer'; gameId: string; playerId: string; payload: GameAnswer; receivedAt: number }
	| { op: 'watch'; gameId: string; role: 'screen' | 'host'; user: SessionUser | null }
	| { op: 'command'; gameId: string; user: SessionUser | null; event: GameEvent }
	| { op: 'remove'; gameId: string; user: SessionUser | null; playerIds: string[] }
	| { op: 'door'; gameId: string; user: SessionUser | null; change: GameDoorChange }
	| { op: 'extend'; gameId: string; user: SessionUser | null; ms: number }
	| { op: 'refused'; gameId: string; reason: DoorRefusal; count: number }
	| { op: 'detach'; gameId: string; playerId: string; socketId: string }
	| { op: 'rtt'; gameId: string; playerId: string; ms: number }
	| { op: 'roster'; gameId: string; user: SessionUser | null; request: { page: number; query: string } }
);

/** The owner's answer to a forwarded request: its reply, or the error it failed with. */
export type GameForwardResult = { reply: unknown } | { error: string };

/** The other app nodes (REDIS_URL), as the live games need them. */
export interface GamePeers {
	/**
	 * Hands the request to the node that runs the game: its result, or null when no other node runs
	 * it (its owner died and the lease has not expired yet, or it is handing the game over).
	 */
	forward(request: GameForward): Promise<GameForwardResult | null>;
	/** The sockets, on every node, bound to a player of the game (a node taking a game over rebinds them). */
	players(gameId: string): Promise<{ socketId: string; playerId: string }[]>;
}

/**
 * Several nodes: a question's timer closes it this much later than on one node, so that the
 * answers other nodes received in time (judged on their arrival there) and are still forwarding
 * reach the owner before it closes.
 */
export const FORWARD_GRACE_MS = 500;

/** Joins refused at the socket reach the game's host this often, for this many games at most. */
const REFUSALS_FLUSH_MS = 1_000;
const REFUSALS_GAMES = 1_000;

/** Answers written in one transaction at most (the others wait for the next). */
const ANSWER_BATCH_MAX = 500;

/** A game's lease lasts this long unless renewed (every third of it); a dead owner's games move after it. */
export const GAME_LEASE_MS = 5_000;

export interface LiveGamesOptions {
	/** this node's name in the games' leases (several nodes); a random one by default */
	nodeId?: string;
	/** several nodes: requests for a game another node runs go there; without, this node runs every game */
	peers?: GamePeers | null;
	/** how long a game's lease lasts unless renewed, ms */
	leaseMs?: number;
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
	/** several nodes: how much longer a question's timer waits for answers forwarded by other nodes, ms */
	forwardGraceMs?: number;
	/**
	 * The connection (pool) the leases are renewed on, of their own so that a renewal never waits
	 * behind the answers' and joins' writes in the app's pool (then the lease expired under a busy
	 * owner and another node took its game). Default: the app's database.
	 */
	leaseDb?: Db;
}

const defaultAllowance = (bestRttMs: number | null): number => latencyAllowance(bestRttMs === null ? [] : [bestRttMs]);

type WatchResult = { ok: true; view: GameScreenView | GameHostView } | { ok: false; reason: 'not_found' | 'forbidden' };

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

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
 *
 * Several nodes (`peers`): one node runs a game, the one holding its lease in the database
 * (renewed every few seconds). A request that reaches another node (its socket is connected there)
 * is forwarded to the owner; the owner's packets reach every node's sockets through the rooms of
 * the Socket.IO adapter. Every write of the game's state names the version it was built on, so a
 * node that lost a game writes nothing more. When an owner dies, its lease expires and another node
 * takes the game and resumes it from the database, as a restart does.
 */
export class LiveGames {
	private readonly registry: GameRegistry;
	private readonly scheduler: GameScheduler;
	private readonly broadcast: GameBroadcaster;
	private readonly allowance: (bestRttMs: number | null) => number;
	private readonly sliceSize: number;
	private readonly finishedKeepMs: number;
	private readonly nodeId: string;
	private readonly peers: GamePeers | null;
	private readonly leaseMs: number;
	private readonly leaseDb: Db;
	private readonly renewTimer: ReturnType<typeof setInterval> | null = null;
	private renewing = false;
	/** games another node runs: requests for them are forwarded without asking the database */
	private readonly remote = new Set<string>();
	/** lease claims under way, one per game */
	private readonly claiming = new Map<string, Promise<'mine' | 'remote' | 'none'>>();
	/** joins refused at the socket since the last report, by game (see refused()) */
	private readonly refusals = new Map<string, number>();
	private refusalTimer: ReturnType<typeof setTimeout> | null = null;
	/** shutting down: the leases are being given up, no game is taken any more */
	private releasing = false;
	private readonly onEdited = ({ gameId }: { gameId: string }): void => {
		this.refresh(gameId).catch((error: unknown) => log.error('Live game refresh failed', error));
	};

	constructor(
		private readonly ctx: AppContext,
		outlet: GameOutlet,
		options: LiveGamesOptions = {}
	) {
		this.allowance = options.allowance ?? defaultAllowance;
		this.nodeId = options.nodeId ?? `node-${randomBytes(6).toString('hex')}`;
		this.peers = options.peers ?? null;
		this.leaseMs = options.leaseMs ?? GAME_LEASE_MS;
		this.leaseDb = options.leaseDb ?? ctx.db;
		this.sliceSize = options.sliceSize ?? SLICE_SIZE;
		this.finishedKeepMs = options.finishedKeepMs ?? FINISHED_KEEP_MS;
		this.broadcast = new GameBroadcaster(outlet, ctx.clock, this.sliceSize);
		this.scheduler = new GameScheduler(
			ctx.clock,
			options.flushMs ?? 250,
			{
				timeout: (game) => this.timeout(game),
				flush: (game) => this.broadcast.stage(game),
				evict: (game) => {
					if (this.registry.evict(game)) this.scheduler.clear(game);
				}
			},
			this.peers ? (options.forwardGraceMs ?? FORWARD_GRACE_MS) : 0
		);
		this.registry = new GameRegistry((gameId) => this.load(gameId));
		// the studio announces a lobby game's edits on the app's event bus
		ctx.events.on('game:edited', this.onEdited);
		if (this.peers) {
			this.renewTimer = setInterval(() => void this.renewLeases(), Math.max(100, Math.floor(this.leaseMs / 3)));
			this.renewTimer.unref?.();
		}
	}

	/**
	 * Loads the games that were running when the server stopped and restarts their clocks. With
	 * several nodes, only the games nobody runs: no owner, or an owner whose lease expired.
	 */
	async recover(): Promise<number> {
		const ids = await listRunningGameIds(this.leaseDb, this.peers ? { node: this.nodeId, now: Date.now() } : undefined);
		let resumed = 0;
		for (const id of ids) {
			// already running here (its lease is this node's)
			if (this.registry.peek(id)) continue;
			try {
				const found = await this.locate(id);
				if (found && found !== 'remote') resumed++;
			} catch (error) {
				// one game that cannot be loaded does not keep the others from resuming
				log.error(`Resuming live game ${id} failed`, error);
			}
		}
		return resumed;
	}

	stop(): void {
		this.scheduler.stop();
		if (this.refusalTimer) clearTimeout(this.refusalTimer);
		if (this.renewTimer) clearInterval(this.renewTimer);
		this.ctx.events.off('game:edited', this.onEdited);
		for (const pending of this.registry.all()) {
			void pending.then(
				(g) => {
					if (g) this.scheduler.clear(g);
				},
				() => undefined
			);
		}
	}

	/**
	 * Shutdown: stops the games' timers, lets the commands under way finish and gives the leases
	 * up, so another node takes the games at once instead of after the lease expires.
	 */
	async release(): Promise<void> {
		this.releasing = true;
		this.stop();
		const games = await this.held();
		// no new request finds them here; those already queued finish before the leases go
		for (const game of games) this.drop(game);
		await Promise.all(games.map((g) => g.serial(async () => undefined)));
		await releaseGameLeases(
			this.ctx.db,
			this.nodeId,
			games.map((g) => g.id)
		);
		if (games.length) log.info(`Released ${games.length} live game(s) to the other nodes`);
	}

	private async held(): Promise<RunningGame[]> {
		const games = await Promise.all(this.registry.all().map((p) => p.catch(() => null)));
		return games.filter((g): g is RunningGame => g !== null);
	}

	/**
	 * Keeps this node's leases, forgets the games another node took, takes the games nobody runs.
	 * Runs on its own timer (every third of the lease); public for tests. A renewal that comes late
	 * (the lease ran out meanwhile) keeps the game as long as no other node took it: the lease is
	 * renewed where this node is still the owner, whatever its expiry said.
	 */
	async renewLeases(): Promise<void> {
		if (this.renewing || this.releasing) return;
		this.renewing = true;
		try {
			const games = await this.held();
			const kept = await renewGameLeases(
				this.leaseDb,
				this.nodeId,
				games.map((g) => g.id),
				Date.now() + this.leaseMs
			);
			for (const game of games) {
				if (!kept.has(game.id)) this.drop(game);
			}
			const resumed = await this.recover();
			if (resumed) log.info(`Took over ${resumed} live game(s) from a node that stopped`);
		} catch (error) {
			log.error('Renewing live game leases failed', error);
		} finally {
			this.renewing = false;
		}
	}

	/**
	 * This node lets the game go: another node runs it now, or it finished (its podium is out and its
	 * results are in the database). Its timers stop; a later request reads it back.
	 */
	private drop(game: RunningGame): void {
		this.scheduler.clear(game);
		game.timer = null;
		game.timerDue = null;
		this.registry.evict(game);
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
			const teams = await loadGameTeams(this.ctx.db, row);
			if (game.clock.phase !== 'lobby') return;
			game.row = row;
			game.teams = teams;
			game.questions = questions;
			await this.emitPhase(game);
		});
	}

	/**
	 * The game when this node runs it (loading it, and taking its lease, if nobody runs it), 'remote'
	 * when another node does, null when there is no such game.
	 */
	private async locate(gameId: string): Promise<RunningGame | 'remote' | null> {
		const held = this.registry.peek(gameId);
		if (held) return held;
		if (this.releasing) return (await findGame(this.ctx.db, gameId)) ? 'remote' : null;
		if (this.peers) {
			// another node runs it (it answered the last request forwarded to it): forward without
			// asking the database (at 10,000 players a claim per forwarded answer queued thousands of
			// writes on the game's row). Forgotten when a forward finds no owner.
			if (this.remote.has(gameId)) return 'remote';
			// one look at the lease per game at a time, however many requests arrive meanwhile
			let claim = this.claiming.get(gameId);
			if (!claim) {
				const now = Date.now();
				claim = claimGameLease(this.ctx.db, gameId, this.nodeId, now, now + this.leaseMs).then(async (version) =>
					version !== null ? 'mine' : (await findGame(this.ctx.db, gameId)) ? 'remote' : 'none'
				);
				this.claiming.set(gameId, claim);
				const done = () => {
					if (this.claiming.get(gameId) === claim) this.claiming.delete(gameId);
				};
				claim.then(done, done);
			}
			const owner = await claim;
			if (owner === 'none') return null;
			if (owner === 'remote') {
				this.remote.add(gameId);
				return 'remote';
			}
		}
		this.remote.delete(gameId);
		return this.registry.get(gameId);
	}

	/**
	 * Runs a request where the game is: here when this node runs it, else at its owner. While no
	 * node runs it (its owner died and the lease has not expired yet), tries again until this node
	 * or another takes it over, at most the lease's length and a little more.
	 */
	private async route<T>(
		gameId: string,
		request: GameForward,
		local: (game: RunningGame) => Promise<T>,
		missing: T
	): Promise<T> {
		const deadline = Date.now() + this.leaseMs + 2_000;
		for (let attempt = 0; ; attempt++) {
			const found = await this.locate(gameId);
			if (found === null) return missing;
			if (found !== 'remote') {
				try {
					return await local(found);
				} catch (error) {
					// another node took the game over under this one: ask the new owner
					if (!(error instanceof GameVersionConflict) || !this.peers) throw error;
					this.drop(found);
					continue;
				}
			}
			const result = this.peers ? await this.peers.forward(attempt > 0 ? { ...request, adopt: true } : request) : null;
			// no node answered for the game: ask the database again who runs it (or take it)
			if (!result) this.remote.delete(gameId);
			if (result && 'reply' in result) return result.reply as T;
			if (result) throw new Error(result.error);
			if (Date.now() > deadline) throw new Error(`No node runs live game ${gameId}`);
			await delay(200);
		}
	}

	/** A request forwarded by another node: answered when this node runs the game, else null. */
	async serve(request: GameForward): Promise<GameForwardResult | null> {
		if (this.releasing) return null;
		let held = this.registry.peek(request.gameId);
		if (!held && this.peers && request.adopt) {
			// nobody runs the game (its owner handed it over on shutdown, or died): this node takes it
			// if its lease is free; of several nodes asked at once, one wins the claim. Asked only when a
			// first forward found no owner: the usual forward costs the other nodes no write.
			const now = Date.now();
			const claimed = await claimGameLease(this.ctx.db, request.gameId, this.nodeId, now, now + this.leaseMs);
			if (claimed !== null) held = this.registry.get(request.gameId);
		}
		const game = held ? await held.catch(() => null) : null;
		if (!game) return null;
		try {
			return { reply: await this.run(game, request) };
		} catch (error) {
			if (error instanceof GameVersionConflict) {
				this.drop(game);
				return null;
			}
			return { error: error instanceof Error ? error.message : String(error) };
		}
	}

	private run(game: RunningGame, r: GameForward): Promise<unknown> {
		switch (r.op) {
			case 'join':
				return this.joinHere(game, r.user, r.input, r.socketId);
			case 'rejoin':
				return this.rejoinHere(game, r.token, r.socketId);
			case 'answer':
				return this.answerHere(game, r.playerId, r.payload, r.receivedAt);
			case 'watch':
				return Promise.resolve(this.watchHere(game, r.role, r.user));
			case 'command':
				return this.commandHere(game, r.user, r.event);
			case 'remove':
				return this.removeHere(game, r.user, r.playerIds);
			case 'door':
				return this.doorHere(game, r.user, r.change);
			case 'extend':
				return this.extendHere(game, r.user, r.ms);
			case 'refused':
				noteRefusal(game.doorLog, r.reason, r.count);
				this.scheduler.markDirty(game);
				return Promise.resolve(null);
			case 'detach':
				this.detachHere(game, r.playerId, r.socketId);
				return Promise.resolve(null);
			case 'rtt':
				this.roundTripHere(game, r.playerId, r.ms);
				return Promise.resolve(null);
			case 'roster':
				return this.rosterHere(game, r.user, r.request);
		}
	}

	/** A request that needs no reply (a socket gone, a round trip): here or at the owner, never waited for. */
	private notify(gameId: string, request: GameForward, local: (game: RunningGame) => void): void {
		const held = this.registry.peek(gameId);
		if (held) {
			void held.then(
				(game) => game && local(game),
				() => undefined
			);
			return;
		}
		this.peers?.forward(request).catch((error: unknown) => log.error(`Forwarding ${request.op} failed`, error));
	}

	private async load(gameId: string): Promise<RunningGame | null> {
		const now = Date.now();
		// one node: the game is this process's, whoever held it before a restart
		if (!this.peers) await claimGameLease(this.ctx.db, gameId, this.nodeId, now, now + this.leaseMs, true);
		const game = await loadGame(this.ctx, gameId);
		if (!game) return null;
		if (this.peers) {
			// a game taken over: the players' sockets (on any node) are its players' again
			try {
				for (const { socketId, playerId } of await this.peers.players(gameId)) {
					game.players.get(playerId)?.sockets.add(socketId);
				}
			} catch (error) {
				log.warn(`Rebinding the sockets of live game ${gameId} failed: ${String(error)}`);
			}
		}
		this.scheduler.schedule(game);
		if (game.clock.phase === 'podium') this.scheduler.evictLater(game, this.finishedKeepMs);
		return game;
	}

	// ─── Players ─────────────────────────────────────────────────────────────────────────────

	join(gameId: string, user: SessionUser | null, input: GameJoin, socketId: string): Promise<GameJoinReply> {
		return this.route(
			gameId,
			{ op: 'join', gameId, user, input, socketId },
			(game) => this.joinHere(game, user, input, socketId),
			{ ok: false, reason: 'not_found' }
		);
	}

	private joinHere(
		game: RunningGame,
		user: SessionUser | null,
		input: GameJoin,
		socketId: string
	): Promise<GameJoinReply> {
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
			const closed = doorClosed(
				{ locked: game.row.locked === 1, maxPlayers: game.row.max_players },
				game.activePlayers().length
			);
			if (closed) return this.refuse(game, closed);
			let identifier: string | null = null;
			if (game.row.identifier_label !== null) {
				const problem = identifierProblem(input.identifier ?? '');
				if (problem) return { ok: false, reason: `identifier_${problem}` };
				identifier = cleanIdentifier(input.identifier ?? '');
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
				if (game.row.generated_names === 1) {
					// the host hands out names: whatever was typed is not used
					name = generateNickname((key) => game.byNickKey.has(key), randomInt);
				} else {
					// checked as typed: cleaning would turn a tab or line break into a space first
					const problem = nicknameProblem(input.nickname ?? '');
					const nickname = cleanNickname(input.nickname ?? '');
					if (problem) return { ok: false, reason: `nickname_${problem}` };
					if (game.byNickKey.has(nicknameKey(nickname))) return { ok: false, reason: 'nickname_taken' };
					name = nickname;
				}
			}
			if (!unitId || !game.unitNames.has(unitId)) return { ok: false, reason: 'unit_required' };
			const team = teamForJoin(game.teams, input);
			if (!team.ok) return { ok: false, reason: team.reason };
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
				identifier,
				teamId: team.teamId,
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
						joined_at: now,
						identifier,
						team_id: team.teamId
					},
					now,
					this.nodeId
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
			noteJoin(game.doorLog, now);
			this.scheduler.markDirty(game);
			return { ok: true, playerId: player.id, token, packet: playerPacket(game, player, this.ctx.clock.now()) };
		});
	}

	/** A player back with the token their browser kept: same player, same score. */
	rejoin(gameId: string, token: string, socketId: string): Promise<GameJoinReply> {
		return this.route(
			gameId,
			{ op: 'rejoin', gameId, token, socketId },
			(game) => this.rejoinHere(game, token, socketId),
			{ ok: false, reason: 'not_found' }
		);
	}

	private async rejoinHere(game: RunningGame, token: string, socketId: string): Promise<GameJoinReply> {
		const playerId = game.byToken.get(hashToken(token));
		const player = playerId ? game.players.get(playerId) : undefined;
		if (!player) return { ok: false, reason: 'not_found' };
		if (player.removed) return { ok: false, reason: 'removed' };
		player.sockets.add(socketId);
		this.scheduler.markDirty(game);
		return { ok: true, playerId: player.id, token, packet: playerPacket(game, player, this.ctx.clock.now()) };
	}

	detach(gameId: string, playerId: string, socketId: string): void {
		this.notify(gameId, { op: 'detach', gameId, playerId, socketId }, (game) =>
			this.detachHere(game, playerId, socketId)
		);
	}

	private detachHere(game: RunningGame, playerId: string, socketId: string): void {
		const player = game.players.get(playerId);
		if (!player?.sockets.delete(socketId)) return;
		if (player.sockets.size === 0 && !player.removed) noteLeft(game.rosterLog, player);
		this.scheduler.markDirty(game);
	}

	recordRoundTrip(gameId: string, playerId: string, ms: number): void {
		this.notify(gameId, { op: 'rtt', gameId, playerId, ms }, (game) => this.roundTripHere(game, playerId, ms));
	}

	private roundTripHere(game: RunningGame, playerId: string, ms: number): void {
		const player = game.players.get(playerId);
		if (player && Number.isFinite(ms) && ms >= 0) {
			player.bestRtt = player.bestRtt === null ? ms : Math.min(player.bestRtt, ms);
		}
	}

	/**
	 * An answer, judged at once on the server's clock: current question only, once, by the
	 * deadline plus the player's latency allowance. Written before the player hears "received".
	 */
	answer(playerId: string, payload: GameAnswer): Promise<GameAnswerReply> {
		// received here, on the clock of the node the player is connected to
		const receivedAt = this.ctx.clock.now();
		const gameId = payload.gameId;
		return this.route(
			gameId,
			{ op: 'answer', gameId, playerId, payload, receivedAt },
			(game) => this.answerHere(game, playerId, payload, receivedAt),
			{ ok: false, reason: 'not_joined' }
		);
	}

	private async answerHere(
		game: RunningGame,
		playerId: string,
		payload: GameAnswer,
		receivedAt: number
	): Promise<GameAnswerReply> {
		const player = game.players.get(playerId);
		if (!player || player.removed) return { ok: false, reason: 'not_joined' };
		const q = game.questions[payload.position];
		const allowance = Math.min(MAX_LATENCY_ALLOWANCE_MS, Math.max(0, this.allowance(player.bestRtt)));
		const check = checkAnswer({
			clock: game.clock,
			position: payload.position,
			// what the answer holds is checked per kind below (judgeAnswer), once it is known to be on time
			choice: [0],
			optionCount: 1,
			limitMs: q?.limitMs ?? 0,
			receivedAt,
			allowanceMs: allowance,
			alreadyAnswered: game.answers.has(player.id)
		});
		if (!check.ok) return { ok: false, reason: check.reason };
		const question = q!;
		const judged = judgeAnswer(question, payload);
		if (!judged.ok) return { ok: false, reason: judged.reason };
		const answer = judged.answer;
		const correct = answer.share === 1;
		const score = scoreShare({ preset: game.row.scoring, streakBonus: game.row.streak_bonus === 1 }, question.type, {
			share: answer.share,
			elapsedMs: check.elapsedMs,
			limitMs: question.limitMs,
			questionPoints: question.points,
			streakBefore: player.streak
		});
		const pending: PendingAnswer = { ...answer, correct, elapsedMs: check.elapsedMs, ...score };
		// Taken before the write: a second answer racing this one is a duplicate.
		game.answers.set(player.id, pending);
		for (const c of countedOptions(question.type, answer)) game.counts[c] = (game.counts[c] ?? 0) + 1;
		let write: Promise<boolean> | null = null;
		let stored: boolean;
		try {
			write = this.answerWriter(game).push({
				game_id: game.id,
				player_id: player.id,
				position: question.position,
				choice_json: storedAnswer(question, answer),
				correct: correct ? 1 : 0,
				elapsed_ms: check.elapsedMs,
				points: score.points,
				received_at: receivedAt
			});
			game.pendingWrites.add(write);
			stored = await write;
		} catch (error) {
			this.unanswer(game, player.id, pending, question.position);
			if (isUniqueViolation(error)) return { ok: false, reason: 'duplicate' };
			throw error;
		} finally {
			if (write) game.pendingWrites.delete(write);
		}
		if (!stored) {
			// already in the database (written before this node took the game over)
			this.unanswer(game, player.id, pending, question.position);
			return { ok: false, reason: 'duplicate' };
		}
		this.scheduler.markDirty(game);
		return { ok: true, elapsedMs: check.elapsedMs };
	}

	/** Takes back an answer taken in memory whose write failed. */
	private unanswer(game: RunningGame, playerId: string, pending: PendingAnswer, position: number): void {
		if (game.answers.get(playerId) === pending && game.clock.index === position) {
			game.answers.delete(playerId);
			for (const c of countedOptions(game.questions[position].type, pending)) game.counts[c]--;
		}
	}

	/**
	 * The game's answer writes: the answers that arrive while one transaction is written go together
	 * in the next (a group commit), so the game's row sees one write per batch, not one per answer.
	 */
	private answerWriter(game: RunningGame): NonNullable<RunningGame['answerWriter']> {
		game.answerWriter ??= new Batcher((rows) => insertAnswers(this.ctx.db, game.id, rows, this.nodeId), {
			max: ANSWER_BATCH_MAX,
			serial: true,
			schedule: (flush) => setImmediate(flush)
		});
		return game.answerWriter;
	}

	// ─── Host ────────────────────────────────────────────────────────────────────────────────

	/** The view for a screen (anyone with the link) or the host console (the game's host only). */
	watch(gameId: string, role: 'screen' | 'host', user: SessionUser | null): Promise<WatchResult> {
		return this.route(
			gameId,
			{ op: 'watch', gameId, role, user },
			(game) => Promise.resolve(this.watchHere(game, role, user)),
			{ ok: false, reason: 'not_found' }
		);
	}

	private watchHere(game: RunningGame, role: 'screen' | 'host', user: SessionUser | null): WatchResult {
		if (role === 'host' && !isHost(game, user)) return { ok: false, reason: 'forbidden' };
		const now = this.ctx.clock.now();
		return { ok: true, view: role === 'host' ? hostView(game, now) : screenView(game, now) };
	}

	/** One page of the roster for the host console, of the players `query` finds if not empty. */
	roster(gameId: string, user: SessionUser | null, request: { page: number; query: string }): Promise<GameRosterReply> {
		return this.route(gameId, { op: 'roster', gameId, user, request }, (game) => this.rosterHere(game, user, request), {
			ok: false,
			reason: 'not_found'
		});
	}

	private async rosterHere(
		game: RunningGame,
		user: SessionUser | null,
		request: { page: number; query: string }
	): Promise<GameRosterReply> {
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return { ok: true, roster: rosterPage(game, request, game.seq) };
	}

	command(gameId: string, user: SessionUser | null, event: GameEvent): Promise<GameCommandReply> {
		return this.route(gameId, { op: 'command', gameId, user, event }, (game) => this.commandHere(game, user, event), {
			ok: false,
			reason: 'not_found'
		});
	}

	private async commandHere(game: RunningGame, user: SessionUser | null, event: GameEvent): Promise<GameCommandReply> {
		if (event === 'timeout' || !isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return game.serial(() => this.apply(game, event));
	}

	/** The host removes players (one, or several ticked in the roster): their phones are told. */
	remove(gameId: string, user: SessionUser | null, playerIds: string[]): Promise<GameCommandReply> {
		return this.route(
			gameId,
			{ op: 'remove', gameId, user, playerIds },
			(game) => this.removeHere(game, user, playerIds),
			{ ok: false, reason: 'not_found' }
		);
	}

	private async removeHere(
		game: RunningGame,
		user: SessionUser | null,
		playerIds: string[]
	): Promise<GameCommandReply> {
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return game.serial(async () => {
			const players = [...new Set(playerIds)].map((id) => game.players.get(id));
			// all or nothing: an unknown id (another game's, a stale page) removes nobody
			if (players.some((p) => !p)) return { ok: false, reason: 'not_found' };
			const removing = (players as Player[]).filter((p) => !p.removed);
			if (removing.length === 0) return { ok: true };
			await markPlayersRemoved(
				this.ctx.db,
				removing.map((p) => p.id),
				this.ctx.clock.now()
			);
			for (const player of removing) {
				player.removed = true;
				const pending = game.answers.get(player.id);
				if (pending) {
					game.answers.delete(player.id);
					for (const c of countedOptions(game.current()?.type ?? 'single', pending)) game.counts[c]--;
				}
				this.broadcast.removed(game, player.sockets);
				player.sockets.clear();
				noteLeft(game.rosterLog, player);
			}
			rankGame(game);
			this.scheduler.markDirty(game);
			return { ok: true };
		});
	}

	/** The host changes the door: lock, cap, identifier asked, generated names. Kept in the game's row. */
	door(gameId: string, user: SessionUser | null, change: GameDoorChange): Promise<GameCommandReply> {
		return this.route(gameId, { op: 'door', gameId, user, change }, (game) => this.doorHere(game, user, change), {
			ok: false,
			reason: 'not_found'
		});
	}

	private async doorHere(
		game: RunningGame,
		user: SessionUser | null,
		change: GameDoorChange
	): Promise<GameCommandReply> {
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		let label = game.row.identifier_label;
		if (change.identifierLabel !== undefined) {
			label = change.identifierLabel === null ? null : cleanIdentifier(change.identifierLabel);
			if (label !== null && identifierProblem(label, IDENTIFIER_LABEL_MAX) !== null) {
				return { ok: false, reason: 'label_invalid' };
			}
		}
		return game.serial(async () => {
			if (game.clock.phase === 'podium') return { ok: false, reason: 'illegal' };
			const door = {
				locked: change.locked === undefined ? game.row.locked : change.locked ? 1 : 0,
				max_players: change.maxPlayers === undefined ? game.row.max_players : change.maxPlayers,
				identifier_label: label,
				generated_names: change.generatedNames === undefined ? game.row.generated_names : change.generatedNames ? 1 : 0
			};
			const now = this.ctx.clock.now();
			await this.ctx.db.transaction().execute(async (trx) => {
				await saveGameDoor(trx, game.id, game.version, door, now);
				await recordAudit(
					trx,
					{
						actorId: user?.id ?? null,
						action: 'live_game.door',
						entity: 'live_game',
						entityId: game.id,
						summary: `Cửa vào trò chơi "${game.row.title}": ${door.locked ? 'khóa' : 'mở'}, tối đa ${
							door.max_players ?? 'không giới hạn'
						} người chơi${door.identifier_label ? `, hỏi "${door.identifier_label}"` : ''}${
							door.generated_names ? ', biệt danh tự động' : ''
						}`,
						detail: { ...door, change }
					},
					now
				);
			});
			game.version++;
			game.row = { ...game.row, ...door, updated_at: now };
			await this.emitPhase(game);
			return { ok: true };
		});
	}

	/** The host gives everyone `ms` more on the running question: the server's deadline moves. */
	extend(gameId: string, user: SessionUser | null, ms: number): Promise<GameCommandReply> {
		return this.route(gameId, { op: 'extend', gameId, user, ms }, (game) => this.extendHere(game, user, ms), {
			ok: false,
			reason: 'not_found'
		});
	}

	private async extendHere(game: RunningGame, user: SessionUser | null, ms: number): Promise<GameCommandReply> {
		if (!isHost(game, user)) return { ok: false, reason: 'forbidden' };
		return game.serial(async () => {
			const now = this.ctx.clock.now();
			const clock = extendQuestion(game.clock, ms, now);
			if (!clock) return { ok: false, reason: 'illegal' };
			await saveGameClock(this.ctx.db, game.id, game.version, clock, now);
			game.version++;
			game.clock = clock;
			this.scheduler.schedule(game);
			await this.emitPhase(game);
			return { ok: true };
		});
	}

	/**
	 * A join refused before it reached the game (throttled at the socket): counted for the host.
	 * Gathered per game and sent to the owner once a second, so a flood of joins is not a flood of
	 * messages between nodes; at most REFUSALS_GAMES games at a time (ids a flood made up are dropped).
	 */
	refused(gameId: string, reason: 'throttled'): void {
		const count = this.refusals.get(gameId);
		if (count === undefined && this.refusals.size >= REFUSALS_GAMES) return;
		this.refusals.set(gameId, (count ?? 0) + 1);
		this.refusalTimer ??= setTimeout(() => {
			this.refusalTimer = null;
			const counted = [...this.refusals];
			this.refusals.clear();
			for (const [id, n] of counted) {
				this.notify(id, { op: 'refused', gameId: id, reason, count: n }, (game) => {
					noteRefusal(game.doorLog, reason, n);
					this.scheduler.markDirty(game);
				});
			}
		}, REFUSALS_FLUSH_MS);
		this.refusalTimer.unref?.();
	}

	private refuse(game: RunningGame, reason: 'locked' | 'full'): GameJoinReply {
		noteRefusal(game.doorLog, reason);
		this.scheduler.markDirty(game);
		return { ok: false, reason };
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
		const game = await this.locate(gameId);
		return game && game !== 'remote' ? game.timerDue : null;
	}

	/** For tests with a fixed clock: fire the question's timer if its deadline has passed. */
	async tick(gameId: string): Promise<void> {
		const game = await this.locate(gameId);
		if (game && game !== 'remote') await game.serial(() => this.timeout(game));
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
			// only what a reveal changes: this runs for every player before the reveal's first slice
			players: [...game.players.values()].map((p) => ({
				p,
				totals: {
					score: p.score,
					correctCount: p.correctCount,
					streak: p.streak,
					correctTimeMs: p.correctTimeMs,
					rank: p.rank,
					lastResult: p.lastResult
				}
			}))
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
				game.version,
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
		game.version++;
		this.scheduler.schedule(game);
		await this.emitPhase(game);
		// finished: the podium is out, the results are in the database; the game leaves memory now
		if (clock.phase === 'podium') this.drop(game);
		return { ok: true };
	}

	// ─── Packets ─────────────────────────────────────────────────────────────────────────────

	/** A phase change: the stage at once; players one packet for all, or each their own result. */
	private emitPhase(game: RunningGame): Promise<void> {
		this.scheduler.cancelFlush(game);
		return this.broadcast.phase(game);
	}
}
