import { randomBytes } from 'node:crypto';
import { diffLiveState, type LivePacket, type LiveRoundState } from '../../domain/live-board';
import { liveRoom, type LiveTarget } from '../../schemas/socket';
import type { AppContext } from '../context';
import { roundPhase } from '../contests/contest.service';
import { log } from '../logger';
import { buildLiveState, readChanges } from './live-state';

/** Where packets go: Socket.IO rooms in the app, a recorder in tests. */
export interface LiveSink {
	send(room: string, packet: LivePacket): void;
	/** how many viewers the room has (0: skip it) */
	watchers(room: string): number;
}

export interface LiveRoomsOptions {
	/** at most one packet per room this often, ms */
	intervalMs?: number;
	/** how often rooms are checked for a phase that changed with time, ms */
	checkMs?: number;
	/** contest and dashboard rooms are rebuilt this often even without activity (round switch, minute chart), ms */
	refreshMs?: number;
	/**
	 * at most one packet per room this often when only starts happened (the in-progress count is
	 * all that moved), ms; a finish brings the packet forward to the interval
	 */
	startIntervalMs?: number;
}

export interface LiveStats {
	builds: number;
	snapshots: number;
	patches: number;
	/** packets times the viewers they went to */
	deliveries: number;
	/** JSON bytes times the viewers they went to */
	bytes: number;
	/** what the same deliveries would have cost as full snapshots */
	snapshotBytes: number;
}

interface Room {
	name: string;
	target: LiveTarget;
	state: LiveRoundState | null;
	building: Promise<void> | null;
	/** another build is wanted when the one running ends */
	dirty: boolean;
	timer: ReturnType<typeof setTimeout> | null;
	/** when the scheduled timer fires (performance.now() time) */
	due: number;
	/** the shortest spacing asked for since the last packet: the interval, or the start interval */
	spacing: number;
	lastFlush: number;
	lastRefresh: number;
}

/**
 * The live rooms of this process: each room's latest state, rebuilt from the database when
 * something happened in its round, at most once per interval however many attempts finish
 * (leading and trailing edge), and sent as a patch or a snapshot, whichever is smaller. A room
 * nobody watches is dropped. States carry this process's epoch, so after a restart every viewer's
 * next patch fails to apply and it asks for a snapshot.
 */
export class LiveRooms {
	readonly epoch = randomBytes(6).toString('base64url');
	readonly stats: LiveStats = { builds: 0, snapshots: 0, patches: 0, deliveries: 0, bytes: 0, snapshotBytes: 0 };
	readonly #rooms = new Map<string, Room>();
	readonly #ctx: AppContext;
	readonly #sink: LiveSink;
	readonly #interval: number;
	readonly #refresh: number;
	readonly #startInterval: number;
	readonly #checker: ReturnType<typeof setInterval>;
	readonly #onActivity = ({ roundId, startOnly }: { roundId: string; startOnly?: boolean }): void =>
		this.notifyRound(roundId, startOnly === true);
	/**
	 * The last sequence number handed out, for every room of this process. One counter, not one per
	 * room: a room dropped and rebuilt later must not reuse a number a viewer may still hold, or the
	 * viewer would be told its old state is current.
	 */
	#seq = 0;
	/** callers of idle() waiting for every room to be built and sent */
	#idleWaiters: (() => void)[] = [];

	constructor(ctx: AppContext, sink: LiveSink, options: LiveRoomsOptions = {}) {
		this.#ctx = ctx;
		this.#sink = sink;
		this.#interval = options.intervalMs ?? 250;
		this.#refresh = options.refreshMs ?? 5_000;
		this.#startInterval = options.startIntervalMs ?? 1_000;
		ctx.events.on('round:activity', this.#onActivity);
		this.#checker = setInterval(() => this.check(), options.checkMs ?? 1_000);
		this.#checker.unref();
	}

	stop(): void {
		this.#ctx.events.off('round:activity', this.#onActivity);
		clearInterval(this.#checker);
		for (const room of this.#rooms.values()) if (room.timer) clearTimeout(room.timer);
		this.#rooms.clear();
		this.#settle();
	}

	/**
	 * Resolves once no room has a build scheduled or running: everything announced so far has been
	 * read from the database and sent. Tests await it instead of guessing how long a build takes.
	 */
	idle(): Promise<void> {
		if (!this.#busy()) return Promise.resolve();
		return new Promise((resolve) => this.#idleWaiters.push(resolve));
	}

	#busy(): boolean {
		for (const room of this.#rooms.values()) if (room.timer || room.building) return true;
		return false;
	}

	#settle(): void {
		if (this.#busy() || this.#idleWaiters.length === 0) return;
		for (const resolve of this.#idleWaiters.splice(0)) resolve();
	}

	/** The room's current state for a viewer who just joined it; null when the target has nothing to show. */
	async current(target: LiveTarget): Promise<LiveRoundState | null> {
		const name = liveRoom(target);
		let room = this.#rooms.get(name);
		if (!room) {
			room = {
				name,
				target,
				state: null,
				building: null,
				dirty: false,
				timer: null,
				due: 0,
				spacing: Infinity,
				lastFlush: 0,
				lastRefresh: 0
			};
			this.#rooms.set(name, room);
		}
		while (room.building) await room.building;
		if (!room.state) {
			const first = room;
			first.building = this.#build(first)
				.then((state) => {
					first.state = state;
				})
				.finally(() => {
					first.building = null;
					if (first.dirty) {
						first.dirty = false;
						this.#schedule(first, this.#wanted(first));
					}
					this.#settle();
				});
			await first.building;
		}
		return room.state;
	}

	/**
	 * Something happened in a round: its rooms (and the contest rooms showing it) will be rebuilt.
	 * Starts alone (`startOnly`) only move the in-progress count: their packet may wait for the
	 * longer start interval, so a rush of starts costs the screens a packet a second, not four.
	 */
	notifyRound(roundId: string, startOnly = false): void {
		for (const room of this.#rooms.values()) {
			const shows = room.target.kind === 'contest' ? room.state?.roundId === roundId : room.target.id === roundId;
			if (shows) this.#schedule(room, startOnly ? Math.max(this.#startInterval, this.#intervalFor(room)) : undefined);
		}
	}

	/**
	 * A room's interval: the configured one up to 2,000 viewers, then longer in proportion (at most
	 * 1 s), since one packet to every viewer holds the event loop for ~20 µs a socket.
	 */
	#intervalFor(room: Room): number {
		const viewers = this.#sink.watchers(room.name);
		return Math.min(Math.max(this.#interval, 1000), this.#interval * Math.max(1, viewers / 2000));
	}

	/** Plans the room's next packet `spacing` ms after its last one (the interval by default). */
	#schedule(room: Room, spacing = this.#intervalFor(room)): void {
		room.spacing = Math.min(room.spacing, spacing);
		const due = room.lastFlush + room.spacing;
		if (room.timer) {
			if (room.due <= due) return;
			// a finish after starts: the packet comes forward to the interval
			clearTimeout(room.timer);
			room.timer = null;
		}
		const wait = due - performance.now();
		if (wait <= 0) {
			this.#flush(room);
			return;
		}
		room.due = due;
		room.timer = setTimeout(() => {
			room.timer = null;
			// A timer may fire a little early by this clock (Node measures from its cached loop time):
			// check again, so two packets are never closer than the interval.
			this.#schedule(room, room.spacing);
			this.#settle();
		}, wait);
		room.timer.unref?.();
	}

	#flush(room: Room): void {
		if (room.building) {
			room.dirty = true;
			return;
		}
		if (this.#sink.watchers(room.name) === 0) {
			this.#drop(room);
			this.#settle();
			return;
		}
		room.lastFlush = performance.now();
		room.spacing = Infinity;
		room.building = this.#publish(room)
			.catch((error: unknown) => log.error('Live room update failed', error))
			.finally(() => {
				room.building = null;
				if (room.dirty) {
					room.dirty = false;
					this.#schedule(room, this.#wanted(room));
				}
				this.#settle();
			});
	}

	/** The spacing asked for by what arrived while the room was building (the interval if unknown). */
	#wanted(room: Room): number | undefined {
		return Number.isFinite(room.spacing) ? room.spacing : undefined;
	}

	async #publish(room: Room): Promise<void> {
		const prev = room.state;
		const next = await this.#build(room);
		if (!next) {
			room.state = null;
			return;
		}
		const patch = prev ? diffLiveState(prev, next) : null;
		if (
			prev &&
			patch &&
			next.version === prev.version &&
			!patch.counters &&
			!patch.groups &&
			!patch.units &&
			patch.activity === undefined
		) {
			return; // nothing a viewer would see: no packet, and the sequence stays
		}
		const changes =
			prev && next.scoresVisible && prev.roundId === next.roundId
				? await readChanges(this.#ctx.db, next.roundId, prev.version, next.version)
				: [];
		const now = this.#ctx.clock.now();
		const snapshot: LivePacket = { type: 'snapshot', room: room.name, now, changes, state: next };
		let packet: LivePacket = snapshot;
		let json = JSON.stringify(snapshot);
		const snapshotLength = Buffer.byteLength(json);
		if (patch) {
			const candidate: LivePacket = { type: 'patch', room: room.name, now, changes, patch };
			const small = JSON.stringify(candidate);
			if (small.length < json.length) {
				packet = candidate;
				json = small;
			}
		}
		room.state = next;
		const viewers = this.#sink.watchers(room.name);
		if (viewers === 0) return;
		this.#sink.send(room.name, packet);
		if (packet.type === 'patch') this.stats.patches++;
		else this.stats.snapshots++;
		this.stats.deliveries += viewers;
		this.stats.bytes += viewers * Buffer.byteLength(json);
		this.stats.snapshotBytes += viewers * snapshotLength;
	}

	#build(room: Room): Promise<LiveRoundState | null> {
		this.stats.builds++;
		return buildLiveState(this.#ctx, room.target, this.epoch, ++this.#seq);
	}

	#drop(room: Room): void {
		if (room.timer) clearTimeout(room.timer);
		this.#rooms.delete(room.name);
	}

	/**
	 * Time alone changes some rooms: a round opening or closing, a contest moving to its next round.
	 * Runs every checkMs; a test that moved its clock runs it at once.
	 */
	check(): void {
		const now = this.#ctx.clock.now();
		const wall = performance.now();
		for (const room of [...this.#rooms.values()]) {
			if (room.building) continue;
			if (this.#sink.watchers(room.name) === 0) {
				this.#drop(room);
				continue;
			}
			const state = room.state;
			const phaseMoved =
				state !== null && roundPhase({ opens_at: state.opensAt, closes_at: state.closesAt }, now) !== state.phase;
			const due = room.target.kind !== 'round' && wall - room.lastRefresh >= this.#refresh;
			if (phaseMoved || due) {
				room.lastRefresh = wall;
				this.#schedule(room);
			}
		}
		this.#settle();
	}
}
