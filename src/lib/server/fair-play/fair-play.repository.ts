import { sql } from 'kysely';
import type { Flag } from '../../domain/fair-play/types';
import type { Db } from '../db/database';
import type { AttemptFlagTable, FairPlayRunTable } from '../db/schema';

// Queries of the fair-play analysis and review (migration 0017, reading what 0015 records).

/** A page of the round's finished, real attempts after `afterId`, in id order (keyset paging). */
export function listAttemptPage(db: Db, roundId: string, afterId: string, limit: number) {
	return db
		.selectFrom('attempt')
		.innerJoin('app_user', 'app_user.id', 'attempt.user_id')
		.select([
			'attempt.id',
			'attempt.user_id',
			'attempt.unit_id',
			'attempt.started_at',
			'attempt.finished_at',
			'attempt.duration_ms',
			'attempt.device_id',
			'attempt.ip_hash',
			'app_user.created_at as user_created_at',
			'app_user.ip_hash as user_ip_hash'
		])
		.where('attempt.round_id', '=', roundId)
		.where('attempt.status', '=', 'finished')
		.where('attempt.is_preview', '=', 0)
		.where('attempt.id', '>', afterId)
		.orderBy('attempt.id')
		.limit(limit)
		.execute();
}

/** All attempts of the round, any status (an index-only count): the capacity of the analysis's columns. */
export async function countRoundAttempts(db: Db, roundId: string): Promise<number> {
	const row = await db
		.selectFrom('attempt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

export function listItemsOfAttempts(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt_item')
		.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
		.select([
			'attempt_item.attempt_id',
			'attempt_item.position',
			'attempt_item.question_version_id',
			'attempt_item.option_keys_json',
			'attempt_item.option_ids_json',
			'attempt_item.answer_json',
			'attempt_item.answered_at',
			'attempt_item.is_correct',
			'question_version.type'
		])
		.where('attempt_item.attempt_id', 'in', attemptIds)
		.orderBy('attempt_item.attempt_id')
		.orderBy('attempt_item.position')
		.execute();
}

export function listEventsOfAttempts(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt_event')
		.select(['attempt_id', 'kind', 'position', 'at'])
		.where('attempt_id', 'in', attemptIds)
		.where('kind', '!=', 'answer')
		.orderBy('attempt_id')
		.orderBy('at')
		.execute();
}

/** First answer time per item, from the recorded answer events (the shown → first answer time), by attempt. */
export function listFirstAnswers(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt_event')
		.select(['attempt_id', 'position', (eb) => eb.fn.min('at').as('at')])
		.where('attempt_id', 'in', attemptIds)
		.where('kind', '=', 'answer')
		.groupBy(['attempt_id', 'position'])
		.orderBy('attempt_id')
		.execute();
}

export function findRoundForAnalysis(db: Db, roundId: string) {
	return db
		.selectFrom('round')
		.select(['id', 'contest_id', 'name', 'opens_at', 'closes_at', 'fast_floor_ms'])
		.where('id', '=', roundId)
		.executeTakeFirst();
}

export async function deleteRoundFlags(db: Db, roundId: string): Promise<void> {
	await db.deleteFrom('attempt_flag').where('round_id', '=', roundId).execute();
}

export async function insertFlags(db: Db, roundId: string, flags: readonly Flag[], now: number): Promise<void> {
	if (flags.length === 0) return;
	const rows: AttemptFlagTable[] = flags.map((f) => ({
		round_id: roundId,
		attempt_id: f.attemptId,
		signal: f.signal,
		score: f.score,
		detail_json: JSON.stringify(f.detail),
		computed_at: now
	}));
	await db.insertInto('attempt_flag').values(rows).execute();
}

export async function upsertRun(db: Db, run: FairPlayRunTable): Promise<void> {
	await db
		.insertInto('fair_play_run')
		.values(run)
		.onConflict((oc) => oc.column('round_id').doUpdateSet(run))
		.execute();
}

export function findRun(db: Db, roundId: string) {
	return db.selectFrom('fair_play_run').selectAll().where('round_id', '=', roundId).executeTakeFirst();
}

/** Closed rounds whose analysis never ran (a re-close does not run it again: the studio can). */
export async function listRoundsToAnalyze(db: Db): Promise<string[]> {
	const rows = await db
		.selectFrom('round_close')
		.leftJoin('fair_play_run', 'fair_play_run.round_id', 'round_close.round_id')
		.select('round_close.round_id')
		.where('fair_play_run.round_id', 'is', null)
		.execute();
	return rows.map((r) => r.round_id);
}

export async function setRoundFastFloor(db: Db, roundId: string, floorMs: number | null): Promise<void> {
	await db.updateTable('round').set({ fast_floor_ms: floorMs }).where('id', '=', roundId).execute();
}

/** Per question version and Vietnam calendar day (UTC+7), attempts that drew it and answered it right. */
export function listFacilityByDay(db: Db, roundId: string) {
	const day = sql<number>`(attempt.finished_at + 25200000) / 86400000`;
	return db
		.selectFrom('attempt_item')
		.innerJoin('attempt', 'attempt.id', 'attempt_item.attempt_id')
		.select([
			'attempt_item.question_version_id as questionVersionId',
			day.as('day'),
			(eb) => eb.fn.countAll<number>().as('n'),
			(eb) => eb.fn.sum<number>(sql`coalesce(attempt_item.is_correct, 0)`).as('hits')
		])
		.where('attempt.round_id', '=', roundId)
		.where('attempt.status', '=', 'finished')
		.where('attempt.is_preview', '=', 0)
		.where('attempt.disqualified', '=', 0)
		.groupBy(['attempt_item.question_version_id', day])
		.execute();
}

export function listPerfectByDay(db: Db, roundId: string) {
	const day = sql<number>`(finished_at + 25200000) / 86400000`;
	return db
		.selectFrom('attempt')
		.select([
			day.as('day'),
			(eb) => eb.fn.countAll<number>().as('n'),
			(eb) => eb.fn.sum<number>(sql`case when score >= max_score then 1 else 0 end`).as('hits')
		])
		.where('round_id', '=', roundId)
		.where('status', '=', 'finished')
		.where('is_preview', '=', 0)
		.where('disqualified', '=', 0)
		.groupBy(day)
		.execute();
}

export async function listQuestionTexts(db: Db, ids: string[]): Promise<{ id: string; text: string }[]> {
	if (ids.length === 0) return [];
	return db.selectFrom('question_version').select(['id', 'text']).where('id', 'in', ids).execute();
}
