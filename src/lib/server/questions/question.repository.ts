import { LIVE_ONLY_TYPES, settingsToJson, type QuestionSettings } from '../../domain/question-kinds';
import type { Insertable, Updateable } from 'kysely';
import type { ImageRef } from '../../domain/media';
import type { Difficulty, OptionDef, QuestionType } from '../../domain/types';
import type { Db } from '../db/database';
import type { QuestionBankTable, QuestionTable, QuestionVersionTable, TopicTable } from '../db/schema';

export function findBank(db: Db, bankId: string) {
	return db.selectFrom('question_bank').select(['id', 'name']).where('id', '=', bankId).executeTakeFirst();
}

export function listTopics(db: Db, bankId: string) {
	return db
		.selectFrom('topic')
		.select((eb) => [
			'topic.id',
			'topic.code',
			'topic.name',
			'topic.parent_id as parentId',
			eb
				.selectFrom('question')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('question.topic_id', '=', 'topic.id')
				.where('question.status', '=', 'active')
				.as('questionCount')
		])
		.where('topic.bank_id', '=', bankId)
		.orderBy('topic.position')
		.execute();
}

export interface QuestionFilter {
	/** folded words, all required */
	words: string[];
	topicId?: string;
	difficulty?: Difficulty;
	type?: QuestionType;
	/** folded tag */
	tag?: string;
	status?: 'active' | 'retired';
}

function filtered(db: Db, bankId: string, filter: QuestionFilter) {
	let query = db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.innerJoin('topic', 'topic.id', 'question.topic_id')
		.where('question.bank_id', '=', bankId);
	for (const word of filter.words) query = query.where('question.search_text', 'like', `%${escapeLike(word)}%`);
	if (filter.topicId) query = query.where('question.topic_id', '=', filter.topicId);
	if (filter.difficulty) query = query.where('question.difficulty', '=', filter.difficulty);
	if (filter.type) query = query.where('question.type', '=', filter.type);
	if (filter.tag) query = query.where('question.tags_text', 'like', `%|${escapeLike(filter.tag)}|%`);
	if (filter.status) query = query.where('question.status', '=', filter.status);
	return query;
}

/** Search words never carry LIKE wildcards (SQLite has no default escape character). */
function escapeLike(value: string): string {
	return value.replace(/[\\%_]/g, '');
}

export async function searchQuestions(db: Db, bankId: string, filter: QuestionFilter, offset: number, limit: number) {
	const base = filtered(db, bankId, filter);
	const [rows, total] = await Promise.all([
		base
			.select([
				'question.id',
				'question.type',
				'question.difficulty',
				'question.status',
				'question.updated_at as updatedAt',
				'question_version.version',
				'question_version.text',
				'question_version.tags_json',
				'topic.name as topicName'
			])
			.orderBy('question.position', 'desc')
			.orderBy('question.id')
			.limit(limit)
			.offset(offset)
			.execute(),
		base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
	]);
	return { rows, total: Number(total.n) };
}

/** Every question of the bank the filter matches, for a bulk action on "all that match". */
export async function listFilteredIds(db: Db, bankId: string, filter: QuestionFilter): Promise<string[]> {
	const rows = await filtered(db, bankId, filter).select('question.id').orderBy('question.position').execute();
	return rows.map((r) => r.id);
}

export function findQuestion(db: Db, questionId: string) {
	return db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select([
			'question.id',
			'question.bank_id as bankId',
			'question.topic_id as topicId',
			'question.type',
			'question.difficulty',
			'question.status',
			'question_version.version',
			'question_version.text',
			'question_version.options_json',
			'question_version.explanation',
			'question_version.legal_reference as legalReference',
			'question_version.tags_json',
			'question_version.image_media_id as imageMediaId',
			'question_version.image_alt as imageAlt',
			'question_version.audio_media_id as audioMediaId',
			'question_version.settings_json'
		])
		.where('question.id', '=', questionId)
		.executeTakeFirst();
}

export function listVersions(db: Db, questionId: string) {
	return db
		.selectFrom('question_version')
		.select(['id', 'version', 'text', 'created_at as createdAt'])
		.where('question_id', '=', questionId)
		.orderBy('version', 'desc')
		.execute();
}

/** Texts of the bank's questions sharing at least one long folded word with the candidate. */
export function listCandidateTexts(db: Db, bankId: string, words: string[]) {
	let query = db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question.id', 'question_version.text', 'question.status'])
		.where('question.bank_id', '=', bankId);
	if (words.length) {
		query = query.where((eb) => eb.or(words.map((w) => eb('question.search_text', 'like', `%${escapeLike(w)}%`))));
	}
	return query.limit(2000).execute();
}

export interface NewVersion {
	id: string;
	questionId: string;
	version: number;
	type: string;
	text: string;
	options: OptionDef[];
	explanation: string;
	legalReference: string | null;
	tags: string[];
	createdAt: number;
	image?: ImageRef | null;
	audio?: string | null;
	settings?: QuestionSettings | null;
}

export async function insertVersion(db: Db, v: NewVersion): Promise<void> {
	await db
		.insertInto('question_version')
		.values({
			id: v.id,
			question_id: v.questionId,
			version: v.version,
			type: v.type,
			text: v.text,
			options_json: JSON.stringify(v.options),
			explanation: v.explanation,
			legal_reference: v.legalReference,
			tags_json: JSON.stringify(v.tags),
			created_at: v.createdAt,
			image_media_id: v.image?.media ?? null,
			image_alt: v.image?.alt ?? null,
			audio_media_id: v.audio ?? null,
			settings_json: settingsToJson(v.settings)
		})
		.execute();
}

/** The next free position at the end of a bank (authored order). */
export async function nextPosition(db: Db, bankId: string): Promise<number> {
	const row = await db
		.selectFrom('question')
		.select((eb) => eb.fn.max('position').as('n'))
		.where('bank_id', '=', bankId)
		.executeTakeFirst();
	return Number(row?.n ?? 0) + 1;
}

/** Every question of the bank (active or retired) with its current text, for the import's duplicate check. */
export function listBankTexts(db: Db, bankId: string) {
	return db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question.id', 'question_version.text'])
		.where('question.bank_id', '=', bankId)
		.execute();
}

/** The bank's topics' names by id. */
export async function topicNamesOfBank(db: Db, bankId: string): Promise<Map<string, string>> {
	const rows = await db.selectFrom('topic').select(['id', 'name']).where('bank_id', '=', bankId).execute();
	return new Map(rows.map((t) => [t.id, t.name]));
}

/** The bank's active questions with their topic and difficulty: what a blueprint draws from. */
export function listActiveQuestionKeys(db: Db, bankId: string) {
	return (
		db
			.selectFrom('question')
			.select([
				'question.id as questionId',
				'question.current_version_id as versionId',
				'question.topic_id as topicId',
				'question.difficulty'
			])
			.where('question.bank_id', '=', bankId)
			.where('question.status', '=', 'active')
			// what a round's blueprint can draw: poll and word cloud are live-only
			.where('question.type', 'not in', [...LIVE_ONLY_TYPES])
			.execute()
	);
}

/** The bank's topics' ids and names, in their order. */
export function listTopicNames(db: Db, bankId: string) {
	return db.selectFrom('topic').select(['id', 'name']).where('bank_id', '=', bankId).orderBy('position').execute();
}

/** How many active live-only questions (poll, word cloud) the bank holds: a round never draws them. */
export async function countActiveLiveOnly(db: Db, bankId: string): Promise<number> {
	const row = await db
		.selectFrom('question')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('bank_id', '=', bankId)
		.where('status', '=', 'active')
		.where('type', 'in', [...LIVE_ONLY_TYPES])
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** How many active questions a round can draw the bank holds per topic and difficulty (no live-only kinds). */
export function countActiveByTopicAndDifficulty(db: Db, bankId: string) {
	return db
		.selectFrom('question')
		.select(['topic_id', 'difficulty', (eb) => eb.fn.countAll<number>().as('n')])
		.where('bank_id', '=', bankId)
		.where('status', '=', 'active')
		.where('type', 'not in', [...LIVE_ONLY_TYPES])
		.groupBy(['topic_id', 'difficulty'])
		.execute();
}

export async function insertBank(db: Db, row: Insertable<QuestionBankTable>): Promise<void> {
	await db.insertInto('question_bank').values(row).execute();
}

export async function insertTopics(db: Db, rows: Insertable<TopicTable>[]): Promise<void> {
	await db.insertInto('topic').values(rows).execute();
}

export async function renameTopicRow(db: Db, topicId: string, name: string): Promise<void> {
	await db.updateTable('topic').set({ name }).where('id', '=', topicId).execute();
}

/** The topic's id when it belongs to the bank. */
export function findBankTopic(db: Db, bankId: string, topicId: string) {
	return db.selectFrom('topic').select('id').where('id', '=', topicId).where('bank_id', '=', bankId).executeTakeFirst();
}

export async function insertQuestions(db: Db, rows: Insertable<QuestionTable>[]): Promise<void> {
	await db.insertInto('question').values(rows).execute();
}

export async function insertVersions(db: Db, rows: Insertable<QuestionVersionTable>[]): Promise<void> {
	await db.insertInto('question_version').values(rows).execute();
}

export async function updateQuestionRow(db: Db, questionId: string, patch: Updateable<QuestionTable>): Promise<void> {
	await db.updateTable('question').set(patch).where('id', '=', questionId).execute();
}

/** Sets the status of the bank's question; false when the bank holds no such question. */
export async function updateQuestionStatus(
	db: Db,
	bankId: string,
	questionId: string,
	status: 'active' | 'retired',
	updatedAt: number
): Promise<boolean> {
	const result = await db
		.updateTable('question')
		.set({ status, updated_at: updatedAt })
		.where('id', '=', questionId)
		.where('bank_id', '=', bankId)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** What a question version says and shows: enough to export it or write it again as a new version. */
export const VERSION_CONTENT = [
	'question_version.text',
	'question_version.options_json',
	'question_version.explanation',
	'question_version.legal_reference',
	'question_version.tags_json',
	'question_version.image_media_id',
	'question_version.image_alt',
	'question_version.audio_media_id',
	'question_version.settings_json'
] as const;

/** The bank's active questions at their current version, in authored order, for the exports. */
export function listExportRows(db: Db, bankId: string) {
	return db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.innerJoin('topic', 'topic.id', 'question.topic_id')
		.select(['topic.name as topic', 'question.type', 'question.difficulty', ...VERSION_CONTENT])
		.where('question.bank_id', '=', bankId)
		.where('question.status', '=', 'active')
		.orderBy('question.position')
		.orderBy('question.id')
		.execute();
}

/** Text, type and options of these question versions (a printed paper's questions and key). */
export function listVersionContents(db: Db, versionIds: readonly string[]) {
	return db
		.selectFrom('question_version')
		.select(['id', 'type', 'text', 'options_json', 'image_media_id', 'image_alt', 'settings_json'])
		.where('id', 'in', versionIds.length ? [...versionIds] : [''])
		.execute();
}
