import {
	advanceStanding,
	applyLivePatch,
	type LivePacket,
	type LiveRoundState,
	type ViewerStanding
} from '$lib/domain/live-board';
import type { ClientToServerEvents, LiveTarget, ServerToClientEvents, WatchReply } from '$lib/schemas/socket';
import { RealtimeSocket } from './realtime';

export type LiveConnection = 'connecting' | 'live' | 'reconnecting' | 'refused';

/** How long to wait for the server's answer to a watch request before trying again, ms. */
const WATCH_TIMEOUT = 10_000;
/** The viewer's standing is refetched at most this often, ms. */
const STANDING_INTERVAL = 2_000;

/**
 * Follows one live target over Socket.IO and keeps its state current: a snapshot when it
 * connects, reconnects or falls behind; patches in between. Holds one state at a time and no
 * history, so a screen left open for days does not grow. Call `start()` in onMount and the
 * returned function on destroy.
 */
export class LiveRound {
	state = $state.raw<LiveRoundState | null>(null);
	/** the signed-in contestant's own place, when the page gave one */
	standing = $state.raw<ViewerStanding | null>(null);
	connection = $state<LiveConnection>('connecting');
	/** server time minus this device's time, ms (from the watch round trip) */
	offset = $state(0);

	readonly #target: LiveTarget;
	#socket: RealtimeSocket<ServerToClientEvents, ClientToServerEvents> | null = null;
	#room: string | null = null;
	#standingAskedAt = 0;
	#standingTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(target: LiveTarget, standing: ViewerStanding | null = null) {
		this.#target = target;
		this.standing = standing;
	}

	/** Server time now, ms. */
	serverNow(): number {
		return Date.now() + this.offset;
	}

	start(): () => void {
		const socket = new RealtimeSocket<ServerToClientEvents, ClientToServerEvents>({ reconnectionDelayMax: 10_000 });
		this.#socket = socket;
		socket.on('connect', () => this.#watch());
		socket.on('disconnect', () => {
			if (this.connection !== 'refused') this.connection = 'reconnecting';
		});
		socket.on('connect_error', () => {
			if (this.connection !== 'refused') this.connection = this.state ? 'reconnecting' : 'connecting';
		});
		socket.on('live:packet', (packet) => this.#receive(packet));
		return () => {
			if (this.#standingTimer) clearTimeout(this.#standingTimer);
			socket.removeAllListeners();
			socket.disconnect();
			this.#socket = null;
		};
	}

	#watch(fresh = false): void {
		const socket = this.#socket;
		if (!socket) return;
		const sentAt = Date.now();
		const held = fresh ? null : this.state;
		socket
			.timeout(WATCH_TIMEOUT)
			.emit(
				'live:watch',
				{ target: this.#target, epoch: held?.epoch, seq: held?.seq },
				(error: Error | null, reply: WatchReply) => {
					if (this.#socket !== socket) return;
					if (error) {
						// No answer in time: try again while still connected.
						if (socket.connected) this.#watch(fresh);
						return;
					}
					if (!reply.ok) {
						this.connection = reply.reason === 'unavailable' ? 'reconnecting' : 'refused';
						return;
					}
					this.offset = reply.now - (sentAt + Date.now()) / 2;
					this.#room = reply.room;
					this.connection = 'live';
					if (reply.packet) this.#receive(reply.packet);
					else this.#followStanding([]);
				}
			);
	}

	#receive(packet: LivePacket): void {
		if (this.#room !== null && packet.room !== this.#room) return;
		if (packet.type === 'snapshot') {
			this.state = packet.state;
		} else {
			const next = this.state ? applyLivePatch(this.state, packet.patch) : null;
			if (!next) {
				// Fell behind (a missed packet, a restarted server): ask for a snapshot.
				this.#watch(true);
				return;
			}
			this.state = next;
		}
		this.#followStanding(packet.changes);
	}

	#followStanding(changes: LivePacket['changes']): void {
		const state = this.state;
		const standing = this.standing;
		if (!state || !standing || !state.scoresVisible || state.roundId !== this.#standingRound()) return;
		const advanced = advanceStanding(standing, changes, state.criteria);
		this.standing = advanced;
		if (advanced.version < state.version) this.#refreshStanding();
	}

	#standingRound(): string | null {
		return this.#target.kind === 'contest' ? (this.state?.roundId ?? null) : this.#target.id;
	}

	#refreshStanding(): void {
		if (this.#standingTimer) return;
		const wait = Math.max(0, this.#standingAskedAt + STANDING_INTERVAL - Date.now());
		this.#standingTimer = setTimeout(() => {
			this.#standingTimer = null;
			const socket = this.#socket;
			const roundId = this.#standingRound();
			if (!socket?.connected || !roundId) return;
			this.#standingAskedAt = Date.now();
			socket.timeout(WATCH_TIMEOUT).emit('live:standing', { roundId }, (error, reply) => {
				if (error || !reply.ok || this.#socket !== socket) return;
				this.standing = reply.standing;
				// Changes that arrived while asking are applied by the next packet, or asked again.
				if (reply.standing && this.state && reply.standing.version < this.state.version) this.#refreshStanding();
			});
		}, wait);
	}
}
