import type { Db } from '../db/database';

// Accommodations (migration 0016): one row per contest, contestant and round ('' = every round).

export function listContestAccommodations(db: Db, contestId: string) {
	return db
		.selectFrom('accommodation')
		.innerJoin('app_user as u', 'u.id', 'accommodation.user_id')
		.leftJoin('round', 'round.id', 'accommodation.round_id')
		.leftJoin('app_user as g', 'g.id', 'accommodation.granted_by')
		.select([
			'accommodation.id',
			'accommodation.user_id as userId',
			'u.full_name as fullName',
			'u.phone',
			'accommodation.round_id as roundId',
			'round.name as roundName',
			'accommodation.extra_time_pct as extraTimePct',
			'accommodation.extra_attempts as extraAttempts',
			'accommodation.reason',
			'g.full_name as grantedBy',
			'accommodation.created_at as createdAt'
		])
		.where('accommodation.contest_id', '=', contestId)
		.orderBy('u.full_name')
		.orderBy('accommodation.round_key')
		.execute();
}

export function findAccommodation(db: Db, contestId: string, id: string) {
	return db
		.selectFrom('accommodation')
		.innerJoin('app_user', 'app_user.id', 'accommodation.user_id')
		.selectAll('accommodation')
		.select('app_user.full_name as fullName')
		.where('accommodation.contest_id', '=', contestId)
		.where('accommodation.id', '=', id)
		.executeTakeFirst();
}

/** A grant, replacing the one of the same contest, contestant and round. */
export async function upsertAccommodation(
	db: Db,
	row: {
		id: string;
		contest_id: string;
		user_id: string;
		round_id: string | null;
		extra_time_pct: number;
		extra_attempts: number;
		reason: string;
		granted_by: string;
		created_at: number;
	}
): Promise<void> {
	await db
		.insertInto('accommodation')
		.values({ ...row, round_key: row.round_id ?? '' })
		.onConflict((oc) =>
			oc.columns(['contest_id', 'user_id', 'round_key']).doUpdateSet((eb) => ({
				extra_time_pct: eb.ref('excluded.extra_time_pct'),
				extra_attempts: eb.ref('excluded.extra_attempts'),
				reason: eb.ref('excluded.reason'),
				granted_by: eb.ref('excluded.granted_by'),
				created_at: eb.ref('excluded.created_at')
			}))
		)
		.execute();
}

export async function deleteAccommodation(db: Db, contestId: string, id: string): Promise<boolean> {
	const result = await db
		.deleteFrom('accommodation')
		.where('contest_id', '=', contestId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows) > 0;
}

export function findRegisteredContestant(db: Db, contestId: string, userId: string) {
	return db
		.selectFrom('registration')
		.innerJoin('app_user', 'app_user.id', 'registration.user_id')
		.select(['app_user.id as userId', 'app_user.full_name as fullName'])
		.where('registration.contest_id', '=', contestId)
		.where('registration.user_id', '=', userId)
		.executeTakeFirst();
}
