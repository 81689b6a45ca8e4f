/**
 * Merging topics of a bank into one: their questions move, the blueprints that named them name the
 * one kept (lines that then coincide are added up), subtopics hang under it; one transaction, audited.
 */
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { lockRow } from '../db/locks';
import { openBank, type BankRefusal } from './bank-access';
import {
	deleteBlueprintLines,
	listBlueprintLinesOnTopics,
	moveTopicQuestions,
	replaceTopics,
	updateBlueprintLine
} from './bulk.repository';
import { listTopicNames } from './question.repository';
import type { Actor } from './question.service';

export type MergeTopicsResult =
	| { ok: true; moved: number }
	| BankRefusal
	| { ok: false; reason: 'merge_needs_topics' }
	| { ok: false; reason: 'merge_open_round'; round: string };

export async function mergeTopics(
	ctx: AppContext,
	actor: Actor,
	bankId: string,
	sourceIds: readonly string[],
	targetId: string
): Promise<MergeTopicsResult> {
	const now = ctx.clock.now();
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) return access;
	const sources = [...new Set(sourceIds)].filter((id) => id !== targetId);
	if (sources.length === 0) return { ok: false, reason: 'merge_needs_topics' };
	return ctx.db.transaction().execute(async (trx) => {
		await lockRow(trx, 'question_bank', bankId);
		const topics = new Map((await listTopicNames(trx, bankId)).map((t) => [t.id, t.name]));
		if (![targetId, ...sources].every((id) => topics.has(id))) return { ok: false, reason: 'not_found' } as const;
		const lines = await listBlueprintLinesOnTopics(trx, [targetId, ...sources]);
		const byKey = new Map<string, typeof lines>();
		for (const line of lines) {
			const key = `${line.roundId}|${line.groupId ?? ''}|${line.difficulty}`;
			byKey.set(key, [...(byKey.get(key) ?? []), line]);
		}
		for (const same of byKey.values()) {
			const open = Number(same[0].opensAt) <= now && now < Number(same[0].closesAt);
			// Adding up "2 of A and 3 of B" into "5 of A or B" would change how an open round draws.
			if (same.length > 1 && open) return { ok: false, reason: 'merge_open_round', round: same[0].roundName } as const;
		}
		for (const [first, ...rest] of byKey.values()) {
			const count = [first, ...rest].reduce((n, l) => n + l.count, 0);
			if (first.topicId !== targetId || rest.length) await updateBlueprintLine(trx, first.id, targetId, count);
			await deleteBlueprintLines(
				trx,
				rest.map((l) => l.id)
			);
		}
		const moved = await moveTopicQuestions(trx, sources, targetId, now);
		await replaceTopics(trx, sources, targetId);
		const names = sources.map((id) => `"${topics.get(id)}"`).join(', ');
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'topic.merge',
				entity: 'topic',
				entityId: targetId,
				summary: `Gộp chủ đề ${names} vào "${topics.get(targetId)}" (${moved} câu hỏi)`,
				detail: { bankId, sources, moved }
			},
			now
		);
		return { ok: true, moved } as const;
	});
}
