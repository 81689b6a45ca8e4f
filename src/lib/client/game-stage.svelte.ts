import type { GameCommand } from '$lib/domain/live-game';
import type {
	GameClientToServerEvents,
	GameCommandReply,
	GameDoorChange,
	GameHostView,
	GameRosterReply,
	GameScreenView,
	GameServerToClientEvents
} from '$lib/schemas/game-socket';
import { RealtimeSocket } from './realtime';
import { createServerClock, type ServerClock } from './server-clock';

// The audience screen's and the host console's side of a live game (the player's phone has its
// own module, live-game.svelte.ts, so its page does not carry this one).

export type GameConnection = 'connecting' | 'live' | 'reconnecting' | 'refused';

type GameSocket = RealtimeSocket<GameServerToClientEvents, GameClientToServerEvents>;

const ACK_TIMEOUT = 8_000;

/** The host's events, each acknowledged with a GameCommandReply. */
type HostEvent = 'game:command' | 'game:remove' | 'game:remove-many' | 'game:door' | 'game:extend';

function connect(): GameSocket {
	return new RealtimeSocket({ reconnectionDelayMax: 5_000 });
}

/**
 * The screen or the host console of a live game: watches the game over Socket.IO, re-watches on
 * every reconnect (so a host whose laptop crashed reopens the page and carries on), and keeps
 * the latest view. The host sends commands; the server decides whether they apply.
 */
export class GameStage<V extends GameScreenView = GameScreenView> {
	view = $state.raw<V | null>(null);
	connection = $state<GameConnection>('connecting');
	/** why the server refused to show this game: 'not_found' | 'forbidden' | … */
	refusal = $state<string | null>(null);
	#clock: ServerClock = createServerClock(Date.now());
	#socket: GameSocket | null = null;

	constructor(
		readonly gameId: string,
		readonly role: V extends GameHostView ? 'host' : 'screen' | 'host'
	) {}

	/** Server time now, ms (countdowns run on it). */
	serverNow(): number {
		return this.#clock.now();
	}

	start(): () => void {
		const socket = connect();
		this.#socket = socket;
		socket.on('connect', () => this.#watch());
		socket.on('disconnect', () => {
			if (this.connection !== 'refused') this.connection = 'reconnecting';
		});
		socket.on('connect_error', () => {
			if (this.connection !== 'refused') this.connection = this.view ? 'reconnecting' : 'connecting';
		});
		const receive = (view: GameScreenView) => {
			if (view.gameId !== this.gameId) return;
			this.#clock.sample(view.now, Date.now(), Date.now());
			this.view = view as V;
		};
		socket.on(this.role === 'host' ? 'game:host' : 'game:screen', receive);
		return () => {
			socket.removeAllListeners();
			socket.disconnect();
			this.#socket = null;
		};
	}

	#watch(): void {
		const socket = this.#socket;
		if (!socket) return;
		const sentAt = Date.now();
		socket.timeout(ACK_TIMEOUT).emit('game:watch', { gameId: this.gameId, role: this.role }, (error, reply) => {
			if (error) {
				if (socket.connected) this.#watch();
				return;
			}
			if (!reply.ok) {
				this.refusal = reply.reason;
				this.connection = 'refused';
				return;
			}
			this.#clock.sample(reply.view.now, sentAt, Date.now());
			this.view = reply.view as V;
			this.refusal = null;
			this.connection = 'live';
		});
	}

	/** Sends a host command; resolves with the server's reply. */
	command(command: GameCommand): Promise<GameCommandReply> {
		return this.#emitHost('game:command', { gameId: this.gameId, command });
	}

	removePlayer(playerId: string): Promise<GameCommandReply> {
		return this.#emitHost('game:remove', { gameId: this.gameId, playerId });
	}

	/** Several players at once (ticked in the roster). */
	removePlayers(playerIds: string[]): Promise<GameCommandReply> {
		return this.#emitHost('game:remove-many', { gameId: this.gameId, playerIds });
	}

	/** The door: lock, cap, identifier asked, generated names; only what is given changes. */
	door(change: GameDoorChange): Promise<GameCommandReply> {
		return this.#emitHost('game:door', { gameId: this.gameId, ...change });
	}

	/** More time on the running question, for everyone. */
	extend(ms: number): Promise<GameCommandReply> {
		return this.#emitHost('game:extend', { gameId: this.gameId, ms });
	}

	/** One page of the roster (host only), of the players `query` finds when it is not empty. */
	roster(page: number, query: string): Promise<GameRosterReply> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve({ ok: false, reason: 'unavailable' });
		return new Promise((resolve) => {
			socket
				.timeout(ACK_TIMEOUT)
				.emit('game:roster', { gameId: this.gameId, page, query }, (error, reply) =>
					resolve(error || !reply ? { ok: false, reason: 'unavailable' } : reply)
				);
		});
	}

	#emitHost<E extends HostEvent>(
		event: E,
		payload: Parameters<GameClientToServerEvents[E]>[0]
	): Promise<GameCommandReply> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve({ ok: false, reason: 'unavailable' });
		return new Promise((resolve) => {
			const done = (error: Error | null, reply?: GameCommandReply) =>
				resolve(error || !reply ? { ok: false, reason: 'unavailable' } : reply);
			// every host event is acknowledged with a GameCommandReply
			(socket.timeout(ACK_TIMEOUT).emit as (e: string, p: unknown, ack: typeof done) => void)(event, payload, done);
		});
	}
}
