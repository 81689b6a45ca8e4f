/**
 * Bulk actions on a bank's questions (retire, restore, topic, difficulty, tags, move, copy), each
 * in one transaction with one audit row, and the undo of the last one. An action keeps, per
 * question, the fields it wrote before and after; the undo writes the "before" back only while
 * every question still holds its "after", so it never overwrites a later change.
 */
import { keyOptions, questionSearchText, tagsText } from '../../domain/questions';
import { foldVietnamese } from '../../domain/text';
import type { Difficulty, OptionDef } from '../../domain/types';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Db } from '../db/database';
import { lockRow } from '../db/locks';
import { newId } from '../ids';
import { openBank, type BankRefusal } from './bank-access';
import { findShortfalls, newShortfall, type BlueprintShortfall } from './blueprint-guard';
import {
	countVersionsInUse,
	deleteQuestions,
	deleteVersions,
	findLastBulkAction,
	replaceBulkAction,
	listCurrentContents,
	listQuestionStates,
	listTakenPositions,
	listVersionIds,
	markBulkActionUndone,
	updateQuestions,
	type QuestionState
} from './bulk.repository';
import {
	findBankTopic,
	insertQuestions,
	insertVersions,
	listFilteredIds,
	nextPosition,
	topicNamesOfBank
} from './question.repository';
import { bankFilter, topicResolver, type Actor, type BankQuery } from './question.service';

export type BulkOperation =
	| { kind: 'retire' | 'restore' }
	| { kind: 'topic'; topicId: string }
	| { kind: 'difficulty'; difficulty: Difficulty }
	| { kind: 'tag_add' | 'tag_remove'; tag: string }
	| { kind: 'move' | 'copy'; bankId: string };

/** Questions ticked on the page, or every question the bank page's filter matches (read again here). */
export type BulkSelection = { ids: string[] } | { query: Omit<BankQuery, 'page'> };

export type BulkRefusal =
	| BankRefusal
	| { ok: false; reason: 'nothing_selected' | 'same_bank' }
	| { ok: false; reason: 'blueprint_short'; shortfall: BlueprintShortfall };

export type BulkResult = { ok: true; count: number } | BulkRefusal;

/** One question's fields before and after an action; `from` is null for a question the action created. */
interface Change {
	from: QuestionState | null;
	to: QuestionState;
}

/** A change of an existing question. */
interface Edit {
	from: QuestionState;
	to: QuestionState;
}

/** Thrown inside a transaction to roll it back; turned into a value outside. */
class Rollback extends Error {
	constructor(readonly result: BulkRefusal | UndoRefusal) {
		super('rollback');
	}
}

const SUMMARY: Record<BulkOperation['kind'], string> = {
	retire: 'Ngừng sử dụng',
	restore: 'Dùng lại',
	topic: 'Chuyển chủ đề',
	difficulty: 'Đặt mức độ',
	tag_add: 'Thêm thẻ',
	tag_remove: 'Bỏ thẻ',
	move: 'Chuyển sang ngân hàng khác',
	copy: 'Sao chép sang ngân hàng khác'
};

export async function runBulkAction(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	selection: BulkSelection,
	operation: BulkOperation
): Promise<BulkResult> {
	const now = ctx.clock.now();
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	let target: { id: string; name: string } | null = null;
	if (operation.kind === 'move' || operation.kind === 'copy') {
		if (operation.bankId === bankId) return { ok: false, reason: 'same_bank' };
		const other = await openBank(ctx.db, actor, operation.bankId);
		if (!other.ok) return other;
		target = other.bank;
	}
	const banks = target ? [bankId, target.id] : [bankId];
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			// both banks' writers one at a time, always locked in the same order
			for (const id of [...banks].sort()) await lockRow(trx, 'question_bank', id);
			const ids = 'ids' in selection ? selection.ids : await listFilteredIds(trx, bankId, bankFilter(selection.query));
			const states = await listQuestionStates(trx, ids, bankId);
			if (states.length === 0) return { ok: false, reason: 'nothing_selected' } as const;
			if (operation.kind === 'topic' && !(await findBankTopic(trx, bankId, operation.topicId))) {
				return { ok: false, reason: 'not_found' } as const;
			}
			const shortBefore = await findShortfalls(trx, banks, now);
			const changes = await applyOperation(trx, operation, states, target?.id ?? null, now);
			if (changes.length === 0) return { ok: true, count: 0 } as const;
			const broken = newShortfall(shortBefore, await findShortfalls(trx, banks, now));
			if (broken) throw new Rollback({ ok: false, reason: 'blueprint_short', shortfall: broken });
			await replaceBulkAction(trx, {
				id: newId(),
				bank_id: bankId,
				user_id: actor.id,
				kind: operation.kind,
				count: changes.length,
				target_bank_id: target?.id ?? null,
				snapshot_json: JSON.stringify(changes),
				created_at: now,
				undone_at: null
			});
			const detail = 'tag' in operation ? `"${operation.tag}"` : target ? `"${target.name}"` : '';
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: `question.bulk_${operation.kind}`,
					entity: 'question_bank',
					entityId: bankId,
					summary: `${SUMMARY[operation.kind]} ${detail ? `${detail} ` : ''}cho ${changes.length} câu hỏi`,
					detail: { ...operation, count: changes.length }
				},
				now
			);
			return { ok: true, count: changes.length } as const;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.result as BulkRefusal;
		throw error;
	}
}

async function applyOperation(
	trx: Db,
	operation: BulkOperation,
	states: QuestionState[],
	targetBankId: string | null,
	now: number
): Promise<Change[]> {
	const set = <K extends keyof QuestionState>(key: K, value: QuestionState[K]): Edit[] =>
		states.filter((s) => s[key] !== value).map((s) => ({ from: s, to: { ...s, [key]: value } }));
	let changes: Edit[];
	switch (operation.kind) {
		case 'retire':
		case 'restore':
			changes = set('status', operation.kind === 'retire' ? 'retired' : 'active');
			break;
		case 'topic':
			changes = set('topic_id', operation.topicId);
			break;
		case 'difficulty':
			changes = set('difficulty', operation.difficulty);
			break;
		case 'tag_add':
		case 'tag_remove':
			return retag(trx, states, operation.kind === 'tag_add', operation.tag, now);
		case 'move':
			changes = await moveStates(trx, states, targetBankId!);
			break;
		case 'copy':
			return copyQuestions(trx, states, targetBankId!, now);
	}
	await writeChanges(trx, changes, now);
	return changes;
}

/** The fields that differ between two states of a question, with their values in `to`. */
function patchOf(from: QuestionState, to: QuestionState): Partial<QuestionState> {
	const patch: Partial<QuestionState> = {};
	for (const key of Object.keys(to) as (keyof QuestionState)[]) {
		if (key !== 'id' && String(from[key]) !== String(to[key])) Object.assign(patch, { [key]: to[key] });
	}
	return patch;
}

/** Writes each change, one statement per distinct patch (a status change of 5,000 questions is one). */
async function writeChanges(trx: Db, changes: readonly Edit[], now: number): Promise<void> {
	const byPatch = new Map<string, { patch: Partial<QuestionState>; ids: string[] }>();
	for (const c of changes) {
		const patch = patchOf(c.from, c.to);
		const key = JSON.stringify(patch);
		const entry = byPatch.get(key) ?? { patch, ids: [] };
		entry.ids.push(c.to.id);
		byPatch.set(key, entry);
	}
	for (const { patch, ids } of byPatch.values()) await updateQuestions(trx, ids, { ...patch, updated_at: now });
}

/** A new version with the tag added or removed, for each question whose tags it changes. */
async function retag(trx: Db, states: QuestionState[], add: boolean, tag: string, now: number): Promise<Change[]> {
	const key = foldVietnamese(tag);
	const byId = new Map(states.map((s) => [s.id, s]));
	const changes: Edit[] = [];
	const rows = [];
	for (const c of await listCurrentContents(trx, [...byId.keys()])) {
		const tags = JSON.parse(c.tags_json) as string[];
		const has = tags.some((t) => foldVietnamese(t) === key);
		if (has === add) continue;
		const nextTags = add ? [...tags, tag] : tags.filter((t) => foldVietnamese(t) !== key);
		const { id: questionId, version, ...content } = c;
		const versionId = newId();
		rows.push({
			...content,
			id: versionId,
			question_id: questionId,
			version: version + 1,
			tags_json: JSON.stringify(nextTags),
			created_at: now
		});
		const from = byId.get(questionId)!;
		const searchable = {
			text: c.text,
			options: JSON.parse(c.options_json) as OptionDef[],
			explanation: c.explanation,
			legalReference: c.legal_reference,
			tags: nextTags,
			image: c.image_media_id ? { media: c.image_media_id, alt: c.image_alt ?? '' } : null
		};
		changes.push({
			from,
			to: {
				...from,
				current_version_id: versionId,
				tags_text: tagsText(nextTags),
				search_text: questionSearchText(searchable)
			}
		});
	}
	for (let i = 0; i < rows.length; i += 500) await insertVersions(trx, rows.slice(i, i + 500));
	await writeChanges(trx, changes, now);
	return changes;
}

/** Each question into the topic of the same name in the target bank (created when missing), at its end. */
async function moveStates(trx: Db, states: QuestionState[], targetBankId: string): Promise<Edit[]> {
	const place = await targetPlacer(trx, states[0].bank_id, targetBankId);
	const changes: Edit[] = [];
	for (const s of states) {
		const { topicId, position } = await place(s.topic_id);
		changes.push({ from: s, to: { ...s, bank_id: targetBankId, topic_id: topicId, position } });
	}
	return changes;
}

async function targetPlacer(trx: Db, sourceBankId: string, targetBankId: string) {
	const names = await topicNamesOfBank(trx, sourceBankId);
	const { topicFor } = await topicResolver(trx, targetBankId);
	let position = await nextPosition(trx, targetBankId);
	return async (topicId: string) => ({ topicId: await topicFor(names.get(topicId) ?? ''), position: position++ });
}

/** New questions in the target bank with the same content at version 1; the originals stay. */
async function copyQuestions(trx: Db, states: QuestionState[], targetBankId: string, now: number): Promise<Change[]> {
	const place = await targetPlacer(trx, states[0].bank_id, targetBankId);
	const contents = new Map(
		(
			await listCurrentContents(
				trx,
				states.map((s) => s.id)
			)
		).map((c) => [c.id, c])
	);
	const changes: Change[] = [];
	const questions = [];
	const versions = [];
	for (const s of states) {
		const c = contents.get(s.id);
		if (!c) continue;
		const { topicId, position } = await place(s.topic_id);
		const id = newId();
		const versionId = newId();
		const to: QuestionState = {
			...s,
			id,
			bank_id: targetBankId,
			topic_id: topicId,
			position,
			current_version_id: versionId
		};
		questions.push({ ...to, type: c.type, created_at: now, updated_at: now });
		versions.push({
			id: versionId,
			question_id: id,
			version: 1,
			type: c.type,
			text: c.text,
			options_json: JSON.stringify(keyOptions(JSON.parse(c.options_json) as OptionDef[])),
			explanation: c.explanation,
			legal_reference: c.legal_reference,
			tags_json: c.tags_json,
			image_media_id: c.image_media_id,
			image_alt: c.image_alt,
			audio_media_id: c.audio_media_id,
			settings_json: c.settings_json,
			created_at: now
		});
		changes.push({ from: null, to });
	}
	for (let i = 0; i < questions.length; i += 200) {
		await insertQuestions(trx, questions.slice(i, i + 200));
		await insertVersions(trx, versions.slice(i, i + 200));
	}
	return changes;
}

export type UndoRefusal =
	| BankRefusal
	| { ok: false; reason: 'nothing_to_undo' }
	| { ok: false; reason: 'bulk_changed_since'; count: number }
	| { ok: false; reason: 'bulk_used_since' }
	| { ok: false; reason: 'blueprint_short'; shortfall: BlueprintShortfall };

export type UndoResult = { ok: true; count: number; kind: string } | UndoRefusal;

/** The actor's last bulk action on the bank, if any and not undone: what the "Hoàn tác" button offers. */
export async function findUndoableAction(ctx: AppContext, actorId: string, bankId: string) {
	const last = await findLastBulkAction(ctx.db, bankId, actorId);
	return last && last.undone_at === null ? { kind: last.kind, count: last.count, at: Number(last.created_at) } : null;
}

/**
 * Undoes the actor's last bulk action on the bank: refused when any question it touched changed
 * since, or when a version it made (a tag change, a copy) has since been shown in an attempt.
 */
export async function undoLastBulkAction(ctx: AppContext, actor: Actor, bankId: string): Promise<UndoResult> {
	const now = ctx.clock.now();
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			await lockRow(trx, 'question_bank', bankId);
			const last = await findLastBulkAction(trx, bankId, actor.id);
			if (!last || last.undone_at !== null) return { ok: false, reason: 'nothing_to_undo' } as const;
			if (last.target_bank_id) await lockRow(trx, 'question_bank', last.target_bank_id);
			const changes = JSON.parse(last.snapshot_json) as Change[];
			const current = new Map(
				(
					await listQuestionStates(
						trx,
						changes.map((c) => c.to.id)
					)
				).map((s) => [s.id, s])
			);
			const changed = changes.filter((c) => {
				const held = current.get(c.to.id);
				return !held || Object.keys(patchOf(held, c.to)).length > 0;
			}).length;
			if (changed > 0) return { ok: false, reason: 'bulk_changed_since', count: changed } as const;
			const created = changes.filter((c) => c.from === null).map((c) => c.to.id);
			const restored = changes.flatMap((c) => (c.from ? [{ from: c.to, to: c.from }] : []));
			const newVersions = restored.flatMap((c) =>
				c.from.current_version_id && c.from.current_version_id !== c.to.current_version_id
					? [c.from.current_version_id]
					: []
			);
			const dropped = [...newVersions, ...(await listVersionIds(trx, created))];
			if ((await countVersionsInUse(trx, dropped)) > 0) return { ok: false, reason: 'bulk_used_since' } as const;
			const banks = [...new Set(changes.flatMap((c) => [c.to.bank_id, ...(c.from ? [c.from.bank_id] : [])]))];
			const shortBefore = await findShortfalls(trx, banks, now);
			await writeChanges(trx, await freePositions(trx, restored), now);
			await deleteVersions(trx, newVersions);
			await deleteQuestions(trx, created);
			const broken = newShortfall(shortBefore, await findShortfalls(trx, banks, now));
			if (broken) throw new Rollback({ ok: false, reason: 'blueprint_short', shortfall: broken });
			await markBulkActionUndone(trx, last.id, now);
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'question.bulk_undo',
					entity: 'question_bank',
					entityId: bankId,
					summary: `Hoàn tác "${SUMMARY[last.kind as BulkOperation['kind']] ?? last.kind}" cho ${changes.length} câu hỏi`,
					detail: { bulkActionId: last.id, kind: last.kind, count: changes.length }
				},
				now
			);
			return { ok: true, count: changes.length, kind: last.kind } as const;
		});
	} catch (error) {
		if (error instanceof Rollback) return error.result as UndoRefusal;
		throw error;
	}
}

/**
 * Questions moved back to a bank return to their old positions unless another question took one
 * since (a question added after the move); those go to the bank's end instead.
 */
async function freePositions(trx: Db, restored: Edit[]): Promise<Edit[]> {
	const returning = restored.filter((c) => c.from.bank_id !== c.to.bank_id);
	const byBank = new Map<string, typeof returning>();
	for (const c of returning) byBank.set(c.to.bank_id, [...(byBank.get(c.to.bank_id) ?? []), c]);
	for (const [bankId, list] of byBank) {
		const taken = await listTakenPositions(
			trx,
			bankId,
			list.map((c) => c.to.position)
		);
		let next = await nextPosition(trx, bankId);
		for (const c of list) if (taken.has(c.to.position)) c.to = { ...c.to, position: next++ };
	}
	return restored;
}
