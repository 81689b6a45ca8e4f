import type {
	GameAnswerReply,
	GameClientToServerEvents,
	GameJoin,
	GameJoinRefusal,
	GamePlayerPacket,
	GameServerToClientEvents
} from '$lib/schemas/game-socket';
import { RealtimeSocket, type RealtimeOptions } from './realtime';
import { createServerClock, type ServerClock } from './server-clock';

type GameSocket = RealtimeSocket<GameServerToClientEvents, GameClientToServerEvents>;

const ACK_TIMEOUT = 8_000;

function connect(options: RealtimeOptions): GameSocket {
	return new RealtimeSocket({ reconnectionDelayMax: 5_000, ...options });
}

/** The key under which a player's rejoin token is kept in this browser, per game. */
export function tokenKey(gameId: string): string {
	return `cuocthi.game.${gameId}`;
}

/** The key under which an answer the server has not acknowledged yet is kept, per game. */
export function unackedKey(gameId: string): string {
	return `cuocthi.game.${gameId}.answer`;
}

/** An answer sent for a question whose acknowledgement has not come back. */
interface UnackedAnswer {
	position: number;
	choice: number[];
	/** typed kinds (numeric, short_text, word_cloud): the text, with `choice` empty */
	text?: string;
}

function readUnacked(gameId: string): UnackedAnswer | null {
	try {
		const raw = localStorage.getItem(unackedKey(gameId));
		const parsed = raw ? (JSON.parse(raw) as Partial<UnackedAnswer>) : null;
		if (parsed && Number.isInteger(parsed.position) && Array.isArray(parsed.choice)) {
			return {
				position: parsed.position!,
				choice: parsed.choice.filter((c) => Number.isInteger(c)),
				...(typeof parsed.text === 'string' ? { text: parsed.text } : {})
			};
		}
	} catch {
		// private mode, or a value this version did not write
	}
	return null;
}

const typedOf = (a: UnackedAnswer): { typed?: string } => (a.text !== undefined ? { typed: a.text } : {});

export type PlayerStatus = 'connecting' | 'joining' | 'playing' | 'removed' | 'reconnecting';

/**
 * A player's phone. With a token kept from an earlier join (localStorage, per game) it rejoins
 * as the same player on every (re)connect, also after a server restart; without one it waits
 * for `join()`. Answers go with the question's position; the server's reply is final. An answer
 * whose reply never came (the connection or the server died with it in flight) is kept, shown as
 * sent, and sent again after the rejoin if the server does not hold it: the server refuses a
 * second copy, so sending it twice is safe, and the person never has to tap again.
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
	#unacked: UnackedAnswer | null = null;
	/** resolves the page's `answer()` once the unacknowledged answer is settled */
	#settle: ((reply: GameAnswerReply) => void) | null = null;
	/** counts sends of the unacknowledged answer: a reply to an older send is ignored */
	#sends = 0;

	constructor(
		readonly gameId: string,
		/** where to connect; the page's own origin by default (tests in Node pass a URL and `ws`) */
		private readonly socketOptions: RealtimeOptions = {}
	) {}

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
		this.#unacked = this.#token ? readUnacked(this.gameId) : null;
		const socket = connect(this.socketOptions);
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
			this.#finishAnswer({ ok: false, reason: 'not_joined' });
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
			me = { ...me, answer: null, typed: undefined, result: null };
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
			this.#resumeAnswer();
		});
	}

	/**
	 * After a rejoin, the answer whose reply never came: sent again while its question runs and the
	 * server holds no answer from us; settled if the server holds one (it was stored before the
	 * outage) or the question is over.
	 */
	#resumeAnswer(): void {
		const unacked = this.#unacked;
		const packet = this.packet;
		if (!unacked || !packet) return;
		const { view, me } = packet;
		const onIt = view.question?.index === unacked.position;
		if (onIt && view.phase === 'question' && me && me.answer === null) {
			this.packet = { view, me: { ...me, answer: unacked.choice, ...typedOf(unacked) } };
			this.#sendAnswer();
			return;
		}
		// 'duplicate': the server holds our answer, what the page shows stays
		this.#finishAnswer(onIt && me?.answer ? { ok: false, reason: 'duplicate' } : { ok: false, reason: 'late' });
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
				this.#finishAnswer({ ok: false, reason: 'not_joined' });
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

	/**
	 * Sends an answer for the current question; the chosen options show at once. Resolves with the
	 * server's reply, after a rejoin if the connection was lost with the answer in flight.
	 */
	answer(choice: number[], text?: string): Promise<GameAnswerReply> {
		const socket = this.#socket;
		const packet = this.packet;
		const question = packet?.view.question;
		if (!socket?.connected || !packet?.me || !question) {
			return Promise.resolve({ ok: false, reason: 'unavailable' });
		}
		if (this.#unacked?.position === question.index) return Promise.resolve({ ok: false, reason: 'duplicate' });
		// one for an earlier question still without a reply: that question is over, this one is not
		if (this.#unacked) this.#finishAnswer({ ok: false, reason: 'late' });
		const unacked: UnackedAnswer = { position: question.index, choice, ...(text !== undefined ? { text } : {}) };
		this.packet = { view: packet.view, me: { ...packet.me, answer: choice, ...typedOf(unacked) } };
		this.answerRefusal = null;
		this.#unacked = unacked;
		try {
			localStorage.setItem(unackedKey(this.gameId), JSON.stringify(this.#unacked));
		} catch {
			// private mode: kept in memory only, enough unless the page reloads
		}
		return new Promise((resolve) => {
			this.#settle = resolve;
			this.#sendAnswer();
		});
	}

	/** Sends the unacknowledged answer; without a connection, the next rejoin does. */
	#sendAnswer(): void {
		const socket = this.#socket;
		const unacked = this.#unacked;
		if (!socket?.connected || !unacked) return;
		const send = ++this.#sends;
		const payload =
			unacked.text !== undefined
				? { gameId: this.gameId, position: unacked.position, text: unacked.text }
				: { gameId: this.gameId, position: unacked.position, choice: unacked.choice };
		socket.timeout(ACK_TIMEOUT).emit('game:answer', payload, (error, reply) => {
			if (send !== this.#sends || this.#unacked !== unacked) return;
			if (!error) return this.#finishAnswer(reply);
			// No reply: lost with the connection (the rejoin sends it again) or a slow server. Looked at
			// once the socket has settled, since a dying one fails its acknowledgements first.
			setTimeout(() => {
				if (send === this.#sends && this.#unacked === unacked && this.#socket === socket && socket.connected) {
					this.#sendAnswer();
				}
			});
		});
	}

	/** The unacknowledged answer is settled: forgotten, and the page told. */
	#finishAnswer(result: GameAnswerReply): void {
		const unacked = this.#unacked;
		if (!unacked) return;
		this.#unacked = null;
		this.#sends++;
		try {
			localStorage.removeItem(unackedKey(this.gameId));
		} catch {
			// private mode: nothing was kept
		}
		const current = this.packet;
		if (
			!result.ok &&
			result.reason !== 'duplicate' &&
			current?.me &&
			current.view.phase === 'question' &&
			current.view.question?.index === unacked.position
		) {
			// not counted: the buttons come back (unless the question is over)
			this.packet = { view: current.view, me: { ...current.me, answer: null, typed: undefined } };
		}
		if (!result.ok) this.answerRefusal = result.reason;
		const settle = this.#settle;
		this.#settle = null;
		settle?.(result);
	}
}
