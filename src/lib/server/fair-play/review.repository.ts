import type { Db } from '../db/database';
import type { AttemptReviewTable } from '../db/schema';

// Queries of the review queue: flags with their attempt, contestant and unit, decisions.

export function listRoundFlags(db: Db, roundId: string, filter: { signal: string | null; unitIds: string[] | null }) {
	let q = db
		.selectFrom('attempt_flag')
		.innerJoin('attempt', 'attempt.id', 'attempt_flag.attempt_id')
		.innerJoin('app_user', 'app_user.id', 'attempt.user_id')
		.innerJoin('unit', 'unit.id', 'attempt.unit_id')
		.select([
			'attempt_flag.attempt_id as attemptId',
			'attempt_flag.signal',
			'attempt_flag.score',
			'attempt_flag.detail_json as detailJson',
			'attempt_flag.computed_at as computedAt',
			'attempt.user_id as userId',
			'app_user.full_name as fullName',
			'unit.id as unitId',
			'unit.name as unitName',
			'attempt.score as attemptScore',
			'attempt.max_score as maxScore',
			'attempt.duration_ms as durationMs',
			'attempt.started_at as startedAt',
			'attempt.device_id as deviceId',
			'attempt.disqualified',
			'attempt.disqualified_reason as disqualifiedReason'
		])
		.where('attempt_flag.round_id', '=', roundId);
	if (filter.signal) q = q.where('attempt_flag.signal', '=', filter.signal as never);
	if (filter.unitIds) q = q.where('attempt.unit_id', 'in', filter.unitIds.length ? filter.unitIds : ['-']);
	return q.orderBy('attempt_flag.attempt_id').execute();
}

/** The latest decision on each of the attempts. */
export async function listLatestReviews(db: Db, attemptIds: string[]) {
	if (attemptIds.length === 0) return new Map<string, ReviewRow>();
	const rows = await db
		.selectFrom('attempt_review')
		.leftJoin('app_user', 'app_user.id', 'attempt_review.reviewer_id')
		.select([
			'attempt_review.attempt_id as attemptId',
			'attempt_review.decision',
			'attempt_review.note',
			'attempt_review.at',
			'app_user.full_name as reviewerName'
		])
		.where('attempt_review.attempt_id', 'in', attemptIds)
		.orderBy('attempt_review.at')
		.execute();
	return new Map(rows.map((r) => [r.attemptId, r]));
}

export type ReviewRow = {
	attemptId: string;
	decision: 'cleared' | 'disqualified';
	note: string;
	at: number;
	reviewerName: string | null;
};

export async function insertReview(db: Db, row: AttemptReviewTable): Promise<void> {
	await db.insertInto('attempt_review').values(row).execute();
}

/** An attempt's items with the question's text and options, in the attempt's order. */
export function listEvidenceItems(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt_item')
		.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
		.select([
			'attempt_item.attempt_id as attemptId',
			'attempt_item.position',
			'attempt_item.question_version_id as questionVersionId',
			'question_version.text',
			'question_version.type',
			'question_version.options_json as optionsJson',
			'attempt_item.option_keys_json as optionKeysJson',
			'attempt_item.option_ids_json as optionIdsJson',
			'attempt_item.answer_json as answerJson',
			'attempt_item.answered_at as answeredAt',
			'attempt_item.is_correct as isCorrect'
		])
		.where('attempt_item.attempt_id', 'in', attemptIds.length ? attemptIds : ['-'])
		.orderBy('attempt_item.attempt_id')
		.orderBy('attempt_item.position')
		.execute();
}

export function listEvidenceAttempts(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt')
		.innerJoin('app_user', 'app_user.id', 'attempt.user_id')
		.innerJoin('unit', 'unit.id', 'attempt.unit_id')
		.select([
			'attempt.id',
			'attempt.round_id as roundId',
			'app_user.full_name as fullName',
			'unit.name as unitName',
			'attempt.started_at as startedAt',
			'attempt.finished_at as finishedAt',
			'attempt.duration_ms as durationMs',
			'attempt.score',
			'attempt.max_score as maxScore',
			'attempt.device_id as deviceId',
			'attempt.user_agent as userAgent',
			'attempt.disqualified',
			'attempt.disqualified_reason as disqualifiedReason'
		])
		.where('attempt.id', 'in', attemptIds.length ? attemptIds : ['-'])
		.execute();
}

export function listShownEvents(db: Db, attemptIds: string[]) {
	return db
		.selectFrom('attempt_event')
		.select(['attempt_id as attemptId', 'kind', 'position', 'at'])
		.where('attempt_id', 'in', attemptIds.length ? attemptIds : ['-'])
		.where('kind', 'in', ['shown', 'answer'])
		.orderBy('at')
		.execute();
}
