// The attempt page's autosave: every choice is queued, persisted on the device, and sent until
// the server acknowledges it. Only the newest revision of each question is kept, so a burst of
// clicks sends little, and a reload (or a dropped connection) loses nothing not yet saved.

export interface PendingAnswer {
	position: number;
	optionIds: string[];
	rev: number;
}

export type SendOutcome =
	| { kind: 'ok'; rev: number }
	| { kind: 'closed'; message: string }
	| { kind: 'rejected'; message: string }
	| { kind: 'network' };

export type SaveState = 'saved' | 'saving' | 'offline' | 'error';

export interface QueueStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface AnswerQueueOptions {
	attemptId: string;
	send: (answer: PendingAnswer) => Promise<SendOutcome>;
	storage?: QueueStorage | null;
	onState?: (state: SaveState) => void;
	onClosed?: (message: string) => void;
	onRejected?: (answer: PendingAnswer, message: string) => void;
	/** ms; doubles after each network failure up to maxBackoff */
	backoff?: number;
	maxBackoff?: number;
	wait?: (ms: number) => Promise<void>;
}

export interface AnswerQueue {
	enqueue(answer: PendingAnswer): void;
	/** Resolves when everything queued so far is acknowledged, or the attempt closed. */
	drain(): Promise<void>;
	/** Answers stored on the device by an earlier page load and not yet acknowledged. */
	restored(): PendingAnswer[];
	retryNow(): void;
	readonly size: number;
}

export function createAnswerQueue(options: AnswerQueueOptions): AnswerQueue {
	const key = `cuocthi:attempt:${options.attemptId}:pending`;
	const storage = options.storage ?? null;
	const wait = options.wait ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
	const pending = new Map<number, PendingAnswer>();
	let running: Promise<void> | null = null;
	let closed = false;
	let delay = options.backoff ?? 1000;
	let wake: (() => void) | null = null;

	for (const answer of readStored()) pending.set(answer.position, answer);

	function readStored(): PendingAnswer[] {
		try {
			const raw = storage?.getItem(key);
			return raw ? (JSON.parse(raw) as PendingAnswer[]) : [];
		} catch {
			return [];
		}
	}

	function persist(): void {
		try {
			if (pending.size) storage?.setItem(key, JSON.stringify([...pending.values()]));
			else storage?.removeItem(key);
		} catch {
			// Storage full or disabled: the in-memory queue still retries.
		}
	}

	async function run(): Promise<void> {
		while (pending.size && !closed) {
			options.onState?.('saving');
			const answer = pending.values().next().value!;
			const outcome = await options.send(answer);
			if (outcome.kind === 'network') {
				options.onState?.('offline');
				await Promise.race([wait(delay), new Promise<void>((r) => (wake = r))]);
				wake = null;
				delay = Math.min(delay * 2, options.maxBackoff ?? 10_000);
				continue;
			}
			delay = options.backoff ?? 1000;
			// Only forget the answer if no newer change to the same question arrived meanwhile.
			if (pending.get(answer.position)?.rev === answer.rev) pending.delete(answer.position);
			if (outcome.kind === 'closed') {
				closed = true;
				pending.clear();
				persist();
				options.onClosed?.(outcome.message);
				return;
			}
			if (outcome.kind === 'rejected') {
				options.onRejected?.(answer, outcome.message);
				options.onState?.('error');
			}
			persist();
		}
		if (!closed) options.onState?.('saved');
	}

	function start(): Promise<void> {
		running ??= run().finally(() => {
			running = null;
			if (pending.size && !closed) void start();
		});
		return running;
	}

	return {
		enqueue(answer) {
			if (closed) return;
			pending.set(answer.position, answer);
			persist();
			void start();
		},
		async drain() {
			while (pending.size && !closed) await start();
		},
		restored: () => [...pending.values()],
		retryNow() {
			wake?.();
			if (pending.size) void start();
		},
		get size() {
			return pending.size;
		}
	};
}
