import type { SessionUser } from '../auth/session';
import type { Db } from '../db/database';

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/** Admins manage every contest; an organizer those granted to them (or all, by a global grant). */
export async function canManageContest(db: Db, actor: Actor | null, contestId: string): Promise<boolean> {
	if (!actor) return false;
	if (actor.role === 'admin') return true;
	if (actor.role !== 'organizer') return false;
	const grant = await db
		.selectFrom('organizer_grant')
		.select('id')
		.where('user_id', '=', actor.id)
		.where((eb) => eb.or([eb('contest_id', 'is', null), eb('contest_id', '=', contestId)]))
		.executeTakeFirst();
	return Boolean(grant);
}

/** The contests an actor may open in the studio, newest first. */
export async function listManagedContests(db: Db, actor: Actor) {
	let query = db
		.selectFrom('contest')
		.select(['id', 'slug', 'title', 'status', 'created_at'])
		.orderBy('created_at', 'desc');
	if (actor.role !== 'admin') {
		query = query.where((eb) =>
			eb.exists(
				eb
					.selectFrom('organizer_grant')
					.select('organizer_grant.id')
					.where('organizer_grant.user_id', '=', actor.id)
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

/** Whether the organizer's access covers every contest (then a new contest needs no grant). */
export async function hasGlobalGrant(db: Db, actor: Actor): Promise<boolean> {
	if (actor.role === 'admin') return true;
	const row = await db
		.selectFrom('organizer_grant')
		.select('id')
		.where('user_id', '=', actor.id)
		.where('contest_id', 'is', null)
		.executeTakeFirst();
	return Boolean(row);
}
