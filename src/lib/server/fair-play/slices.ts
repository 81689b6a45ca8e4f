// Running long work in slices: the event loop gets a turn (setImmediate) between slices, so
// answer saves and pages keep being served while a round of 100,000 attempts is analysed. The
// meter records each slice's length: the figure the bench and the run record report.

export const SLICE_TARGET_MS = 10;

export interface SliceMeter {
	slices: number;
	longestMs: number;
	/** what the work was doing (set by the runner), and what it was doing in the longest slice */
	phase: string;
	longestPhase: string;
	/**
	 * the longest CPU time of a slice (the process's, GC helper threads included): on a shared
	 * machine a slice's wall time also holds the time the OS gave the core to other processes
	 */
	longestCpuMs: number;
	/** aborted: the work stops at its next turn of the loop (the app is shutting down) */
	signal?: AbortSignal;
	add(ms: number, cpuMs?: number): void;
}

export function createSliceMeter(signal?: AbortSignal): SliceMeter {
	return {
		signal,
		slices: 0,
		longestMs: 0,
		phase: '',
		longestPhase: '',
		longestCpuMs: 0,
		add(ms, cpuMs) {
			this.slices++;
			if (cpuMs !== undefined && cpuMs > this.longestCpuMs) this.longestCpuMs = cpuMs;
			if (ms > this.longestMs) {
				this.longestMs = ms;
				this.longestPhase = this.phase;
			}
		}
	};
}

/** A turn of the event loop; throws the signal's reason when it was aborted meanwhile. */
export async function yieldToLoop(signal?: AbortSignal): Promise<void> {
	await new Promise((resolve) => setImmediate(resolve));
	signal?.throwIfAborted();
}

/** Steps a generator until `SLICE_TARGET_MS` has passed, yields to the loop, and goes on. */
export async function driveInSlices<T>(gen: Generator<void, T>, meter: SliceMeter): Promise<T> {
	for (;;) {
		const start = performance.now();
		const cpu = process.cpuUsage();
		let step = gen.next();
		while (!step.done && performance.now() - start < SLICE_TARGET_MS) step = gen.next();
		meter.add(performance.now() - start, cpuMs(cpu));
		if (step.done) return step.value;
		await yieldToLoop(meter.signal);
	}
}

/** Times one awaited piece of work as a slice (a database read: synchronous on SQLite), then yields. */
export async function sliced<T>(work: () => Promise<T>, meter: SliceMeter): Promise<T> {
	const start = performance.now();
	const cpu = process.cpuUsage();
	const value = await work();
	meter.add(performance.now() - start, cpuMs(cpu));
	await yieldToLoop(meter.signal);
	return value;
}

/** CPU ms (user + system) of the process since `since`. */
export function cpuMs(since: NodeJS.CpuUsage): number {
	const d = process.cpuUsage(since);
	return (d.user + d.system) / 1000;
}
