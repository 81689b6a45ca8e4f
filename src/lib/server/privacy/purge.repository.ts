import { sql, type Kysely } from 'kysely';
import { signalColumnsOf } from '../../domain/fair-play-signals';
import { createManyReplacer } from '../../domain/replace-many';
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

/** What replaces a purged person's name: this prefix and the first 6 characters of the id, upper case. */
export const ANONYMOUS_PREFIX = 'Ẩn danh #';

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

/**
 * Live-game players of the contest's games in the scope: their nicknames become the anonymous
 * label of their player id (as `anonymousLabel` gives it), in one statement.
 */
export async function anonymizeLivePlayers(db: Db, scope: PurgeScope): Promise<number> {
	const whose = scope.userIds ? sql`and p.user_id in ${scopedUserIds(db, scope)}` : sql``;
	const result = await db
		.updateTable('live_game_player')
		.set({
			nickname: sql<string>`cast(${ANONYMOUS_PREFIX} as text) || upper(substr(id, 1, 6))`,
			// the key is the nickname in lower case: the prefix's, and the id's own (ids are lower case ASCII)
			nickname_key: sql<string>`cast(${ANONYMOUS_PREFIX.toLowerCase()} as text) || lower(substr(id, 1, 6))`
		})
		.where(
			sql<boolean>`id in (select p.id from live_game_player p join live_game g on g.id = p.game_id
				where g.contest_id = ${scope.contestId} ${whose})`
		)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Contestants in the scope with no other claim on their account: no registration in another
 * contest that is neither purged nor released by a deletion carried out there. Two reads, each
 * one pass: the claims are found by scanning the other contests' registrations once (a
 * correlated NOT EXISTS per account looked registrations up by user, which no index serves:
 * 20,000 accounts × every registration). */
export async function listReleasedAccounts(db: Db, scope: PurgeScope) {
	const accounts = await db
		.selectFrom('app_user as u')
		.select(['u.id', 'u.phone', 'u.email', 'u.full_name'])
		.where(sql<boolean>`u.id in ${scopedUserIds(db, scope)}`)
		.where('u.role', '=', 'contestant')
		.where('u.anonymized_at', 'is', null)
		.execute();
	if (!accounts.length) return accounts;
	const claimed = await db
		.selectFrom('registration as r')
		.innerJoin('contest as c', 'c.id', 'r.contest_id')
		.leftJoin('data_request as d', (join) =>
			join.onRef('d.user_id', '=', 'r.user_id').onRef('d.contest_id', '=', 'r.contest_id').on('d.status', '=', 'done')
		)
		.select('r.user_id')
		.distinct()
		.where(sql<boolean>`r.user_id in ${scopedUserIds(db, scope)}`)
		.where('r.contest_id', '<>', scope.contestId)
		.where('c.purged_at', 'is', null)
		.where('d.id', 'is', null)
		.execute();
	const kept = new Set(claimed.map((r) => r.user_id));
	return accounts.filter((a) => !kept.has(a.id));
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

/** Accounts anonymized per statement. */
const ACCOUNT_CHUNK = 500;

/**
 * Anonymizes accounts, ACCOUNT_CHUNK per statement: phone `xoa:<id>`, no email, birth date,
 * signals, password or sessions; the name becomes the anonymous label (ANONYMOUS_PREFIX and the
 * id's first 6 characters, upper case: ids are ASCII, so SQL's upper() gives the same as
 * JavaScript's) unless the account is in `keepNames`.
 */
export async function anonymizeAccounts(
	db: Db,
	userIds: readonly string[],
	keepNames: ReadonlySet<string>,
	now: number
): Promise<void> {
	const signals = Object.fromEntries(ACCOUNT_SIGNAL_COLUMNS.map((c) => [c, null]));
	const base = {
		...signals,
		phone: sql<string>`cast(${'xoa:'} as text) || id`,
		email: null,
		birth_date: null,
		// no password verifies against this: the account can no longer sign in
		password_hash: '!anonymized',
		anonymized_at: now
	};
	const label = sql<string>`cast(${ANONYMOUS_PREFIX} as text) || upper(substr(id, 1, 6))`;
	for (let i = 0; i < userIds.length; i += ACCOUNT_CHUNK) {
		const chunk = userIds.slice(i, i + ACCOUNT_CHUNK);
		const renamed = chunk.filter((id) => !keepNames.has(id));
		const kept = chunk.filter((id) => keepNames.has(id));
		if (renamed.length) {
			await loose(db)
				.updateTable('app_user')
				.set({ ...base, full_name: label })
				.where('id', 'in', renamed)
				.execute();
		}
		if (kept.length) await loose(db).updateTable('app_user').set(base).where('id', 'in', kept).execute();
		await db.deleteFrom('session').where('user_id', 'in', chunk).execute();
	}
}

/** A person's texts to remove from the audit log, and what replaces them. */
export interface AuditScrub {
	needles: readonly string[];
	replacement: string;
}

/** Up to this many needles, the candidate entries are found by the database (LIKE) first. */
const SCRUB_FILTER_NEEDLES = 30;
const SCRUB_PAGE = 1000;

/** Audit entries rewritten per statement. */
const SCRUB_UPDATE_CHUNK = 200;

/** New texts for several audit entries in one statement (a VALUES list joined by id). */
async function updateAuditTexts(db: Db, rows: readonly { id: string; summary: string; detail: string }[]) {
	if (!rows.length) return;
	const values = sql.join(rows.map((r) => sql`(${r.id}, ${r.summary}, ${r.detail})`));
	// UPDATE … FROM (SQLite ≥ 3.33 and PostgreSQL); both name a VALUES list's columns column1, column2 …
	await sql`update audit_log set summary = v.column2, detail_json = v.column3
		from (values ${values}) as v where audit_log.id = v.column1`.execute(db);
}

const jsonInner = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * Replaces every occurrence of the people's needles (3 characters or more) in the audit log's
 * texts by their replacement; returns the entries changed. For a few people the database picks
 * the candidate entries (LIKE); for many (a contest's purge) the log is read once in pages of
 * SCRUB_PAGE and every entry's texts are searched for all needles at once (replace-many.ts): one
 * pass over the log, not one scan of it per person.
 */
export async function scrubAuditLog(db: Db, people: readonly AuditScrub[]): Promise<number> {
	const pairs = people.flatMap((p) => p.needles.filter((n) => n.length >= 3).map((n) => [n, p.replacement] as const));
	if (!pairs.length) return 0;
	const inSummary = createManyReplacer(pairs);
	const inDetail = createManyReplacer(pairs.map(([n, r]) => [jsonInner(n), jsonInner(r)] as const));
	let changed = 0;
	const scrub = async (rows: readonly { id: string; summary: string; detail_json: string }[]) => {
		const updates: { id: string; summary: string; detail: string }[] = [];
		for (const row of rows) {
			const summary = inSummary.replace(row.summary);
			const detail = inDetail.replace(row.detail_json);
			if (summary !== row.summary || detail !== row.detail_json) updates.push({ id: row.id, summary, detail });
		}
		for (let i = 0; i < updates.length; i += SCRUB_UPDATE_CHUNK) {
			await updateAuditTexts(db, updates.slice(i, i + SCRUB_UPDATE_CHUNK));
		}
		changed += updates.length;
	};
	if (pairs.length <= SCRUB_FILTER_NEEDLES) {
		// the needle as written, and as a JSON string escapes it in detail_json
		const needles = [...new Set(pairs.flatMap(([n]) => [n, jsonInner(n)]))];
		await scrub(
			await db
				.selectFrom('audit_log')
				.select(['id', 'summary', 'detail_json'])
				.where((eb) =>
					eb.or(needles.flatMap((n) => [eb('summary', 'like', `%${n}%`), eb('detail_json', 'like', `%${n}%`)]))
				)
				.execute()
		);
		return changed;
	}
	let after = '';
	for (;;) {
		const rows = await db
			.selectFrom('audit_log')
			.select(['id', 'summary', 'detail_json'])
			.where('id', '>', after)
			.orderBy('id')
			.limit(SCRUB_PAGE)
			.execute();
		if (!rows.length) return changed;
		await scrub(rows);
		after = rows[rows.length - 1].id;
	}
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
