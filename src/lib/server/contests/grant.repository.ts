import type { Db } from '../db/database';

/** The user's grant for exactly this contest (or, with null, their grant for every contest). */
export function findGrantOf(db: Db, userId: string, contestId: string | null) {
	let query = db.selectFrom('organizer_grant').select('id').where('user_id', '=', userId);
	query = contestId ? query.where('contest_id', '=', contestId) : query.where('contest_id', 'is', null);
	return query.executeTakeFirst();
}

export function findGrant(db: Db, grantId: string) {
	return db.selectFrom('organizer_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
}

export async function deleteGrant(db: Db, grantId: string): Promise<void> {
	await db.deleteFrom('organizer_grant').where('id', '=', grantId).execute();
}

/** Whether the user holds any grant at all. */
export async function hasAnyGrant(db: Db, userId: string): Promise<boolean> {
	const row = await db.selectFrom('organizer_grant').select('id').where('user_id', '=', userId).executeTakeFirst();
	return row !== undefined;
}

/** Every grant with its holder and contest (the service orders them by name, in Vietnamese). */
export function listGrantRows(db: Db) {
	return db
		.selectFrom('organizer_grant')
		.innerJoin('app_user', 'app_user.id', 'organizer_grant.user_id')
		.leftJoin('contest', 'contest.id', 'organizer_grant.contest_id')
		.select(['organizer_grant.id', 'app_user.full_name as fullName', 'app_user.phone', 'contest.title as contestTitle'])
		.execute();
}

/** Whether the user holds a grant for this contest or for every contest. */
export async function hasGrantCovering(db: Db, userId: string, contestId: string): Promise<boolean> {
	const grant = await db
		.selectFrom('organizer_grant')
		.select('id')
		.where('user_id', '=', userId)
		.where((eb) => eb.or([eb('contest_id', 'is', null), eb('contest_id', '=', contestId)]))
		.executeTakeFirst();
	return Boolean(grant);
}

/** The contests, newest first: every one with a null user, else those the user's grants cover. */
export function listContestsGrantedTo(db: Db, userId: string | null) {
	let query = db
		.selectFrom('contest')
		.select(['id', 'slug', 'title', 'status', 'created_at'])
		.orderBy('created_at', 'desc');
	if (userId !== null) {
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('organizer_grant')
					.select('organizer_grant.id')
					.where('organizer_grant.user_id', '=', userId)
					.where((g) =>
						g.or([
							g('organizer_grant.contest_id', 'is', null),
							g('organizer_grant.contest_id', '=', g.ref('contest.id'))
						])
					)
			)
		);
	}
	return query.execute();
}
