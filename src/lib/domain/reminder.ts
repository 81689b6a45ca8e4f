// What "Nhắc tôi" reminds of for a round: its opening while it is upcoming, its closing while it
// is open (someone who has not taken it yet should not miss the end), nothing once it closed.

/** ms */
const OPENING_EVENT_MS = 30 * 60_000;
/** ms */
const CLOSING_EVENT_MS = 60 * 60_000;
/** The phone's reminder, before the event starts. */
export const REMINDER_ALARM_MINUTES = 60;

export interface ReminderWindow {
	kind: 'opening' | 'closing';
	/** ms since epoch */
	start: number;
	/** ms since epoch */
	end: number;
}

/**
 * The calendar event for a round at `now` (ms since epoch): at the opening, half an hour long (or
 * the whole window if shorter); or the last hour before the close; null when the round closed.
 */
export function reminderWindow(round: { opensAt: number; closesAt: number }, now: number): ReminderWindow | null {
	if (now < round.opensAt) {
		return { kind: 'opening', start: round.opensAt, end: Math.min(round.opensAt + OPENING_EVENT_MS, round.closesAt) };
	}
	if (now < round.closesAt) {
		return { kind: 'closing', start: Math.max(round.opensAt, round.closesAt - CLOSING_EVENT_MS), end: round.closesAt };
	}
	return null;
}

/**
 * The round a round page offers to remind of: this one while upcoming, else the next upcoming
 * round of the contest (the earliest to open); null when none is upcoming.
 */
export function roundToRemind<R extends { ordinal: number; opensAt: number }>(
	rounds: readonly R[],
	ordinal: number,
	now: number
): R | null {
	const upcoming = rounds.filter((r) => r.opensAt > now).sort((a, b) => a.opensAt - b.opensAt);
	return upcoming.find((r) => r.ordinal === ordinal) ?? upcoming[0] ?? null;
}
