/**
 * Attempt clock rules (DESIGN.md §3, "The server owns the clock").
 * Every timestamp is integer milliseconds since the epoch, taken from the server.
 */

/**
 * When an attempt must end: its time limit, or the round's close if that comes first.
 * @param startedAt ms since epoch
 * @param timeLimitMs ms
 * @param roundClosesAt ms since epoch
 * @returns ms since epoch
 */
export function computeDeadline(
	startedAt: number,
	timeLimitMs: number,
	roundClosesAt: number,
	/** an accommodation's extra time, percent of the limit (issue 14); 0 for everyone else */
	extraTimePct = 0
): number {
	return Math.min(startedAt + extendedTimeLimit(timeLimitMs, extraTimePct), roundClosesAt);
}

/**
 * A time limit with an accommodation's extra percentage: 20 minutes at +50 % is 30 minutes.
 * Rounded down to whole milliseconds; a non-positive or non-finite percentage adds nothing.
 */
export function extendedTimeLimit(timeLimitMs: number, extraTimePct: number): number {
	if (!Number.isFinite(extraTimePct) || extraTimePct <= 0) return timeLimitMs;
	return Math.floor((timeLimitMs * (100 + extraTimePct)) / 100);
}

/** Attempts a contestant may take in a round: the round's max plus an accommodation's extra ones. */
export function allowedAttempts(roundMaxAttempts: number, extraAttempts = 0): number {
	return roundMaxAttempts + Math.max(0, Math.trunc(extraAttempts) || 0);
}

/**
 * Whether an answer arriving at `now` is still accepted; the grace covers network latency.
 * @param deadline ms since epoch
 * @param graceMs ms
 * @param now ms since epoch
 */
export function canSaveAnswer(deadline: number, graceMs: number, now: number): boolean {
	return now <= deadline + graceMs;
}

/**
 * Whether the attempt is past its deadline and grace, so it must be finalized.
 * Always the exact negation of `canSaveAnswer`.
 * @param deadline ms since epoch
 * @param graceMs ms
 * @param now ms since epoch
 */
export function isOverdue(deadline: number, graceMs: number, now: number): boolean {
	return now > deadline + graceMs;
}

/**
 * Time the contestant used: a late submission counts only up to the deadline.
 * @param startedAt ms since epoch
 * @param deadline ms since epoch
 * @param submittedAt ms since epoch
 * @returns ms, never negative
 */
export function attemptDuration(startedAt: number, deadline: number, submittedAt: number): number {
	return Math.max(0, Math.min(submittedAt, deadline) - startedAt);
}

/**
 * Remaining time for the countdown display.
 * @param deadline ms since epoch
 * @param now ms since epoch
 * @returns ms, never negative
 */
export function timeLeft(deadline: number, now: number): number {
	return Math.max(0, deadline - now);
}

/**
 * Formats a duration in ms as 'mm:ss', flooring to whole seconds; minutes are not capped at 59
 * ('75:03'). Negative or non-finite input shows as '00:00'.
 */
export function formatDuration(ms: number): string {
	const totalSeconds = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
	const minutes = Math.floor(totalSeconds / 60);
	const seconds = totalSeconds % 60;
	return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
