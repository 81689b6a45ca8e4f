import { sql, type Kysely } from 'kysely';
import { signalColumnsOf } from '../../domain/fair-play-signals';
import type { Db } from '../db/database';

/**
 * Whose data a purge removes: every contestant of a contest (the retention purge), or some of
 * them (a deletion request carried out).
 */
export interface PurgeScope {
	contestId: string;
	/** null: everyone registered for the contest */
	userIds: readonly string[] | null;
}

/**
 * Per-contest personal data, keyed by attempt: what a purge deletes or clears for the attempts
 * of the contest's rounds. A migration that adds a table holding signals or judgements about
 * attempts adds one line here.
 */
export interface AttemptPersonalData {
	table: string;
	/** the column holding the attempt's id */
	attemptColumn: string;
	action: 'delete' | { clear: readonly string[] };
}

export const ATTEMPT_PERSONAL_DATA: readonly AttemptPersonalData[] = [
	{ table: 'attempt_event', attemptColumn: 'attempt_id', action: 'delete' },
	// the fair-play findings and the organizers' notes on them (migration 0017): evidence about a person
	{ table: 'attempt_flag', attemptColumn: 'attempt_id', action: 'delete' },
	{ table: 'attempt_review', attemptColumn: 'attempt_id', action: 'delete' },
	{ table: 'attempt', attemptColumn: 'id', action: { clear: signalColumnsOf('attempt') } }
];

/** The account's own signal columns, cleared when the account is anonymized. */
export const ACCOUNT_SIGNAL_COLUMNS = signalColumnsOf('app_user');

// Table and column names come from the constant lists above, never from input.
const loose = (db: Db) => db as unknown as Kysely<any>;

function scopedUserIds(db: Db, scope: PurgeScope) {
	return scope.userIds
		? sql`(${sql.join(scope.userIds.length ? scope.userIds.map((id) => sql`${id}`) : [sql`null`])})`
		: sql`(select user_id from registration where contest_id = ${scope.contestId})`;
}

function scopedAttemptIds(db: Db, scope: PurgeScope) {
	// the whole contest: every attempt of its rounds, organizers' "thi thử" included
	const whose = scope.userIds ? sql`and a.user_id in ${scopedUserIds(db, scope)}` : sql``;
	return sql`(select a.id from attempt a join round r on r.id = a.round_id
		where r.contest_id = ${scope.contestId} ${whose})`;
}

/** Deletes or clears the per-attempt personal data of the scope; returns rows touched per table. */
export async function purgeAttemptData(db: Db, scope: PurgeScope): Promise<Record<string, number>> {
	const touched: Record<string, number> = {};
	for (const rule of ATTEMPT_PERSONAL_DATA) {
		const where = sql<boolean>`${sql.ref(rule.attemptColumn)} in ${scopedAttemptIds(db, scope)}`;
		if (rule.action === 'delete') {
			const result = await loose(db).deleteFrom(rule.table).where(where).executeTakeFirst();
			touched[rule.table] = Number(result.numDeletedRows);
		} else {
			const set = Object.fromEntries(rule.action.clear.map((c) => [c, null]));
			const anyNotNull = sql.join(
				rule.action.clear.map((c) => sql`${sql.ref(c)} is not null`),
				sql` or `
			);
			const result = await loose(db)
				.updateTable(rule.table)
				.set(set)
				.where(where)
				.where(sql<boolean>`(${anyNotNull})`)
				.executeTakeFirst();
			touched[rule.table] = Number(result.numUpdatedRows);
		}
	}
	return touched;
}

/** Live-game players of the contest's games in the scope: their nicknames become `label(playerId)`. */
export async function anonymizeLivePlayers(
	db: Db,
	scope: PurgeScope,
	label: (playerId: string) => string
): Promise<number> {
	let query = db
		.selectFrom('live_game_player as p')
		.innerJoin('live_game as g', 'g.id', 'p.game_id')
		.select(['p.id'])
		.where('g.contest_id', '=', scope.contestId);
	if (scope.userIds) query = query.where('p.user_id', 'in', scope.userIds.length ? [...scope.userIds] : ['']);
	const players = await query.execute();
	for (const p of players) {
		const nickname = label(p.id);
		await db
			.updateTable('live_game_player')
			.set({ nickname, nickname_key: nickname.toLowerCase() })
			.where('id', '=', p.id)
			.execute();
	}
	return players.length;
}

/** Contestants in the scope with no other claim on their account: no registration in another
 * contest that is neither purged nor released by a deletion carried out there. */
export async function listReleasedAccounts(db: Db, scope: PurgeScope) {
	return db
		.selectFrom('app_user as u')
		.select(['u.id', 'u.phone', 'u.email', 'u.full_name'])
		.where(sql<boolean>`u.id in ${scopedUserIds(db, scope)}`)
		.where('u.role', '=', 'contestant')
		.where('u.anonymized_at', 'is', null)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('registration as r')
						.innerJoin('contest as c', 'c.id', 'r.contest_id')
						.select('r.id')
						.whereRef('r.user_id', '=', 'u.id')
						.where('r.contest_id', '<>', scope.contestId)
						.where('c.purged_at', 'is', null)
						.where(({ not, exists, selectFrom }) =>
							not(
								exists(
									selectFrom('data_request as d')
										.select('d.id')
										.whereRef('d.user_id', '=', 'r.user_id')
										.whereRef('d.contest_id', '=', 'r.contest_id')
										.where('d.status', '=', 'done')
								)
							)
						)
				)
			)
		)
		.execute();
}

/** Of these accounts, the ones an announcement named as an individual prize winner. */
export async function listPublishedWinners(db: Db, userIds: readonly string[]): Promise<Set<string>> {
	if (!userIds.length) return new Set();
	const rows = await db
		.selectFrom('final_result')
		.select('user_id')
		.distinct()
		.where('prize', 'is not', null)
		.where('user_id', 'in', [...userIds])
		.execute();
	return new Set(rows.map((r) => r.user_id));
}

export async function anonymizeAccount(
	db: Db,
	userId: string,
	values: { phone: string; fullName: string | null; now: number }
): Promise<void> {
	const signals = Object.fromEntries(ACCOUNT_SIGNAL_COLUMNS.map((c) => [c, null]));
	await loose(db)
		.updateTable('app_user')
		.set({
			...signals,
			phone: values.phone,
			email: null,
			birth_date: null,
			...(values.fullName === null ? {} : { full_name: values.fullName }),
			// no password verifies against this: the account can no longer sign in
			password_hash: '!anonymized',
			anonymized_at: values.now
		})
		.where('id', '=', userId)
		.execute();
	await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** Replaces every occurrence of `needles` in the audit log's texts by `replacement`. */
export async function scrubAuditLog(db: Db, needles: readonly string[], replacement: string): Promise<number> {
	const wanted = needles.filter((n) => n.length >= 3);
	if (!wanted.length) return 0;
	const rows = await db
		.selectFrom('audit_log')
		.select(['id', 'summary', 'detail_json'])
		.where((eb) => eb.or(wanted.flatMap((n) => [eb('summary', 'like', `%${n}%`), eb('detail_json', 'like', `%${n}%`)])))
		.execute();
	for (const row of rows) {
		let summary = row.summary;
		let detail = row.detail_json;
		for (const n of wanted) {
			summary = summary.split(n).join(replacement);
			detail = detail.split(JSON.stringify(n).slice(1, -1)).join(JSON.stringify(replacement).slice(1, -1));
		}
		await db.updateTable('audit_log').set({ summary, detail_json: detail }).where('id', '=', row.id).execute();
	}
	return rows.length;
}

/** Deletion-request notes of the scope: the contestant's own words go too. */
export async function clearRequestNotes(db: Db, scope: PurgeScope): Promise<void> {
	await db
		.updateTable('data_request')
		.set({ note: '' })
		.where('contest_id', '=', scope.contestId)
		.where(sql<boolean>`user_id in ${scopedUserIds(db, scope)}`)
		.execute();
}

/** The contest's last round close, ms; null without rounds. */
export async function findLastClose(db: Db, contestId: string): Promise<number | null> {
	const row = await db
		.selectFrom('round')
		.select((eb) => eb.fn.max('closes_at').as('last'))
		.where('contest_id', '=', contestId)
		.executeTakeFirst();
	return row?.last == null ? null : Number(row.last);
}

/** Contests not yet purged whose retention period ended by `now`. */
export async function listContestsPastRetention(db: Db, now: number): Promise<string[]> {
	const rows = await db
		.selectFrom('contest as c')
		.innerJoin('round as r', 'r.contest_id', 'c.id')
		.select(['c.id', 'c.retention_days'])
		.select((eb) => eb.fn.max('r.closes_at').as('last'))
		.where('c.purged_at', 'is', null)
		.groupBy(['c.id', 'c.retention_days'])
		.execute();
	return rows.filter((r) => Number(r.last) + r.retention_days * 86_400_000 <= now).map((r) => r.id);
}
