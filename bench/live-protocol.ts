// What bench/live-screens.ts, its server (bench/live-server.ts) and its client processes
// (bench/live-client.ts) say to each other, and the few helpers they share.
import { performance } from 'node:perf_hooks';
import type { LiveStats } from '../src/lib/server/realtime/live-rooms';

/**
 * Wall-clock time in ms with sub-millisecond steps. Every process of the bench runs on one machine,
 * so their clocks agree to within about a millisecond (each process fixes its timeOrigin at start).
 */
export const wallNow = (): number => performance.timeOrigin + performance.now();

export function eventLoop(): { active: number; idle: number } {
	const { active, idle } = performance.eventLoopUtilization();
	return { active, idle };
}

/** GET /bench/stats of the server process. */
export interface ServerStats {
	/** wallNow() when the stats were read */
	at: number;
	/** process.cpuUsage(), µs */
	cpu: { user: number; system: number };
	/** performance.eventLoopUtilization(): time the event loop was busy or idle, ms */
	loop: { active: number; idle: number };
	/** event-loop delay since the previous stats call, ms: how long the loop was held at a time */
	delay: { p50: number; p99: number; max: number };
	/** Socket.IO broadcasts (one per packet): how long each held the event loop writing to every socket */
	broadcasts: { count: number; ms: number; maxMs: number; cpuMs: number };
	rss: number;
	heapUsed: number;
	live: LiveStats;
	/** screens in the round's room */
	watchers: number;
}

/** POST /bench/submit: the leaderboard version the submit produced, and when the server answered. */
export interface SubmitReply {
	version: number | null;
	serverAt: number;
}

/** What a client process has received so far. */
export interface ClientCounters {
	packets: number;
	bytes: number;
	/** process.cpuUsage() of the client process, µs */
	cpu: { user: number; system: number };
	/** performance.eventLoopUtilization() of the client process, ms */
	loop: { active: number; idle: number };
}

export type ToClient =
	| { type: 'connect'; url: string; roundId: string; count: number; batch: number }
	| { type: 'counters' }
	| {
			type: 'finish';
			/** [version, local time the submit's response arrived, local time it was sent] of every submit that made a version */
			submits: [number, number, number][];
			drainMs: number;
	  }
	| { type: 'close' };

export type FromClient =
	| { type: 'connected'; screens: number; failed: number; ms: number }
	| ({ type: 'counters' } & ClientCounters)
	| {
			type: 'finished';
			/** (screen, version) pairs expected and reached */
			expected: number;
			reached: number;
			/** pairs whose screen held the version before the submit's HTTP response arrived */
			early: number;
			/** update latency: screen first holds ≥ version − submit's response, ms (clamped at 0) */
			latency: [number, number][];
			/** the same from the moment the submit was sent: what the contestant's tap costs the audience */
			fromSent: [number, number][];
			/** delivery: screen holds the packet − server time the packet was built, ms */
			delivery: [number, number][];
			maxLatency: number;
			maxFromSent: number;
			maxDelivery: number;
			resyncs: number;
			disconnects: number;
			snapshots: number;
	  };

/** Counts of values in 0.1 ms buckets: exact enough for percentiles, small enough to send. */
export class Histogram {
	readonly counts = new Map<number, number>();
	total = 0;
	max = -Infinity;

	add(ms: number): void {
		const bucket = Math.round(ms * 10);
		this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
		this.total++;
		if (ms > this.max) this.max = ms;
	}

	merge(entries: [number, number][], max: number): void {
		for (const [bucket, n] of entries) {
			this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + n);
			this.total += n;
		}
		if (max > this.max) this.max = max;
	}

	entries(): [number, number][] {
		return [...this.counts.entries()];
	}

	/** the value below which p % of the counted values fall, ms */
	percentile(p: number): number {
		if (this.total === 0) return NaN;
		const rank = Math.min(this.total - 1, Math.floor((p / 100) * this.total));
		let seen = 0;
		for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
			seen += this.counts.get(bucket)!;
			if (seen > rank) return bucket / 10;
		}
		return this.max;
	}
}
