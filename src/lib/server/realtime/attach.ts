import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { parse as parseCookie } from 'cookie';
import { Server } from 'socket.io';
import {
	liveRoom,
	standingRequestSchema,
	watchLiveSchema,
	type ClientToServerEvents,
	type ServerToClientEvents,
	type WatchReply
} from '../../schemas/socket';
import {
	createGameJoinLimiter,
	GAME_JOIN_RULES,
	memoryLimitStore,
	redisLimitStore,
	type GameJoinLimiter
} from '../auth/rate-limit';
import { SESSION_COOKIE, validateSessionToken, type SessionUser } from '../auth/session';
import type { Cluster } from '../cluster/redis';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { canManageContest } from '../contests/contest-access';
import { findRound } from '../contests/contest.repository';
import { onShutdown } from '../cluster/lifecycle';
import {
	LiveGames,
	type GameForward,
	type GameForwardResult,
	type GamePeers,
	type LiveGamesOptions
} from '../live-games/live-games';
import { gameRooms, type GameClientToServerEvents, type GameServerToClientEvents } from '../../schemas/game-socket';
import { Batcher } from '../live-games/batcher';
import { handleGameEvents, type GameSocketData } from './game-socket';
import { log } from '../logger';
import { LiveRooms, type LiveRoomsOptions } from './live-rooms';
import { readViewerStanding, resolveRound } from './live-state';
import { isAllowedOrigin } from './origin';

interface SocketData extends GameSocketData {
	user: SessionUser | null;
	/** requests left in the current window, against a socket that floods */
	budget: number;
	windowStart: number;
}

type ClientEvents = ClientToServerEvents & GameClientToServerEvents;

/** What the nodes send each other (serverSideEmit, through the adapter). */
interface NodeEvents {
	/**
	 * Requests for the nodes that run live games, gathered for a few ms (answers come by the
	 * thousand): every node answers with one result per request, null where the game is not its own.
	 */
	'game:forward': (requests: GameForward[], ack: (results: (GameForwardResult | null)[]) => void) => void;
	/** packets for sockets connected to another node than the game's owner, the view once per batch */
	'game:deliver': (batch: Delivery) => void;
}

/**
 * Packets for one node's sockets, sent by a game's owner in one message: `views` holds each view
 * once; an item names the socket, the event, and its payload, or the index of its view and the
 * player's own part (a reveal's result: the same view for all, a `me` for each).
 */
interface Delivery {
	views: unknown[];
	items: [socketId: string, event: 'game:player' | 'game:removed', payload: unknown, view: number][];
}

/** How long a node gathers the requests it forwards to a game's owner before sending them, ms. */
export const FORWARD_WINDOW_MS = 10;
/** Requests forwarded in one message at most. */
const FORWARD_BATCH_MAX = 500;
/** Packets for other nodes' sockets in one message at most. */
const DELIVERY_BATCH_MAX = 250;

type ServerEvents = ServerToClientEvents & GameServerToClientEvents;

export type RealtimeServer = Server<ClientEvents, ServerEvents, NodeEvents, SocketData> & {
	live: LiveRooms;
	games: LiveGames;
};

/** Watch and standing requests a socket may make per window; more are answered "unavailable". */
const REQUEST_BUDGET = 20;
const BUDGET_WINDOW_MS = 10_000;

export interface RealtimeOptions extends LiveRoomsOptions {
	/** live games: at most one screen/host update per this interval, ms */
	gameFlushMs?: number;
	/** live games: a player's latency allowance from their best round trip (see LiveGamesOptions) */
	gameAllowance?: LiveGamesOptions['allowance'];
	/** live games: players per slice of a reveal's work (see live-games/slices.ts) */
	gameSliceSize?: number;
	/** live games: how long a finished game read back from the database stays in memory, ms */
	gameFinishedKeepMs?: number;
	/** the app's public origin (ORIGIN) when behind a proxy; else the request's own host is the origin */
	origin?: string;
	/** several nodes (REDIS_URL): Socket.IO rooms span them through the Redis adapter */
	cluster?: Cluster | null;
	/** live games: the database the leases are renewed on (see LiveGamesOptions.leaseDb) */
	gameLeaseDb?: Db;
	/** live games: new players per address; default GAME_JOIN_RULES in this node's memory, or in Redis with a cluster */
	gameJoins?: GameJoinLimiter;
	/** live games: the default limiter's joins per address per minute (GAME_JOINS_PER_MINUTE); 0: no limit */
	gameJoinsPerMinute?: number;
}

/**
 * Socket.IO on the app's own HTTP server. Browsers may connect only from the app's origin; the
 * viewer's identity comes from the same session cookie the HTTP hooks read. Handlers are thin:
 * they validate, authorize and hand over to the live rooms.
 */
export function attachRealtime(httpServer: HttpServer, ctx: AppContext, options: RealtimeOptions = {}): RealtimeServer {
	const io = new Server<ClientEvents, ServerEvents, NodeEvents, SocketData>(httpServer, {
		serveClient: false,
		path: '/socket.io',
		// Leave other upgrades (Vite's HMR socket in dev) to their owners.
		destroyUpgrade: false,
		allowRequest: (req: IncomingMessage, callback) =>
			callback(null, isAllowedOrigin(req.headers.origin, req.headers.host, options.origin)),
		adapter: options.cluster
			? createAdapter(
					guardPublish(options.cluster.connect('socket.io-pub')),
					options.cluster.connect('socket.io-sub'),
					{
						key: `${options.cluster.prefix}:socket.io`,
						publishOnSpecificResponseChannel: true
					}
				)
			: undefined
	}) as RealtimeServer;

	// Live rooms: every node builds the states of its own viewers' rooms from the database when the
	// shared event bus says a round moved, and sends them to its own sockets only (io.local). With
	// io.to() every node would send its packets to every node's viewers, each stream with its own
	// epoch and sequence, and the screens would resync forever. `watchers` counts this node's sockets.
	const live = new LiveRooms(
		ctx,
		{
			send: (room, packet) => io.local.to(room).emit('live:packet', packet),
			watchers: (room) => io.sockets.adapter.rooms.get(room)?.size ?? 0
		},
		options
	);
	io.live = live;

	// Packets for sockets on other nodes (a game's players connected elsewhere than its owner): one
	// message per batch through the adapter, not one per player (10,000 results at a reveal were
	// 10,000 messages). A batch goes at the next turn of the event loop, or before any room packet,
	// so that the packets keep their order.
	let outbox: Delivery = { views: [], items: [] };
	let outboxArmed = false;
	const flushOutbox = (): void => {
		if (outbox.items.length === 0) return;
		const batch = outbox;
		outbox = { views: [], items: [] };
		io.serverSideEmit('game:deliver', batch);
	};
	const toOtherNode = (socketId: string, event: 'game:player' | 'game:removed', payload: unknown): void => {
		const packet = payload as { view?: unknown; me?: unknown } | null;
		if (packet && typeof packet === 'object' && 'view' in packet && 'me' in packet) {
			let view = outbox.views.lastIndexOf(packet.view);
			if (view < 0) view = outbox.views.push(packet.view) - 1;
			outbox.items.push([socketId, event, packet.me, view]);
		} else {
			outbox.items.push([socketId, event, payload, -1]);
		}
		if (outbox.items.length >= DELIVERY_BATCH_MAX) flushOutbox();
		else if (!outboxArmed) {
			outboxArmed = true;
			setImmediate(() => {
				outboxArmed = false;
				flushOutbox();
			});
		}
	};

	const perMinute = options.gameJoinsPerMinute ?? GAME_JOIN_RULES.address.points;
	const gameJoins =
		options.gameJoins ??
		(perMinute === 0
			? undefined
			: createGameJoinLimiter(
					options.cluster
						? redisLimitStore(options.cluster.redis, `${options.cluster.prefix}:rl:`)
						: memoryLimitStore(),
					{ address: { points: perMinute, seconds: 60 } }
				));
	const games = new LiveGames(
		ctx,
		{
			toRoom: (room, event, payload) => {
				flushOutbox();
				io.to(room).emit(event as 'game:player', payload as never);
			},
			// One socket: directly when it is connected to this node (no Redis round trip for each of
			// 10,000 players), else in the next batch for the other nodes. Without the adapter both
			// reach the same local socket.
			toSocket: (socketId, event, payload) => {
				const local = io.sockets.sockets.get(socketId);
				if (local) local.emit(event as 'game:player', payload as never);
				else if (options.cluster) toOtherNode(socketId, event, payload);
				else io.to(socketId).emit(event as 'game:player', payload as never);
			},
			leave: (socketId, room) => {
				const local = io.sockets.sockets.get(socketId);
				if (local) void local.leave(room);
				else {
					flushOutbox();
					io.in(socketId).socketsLeave(room);
				}
			}
		},
		{
			flushMs: options.gameFlushMs,
			allowance: options.gameAllowance,
			sliceSize: options.gameSliceSize,
			finishedKeepMs: options.gameFinishedKeepMs,
			nodeId: options.cluster?.nodeId,
			peers: options.cluster ? gamePeers(io) : null,
			leaseDb: options.gameLeaseDb
		}
	);
	io.games = games;
	if (options.cluster) {
		// a live game's owner answers the requests other nodes' sockets bring it
		io.on('game:forward', (requests, ack) => {
			if (!Array.isArray(requests)) return ack([]);
			void Promise.all(
				requests.map((request) =>
					games.serve(request).catch((error: unknown) => {
						log.error('Serving a forwarded live game request failed', error);
						return null;
					})
				)
			).then(ack);
		});
		// the owner's packets for this node's sockets
		io.on('game:deliver', (batch) => {
			if (!batch || !Array.isArray(batch.items) || !Array.isArray(batch.views)) return;
			for (const [socketId, event, payload, view] of batch.items) {
				const socket = io.sockets.sockets.get(socketId);
				if (!socket) continue;
				const packet = view >= 0 ? { view: batch.views[view], me: payload } : payload;
				socket.emit(event as 'game:player', packet as never);
			}
		});
		// SIGTERM: the games this node runs go to another node at once, not after their lease expires
		const unregister = onShutdown('live games', () => games.release());
		const closeOnce = io.close.bind(io);
		io.close = (callback) => {
			unregister();
			return closeOnce(callback);
		};
	}
	// games that were running when the server stopped carry on from their last phase
	games
		.recover()
		.then((n) => n && log.info(`Resumed ${n} live game(s)`))
		.catch((error: unknown) => log.error('Resuming live games failed', error));

	io.use(async (socket, next) => {
		try {
			const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
			const result = token ? await validateSessionToken(ctx.db, token, ctx.clock.now()) : null;
			socket.data.user = result?.user ?? null;
			socket.data.budget = REQUEST_BUDGET;
			socket.data.windowStart = Date.now();
			next();
		} catch {
			next(new Error('unavailable'));
		}
	});

	const spend = (data: SocketData): boolean => {
		const now = Date.now();
		if (now - data.windowStart >= BUDGET_WINDOW_MS) {
			data.windowStart = now;
			data.budget = REQUEST_BUDGET;
		}
		if (data.budget <= 0) return false;
		data.budget--;
		return true;
	};

	io.on('connection', (socket) => {
		handleGameEvents(socket, games, gameJoins);
		socket.on('live:watch', async (payload, ack) => {
			const reply: (r: WatchReply) => void = typeof ack === 'function' ? ack : () => {};
			try {
				if (!spend(socket.data)) return reply({ ok: false, reason: 'unavailable' });
				const parsed = watchLiveSchema.safeParse(payload);
				if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
				const { target, epoch, seq } = parsed.data;
				if (target.kind === 'dashboard') {
					const round = await findRound(ctx.db, target.id);
					if (!round) return reply({ ok: false, reason: 'not_found' });
					if (!(await canManageContest(ctx.db, socket.data.user, round.contest_id))) {
						return reply({ ok: false, reason: 'forbidden' });
					}
				} else if (!(await resolveRound(ctx, target))) {
					return reply({ ok: false, reason: 'not_found' });
				}
				const room = liveRoom(target);
				// Join first: a packet sent while the state is fetched reaches this viewer too.
				await socket.join(room);
				const state = await live.current(target);
				if (!state) {
					await socket.leave(room);
					return reply({ ok: false, reason: 'not_found' });
				}
				const now = ctx.clock.now();
				const upToDate = epoch === state.epoch && seq === state.seq;
				reply({
					ok: true,
					room,
					now,
					packet: upToDate ? null : { type: 'snapshot', room, now, changes: [], state }
				});
			} catch (error) {
				log.error('live:watch failed', error);
				reply({ ok: false, reason: 'unavailable' });
			}
		});

		socket.on('live:unwatch', async (payload) => {
			const room = typeof payload?.room === 'string' ? payload.room : '';
			if (socket.rooms.has(room)) await socket.leave(room);
		});

		socket.on('live:standing', async (payload, ack) => {
			const reply = typeof ack === 'function' ? ack : () => {};
			try {
				const parsed = standingRequestSchema.safeParse(payload);
				const user = socket.data.user;
				if (!parsed.success || !spend(socket.data)) return reply({ ok: false });
				if (!user) return reply({ ok: true, standing: null });
				reply({ ok: true, standing: await readViewerStanding(ctx, parsed.data.roundId, user.id) });
			} catch (error) {
				log.error('live:standing failed', error);
				reply({ ok: false });
			}
		});
	});

	// Socket.IO emits no 'close' event of its own: stop the rooms' and games' timers when it closes,
	// so a closed server (a test's restart, a shutdown) writes nothing more.
	const close = io.close.bind(io);
	io.close = (callback) => {
		live.stop();
		games.stop();
		return close(callback);
	};
	return io;
}

/**
 * The other nodes, through the adapter: a forwarded request goes to every node and the one that
 * runs the game answers; the sockets of a game's players are found on every node.
 */
function gamePeers(io: Server<ClientEvents, ServerEvents, NodeEvents, SocketData>): GamePeers {
	// the adapter's own timeout (5 s) and a little more: a batch whose acknowledgement never comes
	// (Redis went away before the request was out) is answered "no owner", and the requests retried
	const gaveUpAfter = 6_000;
	const batch = new Batcher<GameForward, GameForwardResult | null>(
		(requests) =>
			new Promise((resolve) => {
				const none = (): (GameForwardResult | null)[] => requests.map(() => null);
				const timer = setTimeout(() => {
					log.warn(`Forwarding ${requests.length} live game request(s): no acknowledgement in ${gaveUpAfter} ms`);
					resolve(none());
				}, gaveUpAfter);
				try {
					io.serverSideEmit(
						'game:forward',
						requests,
						(error: Error | null, replies: ((GameForwardResult | null)[] | null)[]) => {
							clearTimeout(timer);
							if (error) log.warn(`Forwarding ${requests.length} live game request(s): ${error.message}`);
							// on a timeout (the adapter's requestsTimeout), the answers that came still count:
							// per request, the owner's is the one not null
							const from = Array.isArray(replies) ? replies.filter(Array.isArray) : [];
							resolve(requests.map((_, i) => from.map((r) => r[i]).find((r) => r != null) ?? null));
						}
					);
				} catch (error) {
					clearTimeout(timer);
					log.warn(`Forwarding live game requests failed: ${String(error)}`);
					resolve(none());
				}
			}),
		{ max: FORWARD_BATCH_MAX, schedule: (flush) => setTimeout(flush, FORWARD_WINDOW_MS) }
	);
	return {
		forward: (request) => batch.push(request),
		players: async (gameId) => {
			const sockets = await io.in(gameRooms.players(gameId)).fetchSockets();
			return sockets.flatMap((s) =>
				s.data.player?.gameId === gameId ? [{ socketId: s.id, playerId: s.data.player.playerId }] : []
			);
		}
	};
}

/**
 * The adapter publishes without waiting for the result: a publish that fails (Redis cut the
 * connection: "Connection is closed") would be an unhandled rejection, which ends the process.
 * Each publish's failure is logged here instead (once per outage); the adapter's messages are at
 * most once anyway, and the live games retry what got no answer.
 */
export function guardPublish(client: Redis): Redis {
	const publish = client.publish.bind(client) as (...args: unknown[]) => Promise<number>;
	let failing = false;
	client.publish = ((...args: unknown[]) => {
		const sent = publish(...args);
		sent.then(
			() => (failing = false),
			(error: unknown) => {
				if (!failing) log.warn(`Socket.IO adapter: a message through Redis was lost: ${String(error)}`);
				failing = true;
			}
		);
		return sent;
	}) as Redis['publish'];
	return client;
}
