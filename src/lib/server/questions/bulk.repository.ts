import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { BulkActionTable, QuestionTable } from '../db/schema';
import { VERSION_CONTENT } from './question.repository';

/** Ids per statement, under SQLite's bound-parameter limit. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

/** The fields of a question a bulk action may write, and its undo restores. */
export interface QuestionState {
	id: string;
	bank_id: string;
	topic_id: string;
	difficulty: string;
	status: 'active' | 'retired';
	current_version_id: string | null;
	tags_text: string;
	search_text: string;
	position: number;
}

/** The named questions that belong to the bank, with their state, in authored order. */
export async function listQuestionStates(db: Db, ids: readonly string[], bankId?: string): Promise<QuestionState[]> {
	const rows: QuestionState[] = [];
	for (const part of chunks([...new Set(ids)])) {
		let query = db
			.selectFrom('question')
			.select([
				'id',
				'bank_id',
				'topic_id',
				'difficulty',
				'status',
				'current_version_id',
				'tags_text',
				'search_text',
				'position'
			])
			.where('id', 'in', part);
		if (bankId) query = query.where('bank_id', '=', bankId);
		rows.push(...(await query.execute()));
	}
	return rows.sort((a, b) => a.position - b.position);
}

/** The current content of the named questions, for a new version or a copy. */
export async function listCurrentContents(db: Db, ids: readonly string[]) {
	const rows = [];
	for (const part of chunks(ids)) {
		rows.push(
			...(await db
				.selectFrom('question')
				.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
				.select([
					'question.id',
					'question.type',
					'question_version.version',
					// the pictures and sound go with every new version or copy
					...VERSION_CONTENT
				])
				.where('question.id', 'in', part)
				.execute())
		);
	}
	return rows;
}

/** One patch written to many questions. */
export async function updateQuestions(db: Db, ids: readonly string[], patch: Updateable<QuestionTable>): Promise<void> {
	for (const part of chunks(ids)) await db.updateTable('question').set(patch).where('id', 'in', part).execute();
}

/** Positions of the bank already taken, among those given. */
export async function listTakenPositions(db: Db, bankId: string, positions: readonly number[]): Promise<Set<number>> {
	const taken = new Set<number>();
	for (const part of chunks(positions)) {
		const rows = await db
			.selectFrom('question')
			.select('position')
			.where('bank_id', '=', bankId)
			.where('position', 'in', part)
			.execute();
		for (const r of rows) taken.add(Number(r.position));
	}
	return taken;
}

/** How many of the versions an attempt or a live game has shown: those must stay. */
export async function countVersionsInUse(db: Db, versionIds: readonly string[]): Promise<number> {
	let n = 0;
	for (const part of chunks(versionIds)) {
		const [attempts, games] = await Promise.all([
			db
				.selectFrom('attempt_item')
				.select((eb) => eb.fn.count<number>('question_version_id').distinct().as('n'))
				.where('question_version_id', 'in', part)
				.executeTakeFirstOrThrow(),
			db
				.selectFrom('live_game_question')
				.select((eb) => eb.fn.count<number>('question_version_id').distinct().as('n'))
				.where('question_version_id', 'in', part)
				.executeTakeFirstOrThrow()
		]);
		n += Number(attempts.n) + Number(games.n);
	}
	return n;
}

/** Every version id of the named questions. */
export async function listVersionIds(db: Db, questionIds: readonly string[]): Promise<string[]> {
	const ids: string[] = [];
	for (const part of chunks(questionIds)) {
		const rows = await db.selectFrom('question_version').select('id').where('question_id', 'in', part).execute();
		ids.push(...rows.map((r) => r.id));
	}
	return ids;
}

export async function deleteVersions(db: Db, versionIds: readonly string[]): Promise<void> {
	for (const part of chunks(versionIds)) await db.deleteFrom('question_version').where('id', 'in', part).execute();
}

export async function deleteQuestions(db: Db, questionIds: readonly string[]): Promise<void> {
	for (const part of chunks(questionIds)) {
		await db.deleteFrom('question_version').where('question_id', 'in', part).execute();
		await db.deleteFrom('question').where('id', 'in', part).execute();
	}
}

/** Only the last action of a person on a bank can be undone, so it replaces the one kept before. */
export async function replaceBulkAction(db: Db, row: Insertable<BulkActionTable>): Promise<void> {
	await db.deleteFrom('bulk_action').where('bank_id', '=', row.bank_id).where('user_id', '=', row.user_id).execute();
	await db.insertInto('bulk_action').values(row).execute();
}

/** The last bulk action of this person on this bank, undone or not. */
export function findLastBulkAction(db: Db, bankId: string, userId: string) {
	return db
		.selectFrom('bulk_action')
		.selectAll()
		.where('bank_id', '=', bankId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

export async function markBulkActionUndone(db: Db, id: string, now: number): Promise<void> {
	await db.updateTable('bulk_action').set({ undone_at: now }).where('id', '=', id).execute();
}

/** The blueprint lines of rounds not yet closed that draw from any of the banks. */
export function listOpenBlueprintLines(db: Db, bankIds: readonly string[], now: number) {
	return db
		.selectFrom('blueprint_item')
		.innerJoin('round', 'round.id', 'blueprint_item.round_id')
		.select([
			'round.id as roundId',
			'round.name as roundName',
			'blueprint_item.group_id as groupId',
			'blueprint_item.bank_id as bankId',
			'blueprint_item.topic_id as topicId',
			'blueprint_item.difficulty',
			'blueprint_item.count'
		])
		.where('round.closes_at', '>', now)
		.where((eb) =>
			eb(
				'blueprint_item.round_id',
				'in',
				eb
					.selectFrom('blueprint_item as b')
					.select('b.round_id')
					.where('b.bank_id', 'in', [...bankIds])
			)
		)
		.execute();
}

/** Blueprint lines on any of the topics, with their round's window. */
export function listBlueprintLinesOnTopics(db: Db, topicIds: readonly string[]) {
	return db
		.selectFrom('blueprint_item')
		.innerJoin('round', 'round.id', 'blueprint_item.round_id')
		.select([
			'blueprint_item.id',
			'blueprint_item.round_id as roundId',
			'round.name as roundName',
			'round.opens_at as opensAt',
			'round.closes_at as closesAt',
			'blueprint_item.group_id as groupId',
			'blueprint_item.topic_id as topicId',
			'blueprint_item.difficulty',
			'blueprint_item.count'
		])
		.where('blueprint_item.topic_id', 'in', [...topicIds])
		.execute();
}

export async function updateBlueprintLine(db: Db, id: string, topicId: string, count: number): Promise<void> {
	await db.updateTable('blueprint_item').set({ topic_id: topicId, count }).where('id', '=', id).execute();
}

export async function deleteBlueprintLines(db: Db, ids: readonly string[]): Promise<void> {
	if (ids.length) {
		await db
			.deleteFrom('blueprint_item')
			.where('id', 'in', [...ids])
			.execute();
	}
}

/** Every question (active or retired) of the topics into `topicId`; how many moved. */
export async function moveTopicQuestions(db: Db, fromTopicIds: readonly string[], topicId: string, now: number) {
	const result = await db
		.updateTable('question')
		.set({ topic_id: topicId, updated_at: now })
		.where('topic_id', 'in', [...fromTopicIds])
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Subtopics of the merged topics hang under the topic they were merged into; then the merged ones go. */
export async function replaceTopics(db: Db, fromTopicIds: readonly string[], topicId: string): Promise<void> {
	await db
		.updateTable('topic')
		.set({ parent_id: topicId })
		.where('parent_id', 'in', [...fromTopicIds])
		.execute();
	await db
		.updateTable('topic')
		.set({ parent_id: null })
		.where('id', '=', topicId)
		.where('parent_id', '=', topicId)
		.execute();
	await db
		.deleteFrom('topic')
		.where('id', 'in', [...fromTopicIds])
		.execute();
}
