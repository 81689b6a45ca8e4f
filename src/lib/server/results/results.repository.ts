import type { Db } from '../db/database';

/** Whether the attempt belongs to the round, itself of the contest. */
export async function attemptInContestRound(
	db: Db,
	attemptId: string,
	roundId: string,
	contestId: string
): Promise<boolean> {
	const row = await db
		.selectFrom('attempt')
		.innerJoin('round', 'round.id', 'attempt.round_id')
		.select('attempt.id')
		.where('attempt.id', '=', attemptId)
		.where('round.id', '=', roundId)
		.where('round.contest_id', '=', contestId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The contest's closed rounds, in order. */
export function listClosedRounds(db: Db, contestId: string) {
	return db
		.selectFrom('round_close')
		.innerJoin('round', 'round.id', 'round_close.round_id')
		.select(['round.name', 'round.ordinal'])
		.where('round.contest_id', '=', contestId)
		.orderBy('round.ordinal')
		.execute();
}
