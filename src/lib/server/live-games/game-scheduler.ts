import { MAX_LATENCY_ALLOWANCE_MS } from '../../domain/live-game';
import type { Clock } from '../clock';
import { log } from '../logger';
import type { RunningGame } from './running-game';

/**
 * How long a finished game read back from the database (for a late screen, phone or host) stays
 * in memory. A game that finishes here leaves memory at once, as soon as its podium is out: six
 * games of 10,000 players kept ten minutes each took an idle process from 101 to 679 MiB.
 */
export const FINISHED_KEEP_MS = 60_000;

export interface GameSchedulerHooks {
	/** the question's time is up (runs in the game's queue) */
	timeout(game: RunningGame): Promise<void>;
	/** time for the stage's aggregated update */
	flush(game: RunningGame): void;
	/** a finished game may leave memory */
	evict(game: RunningGame): void;
}

/** The timers of the games this process runs: question deadlines, aggregated updates, eviction. */
export class GameScheduler {
	private stopped = false;

	constructor(
		private readonly clock: Clock,
		private readonly flushMs: number,
		private readonly hooks: GameSchedulerHooks,
		/**
		 * Several nodes: how much longer a question stays open for the answers other nodes received
		 * in time and are still forwarding (each is judged on its own arrival time, not this one's)
		 */
		private readonly forwardGraceMs = 0
	) {}

	get isStopped(): boolean {
		return this.stopped;
	}

	stop(): void {
		this.stopped = true;
	}

	/** Clears a game's timers: nothing holds it once the registry lets it go. */
	clear(game: RunningGame): void {
		if (game.timer) clearTimeout(game.timer);
		if (game.flushTimer) clearTimeout(game.flushTimer);
		if (game.evictTimer) clearTimeout(game.evictTimer);
		game.timer = game.flushTimer = game.evictTimer = null;
	}

	/** Arms (or disarms) the timer that closes the current question. */
	schedule(game: RunningGame): void {
		if (game.timer) clearTimeout(game.timer);
		game.timer = null;
		game.timerDue = null;
		const { clock } = game;
		if (this.stopped || clock.phase !== 'question' || clock.deadline === null) return;
		// The question closes once the last allowed answer could have arrived: the deadline plus
		// the largest latency allowance a player can have.
		const closesAt = clock.deadline + MAX_LATENCY_ALLOWANCE_MS + this.forwardGraceMs;
		const wait = Math.max(0, closesAt - this.clock.now());
		game.timerDue = closesAt;
		game.timer = setTimeout(() => {
			game.timer = null;
			game.timerDue = null;
			if (this.clock.now() < (game.clock.deadline ?? Infinity) + MAX_LATENCY_ALLOWANCE_MS + this.forwardGraceMs) {
				this.schedule(game);
				return;
			}
			game.serial(() => this.hooks.timeout(game)).catch((error: unknown) => log.error('Live game timer failed', error));
		}, wait + 5);
		game.timer.unref?.();
	}

	/** At most one stage update per `flushMs` while answers come in. */
	markDirty(game: RunningGame): void {
		if (game.flushTimer || this.stopped) return;
		const wait = Math.max(0, game.lastFlush + this.flushMs - Date.now());
		game.flushTimer = setTimeout(() => {
			game.flushTimer = null;
			this.hooks.flush(game);
		}, wait);
		game.flushTimer.unref?.();
	}

	/** Drops a pending aggregated update: a phase change sends everything at once. */
	cancelFlush(game: RunningGame): void {
		if (game.flushTimer) clearTimeout(game.flushTimer);
		game.flushTimer = null;
	}

	/** A finished game leaves memory after `ms` (its results are in the database). */
	evictLater(game: RunningGame, ms: number): void {
		if (game.evictTimer || this.stopped) return;
		game.evictTimer = setTimeout(() => this.hooks.evict(game), ms);
		game.evictTimer.unref?.();
	}
}
