import { findShortfalls, newShortfall, type BlueprintShortfall } from './blueprint-guard';
import { settingsFromJson, settingsToJson } from '../../domain/question-kinds';
import type { ImportedQuestion } from '../../domain/import/types';
import {
	DUPLICATE_THRESHOLD,
	keyOptions,
	questionSearchText,
	sameContent,
	tagsText,
	textSimilarity,
	type QuestionDraft
} from '../../domain/questions';
import { foldVietnamese } from '../../domain/text';
import type { Difficulty, OptionDef, QuestionType } from '../../domain/types';
import { recordAudit } from '../audit/audit.repository';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { lockRow } from '../db/locks';
import { canManageContest } from '../contests/contest-access';
import { newId } from '../ids';
import { bankScopeOf, openBank, type BankRefusal } from './bank-access';
import { insertBankContest } from './bank-contest.repository';
import {
	findBank,
	findBankTopic,
	findQuestion,
	insertBank,
	insertQuestions,
	insertTopics,
	insertVersion,
	insertVersions,
	listCandidateTexts,
	listExportRows,
	nextPosition,
	listTopics,
	listVersions,
	renameTopicRow,
	searchQuestions,
	updateQuestionRow,
	updateQuestionStatus,
	type QuestionFilter
} from './question.repository';

export type Actor = Pick<SessionUser, 'id' | 'role'>;

/** Admins and organizers work in the studio; which banks they reach is bank-access's to say. */
export function canManageBanks(actor: Actor | null): actor is Actor {
	return actor?.role === 'admin' || actor?.role === 'organizer';
}

/** Null when the actor may work on the bank; otherwise why not. */
async function refusal(db: Db, actor: Actor, bankId: string): Promise<BankRefusal | null> {
	const access = await openBank(db, actor, bankId);
	return access.ok ? null : access;
}

export const PAGE_SIZE = 25;

/** The six areas of the state administrative reform programme (Nghị quyết 76/NQ-CP). */
export const DEFAULT_TOPICS = [
	'Cải cách thể chế',
	'Cải cách thủ tục hành chính',
	'Cải cách tổ chức bộ máy hành chính nhà nước',
	'Cải cách chế độ công vụ',
	'Cải cách tài chính công',
	'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số'
];

export type CreateBankResult = { ok: true; bankId: string } | { ok: false; reason: 'contest_required' | 'forbidden' };

/**
 * A new bank with the six reform areas as its topics, belonging to `contestId`. Only an admin or
 * an organizer of every contest may leave it without a contest: nobody else could open it.
 */
export async function createBank(
	ctx: AppContext,
	actor: Actor,
	name: string,
	contestId: string | null = null
): Promise<CreateBankResult> {
	const now = ctx.clock.now();
	if (contestId === null && !(await bankScopeOf(ctx.db, actor)).all) return { ok: false, reason: 'contest_required' };
	if (contestId !== null && !(await canManageContest(ctx.db, actor, contestId))) {
		return { ok: false, reason: 'forbidden' };
	}
	const bankId = newId();
	await ctx.db.transaction().execute(async (trx) => {
		await insertBank(trx, { id: bankId, name, created_at: now });
		if (contestId !== null) {
			await insertBankContest(trx, { bankId, contestId, grantedBy: actor.id, createdAt: now });
		}
		await insertTopics(
			trx,
			DEFAULT_TOPICS.map((topic, i) => ({
				id: newId(),
				bank_id: bankId,
				parent_id: null,
				code: `cchc-${i + 1}`,
				name: topic,
				position: i + 1
			}))
		);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'bank.create',
				entity: 'question_bank',
				entityId: bankId,
				summary: `Tạo ngân hàng câu hỏi "${name}"`,
				detail: { contestId }
			},
			now
		);
	});
	return { ok: true, bankId };
}

export interface BankQuery {
	q: string;
	topicId?: string;
	difficulty?: Difficulty;
	type?: QuestionType;
	tag?: string;
	status?: 'active' | 'retired';
	page: number;
}

/** The bank page's filters as the repository reads them: words and tag folded. */
export function bankFilter(query: Omit<BankQuery, 'page'>): QuestionFilter {
	return {
		words: foldVietnamese(query.q).split(' ').filter(Boolean),
		topicId: query.topicId,
		difficulty: query.difficulty,
		type: query.type,
		tag: query.tag ? foldVietnamese(query.tag) : undefined,
		status: query.status
	};
}

export async function searchBank(ctx: AppContext, actor: Actor, bankId: string, query: BankQuery) {
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	const filter = bankFilter(query);
	const page = Math.max(1, query.page);
	const { rows, total } = await searchQuestions(ctx.db, bankId, filter, (page - 1) * PAGE_SIZE, PAGE_SIZE);
	return {
		ok: true as const,
		total,
		page,
		pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
		items: rows.map((r) => ({
			id: r.id,
			type: r.type as QuestionType,
			difficulty: r.difficulty as Difficulty,
			status: r.status,
			version: r.version,
			text: r.text,
			tags: JSON.parse(r.tags_json) as string[],
			topicName: r.topicName
		}))
	};
}

export interface DuplicateHit {
	id: string;
	text: string;
	similarity: number;
}

/** Questions of the bank whose text is the same or nearly the same as `text`. */
export async function findLikelyDuplicates(
	db: Db,
	bankId: string,
	text: string,
	excludeId?: string
): Promise<DuplicateHit[]> {
	const words = foldVietnamese(text)
		.split(' ')
		.filter((w) => w.length >= 4)
		.slice(0, 6);
	const candidates = await listCandidateTexts(db, bankId, words);
	return candidates
		.filter((c) => c.id !== excludeId)
		.map((c) => ({ id: c.id, text: c.text, similarity: textSimilarity(text, c.text) }))
		.filter((c) => c.similarity >= DUPLICATE_THRESHOLD)
		.sort((a, b) => b.similarity - a.similarity)
		.slice(0, 5);
}

export type SaveQuestionResult =
	| { ok: true; questionId: string; version: number; changed: boolean }
	| BankRefusal
	| { ok: false; reason: 'duplicate'; duplicates: DuplicateHit[] }
	| { ok: false; reason: 'blueprint_short'; shortfall: BlueprintShortfall };

/**
 * Creates a question, or edits one by adding a version: attempts keep pointing at the version
 * they drew, so a correction never rewrites a contestant's history.
 */
export async function saveQuestion(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	questionId: string | null,
	draft: QuestionDraft,
	options: { allowDuplicate: boolean }
): Promise<SaveQuestionResult> {
	const now = ctx.clock.now();
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	if (!options.allowDuplicate) {
		const duplicates = await findLikelyDuplicates(ctx.db, bankId, draft.text, questionId ?? undefined);
		if (duplicates.length) return { ok: false, reason: 'duplicate', duplicates };
	}
	const saving = ctx.db.transaction().execute(async (trx) => {
		// The bank's writers one at a time: the next position and version are read, then taken.
		await lockRow(trx, 'question_bank', bankId);
		const topic = await findBankTopic(trx, bankId, draft.topicId);
		if (!topic) return { ok: false, reason: 'not_found' } as const;
		const current = questionId ? await findQuestion(trx, questionId) : undefined;
		if (questionId && (!current || current.bankId !== bankId)) return { ok: false, reason: 'not_found' } as const;
		const id = questionId ?? newId();
		// Moving an active question out of what a round draws (another topic or difficulty, or a
		// live-only kind) must not leave a round not yet closed unable to draw, as retiring it must not.
		const drawnDifferently =
			current?.status === 'active' &&
			(current.type !== draft.type || current.topicId !== draft.topicId || current.difficulty !== draft.difficulty);
		const shortBefore = drawnDifferently ? await findShortfalls(trx, [bankId], now) : null;
		const contentChanged =
			!current ||
			current.type !== draft.type ||
			!sameContent(draft, {
				text: current.text,
				options: JSON.parse(current.options_json) as OptionDef[],
				explanation: current.explanation,
				legalReference: current.legalReference,
				tags: JSON.parse(current.tags_json) as string[],
				image: current.imageMediaId ? { media: current.imageMediaId, alt: current.imageAlt ?? '' } : null,
				audio: current.audioMediaId,
				settings: settingsFromJson(current.settings_json)
			});
		if (!current) {
			await insertQuestions(trx, [
				{
					id,
					bank_id: bankId,
					topic_id: draft.topicId,
					type: draft.type,
					difficulty: draft.difficulty,
					status: 'active',
					current_version_id: null,
					created_at: now,
					position: await nextPosition(trx, bankId)
				}
			]);
		}
		const version = contentChanged ? (current?.version ?? 0) + 1 : current!.version;
		const versionId = newId();
		if (contentChanged) {
			await insertVersion(trx, {
				id: versionId,
				questionId: id,
				version,
				type: draft.type,
				text: draft.text,
				options: keyOptions(draft.options),
				explanation: draft.explanation,
				legalReference: draft.legalReference,
				tags: [...draft.tags],
				createdAt: now,
				image: draft.image ?? null,
				audio: draft.audio ?? null,
				settings: draft.settings ?? null
			});
		}
		await updateQuestionRow(trx, id, {
			topic_id: draft.topicId,
			type: draft.type,
			difficulty: draft.difficulty,
			search_text: questionSearchText(draft),
			tags_text: tagsText(draft.tags),
			updated_at: now,
			...(contentChanged ? { current_version_id: versionId } : {})
		});
		const broken = shortBefore && newShortfall(shortBefore, await findShortfalls(trx, [bankId], now));
		if (broken) throw new RetireRefused(broken);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: current ? 'question.edit' : 'question.create',
				entity: 'question',
				entityId: id,
				summary: `${current ? 'Sửa' : 'Tạo'} câu hỏi (phiên bản ${version}): ${draft.text.slice(0, 80)}`
			},
			now
		);
		return { ok: true, questionId: id, version, changed: contentChanged } as const;
	});
	return saving.catch((error: unknown) => {
		if (error instanceof RetireRefused) {
			return { ok: false, reason: 'blueprint_short', shortfall: error.shortfall } as const;
		}
		throw error;
	});
}

/** Retires a question (never drawn again, history kept) or brings it back. */
export async function setQuestionStatus(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	questionId: string,
	status: 'active' | 'retired'
): Promise<{ ok: true } | BankRefusal | { ok: false; reason: 'blueprint_short'; shortfall: BlueprintShortfall }> {
	const now = ctx.clock.now();
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	return ctx.db
		.transaction()
		.execute(async (trx) => {
			await lockRow(trx, 'question_bank', bankId);
			// Retiring the last question a round not yet closed can draw would leave it unable to draw,
			// as the bulk actions already refuse (blueprint-guard.ts).
			const before = status === 'retired' ? await findShortfalls(trx, [bankId], now) : null;
			const updated = await updateQuestionStatus(trx, bankId, questionId, status, now);
			if (!updated) return { ok: false, reason: 'not_found' } as const;
			const broken = before && newShortfall(before, await findShortfalls(trx, [bankId], now));
			if (broken) throw new RetireRefused(broken);
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: status === 'retired' ? 'question.retire' : 'question.restore',
					entity: 'question',
					entityId: questionId,
					summary: status === 'retired' ? 'Ngừng sử dụng câu hỏi' : 'Dùng lại câu hỏi'
				},
				now
			);
			return { ok: true } as const;
		})
		.catch((error: unknown) => {
			if (error instanceof RetireRefused) {
				return { ok: false, reason: 'blueprint_short', shortfall: error.shortfall } as const;
			}
			throw error;
		});
}

/** Rolls back a retirement or an edit that would leave a round short of questions. */
class RetireRefused extends Error {
	constructor(readonly shortfall: BlueprintShortfall) {
		super('retire refused');
	}
}

/**
 * Writes a whole validated import in one transaction: topics are matched by name (diacritics
 * and case ignored) and created when new. Either every question lands or none does.
 */
export async function importIntoBank(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	questions: ImportedQuestion[],
	source: string
): Promise<{ ok: true; created: number; topicsCreated: string[] } | BankRefusal> {
	const now = ctx.clock.now();
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	return ctx.db.transaction().execute(async (trx) => {
		// topics found by name and positions read, then written: one writer of the bank at a time
		await lockRow(trx, 'question_bank', bankId);
		const { topicFor, topicsCreated } = await topicResolver(trx, bankId);
		const questionRows = [];
		const versionRows = [];
		const firstPosition = await nextPosition(trx, bankId);
		for (const [index, q] of questions.entries()) {
			const id = newId();
			const versionId = newId();
			const image = q.image?.media ? { media: q.image.media, alt: q.image.alt } : null;
			const options = q.options.map((o) => ({
				text: o.text,
				correct: o.correct,
				...(o.image?.media ? { image: { media: o.image.media, alt: o.image.alt } } : {})
			}));
			const draft = { ...q, options, legalReference: q.legalReference || null, image };
			questionRows.push({
				id,
				bank_id: bankId,
				topic_id: await topicFor(q.topic),
				type: q.type,
				difficulty: q.difficulty,
				status: 'active' as const,
				current_version_id: versionId,
				created_at: now,
				search_text: questionSearchText(draft),
				tags_text: tagsText(q.tags),
				updated_at: now,
				position: firstPosition + index
			});
			versionRows.push({
				id: versionId,
				question_id: id,
				version: 1,
				type: q.type,
				text: q.text,
				options_json: JSON.stringify(keyOptions(options)),
				explanation: q.explanation,
				legal_reference: draft.legalReference,
				tags_json: JSON.stringify(q.tags),
				created_at: now,
				image_media_id: image?.media ?? null,
				image_alt: image?.alt ?? null,
				settings_json: settingsToJson(q.settings)
			});
		}
		// Batches keep each statement under SQLite's bound-parameter limit.
		for (let i = 0; i < questionRows.length; i += 500) {
			await insertQuestions(trx, questionRows.slice(i, i + 500));
			await insertVersions(trx, versionRows.slice(i, i + 500));
		}
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'question.import',
				entity: 'question_bank',
				entityId: bankId,
				summary: `Nhập ${questions.length} câu hỏi từ ${source}`,
				detail: { source, count: questions.length, topicsCreated }
			},
			now
		);
		return { ok: true, created: questions.length, topicsCreated } as const;
	});
}

/** The bank's active questions in the import shape, with the key, for the Excel and GIFT exports. */
export async function exportBank(
	ctx: AppContext,
	actor: Actor,
	bankId: string
): Promise<{ ok: true; bank: { id: string; name: string }; questions: ImportedQuestion[] } | BankRefusal> {
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	const rows = await listExportRows(ctx.db, bankId);
	const questions = rows.map((r) => ({
		topic: r.topic,
		type: r.type as QuestionType,
		difficulty: r.difficulty as Difficulty,
		text: r.text,
		options: (JSON.parse(r.options_json) as OptionDef[]).map((o) => ({
			text: o.text,
			correct: o.correct,
			...(o.image ? { image: { name: `${o.image.media.slice(0, 16)}.png`, ...o.image, line: 0 } } : {})
		})),
		explanation: r.explanation,
		legalReference: r.legal_reference ?? '',
		tags: JSON.parse(r.tags_json) as string[],
		...(r.settings_json ? { settings: settingsFromJson(r.settings_json) } : {}),
		...(r.image_media_id
			? {
					image: {
						name: `${r.image_media_id.slice(0, 16)}.png`,
						alt: r.image_alt ?? '',
						media: r.image_media_id,
						line: 0
					}
				}
			: {})
	}));
	return { ok: true, bank: access.bank, questions };
}

export { findBank, findQuestion, listTopics };

/**
 * Finds a bank's topics by name (diacritics and case ignored), creating those it lacks; the caller
 * holds the bank's lock. `topicsCreated` lists the names created so far.
 */
export async function topicResolver(trx: Db, bankId: string) {
	const topics = await listTopics(trx, bankId);
	const byName = new Map(topics.map((t) => [foldVietnamese(t.name), t.id]));
	const topicsCreated: string[] = [];
	let position = topics.length;
	const topicFor = async (name: string): Promise<string> => {
		const label = name.trim() || 'Chung';
		const key = foldVietnamese(label);
		const known = byName.get(key);
		if (known) return known;
		const id = newId();
		position += 1;
		await insertTopics(trx, [
			{ id, bank_id: bankId, parent_id: null, code: `t${position}-${id.slice(0, 6)}`, name: label, position }
		]);
		byName.set(key, id);
		topicsCreated.push(label);
		return id;
	};
	return { topicFor, topicsCreated };
}

/** A question's versions, newest first, for its history. */
export function listQuestionHistory(ctx: AppContext, questionId: string) {
	return listVersions(ctx.db, questionId);
}

export type TopicResult = { ok: true } | { ok: false; reason: 'topic_exists' | 'not_found' | 'forbidden' };

/** Adds a topic to a bank, optionally under another one (the topic tree). */
export async function addTopic(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	name: string,
	parentId: string | null
): Promise<TopicResult> {
	const now = ctx.clock.now();
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	return ctx.db.transaction().execute(async (trx) => {
		// a topic's name is unique in its bank, checked by reading them all: one writer at a time
		await lockRow(trx, 'question_bank', bankId);
		const topics = await listTopics(trx, bankId);
		if (topics.some((t) => foldVietnamese(t.name) === foldVietnamese(name))) {
			return { ok: false, reason: 'topic_exists' } as const;
		}
		if (parentId && !topics.some((t) => t.id === parentId)) return { ok: false, reason: 'not_found' } as const;
		const id = newId();
		await insertTopics(trx, [
			{
				id,
				bank_id: bankId,
				parent_id: parentId,
				code: `t${topics.length + 1}-${id.slice(0, 6)}`,
				name,
				position: topics.length + 1
			}
		]);
		await recordAudit(
			trx,
			{ actorId: actor.id, action: 'topic.create', entity: 'topic', entityId: id, summary: `Thêm chủ đề "${name}"` },
			now
		);
		return { ok: true } as const;
	});
}

export async function renameTopic(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	topicId: string,
	name: string
): Promise<TopicResult> {
	const now = ctx.clock.now();
	const refused = await refusal(ctx.db, actor, bankId);
	if (refused) return refused;
	return ctx.db.transaction().execute(async (trx) => {
		// a topic's name is unique in its bank, checked by reading them all: one writer at a time
		await lockRow(trx, 'question_bank', bankId);
		const topics = await listTopics(trx, bankId);
		if (!topics.some((t) => t.id === topicId)) return { ok: false, reason: 'not_found' } as const;
		if (topics.some((t) => t.id !== topicId && foldVietnamese(t.name) === foldVietnamese(name))) {
			return { ok: false, reason: 'topic_exists' } as const;
		}
		await renameTopicRow(trx, topicId, name);
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'topic.rename',
				entity: 'topic',
				entityId: topicId,
				summary: `Đổi tên chủ đề thành "${name}"`
			},
			now
		);
		return { ok: true } as const;
	});
}
