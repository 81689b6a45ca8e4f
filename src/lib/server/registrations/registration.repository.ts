import { sql } from 'kysely';
import type { Db } from '../db/database';
import { containsPattern, foldedSql, nameSortKeys } from '../db/fold';

// A contest's registrations as the studio's "Thí sinh" page reads them: one row per contestant,
// with the unit and group they registered under (migration 0001's registration table).

export interface RegistrationFilter {
	/** the query folded (foldVietnamese); '' for none */
	folded: string;
	/** the query's digits, when it looks like part of a phone number (3 or more); '' for none */
	digits: string;
	/** units whose registrations are listed (a unit and its sub-units); null for every unit */
	unitIds: string[] | null;
	groupId: string | null;
}

function filtered(db: Db, contestId: string, filter: RegistrationFilter) {
	let query = db
		.selectFrom('registration as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.innerJoin('unit', 'unit.id', 'r.unit_id')
		.innerJoin('contest_group as g', 'g.id', 'r.group_id')
		.where('r.contest_id', '=', contestId);
	if (filter.unitIds) query = query.where('r.unit_id', 'in', filter.unitIds.length ? filter.unitIds : ['']);
	if (filter.groupId) query = query.where('r.group_id', '=', filter.groupId);
	if (filter.folded || filter.digits) {
		const pattern = containsPattern(filter.folded);
		query = query.where((eb) =>
			eb.or([
				...(filter.folded
					? [
							eb(foldedSql(db, eb.ref('u.full_name')), 'like', sql<string>`${pattern} escape '\\'`),
							eb('unit.name_folded', 'like', sql<string>`${pattern} escape '\\'`),
							eb(foldedSql(db, eb.ref('g.name')), 'like', sql<string>`${pattern} escape '\\'`)
						]
					: []),
				...(filter.digits ? [eb('u.phone', 'like', `%${filter.digits}%`)] : [])
			])
		);
	}
	return query;
}

export async function countRegistrations(db: Db, contestId: string, filter: RegistrationFilter): Promise<number> {
	const row = await filtered(db, contestId, filter)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** One page of registrations, by name in Vietnamese order (then id, so pages never overlap). */
export function listRegistrationPage(
	db: Db,
	contestId: string,
	filter: RegistrationFilter,
	page: { offset: number; limit: number }
) {
	const [foldedName, name] = nameSortKeys(db, sql.ref<string>('u.full_name'));
	return filtered(db, contestId, filter)
		.select([
			'r.id',
			'r.user_id as userId',
			'u.full_name as fullName',
			'u.phone',
			'unit.name as unitName',
			'g.name as groupName',
			'r.created_at as registeredAt'
		])
		.orderBy(foldedName)
		.orderBy(name)
		.orderBy('r.id')
		.offset(page.offset)
		.limit(page.limit)
		.execute();
}

/** Where the export's previous chunk ended: the sort keys of its last row. */
export interface RegistrationCursor {
	sortKey: string;
	fullName: string;
	id: string;
}

/**
 * The export's rows after `after` (null: from the start), in the list's order (by name in
 * Vietnamese order, then id); keyset chunks, each a short query.
 */
export function listRegistrationChunk(db: Db, contestId: string, after: RegistrationCursor | null, limit: number) {
	const [foldedName, name] = nameSortKeys(db, sql.ref<string>('u.full_name'));
	return db
		.selectFrom('registration as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.innerJoin('contest_group as g', 'g.id', 'r.group_id')
		.select([
			'r.id',
			'u.full_name as fullName',
			foldedName.as('sortKey'),
			'u.phone',
			'u.email',
			'u.birth_date as birthDate',
			'r.unit_id as unitId',
			'g.name as groupName',
			'r.created_at as registeredAt',
			(eb) =>
				eb
					.selectFrom('attempt as a')
					.innerJoin('round', 'round.id', 'a.round_id')
					.select((e) => e.fn.countAll<number>().as('n'))
					.whereRef('a.user_id', '=', 'r.user_id')
					.where('round.contest_id', '=', contestId)
					.where('a.is_preview', '=', 0)
					.as('attempts')
		])
		.where('r.contest_id', '=', contestId)
		.$if(after !== null, (q) =>
			q.where(sql<boolean>`(${foldedName}, ${name}, r.id) > (${after!.sortKey}, ${after!.fullName}, ${after!.id})`)
		)
		.orderBy(foldedName)
		.orderBy(name)
		.orderBy('r.id')
		.limit(limit)
		.execute();
}

export function findRegistration(db: Db, contestId: string, userId: string) {
	return db
		.selectFrom('registration as r')
		.innerJoin('app_user as u', 'u.id', 'r.user_id')
		.innerJoin('unit', 'unit.id', 'r.unit_id')
		.innerJoin('contest_group as g', 'g.id', 'r.group_id')
		.select([
			'r.id',
			'r.user_id as userId',
			'r.unit_id as unitId',
			'r.group_id as groupId',
			'u.full_name as fullName',
			'u.phone',
			'u.email',
			'u.birth_date as birthDate',
			'unit.name as unitName',
			'g.name as groupName',
			'r.consented_at as consentedAt',
			'r.created_at as registeredAt'
		])
		.where('r.contest_id', '=', contestId)
		.where('r.user_id', '=', userId)
		.executeTakeFirst();
}

export async function updateRegistrationPlacement(
	db: Db,
	registrationId: string,
	patch: { unit_id: string; group_id: string }
): Promise<void> {
	await db.updateTable('registration').set(patch).where('id', '=', registrationId).execute();
}

/** A contestant's attempts in the contest's rounds, with their final result and fair-play flags. */
export function listContestantAttempts(db: Db, contestId: string, userId: string) {
	return db
		.selectFrom('attempt as a')
		.innerJoin('round', 'round.id', 'a.round_id')
		.innerJoin('unit', 'unit.id', 'a.unit_id')
		.leftJoin('final_result as f', (j) => j.onRef('f.attempt_id', '=', 'a.id'))
		.select([
			'a.id',
			'a.round_id as roundId',
			'round.name as roundName',
			'round.ordinal as roundOrdinal',
			'a.ordinal',
			'a.status',
			'a.started_at as startedAt',
			'a.submitted_at as submittedAt',
			'a.score',
			'a.max_score as maxScore',
			'a.duration_ms as durationMs',
			'a.disqualified',
			'a.disqualified_reason as disqualifiedReason',
			'unit.name as unitName',
			'f.rank',
			'f.prize'
		])
		.where('round.contest_id', '=', contestId)
		.where('a.user_id', '=', userId)
		.where('a.is_preview', '=', 0)
		.orderBy('round.ordinal')
		.orderBy('a.ordinal')
		.execute();
}

export function listAttemptFlags(db: Db, attemptIds: string[]) {
	if (attemptIds.length === 0) return Promise.resolve([]);
	return db
		.selectFrom('attempt_flag')
		.select(['attempt_id as attemptId', 'signal', 'score'])
		.where('attempt_id', 'in', attemptIds)
		.orderBy('attempt_id')
		.orderBy('signal')
		.execute();
}
