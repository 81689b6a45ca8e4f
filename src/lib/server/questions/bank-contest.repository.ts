import type { Db } from '../db/database';

/** An organizer's grants: `global` when one of them covers every contest. */
export async function listGrantedContestIds(
	db: Db,
	userId: string
): Promise<{ global: boolean; contestIds: string[] }> {
	const rows = await db.selectFrom('organizer_grant').select('contest_id').where('user_id', '=', userId).execute();
	return {
		global: rows.some((r) => r.contest_id === null),
		contestIds: rows.flatMap((r) => (r.contest_id === null ? [] : [r.contest_id]))
	};
}

/** Whether the bank belongs to one of the contests. */
export async function bankBelongsToAny(db: Db, bankId: string, contestIds: readonly string[]): Promise<boolean> {
	if (contestIds.length === 0) return false;
	const row = await db
		.selectFrom('bank_contest')
		.select('bank_id')
		.where('bank_id', '=', bankId)
		.where('contest_id', 'in', contestIds)
		.executeTakeFirst();
	return Boolean(row);
}

/** Records that a bank belongs to a contest; recording it twice changes nothing. */
export async function insertBankContest(
	db: Db,
	row: { bankId: string; contestId: string; grantedBy: string | null; createdAt: number }
): Promise<void> {
	await db
		.insertInto('bank_contest')
		.values({ bank_id: row.bankId, contest_id: row.contestId, granted_by: row.grantedBy, created_at: row.createdAt })
		.onConflict((oc) => oc.columns(['bank_id', 'contest_id']).doNothing())
		.execute();
}

/** Banks with their active question count; `contestIds` null: every bank. */
export function listBanksWithCountsFor(db: Db, contestIds: readonly string[] | null) {
	let query = db
		.selectFrom('question_bank')
		.select((eb) => [
			'question_bank.id',
			'question_bank.name',
			eb
				.selectFrom('question')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('question.bank_id', '=', 'question_bank.id')
				.where('question.status', '=', 'active')
				.as('questionCount')
		])
		.orderBy('question_bank.created_at');
	if (contestIds !== null) {
		const ids = contestIds.length ? [...contestIds] : [''];
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('bank_contest')
					.select('bank_contest.bank_id')
					.whereRef('bank_contest.bank_id', '=', 'question_bank.id')
					.where('bank_contest.contest_id', 'in', ids)
			)
		);
	}
	return query.execute();
}

/** The contests a bank belongs to (bank-access orders them by title). */
export function listBankContests(db: Db, bankId: string) {
	return db
		.selectFrom('bank_contest')
		.innerJoin('contest', 'contest.id', 'bank_contest.contest_id')
		.select(['contest.id', 'contest.title'])
		.where('bank_contest.bank_id', '=', bankId)
		.execute();
}
