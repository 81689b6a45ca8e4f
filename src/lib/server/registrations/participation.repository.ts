import type { Db } from '../db/database';

// Counts behind participation by unit, per registration unit (the unit a contestant is
// registered under now: the one an organizer chases), never per person.

export async function countRegisteredByUnit(db: Db, contestId: string): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('registration')
		.select(['unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.where('contest_id', '=', contestId)
		.groupBy('unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}

/** Contestants with at least one attempt (preview attempts aside), in one round or any round. */
export async function countParticipantsByUnit(
	db: Db,
	contestId: string,
	roundId: string | null
): Promise<Map<string, number>> {
	const rows = await db
		.selectFrom('registration as r')
		.where('r.contest_id', '=', contestId)
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('attempt as a')
					.innerJoin('round', 'round.id', 'a.round_id')
					.select('a.id')
					.whereRef('a.user_id', '=', 'r.user_id')
					.where('round.contest_id', '=', contestId)
					.where('a.is_preview', '=', 0)
					.$if(roundId !== null, (q) => q.where('a.round_id', '=', roundId!))
			)
		)
		.select(['r.unit_id', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('r.unit_id')
		.execute();
	return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}
