import { sql } from 'kysely';
import { LIVE_ONLY_TYPES } from '../../domain/question-kinds';
import { isPostgres, type Db } from '../db/database';
import { precompiled } from '../db/precompiled';
import type { Insertable } from 'kysely';
import type { AttemptEventTable, AttemptItemRow, AttemptRow, NewAttempt } from '../db/schema';

// The reads of a start, its page and a submit, compiled once (precompiled.ts): a start, its
// page and a submit are what a Sunday night's rush is made of besides the saves.
const findAttemptQuery = precompiled((db, p) => db.selectFrom('attempt').selectAll().where('id', '=', p.id), {
	id: '\u0000attempt'
});

export function findAttempt(db: Db, id: string): Promise<AttemptRow | undefined> {
	return findAttemptQuery.first(db, { id });
}

// On PostgreSQL the row is locked until the transaction ends (READ COMMITTED lets anything else
// interleave): two finalizes of one attempt (a submit and a sweeper, two nodes' sweepers) run one
// after the other, and the second finds it finished. SQLite has one writer at a time and needs
// no lock (nor knows the syntax).
// FOR NO KEY UPDATE, not FOR UPDATE: it excludes another finalize all the same, but not the
// KEY SHARE lock that a row referencing the attempt takes (its fair-play events, issue 14), so
// writing an attempt's events never waits for, or deadlocks with, its finalize.
const findAttemptForUpdateQuery = precompiled(
	(db, p) => {
		const query = db.selectFrom('attempt').selectAll().where('id', '=', p.id);
		return isPostgres(db) ? query.forNoKeyUpdate() : query;
	},
	{ id: '\u0000attempt' }
);

/** The attempt, locked against another finalize until the transaction ends (PostgreSQL). */
export function findAttemptForUpdate(trx: Db, id: string): Promise<AttemptRow | undefined> {
	return findAttemptForUpdateQuery.first(trx, { id });
}

const findAttemptWithRoundQuery = precompiled(
	(db, p) =>
		db
			.selectFrom('attempt')
			.innerJoin('round', 'round.id', 'attempt.round_id')
			.innerJoin('contest', 'contest.id', 'round.contest_id')
			.selectAll('attempt')
			.select([
				'round.name as round_name',
				'round.grace_ms as round_grace_ms',
				'round.prediction_question as round_prediction_question',
				'contest.slug as contest_slug',
				'contest.title as contest_title'
			])
			.where('attempt.id', '=', p.id),
	{ id: '\u0000attempt' }
);

/** An attempt with what its page shows of the round and the contest, in one read. */
export function findAttemptWithRound(db: Db, id: string) {
	return findAttemptWithRoundQuery.first(db, { id });
}

const findInProgressAttemptQuery = precompiled(
	(db, p) => db.selectFrom('attempt').selectAll().where('user_id', '=', p.userId).where('status', '=', 'in_progress'),
	{ userId: '\u0000user' }
);

export function findInProgressAttempt(db: Db, userId: string): Promise<AttemptRow | undefined> {
	return findInProgressAttemptQuery.first(db, { userId });
}

export function listUserAttempts(db: Db, roundId: string, userId: string): Promise<AttemptRow[]> {
	return db
		.selectFrom('attempt')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.where('is_preview', '=', 0)
		.orderBy('ordinal')
		.execute();
}

/**
 * What a start checks of the contestant, in one read: their registration in the contest (group
 * and unit) and how many real attempts of the round they used. Undefined when not registered.
 */
const findStartEntryQuery = precompiled(
	(db, p) =>
		db
			.selectFrom('registration')
			.select((eb) => [
				'registration.group_id as groupId',
				'registration.unit_id as unitId',
				eb
					.selectFrom('attempt')
					.select(eb.fn.countAll<number>().as('n'))
					.where('attempt.round_id', '=', p.roundId)
					.where('attempt.user_id', '=', p.userId)
					.where('attempt.is_preview', '=', 0)
					.as('used'),
				// the accommodation that applies (issue 14): the round's own grant, else the
				// contest-wide one (round_key '' sorts first, so descending puts the round's first)
				...(['extra_time_pct', 'extra_attempts'] as const).map((column) =>
					eb
						.selectFrom('accommodation')
						.select(`accommodation.${column}`)
						.where('accommodation.contest_id', '=', p.contestId)
						.where('accommodation.user_id', '=', p.userId)
						.where('accommodation.round_key', 'in', [p.roundId, ''])
						.orderBy('accommodation.round_key', 'desc')
						.limit(1)
						.as(column === 'extra_time_pct' ? 'extraTimePct' : 'extraAttempts')
				)
			])
			.where('registration.contest_id', '=', p.contestId)
			.where('registration.user_id', '=', p.userId),
	{ contestId: '\u0000contest', roundId: '\u0000round', userId: '\u0000user' }
);

export interface StartEntry {
	groupId: string;
	unitId: string;
	used: number;
	/** the contestant's accommodation for the round (0 without one) */
	extraTimePct: number;
	extraAttempts: number;
}

export async function findStartEntry(
	db: Db,
	contestId: string,
	roundId: string,
	userId: string
): Promise<StartEntry | undefined> {
	const row = await findStartEntryQuery.first(db, { contestId, roundId, userId });
	return (
		row && {
			groupId: row.groupId,
			unitId: row.unitId,
			used: Number(row.used ?? 0),
			extraTimePct: Number(row.extraTimePct ?? 0),
			extraAttempts: Number(row.extraAttempts ?? 0)
		}
	);
}

/** Real attempts only: an organizer's "thi thử" never uses up the limit. */
export async function countUserAttempts(db: Db, roundId: string, userId: string): Promise<number> {
	const row = await db
		.selectFrom('attempt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.where('is_preview', '=', 0)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function insertAttempt(db: Db, attempt: NewAttempt, items: AttemptItemRow[]): Promise<void> {
	await db.insertInto('attempt').values(attempt).execute();
	await db.insertInto('attempt_item').values(items).execute();
}

/** An attempt's items in order, each with the question version it shows; the caller picks the columns. */
export function attemptItemsWithVersion(db: Db, attemptId: string) {
	return db
		.selectFrom('attempt_item')
		.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
		.where('attempt_item.attempt_id', '=', attemptId)
		.orderBy('attempt_item.position');
}

/** Items with their question content and authored options (the key); server side only. */
function selectAttemptItems(db: Db, attemptId: string) {
	return attemptItemsWithVersion(db, attemptId).select([
		'attempt_item.position',
		'attempt_item.option_keys_json',
		'attempt_item.option_ids_json',
		'attempt_item.answer_json',
		'attempt_item.answer_rev',
		'question_version.type',
		'question_version.text',
		'question_version.options_json',
		'question_version.image_media_id',
		'question_version.image_alt',
		'question_version.audio_media_id',
		'question_version.settings_json'
	]);
}

const listAttemptItemsQuery = precompiled((db, p) => selectAttemptItems(db, p.attemptId), {
	attemptId: '\u0000attempt'
});

export function listAttemptItems(db: Db, attemptId: string) {
	return listAttemptItemsQuery.rows(db, { attemptId });
}

// What a finalize scores. On PostgreSQL the items are locked as they are read (the latest
// committed answers, after any save still writing one), so no save can land between this read
// and the scoring's commit: a save that comes later waits, then finds the item scored
// (updateItemAnswerQuery's guard). SQLite has one writer at a time and needs no lock.
const listItemsToScoreQuery = precompiled(
	(db, p) => {
		const query = selectAttemptItems(db, p.attemptId);
		return isPostgres(db) ? query.forUpdate('attempt_item') : query;
	},
	{ attemptId: '\u0000attempt' }
);

/** The attempt's items as listAttemptItems, locked until the transaction ends (PostgreSQL). */
export function listItemsToScore(trx: Db, attemptId: string) {
	return listItemsToScoreQuery.rows(trx, { attemptId });
}

/** Stores an answer unless a newer revision is already stored; returns whether it was written. */
// The answer save's two queries, compiled once (precompiled.ts): they run on every click.
const updateItemAnswerQuery = precompiled(
	(db, p) =>
		db
			.updateTable('attempt_item')
			.set({ answer_json: p.answerJson, answer_rev: p.rev, answered_at: p.now })
			.where('attempt_id', '=', p.attemptId)
			.where('position', '=', p.position)
			.where('answer_rev', '<', p.rev)
			// Checked in the same statement as the write, so a save racing the submit or the
			// sweeper can never land on an attempt that has already been scored. The item's own
			// is_correct (null until a finalize scores it) is the guard PostgreSQL can keep under
			// READ COMMITTED: a save that waited for a finalize's lock on the item checks it again
			// on the row as the finalize left it, where a subquery would still see the attempt
			// in progress. No lock is taken on the attempt: saves stay one row write.
			.where('is_correct', 'is', null)
			.where((eb) =>
				eb.exists(
					eb
						.selectFrom('attempt')
						.select('attempt.id')
						.whereRef('attempt.id', '=', 'attempt_item.attempt_id')
						.where('attempt.status', '=', 'in_progress')
				)
			),
	{ answerJson: '\u0000answer', rev: -1_000_001, now: -1_000_002, attemptId: '\u0000attempt', position: -1_000_003 }
);

export async function updateItemAnswer(
	db: Db,
	attemptId: string,
	position: number,
	answerJson: string,
	rev: number,
	now: number
): Promise<boolean> {
	return (await updateItemAnswerQuery.changes(db, { answerJson, rev, now, attemptId, position })) > 0;
}

/** Sets the prediction of an attempt still in progress; returns whether it was written. */
export async function updateAttemptPrediction(db: Db, attemptId: string, prediction: number | null): Promise<boolean> {
	const result = await db
		.updateTable('attempt')
		.set({ prediction })
		.where('id', '=', attemptId)
		.where('status', '=', 'in_progress')
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Marks every item of the attempt right (the given positions) or wrong, in one statement. */
// A submit's writes, compiled once (precompiled.ts); finalize runs them in its own transaction.
const markItemsCorrectnessQuery = precompiled(
	(db, p) =>
		db
			.updateTable('attempt_item')
			// the correct positions as one JSON array parameter, so the statement is the same for any list
			.set({
				is_correct: isPostgres(db)
					? sql<number>`(case when position in (select value::integer from json_array_elements_text(${p.positionsJson}::json)) then 1 else 0 end)`
					: sql<number>`(case when position in (select value from json_each(${p.positionsJson})) then 1 else 0 end)`
			})
			.where('attempt_id', '=', p.attemptId),
	{ attemptId: '\u0000attempt', positionsJson: '\u0000positions' }
);

export async function markItemsCorrectness(db: Db, attemptId: string, correctPositions: number[]): Promise<void> {
	await markItemsCorrectnessQuery.changes(db, { attemptId, positionsJson: JSON.stringify(correctPositions) });
}

type FinishParams = {
	attemptId: string;
	submittedAt: number;
	finishedAt: number;
	finishReason: string;
	score: number;
	correctCount: number;
	durationMs: number;
	prediction: number | null;
};

const finishAttemptQuery = precompiled(
	(db, p: FinishParams) =>
		db
			.updateTable('attempt')
			.set({
				submitted_at: p.submittedAt,
				finished_at: p.finishedAt,
				finish_reason: p.finishReason as AttemptRow['finish_reason'],
				score: p.score,
				correct_count: p.correctCount,
				duration_ms: p.durationMs,
				prediction: p.prediction,
				status: 'finished'
			})
			.where('id', '=', p.attemptId)
			.where('status', '=', 'in_progress'),
	{
		attemptId: '\u0000attempt',
		submittedAt: -1.5,
		finishedAt: -2.5,
		finishReason: '\u0000reason',
		score: -3.5,
		correctCount: -4.5,
		durationMs: -5.5,
		prediction: -6.5
	}
);

/** Finishes an attempt only if it is still in progress; returns whether this call finished it. */
export async function finishAttempt(
	db: Db,
	attemptId: string,
	values: Pick<
		AttemptRow,
		'submitted_at' | 'finished_at' | 'finish_reason' | 'score' | 'correct_count' | 'duration_ms' | 'prediction'
	>
): Promise<boolean> {
	const changed = await finishAttemptQuery.changes(db, {
		attemptId,
		submittedAt: values.submitted_at!,
		finishedAt: values.finished_at!,
		finishReason: values.finish_reason!,
		score: values.score!,
		correctCount: values.correct_count!,
		durationMs: values.duration_ms!,
		prediction: values.prediction
	});
	return changed > 0;
}

/**
 * Finished attempts of a round (previews excluded) per whole minute since the epoch, from the
 * tally triggers keep, for minutes in [fromMinute, toMinute).
 */
export function listFinishedPerMinute(db: Db, roundId: string, fromMinute: number, toMinute: number) {
	return db
		.selectFrom('round_minute_tally')
		.select(['minute', 'finished'])
		.where('round_id', '=', roundId)
		.where('minute', '>=', fromMinute)
		.where('minute', '<', toMinute)
		.execute();
}

/** In-progress attempts whose deadline plus their round's grace has passed. */
export function listOverdueAttemptIds(db: Db, now: number, limit = 500) {
	return db
		.selectFrom('attempt')
		.innerJoin('round', 'round.id', 'attempt.round_id')
		.select('attempt.id')
		.where('attempt.status', '=', 'in_progress')
		.where((eb) => eb(eb('attempt.deadline', '+', eb.ref('round.grace_ms')), '<', now))
		.limit(limit)
		.execute();
}

export function listDrawCandidates(db: Db, bankIds: string[]) {
	return db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select([
			'question.id as questionId',
			'question_version.id as versionId',
			'question.topic_id as topicId',
			'question.difficulty',
			'question_version.type',
			'question_version.options_json'
		])
		.where('question.status', '=', 'active')
		.where('question.bank_id', 'in', bankIds.length ? bankIds : [''])
		.execute();
}

/**
 * What the draw picks from, without any question's options: the bank's active questions of the
 * blueprint's topics. The picked ones' options come from listVersionOptions.
 */
export async function listPickCandidates(db: Db, bankIds: string[], topicIds: string[]) {
	// question rows only: the versions' rows (text, options, explanation) are many times larger
	const rows = await db
		.selectFrom('question')
		.select([
			'question.id as questionId',
			'question.current_version_id as versionId',
			'question.topic_id as topicId',
			'question.difficulty'
		])
		.where('question.current_version_id', 'is not', null)
		.where('question.status', '=', 'active')
		// poll and word cloud are live-only: a round never draws them
		.where('question.type', 'not in', [...LIVE_ONLY_TYPES])
		.where('question.bank_id', 'in', bankIds.length ? bankIds : [''])
		.where('question.topic_id', 'in', topicIds.length ? topicIds : [''])
		.execute();
	return rows.map((r) => ({ ...r, versionId: r.versionId! }));
}

/** The banks' revisions (moved by every write to their questions); a bank without one is at 0. */
export function listBankRevisions(db: Db, bankIds: string[]) {
	return db
		.selectFrom('question_bank_revision')
		.select(['bank_id', 'revision'])
		.where('bank_id', 'in', bankIds.length ? bankIds : [''])
		.execute();
}

/** The type and authored options of the given question versions. */
export function listVersionOptions(db: Db, versionIds: string[]) {
	return db
		.selectFrom('question_version')
		.select(['id', 'type', 'options_json'])
		.where('id', 'in', versionIds.length ? versionIds : [''])
		.execute();
}

/** Everything an answer save checks, in one query: owner, status, deadline, grace, the item. */
const findAnswerTargetQuery = precompiled(
	(db, p) =>
		db
			.selectFrom('attempt_item')
			.innerJoin('attempt', 'attempt.id', 'attempt_item.attempt_id')
			.innerJoin('round', 'round.id', 'attempt.round_id')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.select([
				'attempt.user_id',
				'attempt.status',
				'attempt.deadline',
				'round.grace_ms',
				'attempt_item.option_ids_json',
				'attempt_item.answer_rev',
				'question_version.type'
			])
			.where('attempt_item.attempt_id', '=', p.attemptId)
			.where('attempt_item.position', '=', p.position),
	{ attemptId: '\u0000attempt', position: -1_000_003 }
);

/** What the answer save checks, in one read: owner, status, deadline, grace, options, type. */
export function findAnswerTarget(db: Db, attemptId: string, position: number) {
	return findAnswerTargetQuery.first(db, { attemptId, position });
}

/** The round's attempts by contestants (previews left out). */
export async function countRealAttempts(db: Db, roundId: string): Promise<number> {
	const row = await db
		.selectFrom('attempt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.where('is_preview', '=', 0)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** How many preview attempts the user took of the round. */
export async function countPreviewAttempts(db: Db, roundId: string, userId: string): Promise<number> {
	const row = await db
		.selectFrom('attempt')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.where('is_preview', '=', 1)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The round's attempts still in progress, with their deadlines. */
export function listOpenAttemptsOfRound(db: Db, roundId: string) {
	return db
		.selectFrom('attempt')
		.select(['id', 'deadline'])
		.where('round_id', '=', roundId)
		.where('status', '=', 'in_progress')
		.execute();
}

/** Sets (or, with a null reason, lifts) an attempt's disqualification. */
export async function setAttemptDisqualification(
	db: Db,
	attemptId: string,
	patch: {
		disqualified: number;
		disqualified_reason: string | null;
		disqualified_by: string | null;
		disqualified_at: number | null;
	}
): Promise<void> {
	await db.updateTable('attempt').set(patch).where('id', '=', attemptId).execute();
}

/** The contestant's finished, not disqualified, real attempts of the round: those that may rank. */
export function listCountingAttempts(db: Db, roundId: string, userId: string): Promise<AttemptRow[]> {
	return db
		.selectFrom('attempt')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.where('status', '=', 'finished')
		.where('disqualified', '=', 0)
		.where('is_preview', '=', 0)
		.execute();
}

/** The round's attempts, previews aside, per status, from the tally triggers keep. */
export function listAttemptTallies(db: Db, roundId: string) {
	return db.selectFrom('round_attempt_tally').select(['status', 'attempts']).where('round_id', '=', roundId).execute();
}

/** Fair-play events of an attempt (issue 14), as the page reported them; stamped by the caller. */
export async function insertAttemptEvents(db: Db, rows: Insertable<AttemptEventTable>[]): Promise<void> {
	if (rows.length) await db.insertInto('attempt_event').values(rows).execute();
}
