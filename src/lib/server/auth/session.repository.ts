import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import { precompiled } from '../db/precompiled';
import type { SessionTable } from '../db/schema';

export async function insertSession(db: Db, row: Insertable<SessionTable>): Promise<void> {
	await db.insertInto('session').values(row).execute();
}

const findSessionWithUserQuery = precompiled(
	(db, p) =>
		db
			.selectFrom('session')
			.innerJoin('app_user', 'app_user.id', 'session.user_id')
			.select([
				'session.id',
				'session.user_id',
				'session.expires_at',
				'app_user.full_name',
				'app_user.phone',
				'app_user.role'
			])
			.where('session.id', '=', p.sessionId),
	{ sessionId: '\u0000session' }
);

/** The session with the few fields of its user a request needs: one precompiled lookup (every page's). */
export function findSessionWithUser(db: Db, sessionId: string) {
	return findSessionWithUserQuery.first(db, { sessionId });
}

const findSessionOwnerQuery = precompiled(
	(db, p) =>
		db
			// no join to app_user: a session goes with its user (on delete cascade)
			.selectFrom('session')
			.select(['user_id', 'expires_at'])
			.where('id', '=', p.sessionId),
	{ sessionId: '\u0000session' }
);

/** Who holds a session and until when, in one precompiled lookup (the answer save's). */
export function findSessionOwner(db: Db, sessionId: string) {
	return findSessionOwnerQuery.first(db, { sessionId });
}

export async function updateSessionExpiry(db: Db, sessionId: string, expiresAt: number): Promise<void> {
	await db.updateTable('session').set({ expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}
