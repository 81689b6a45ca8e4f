import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { FinalResultTable, RoundCloseTable, UnitResultTable } from '../db/schema';

/** Rows per INSERT statement when writing a closed round's results. */
const INSERT_BATCH = 500;

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

/** Contestants who won an individual prize in a round of the contest before `ordinal`. */
export async function listEarlierWinnerIds(db: Db, contestId: string, ordinal: number): Promise<Set<string>> {
	const rows = await db
		.selectFrom('final_result')
		.innerJoin('round', 'round.id', 'final_result.round_id')
		.select('final_result.user_id')
		.where('round.contest_id', '=', contestId)
		.where('round.ordinal', '<', ordinal)
		.where('final_result.prize', 'is not', null)
		.execute();
	return new Set(rows.map((r) => r.user_id));
}

/** Replaces the round's final ranking and unit standings, in batches. */
export async function replaceClosedResults(
	db: Db,
	roundId: string,
	finals: FinalResultTable[],
	units: UnitResultTable[]
): Promise<void> {
	await db.deleteFrom('final_result').where('round_id', '=', roundId).execute();
	await db.deleteFrom('unit_result').where('round_id', '=', roundId).execute();
	for (let i = 0; i < finals.length; i += INSERT_BATCH) {
		await db
			.insertInto('final_result')
			.values(finals.slice(i, i + INSERT_BATCH))
			.execute();
		// better-sqlite3 is synchronous: give sockets and timers a turn between batches.
		if ((i / INSERT_BATCH) % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
	}
	for (let i = 0; i < units.length; i += INSERT_BATCH) {
		await db
			.insertInto('unit_result')
			.values(units.slice(i, i + INSERT_BATCH))
			.execute();
	}
}

/** How many times the round was closed before. */
export async function countCloseRuns(db: Db, roundId: string): Promise<number> {
	const previous = await db.selectFrom('round_close').select('runs').where('round_id', '=', roundId).executeTakeFirst();
	return previous?.runs ?? 0;
}

/** Writes the round's close record, replacing an earlier one. */
export async function upsertRoundClose(db: Db, record: RoundCloseTable): Promise<void> {
	await db
		.insertInto('round_close')
		.values(record)
		.onConflict((oc) => oc.column('round_id').doUpdateSet({ ...record, round_id: undefined }))
		.execute();
}

/** Rounds whose window and grace are over at `now` and which were never closed. */
export async function listUnclosedRoundsOver(db: Db, now: number): Promise<string[]> {
	const rows = await db
		.selectFrom('round')
		.leftJoin('round_close', 'round_close.round_id', 'round.id')
		.select('round.id')
		.where('round_close.round_id', 'is', null)
		.where(sql<boolean>`round.closes_at + round.grace_ms <= ${now}`)
		.execute();
	return rows.map((r) => r.id);
}
