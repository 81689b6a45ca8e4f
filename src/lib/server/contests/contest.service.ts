import type { RankCriterion } from '../../domain/types';
import type { RoundRow } from '../db/schema';

export type RoundPhase = 'upcoming' | 'open' | 'closed';

export function roundPhase(round: Pick<RoundRow, 'opens_at' | 'closes_at'>, now: number): RoundPhase {
	if (now < round.opens_at) return 'upcoming';
	return now < round.closes_at ? 'open' : 'closed';
}

export function roundCriteria(round: Pick<RoundRow, 'ranking_criteria_json'>): RankCriterion[] {
	return JSON.parse(round.ranking_criteria_json) as RankCriterion[];
}

/** The round that is open now, else the next to open, else the last one. */
export function currentRound<T extends Pick<RoundRow, 'opens_at' | 'closes_at'>>(rounds: T[], now: number): T | null {
	return (
		rounds.find((r) => roundPhase(r, now) === 'open') ??
		rounds.find((r) => roundPhase(r, now) === 'upcoming') ??
		rounds.at(-1) ??
		null
	);
}
