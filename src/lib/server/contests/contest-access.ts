import type { SessionUser } from '../auth/session';
import type { Db } from '../db/database';
import { findGrantOf, hasGrantCovering, listContestsGrantedTo } from './grant.repository';

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/** Admins manage every contest; an organizer those granted to them (or all, by a global grant). */
export async function canManageContest(db: Db, actor: Actor | null, contestId: string): Promise<boolean> {
	if (!actor) return false;
	if (actor.role === 'admin') return true;
	if (actor.role !== 'organizer') return false;
	return hasGrantCovering(db, actor.id, contestId);
}

/** The contests an actor may open in the studio, newest first. */
export async function listManagedContests(db: Db, actor: Actor) {
	return listContestsGrantedTo(db, actor.role === 'admin' ? null : actor.id);
}

/** Whether the organizer's access covers every contest (then a new contest needs no grant). */
export async function hasGlobalGrant(db: Db, actor: Actor): Promise<boolean> {
	if (actor.role === 'admin') return true;
	const row = await findGrantOf(db, actor.id, null);
	return Boolean(row);
}
