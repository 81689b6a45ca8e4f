import type {
	GameAnswerReply,
	GameClientToServerEvents,
	GameJoin,
	GameJoinRefusal,
	GamePlayerPacket,
	GameServerToClientEvents
} from '$lib/schemas/game-socket';
import { RealtimeSocket } from './realtime';
import { createServerClock, type ServerClock } from './server-clock';

type GameSocket = RealtimeSocket<GameServerToClientEvents, GameClientToServerEvents>;

const ACK_TIMEOUT = 8_000;

function connect(): GameSocket {
	return new RealtimeSocket({ reconnectionDelayMax: 5_000 });
}

/** The key under which a player's rejoin token is kept in this browser, per game. */
export function tokenKey(gameId: string): string {
	return `cuocthi.game.${gameId}`;
}

export type PlayerStatus = 'connecting' | 'joining' | 'playing' | 'removed' | 'reconnecting';

/**
 * A player's phone. With a token kept from an earlier join (localStorage, per game) it rejoins
 * as the same player on every (re)connect, also after a server restart; without one it waits
 * for `join()`. Answers go once, with the question's position; the server's reply is final.
 */
export class GamePlayer {
	packet = $state.raw<GamePlayerPacket | null>(null);
	status = $state<PlayerStatus>('connecting');
	/** the last join refusal, for the form */
	refusal = $state<GameJoinRefusal | null>(null);
	/** the last answer refusal ('late', 'duplicate', …) */
	answerRefusal = $state<string | null>(null);
	#clock: ServerClock = createServerClock(Date.now());
	#socket: GameSocket | null = null;
	#token: string | null = null;

	constructor(readonly gameId: string) {}

	serverNow(): number {
		return this.#clock.now();
	}

	/** Whether this browser holds a token for the game (it has joined before). */
	get joined(): boolean {
		return this.#token !== null;
	}

	start(): () => void {
		try {
			this.#token = localStorage.getItem(tokenKey(this.gameId));
		} catch {
			this.#token = null;
		}
		const socket = connect();
		this.#socket = socket;
		socket.on('connect', () => {
			if (this.#token) this.#rejoin();
			else this.status = 'joining';
		});
		socket.on('disconnect', () => {
			if (this.status !== 'removed') this.status = this.#token ? 'reconnecting' : 'connecting';
		});
		socket.on('game:player', (packet) => this.#receive(packet));
		socket.on('game:ping', (ack) => {
			if (typeof ack === 'function') ack();
		});
		socket.on('game:removed', ({ gameId }) => {
			if (gameId !== this.gameId) return;
			this.status = 'removed';
			this.#forget();
		});
		return () => {
			socket.removeAllListeners();
			socket.disconnect();
			this.#socket = null;
		};
	}

	#receive(packet: GamePlayerPacket): void {
		if (packet.view.gameId !== this.gameId) return;
		this.#clock.sample(packet.view.now, Date.now(), Date.now());
		const held = this.packet;
		// a packet for everyone carries no `me`: keep ours, cleared when a new question starts
		let me = packet.me ?? held?.me ?? null;
		if (!packet.me && me && packet.view.question?.index !== held?.view.question?.index) {
			me = { ...me, answer: null, result: null };
		}
		this.packet = { view: packet.view, me };
	}

	#forget(): void {
		this.#token = null;
		try {
			localStorage.removeItem(tokenKey(this.gameId));
		} catch {
			// private mode: nothing was kept
		}
	}

	#rejoin(): void {
		const socket = this.#socket;
		if (!socket || !this.#token) return;
		const sentAt = Date.now();
		socket.timeout(ACK_TIMEOUT).emit('game:rejoin', { gameId: this.gameId, token: this.#token }, (error, reply) => {
			if (error) {
				if (socket.connected) this.#rejoin();
				return;
			}
			if (!reply.ok) {
				if (reply.reason === 'removed') this.status = 'removed';
				else this.status = 'joining';
				if (reply.reason === 'removed' || reply.reason === 'not_found') this.#forget();
				return;
			}
			this.#clock.sample(reply.packet.view.now, sentAt, Date.now());
			this.packet = reply.packet;
			this.status = 'playing';
		});
	}

	/** Joins with a nickname and unit, or as the signed-in contestant. */
	join(input: Omit<GameJoin, 'gameId'>): Promise<boolean> {
		const socket = this.#socket;
		if (!socket?.connected) {
			this.refusal = 'unavailable';
			return Promise.resolve(false);
		}
		const sentAt = Date.now();
		return new Promise((resolve) => {
			socket.timeout(ACK_TIMEOUT).emit('game:join', { ...input, gameId: this.gameId }, (error, reply) => {
				if (error) {
					this.refusal = 'unavailable';
					return resolve(false);
				}
				if (!reply.ok) {
					this.refusal = reply.reason;
					return resolve(false);
				}
				this.#token = reply.token;
				try {
					localStorage.setItem(tokenKey(this.gameId), reply.token);
				} catch {
					// private mode: this player cannot rejoin after a reload, but can play
				}
				this.#clock.sample(reply.packet.view.now, sentAt, Date.now());
				this.packet = reply.packet;
				this.refusal = null;
				this.status = 'playing';
				resolve(true);
			});
		});
	}

	/** Sends an answer for the current question; the chosen options show at once. */
	answer(choice: number[]): Promise<GameAnswerReply> {
		const socket = this.#socket;
		const packet = this.packet;
		const question = packet?.view.question;
		if (!socket?.connected || !packet?.me || !question) {
			return Promise.resolve({ ok: false, reason: 'unavailable' });
		}
		const position = question.index;
		this.packet = { view: packet.view, me: { ...packet.me, answer: choice } };
		this.answerRefusal = null;
		return new Promise((resolve) => {
			socket.timeout(ACK_TIMEOUT).emit('game:answer', { gameId: this.gameId, position, choice }, (error, reply) => {
				const result: GameAnswerReply = error ? { ok: false, reason: 'unavailable' } : reply;
				const current = this.packet;
				if (!result.ok && result.reason !== 'duplicate' && current?.me && current.view.question?.index === position) {
					// not counted: the buttons come back (unless the question is over)
					this.packet = { view: current.view, me: { ...current.me, answer: null } };
				}
				if (!result.ok) this.answerRefusal = result.reason;
				resolve(result);
			});
		});
	}
}
