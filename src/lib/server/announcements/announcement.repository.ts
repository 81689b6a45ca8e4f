import type { Db } from '../db/database';
import type { AnnouncementTable } from '../db/schema';
import type { Insertable } from 'kysely';

// Announcements (migration 0021) and the addresses they are e-mailed to.

export async function insertAnnouncement(db: Db, row: Insertable<AnnouncementTable>): Promise<void> {
	await db.insertInto('announcement').values(row).execute();
}

const COLUMNS = [
	'announcement.id',
	'announcement.kind',
	'announcement.title',
	'announcement.body_md as bodyMd',
	'announcement.created_at as createdAt',
	'announcement.email_status as emailStatus',
	'announcement.email_sent as emailSent',
	'announcement.email_failed as emailFailed'
] as const;

export function listContestAnnouncements(db: Db, contestId: string, limit: number) {
	return db
		.selectFrom('announcement')
		.select(COLUMNS)
		.where('contest_id', '=', contestId)
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
}

/** The newest announcements of the contests a user registered for. */
export function listUserAnnouncements(db: Db, userId: string, limit: number) {
	return db
		.selectFrom('announcement')
		.innerJoin('registration', 'registration.contest_id', 'announcement.contest_id')
		.innerJoin('contest', 'contest.id', 'announcement.contest_id')
		.select([...COLUMNS, 'contest.title as contestTitle', 'contest.slug as contestSlug'])
		.where('registration.user_id', '=', userId)
		.where('contest.status', '<>', 'draft')
		.orderBy('announcement.created_at', 'desc')
		.orderBy('announcement.id', 'desc')
		.limit(limit)
		.execute();
}

export function findAnnouncement(db: Db, id: string) {
	return db.selectFrom('announcement').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAnnouncementEmail(
	db: Db,
	id: string,
	patch: { email_status: 'queued' | 'sent' | 'failed'; email_sent: number; email_failed: number }
): Promise<void> {
	await db.updateTable('announcement').set(patch).where('id', '=', id).execute();
}

/** Registered contestants' addresses after `afterId` by user id (keyset), anonymized accounts aside. */
export function listRecipientChunk(db: Db, contestId: string, afterId: string, limit: number) {
	return db
		.selectFrom('registration')
		.innerJoin('app_user', 'app_user.id', 'registration.user_id')
		.select(['app_user.id', 'app_user.email'])
		.where('registration.contest_id', '=', contestId)
		.where('app_user.email', 'is not', null)
		.where('app_user.email', '<>', '')
		.where('app_user.anonymized_at', 'is', null)
		.where('app_user.id', '>', afterId)
		.orderBy('app_user.id')
		.limit(limit)
		.execute();
}
