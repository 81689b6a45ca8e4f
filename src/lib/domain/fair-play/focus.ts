import type { RoundAttempts } from './round-attempts';
import type { Flag } from './types';

// Focus loss: the page reported being hidden or losing focus (another app or tab in front).
// A weak signal on its own: a phone shows notifications and calls. It is flagged only when the
// page was away at least 3 times and for at least 30 s in all, and the reviewer weighs it with
// the others; it never counts against anyone by itself.

export interface FocusEvent {
	kind: 'hidden' | 'visible' | 'blur' | 'focus';
	/** ms since epoch */
	at: number;
}

export const FOCUS_MIN_LOSSES = 3;
export const FOCUS_MIN_LOST_MS = 30_000;

/**
 * Losses and ms away from an attempt's events (sorted by time): away from the first 'hidden' or
 * 'blur' until the next 'visible' or 'focus' (or the end of the attempt); overlapping reports of
 * the same absence (blur then hidden) count once.
 */
export function summarizeFocus(events: readonly FocusEvent[], endAt: number): { losses: number; lostMs: number } {
	let losses = 0;
	let lostMs = 0;
	let awaySince: number | null = null;
	for (const e of events) {
		const away = e.kind === 'hidden' || e.kind === 'blur';
		if (away && awaySince === null) {
			awaySince = e.at;
			losses++;
		} else if (!away && awaySince !== null) {
			lostMs += Math.max(0, e.at - awaySince);
			awaySince = null;
		}
	}
	if (awaySince !== null) lostMs += Math.max(0, endAt - awaySince);
	return { losses, lostMs };
}

export function detectFocusLoss(r: RoundAttempts): Flag[] {
	const flags: Flag[] = [];
	for (let i = 0; i < r.count; i++) {
		if (r.focusLosses[i] < FOCUS_MIN_LOSSES || r.focusLostMs[i] < FOCUS_MIN_LOST_MS) continue;
		flags.push({
			attemptId: r.id[i],
			signal: 'focus_loss',
			score: Math.round(r.focusLostMs[i] / 1000),
			detail: { losses: r.focusLosses[i], lostMs: r.focusLostMs[i], durationMs: r.durationMs[i] }
		});
	}
	return flags;
}
