// What makes a round runnable, as reasons the studio shows. Pure: the caller supplies the other
// rounds of the contest and whether the banks can satisfy the blueprint.

export interface RoundWindow {
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
	/** ms */
	timeLimitMs: number;
}

export type RoundProblem =
	{ reason: 'window_order' } | { reason: 'time_limit_too_long' } | { reason: 'windows_overlap'; other: string };

/** Timing problems: an empty window, a limit longer than the window, overlap with another round. */
export function timingProblems(
	round: RoundWindow,
	others: readonly (RoundWindow & { name: string })[]
): RoundProblem[] {
	const problems: RoundProblem[] = [];
	if (round.closesAt <= round.opensAt) return [{ reason: 'window_order' }];
	if (round.timeLimitMs > round.closesAt - round.opensAt) problems.push({ reason: 'time_limit_too_long' });
	for (const other of others) {
		if (round.opensAt < other.closesAt && other.opensAt < round.closesAt) {
			problems.push({ reason: 'windows_overlap', other: other.name });
		}
	}
	return problems;
}

/** Which fields may still change once contestants have attempts in a round. */
export const LOCKED_WHEN_ATTEMPTED = [
	'opensAt',
	'closesAt',
	'timeLimitMs',
	'maxAttempts',
	'graceMs',
	'blueprint'
] as const;
