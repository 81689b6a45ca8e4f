// Work that grows with the players (a reveal's results, its score writes) is done in slices with
// the event loop let through between them, so one game's reveal at ten thousand players never
// holds the process for long: everything else (other games, answers, pages) is served between
// two slices. Measured at 10,000 players before slicing: one block of 0.6–0.8 s per reveal.

/**
 * Players per slice: a reveal's packets, and its score writes (rows per statement). A packet to
 * one socket costs some 50–60 µs of CPU here (encoding, a write each), so a slice is ~10–15 ms.
 */
export const SLICE_SIZE = 200;

/** Lets the event loop run (I/O, timers, other requests) before the next slice. */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setImmediate(resolve));
}

/** Runs `each` over `items` in slices of `size`, yielding between slices (not before the first). */
export async function forEachSlice<T>(
	items: readonly T[],
	size: number,
	each: (slice: readonly T[]) => void | Promise<void>
): Promise<void> {
	for (let i = 0; i < items.length; i += size) {
		if (i > 0) await yieldToEventLoop();
		await each(items.slice(i, i + size));
	}
}
