import type { Db } from '../db/database';
import type { ContestRow, RoundRow } from '../db/schema';

const CONTEST_COLUMNS = [
	'id',
	'slug',
	'title',
	'summary',
	'rules_md',
	'consent_text',
	'status',
	'created_at',
	'registration_fields_json',
	'banner_mime',
	'banner_version'
] as const;

export function findContestBySlug(db: Db, slug: string): Promise<ContestRow | undefined> {
	return db.selectFrom('contest').select(CONTEST_COLUMNS).where('slug', '=', slug).executeTakeFirst();
}

export function findContestById(db: Db, id: string): Promise<ContestRow | undefined> {
	return db.selectFrom('contest').select(CONTEST_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export function listPublishedContests(db: Db): Promise<ContestRow[]> {
	return db
		.selectFrom('contest')
		.select(CONTEST_COLUMNS)
		.where('status', '=', 'published')
		.orderBy('created_at', 'desc')
		.execute();
}

export function listGroups(db: Db, contestId: string) {
	return db
		.selectFrom('contest_group')
		.select(['id', 'code', 'name'])
		.where('contest_id', '=', contestId)
		.orderBy('position')
		.execute();
}

export function listRounds(db: Db, contestId: string): Promise<RoundRow[]> {
	return db.selectFrom('round').selectAll().where('contest_id', '=', contestId).orderBy('ordinal').execute();
}

export function findRound(db: Db, roundId: string): Promise<RoundRow | undefined> {
	return db.selectFrom('round').selectAll().where('id', '=', roundId).executeTakeFirst();
}

export function listBlueprint(db: Db, roundId: string) {
	return db
		.selectFrom('blueprint_item')
		.select(['group_id', 'bank_id', 'topic_id', 'difficulty', 'count'])
		.where('round_id', '=', roundId)
		.execute();
}

export async function incrementLeaderboardVersion(db: Db, roundId: string): Promise<number> {
	await db
		.updateTable('round')
		.set((eb) => ({ leaderboard_version: eb('leaderboard_version', '+', 1) }))
		.where('id', '=', roundId)
		.execute();
	const row = await db
		.selectFrom('round')
		.select('leaderboard_version')
		.where('id', '=', roundId)
		.executeTakeFirstOrThrow();
	return row.leaderboard_version;
}

export function findRoundByOrdinal(db: Db, contestId: string, ordinal: number): Promise<RoundRow | undefined> {
	return db
		.selectFrom('round')
		.selectAll()
		.where('contest_id', '=', contestId)
		.where('ordinal', '=', ordinal)
		.executeTakeFirst();
}

export function findContestBanner(db: Db, slug: string) {
	return db
		.selectFrom('contest')
		.select(['banner_mime', 'banner_b64', 'status'])
		.where('slug', '=', slug)
		.executeTakeFirst();
}

/** Every contest's id and title, newest first (an admin's picker). */
export function listContestTitles(db: Db) {
	return db.selectFrom('contest').select(['id', 'title']).orderBy('created_at', 'desc').execute();
}
