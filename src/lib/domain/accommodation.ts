// Accommodations (issue 14): an organizer grants one contestant extra time (a percentage of the
// round's limit) and/or extra attempts, for the whole contest or one round, with a reason. Pure.

/** Bounds of a grant: +300 % is four times the limit; 20 extra attempts is far beyond any need. */
export const MAX_EXTRA_TIME_PCT = 300;
export const MAX_EXTRA_ATTEMPTS = 20;
export const REASON_MIN = 5;
export const REASON_MAX = 500;

export interface Accommodation {
	/** null: every round of the contest */
	roundId: string | null;
	extraTimePct: number;
	extraAttempts: number;
}

/**
 * The grant that applies to a start in `roundId`: the round's own, else the contest-wide one,
 * else none (no extra time, no extra attempts).
 */
export function accommodationFor(
	grants: readonly Accommodation[],
	roundId: string
): { extraTimePct: number; extraAttempts: number } {
	const own = grants.find((g) => g.roundId === roundId) ?? grants.find((g) => g.roundId === null);
	return own
		? { extraTimePct: own.extraTimePct, extraAttempts: own.extraAttempts }
		: { extraTimePct: 0, extraAttempts: 0 };
}
