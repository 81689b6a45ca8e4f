import type { Db } from '../db/database';

// Counts behind participation by unit, never per person: registrations per the unit a
// contestant is registered under now (the one an organizer chases); participants per the unit
// recorded on their attempt (the unit they took part for).

export async function countRegisteredByUnit(db: Db, contestId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('registration')
		.select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('contest_id', '=', contestId)
		.groupBy('unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/**
 * Contestants with at least one attempt (preview attempts aside), in one round or any round,
 * each counted once under the unit recorded on their latest attempt in that scope: the unit they
 * took part for, as the results and notices show it, not the one they are registered under now.
 */
export async function countParticipantsByUnit(
	db: Db,
	contestId: string,
	roundId: string | null
): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('attempt as a')
		.innerJoin('round', 'round.id', 'a.round_id')
		.where('round.contest_id', '=', contestId)
		.where('a.is_preview', '=', 0)
		.$if(roundId !== null, (q) => q.where('a.round_id', '=', roundId!))
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('attempt as later')
						.innerJoin('round as later_round', 'later_round.id', 'later.round_id')
						.select('later.id')
						.whereRef('later.user_id', '=', 'a.user_id')
						.where('later_round.contest_id', '=', contestId)
						.where('later.is_preview', '=', 0)
						.$if(roundId !== null, (q) => q.where('later.round_id', '=', roundId!))
						.where((w) =>
							w.or([
								w('later.started_at', '>', w.ref('a.started_at')),
								w.and([w('later.started_at', '=', w.ref('a.started_at')), w('later.id', '>', w.ref('a.id'))])
							])
						)
				)
			)
		)
		.select(['a.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('a.unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}
