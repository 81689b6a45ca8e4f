// Many small requests of the same kind carried as one: the answers a node forwards to a game's
// owner (one message through Redis for many answers), the answers the owner writes (one
// transaction for many rows). At 10,000 players a message or a transaction per answer starved the
// owner: its lease renewal waited behind thousands of writes to the game's row, and the adapter's
// Redis connections behind thousands of messages.

export interface BatcherOptions {
	/** items per batch at most; more wait for the next one */
	max: number;
	/** when a batch goes after its first item arrives (a timer, the next turn of the event loop) */
	schedule: (flush: () => void) => void;
	/**
	 * At most one batch under way: items arriving meanwhile go together when it finishes (a group
	 * commit; writes to one row never queue behind each other). Default: batches go side by side.
	 */
	serial?: boolean;
}

interface Entry<T, R> {
	item: T;
	resolve: (result: R) => void;
	reject: (error: unknown) => void;
}

/**
 * Gathers items and runs them in batches: `run` gets the items of a batch and returns one result
 * per item, in order; each `push` resolves with its own item's result (or rejects with the batch's
 * error). Every item is run exactly once.
 */
export class Batcher<T, R> {
	private pending: Entry<T, R>[] = [];
	private armed = false;
	private running = 0;

	constructor(
		private readonly run: (items: T[]) => Promise<R[]>,
		private readonly options: BatcherOptions
	) {}

	/** items waiting for their batch */
	get waiting(): number {
		return this.pending.length;
	}

	push(item: T): Promise<R> {
		return new Promise<R>((resolve, reject) => {
			this.pending.push({ item, resolve, reject });
			if (this.pending.length >= this.options.max && !this.options.serial) this.flush();
			else this.arm();
		});
	}

	/** Sends what is waiting now (in batches of at most `max`), unless a serial batch is under way. */
	flush(): void {
		if (this.options.serial && this.running > 0) return;
		while (this.pending.length > 0) {
			const batch = this.pending.splice(0, this.options.max);
			this.running++;
			void this.send(batch);
			if (this.options.serial) return;
		}
	}

	private arm(): void {
		if (this.armed) return;
		this.armed = true;
		this.options.schedule(() => {
			this.armed = false;
			this.flush();
		});
	}

	private async send(batch: Entry<T, R>[]): Promise<void> {
		try {
			const results = await this.run(batch.map((e) => e.item));
			batch.forEach((e, i) => e.resolve(results[i]));
		} catch (error) {
			for (const e of batch) e.reject(error);
		} finally {
			this.running--;
			// a group commit: what arrived during the write goes now
			if (this.options.serial && this.pending.length > 0) this.arm();
		}
	}
}
