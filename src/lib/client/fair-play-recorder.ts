// The attempt page's fair-play report (issue 14): when a question is shown, when the page is
// hidden or visible again (`visibilitychange`), and when it loses or regains focus —
// `document.hasFocus()` polled, since on a phone another app in front (a call, a chat bubble) may
// leave the page "visible". Events are buffered and sent in small batches a few seconds after the
// first of them, and at once when the page is hidden or left (keepalive), so the requests stay few
// on a deadline night. The server stamps each event with its own clock on receipt: no time is sent.

/** PAGE_EVENT_KINDS of src/lib/domain/fair-play-signals.ts (not imported: that module carries the
 * signals' catalogue keys, which the attempt page does not show). */
export type PageEventKind = 'shown' | 'hidden' | 'visible' | 'blur' | 'focus';

export interface PageEvent {
	kind: PageEventKind;
	position?: number;
}

export type ReportOutcome = 'ok' | 'closed' | 'retry';

export interface RecorderEnvironment {
	hasFocus(): boolean;
	visibilityState(): DocumentVisibilityState;
	addEventListener(target: 'document' | 'window', type: string, listener: () => void): () => void;
	setInterval(fn: () => void, ms: number): () => void;
	setTimeout(fn: () => void, ms: number): () => void;
}

export interface RecorderOptions {
	send: (events: PageEvent[], keepalive: boolean) => Promise<ReportOutcome>;
	env: RecorderEnvironment;
	/** how long the first buffered event waits for others before a batch goes (ms) */
	batchDelayMs?: number;
	/** how often focus is polled (ms) */
	pollMs?: number;
	/** events per request (the server takes at most 100) */
	batchMax?: number;
	/** events kept while the network is down; older ones beyond are dropped */
	bufferMax?: number;
}

export interface FairPlayRecorder {
	/** A question was shown (its position in the attempt). */
	shown(position: number): void;
	/** Sends what is buffered now. */
	flush(keepalive?: boolean): Promise<void>;
	/** Stops listening and polling (the attempt is over). */
	stop(): void;
	/** Events not yet acknowledged (for tests). */
	readonly pending: number;
}

export function createFairPlayRecorder(options: RecorderOptions): FairPlayRecorder {
	const { env, send } = options;
	const batchDelay = options.batchDelayMs ?? 3000;
	const batchMax = options.batchMax ?? 100;
	const bufferMax = options.bufferMax ?? 1000;
	let buffer: PageEvent[] = [];
	let inFlight = false;
	let stopped = false;
	let cancelTimer: (() => void) | null = null;
	let focused = env.hasFocus();
	let visible = env.visibilityState() === 'visible';

	const push = (event: PageEvent) => {
		if (stopped) return;
		buffer.push(event);
		if (buffer.length > bufferMax) buffer = buffer.slice(buffer.length - bufferMax);
		if (!cancelTimer) cancelTimer = env.setTimeout(() => void flush(false), batchDelay);
	};

	async function flush(keepalive = false): Promise<void> {
		cancelTimer?.();
		cancelTimer = null;
		if (stopped || inFlight || buffer.length === 0) return;
		inFlight = true;
		const batch = buffer.slice(0, batchMax);
		let outcome: ReportOutcome;
		try {
			outcome = await send(batch, keepalive);
		} catch {
			outcome = 'retry';
		}
		inFlight = false;
		if (outcome === 'closed') return stop();
		if (outcome === 'ok') buffer = buffer.slice(batch.length);
		// more to send, or a failure to retry: another batch after the delay
		if (buffer.length && !cancelTimer && !stopped) {
			cancelTimer = env.setTimeout(() => void flush(false), batchDelay);
		}
	}

	const checkFocus = () => {
		const now = env.hasFocus();
		if (now === focused) return;
		focused = now;
		push({ kind: now ? 'focus' : 'blur' });
	};
	const onVisibility = () => {
		const now = env.visibilityState() === 'visible';
		if (now === visible) return;
		visible = now;
		push({ kind: now ? 'visible' : 'hidden' });
		checkFocus();
		// a hidden page may be frozen or closed next: send what is buffered while it can
		if (!now) void flush(true);
	};
	const cleanups = [
		env.addEventListener('document', 'visibilitychange', onVisibility),
		env.addEventListener('window', 'blur', checkFocus),
		env.addEventListener('window', 'focus', checkFocus),
		env.addEventListener('window', 'pagehide', () => void flush(true)),
		env.setInterval(checkFocus, options.pollMs ?? 1500)
	];

	function stop(): void {
		stopped = true;
		cancelTimer?.();
		cancelTimer = null;
		for (const cleanup of cleanups) cleanup();
	}

	return {
		shown: (position) => push({ kind: 'shown', position }),
		flush,
		stop,
		get pending() {
			return buffer.length;
		}
	};
}

/** The browser's environment for the recorder. */
export function browserEnvironment(): RecorderEnvironment {
	return {
		hasFocus: () => document.hasFocus(),
		visibilityState: () => document.visibilityState,
		addEventListener(target, type, listener) {
			const on = target === 'document' ? document : window;
			on.addEventListener(type, listener);
			return () => on.removeEventListener(type, listener);
		},
		setInterval(fn, ms) {
			const id = setInterval(fn, ms);
			return () => clearInterval(id);
		},
		setTimeout(fn, ms) {
			const id = setTimeout(fn, ms);
			return () => clearTimeout(id);
		}
	};
}
