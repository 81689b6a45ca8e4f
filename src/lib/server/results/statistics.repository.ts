import { sql } from 'kysely';
import type { Db } from '../db/database';

/** A range of finished_at, (after, upTo]: ms since epoch. */
export interface Slice {
	after: number;
	upTo: number;
}

/** How many of the round's attempts finished up to `upTo`, and the last finish (attempt_round_status_idx alone). */
export function readFinishedState(db: Db, roundId: string, upTo: number) {
	return db
		.selectFrom('attempt')
		.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('finished_at').as('last')])
		.where('round_id', '=', roundId)
		.where('status', '=', 'finished')
		.where('finished_at', '<=', upTo)
		.executeTakeFirstOrThrow();
}

/** The finish time `batch` finished attempts after `after` (up to `upTo`), skipping index entries only. */
export function findSliceBound(db: Db, roundId: string, after: number, upTo: number, batch: number) {
	return db
		.selectFrom('attempt')
		.select('finished_at')
		.where('round_id', '=', roundId)
		.where('status', '=', 'finished')
		.where('finished_at', '>', after)
		.where('finished_at', '<=', upTo)
		.orderBy('finished_at')
		.limit(1)
		.offset(batch - 1)
		.executeTakeFirst();
}

/** The filter of a counted attempt in a slice, on attempt aliased `a`. */
export function counted(roundId: string, slice: Slice) {
	return sql`a.round_id = ${roundId} and a.status = 'finished' and a.finished_at > ${slice.after}
		and a.finished_at <= ${slice.upTo} and a.is_preview = 0 and a.disqualified = 0`;
}

/** The slice's counted attempts per hour (of `hourMs`) since `origin` and test length, with score sums. */
export async function readAttemptHourRows(db: Db, roundId: string, slice: Slice, origin: number, hourMs: number) {
	const { rows } = await sql<Record<string, number>>`
			select (a.submitted_at - ${origin}) / ${hourMs} as hour, a.max_score, count(*) as n,
				sum(case when a.ordinal = 1 then 1 else 0 end) as first,
				sum(a.score) as score_sum, sum(a.score * a.score) as score_sum2
			from attempt a
			where ${counted(roundId, slice)}
			group by hour, a.max_score`.execute(db);
	return rows;
}

/** The slice's item sums per question version, slot and test length. */
export async function readItemSumRows(db: Db, roundId: string, slice: Slice) {
	const { rows } = await sql<Record<string, string | number | null>>`
			select ai.question_version_id as version_id, ai.position, a.max_score, count(*) as n,
				sum(ai.is_correct) as correct,
				sum(a.score - ai.is_correct) as sum_rest,
				sum((a.score - ai.is_correct) * (a.score - ai.is_correct)) as sum_rest2,
				sum(ai.is_correct * (a.score - ai.is_correct)) as sum_correct_rest
			from attempt a
			join attempt_item ai on ai.attempt_id = a.id
			where ${counted(roundId, slice)}
			group by ai.question_version_id, ai.position, a.max_score`.execute(db);
	return rows;
}

/** The versions with their question, difficulty and topic (the caller keeps the ids under SQLite's limit). */
export function listVersionDescriptions(db: Db, versionIds: string[]) {
	return db
		.selectFrom('question_version')
		.innerJoin('question', 'question.id', 'question_version.question_id')
		.innerJoin('topic', 'topic.id', 'question.topic_id')
		.select([
			'question_version.id as versionId',
			'question_version.version',
			'question_version.text',
			'question_version.type',
			'question.id as questionId',
			'question.difficulty',
			'topic.name as topic'
		])
		.where('question_version.id', 'in', versionIds)
		.execute();
}

/** The user id `batch` best results after `after` in the round (keyset on round_result's key). */
export function findResultBound(db: Db, roundId: string, after: string, batch: number) {
	return db
		.selectFrom('round_result')
		.select('user_id')
		.where('round_id', '=', roundId)
		.where('user_id', '>', after)
		.orderBy('user_id')
		.limit(1)
		.offset(batch - 1)
		.executeTakeFirst();
}

/** Best results per unit and score for the users in (after, upTo], or every one after `after`. */
export function countBestResults(db: Db, roundId: string, after: string, upTo: string | undefined) {
	let query = db
		.selectFrom('round_result')
		.select((eb) => ['unit_id', 'score', 'max_score', eb.fn.countAll<number>().as('n')])
		.where('round_id', '=', roundId)
		.where('user_id', '>', after)
		.groupBy(['unit_id', 'score', 'max_score']);
	if (upTo !== undefined) query = query.where('user_id', '<=', upTo);
	return query.execute();
}

/**
 * The wrong answers typed to short-text questions by the given attempts (a filter on attempt
 * aliased `a`), per question version and answer as stored, with how many typed each.
 */
export async function readWrongTypedRows(db: Db, where: ReturnType<typeof counted>) {
	const { rows } = await sql<{ version_id: string; answer_json: string; n: number | string }>`
			select ai.question_version_id as version_id, ai.answer_json, count(*) as n
			from attempt a
			join attempt_item ai on ai.attempt_id = a.id
			join question_version qv on qv.id = ai.question_version_id
			where ${where} and qv.type = 'short_text' and ai.is_correct = 0 and ai.answer_json is not null
			group by ai.question_version_id, ai.answer_json`.execute(db);
	return rows;
}
