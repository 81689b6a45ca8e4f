import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import { precompiled } from '../db/precompiled';
import type {
	BlueprintItemTable,
	ContestGroupTable,
	ContestRow,
	ContestTable,
	OrganizerGrantTable,
	RoundRow,
	RoundTable
} from '../db/schema';

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
	'banner_version',
	'root_unit_id',
	'retention_days',
	'privacy_contact',
	'purged_at'
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

// a start's and the round page's read, compiled once (precompiled.ts)
const findRoundQuery = precompiled((db, p) => db.selectFrom('round').selectAll().where('id', '=', p.roundId), {
	roundId: '\u0000round'
});

export function findRound(db: Db, roundId: string): Promise<RoundRow | undefined> {
	return findRoundQuery.first(db, { roundId });
}

export function listBlueprint(db: Db, roundId: string) {
	return db
		.selectFrom('blueprint_item')
		.select(['group_id', 'bank_id', 'topic_id', 'difficulty', 'count'])
		.where('round_id', '=', roundId)
		.execute();
}

const incrementLeaderboardVersionQuery = precompiled(
	(db, p) =>
		db
			.updateTable('round')
			.set((eb) => ({ leaderboard_version: eb('leaderboard_version', '+', 1) }))
			.where('id', '=', p.roundId)
			.returning('leaderboard_version'),
	{ roundId: '\u0000round' }
);

export async function incrementLeaderboardVersion(db: Db, roundId: string): Promise<number> {
	const row = await incrementLeaderboardVersionQuery.first(db, { roundId });
	if (!row) throw new Error(`round ${roundId} not found`);
	return row.leaderboard_version;
}

const findPublishedRoundQuery = precompiled(
	(db, p) =>
		db
			.selectFrom('round')
			.innerJoin('contest', 'contest.id', 'round.contest_id')
			.selectAll('round')
			.where('contest.slug', '=', p.slug)
			.where('contest.status', '=', 'published')
			.where('round.ordinal', '=', p.ordinal),
	{ slug: '\u0000slug', ordinal: -0.5 }
);

/** A published contest's round by the contest's slug and the round's ordinal: a start's one read of both. */
export function findPublishedRound(db: Db, slug: string, ordinal: number): Promise<RoundRow | undefined> {
	return findPublishedRoundQuery.first(db, { slug, ordinal });
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

// ─── Writes of the contest editor (contest-admin.service) ────────────────────────────────────

/** The id of the contest holding this slug, if any. */
export async function findContestIdBySlug(db: Db, slug: string): Promise<string | undefined> {
	const row = await db.selectFrom('contest').select('id').where('slug', '=', slug).executeTakeFirst();
	return row?.id;
}

export async function insertContest(db: Db, row: Insertable<ContestTable>): Promise<void> {
	await db.insertInto('contest').values(row).execute();
}

export async function updateContestRow(db: Db, contestId: string, patch: Updateable<ContestTable>): Promise<void> {
	await db.updateTable('contest').set(patch).where('id', '=', contestId).execute();
}

export async function insertGroups(db: Db, rows: Insertable<ContestGroupTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('contest_group').values(rows).execute();
}

export async function updateGroup(db: Db, groupId: string, patch: { name: string; position: number }): Promise<void> {
	await db.updateTable('contest_group').set(patch).where('id', '=', groupId).execute();
}

/** Removes a group and the blueprint lines that draw for it. */
export async function deleteGroup(db: Db, groupId: string): Promise<void> {
	await db.deleteFrom('blueprint_item').where('group_id', '=', groupId).execute();
	await db.deleteFrom('contest_group').where('id', '=', groupId).execute();
}

/** Whether anyone registered in the group. */
export async function groupHasRegistrations(db: Db, groupId: string): Promise<boolean> {
	const row = await db.selectFrom('registration').select('id').where('group_id', '=', groupId).executeTakeFirst();
	return row !== undefined;
}

export async function insertOrganizerGrant(db: Db, row: Insertable<OrganizerGrantTable>): Promise<void> {
	await db.insertInto('organizer_grant').values(row).execute();
}

/** The ordinal a new round of the contest takes: one after the last. */
export async function nextRoundOrdinal(db: Db, contestId: string): Promise<number> {
	const last = await db
		.selectFrom('round')
		.select((eb) => eb.fn.max('ordinal').as('n'))
		.where('contest_id', '=', contestId)
		.executeTakeFirst();
	return Number(last?.n ?? 0) + 1;
}

export async function insertRound(db: Db, row: Insertable<RoundTable>): Promise<void> {
	await db.insertInto('round').values(row).execute();
}

export async function updateRoundRow(db: Db, roundId: string, patch: Updateable<RoundTable>): Promise<void> {
	await db.updateTable('round').set(patch).where('id', '=', roundId).execute();
}

/** Replaces the round's blueprint with these lines. */
export async function replaceBlueprint(
	db: Db,
	roundId: string,
	lines: Omit<Insertable<BlueprintItemTable>, 'round_id'>[]
): Promise<void> {
	await db.deleteFrom('blueprint_item').where('round_id', '=', roundId).execute();
	if (lines.length) {
		await db
			.insertInto('blueprint_item')
			.values(lines.map((l) => ({ ...l, round_id: roundId })))
			.execute();
	}
}

/** The contest's slug and title, for a page's heading; throws when there is no such contest. */
export function findContestHeading(db: Db, contestId: string): Promise<{ slug: string; title: string }> {
	return db.selectFrom('contest').select(['slug', 'title']).where('id', '=', contestId).executeTakeFirstOrThrow();
}

/** Sets (or, with nulls, removes) the contest's banner; its version moves so caches let it go. */
export async function updateContestBanner(
	db: Db,
	contestId: string,
	banner: { mime: string | null; b64: string | null }
): Promise<void> {
	await db
		.updateTable('contest')
		.set((eb) => ({
			banner_mime: banner.mime,
			banner_b64: banner.b64,
			banner_version: eb('banner_version', '+', 1)
		}))
		.where('id', '=', contestId)
		.execute();
}

/** Whether the group belongs to the contest. */
export async function isGroupOfContest(db: Db, contestId: string, groupId: string): Promise<boolean> {
	const group = await db
		.selectFrom('contest_group')
		.select('id')
		.where('id', '=', groupId)
		.where('contest_id', '=', contestId)
		.executeTakeFirst();
	return group !== undefined;
}
