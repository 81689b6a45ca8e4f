import { fail } from '@sveltejs/kit';
import {
	bankShareSchema as shareSchema,
	bulkOperationSchema,
	bulkSelectionSchema,
	topicAddSchema as addSchema,
	topicMergeSchema as mergeSchema,
	topicRenameSchema as renameSchema
} from '$lib/schemas/bank';
import { bankQuerySchema } from '$lib/schemas/question';
import { bankRefused, requireBank } from '$lib/server/contests/studio-guard';
import { getBankSharing, listBanksFor, shareBank } from '$lib/server/questions/bank-access';
import { findUndoableAction, runBulkAction, undoLastBulkAction } from '$lib/server/questions/bulk.service';
import { addTopic, listTopics, renameTopic, searchBank } from '$lib/server/questions/question.service';
import { mergeTopics } from '$lib/server/questions/topic-merge.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, bank } = await requireBank(locals.app, locals.user, url, params.bankId);
	const query = bankQuerySchema.parse(Object.fromEntries(url.searchParams));
	const [topics, result, sharing, banks, undoable] = await Promise.all([
		listTopics(locals.app.db, bank.id),
		searchBank(locals.app, actor, bank.id, { ...query, topicId: query.topic }),
		getBankSharing(locals.app, actor, bank.id),
		listBanksFor(locals.app.db, actor),
		findUndoableAction(locals.app, actor.id, bank.id)
	]);
	if (!result.ok) bankRefused(result.reason);
	return {
		bank,
		topics: topics.map((t) => ({
			id: t.id,
			name: t.name,
			parentId: t.parentId,
			questionCount: Number(t.questionCount)
		})),
		query,
		result,
		contests: sharing.contests,
		shareable: sharing.shareable,
		otherBanks: banks.filter((b) => b.id !== bank.id).map((b) => ({ id: b.id, name: b.name })),
		undoable
	};
};

export const actions: Actions = {
	addTopic: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = addSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { topicError: parsed.error.issues[0].message, topicId: '' });
		const result = await addTopic(locals.app, actor, params.bankId, parsed.data.name, parsed.data.parentId || null);
		if (!result.ok && result.reason === 'forbidden') bankRefused(result.reason);
		if (!result.ok) return fail(400, { topicError: `error.${result.reason}`, topicId: '' });
		return { topicSaved: true };
	},
	renameTopic: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const form = Object.fromEntries(await request.formData());
		const parsed = renameSchema.safeParse(form);
		const topicId = String(form.topicId ?? '');
		if (!parsed.success) return fail(400, { topicError: parsed.error.issues[0].message, topicId });
		const result = await renameTopic(locals.app, actor, params.bankId, parsed.data.topicId, parsed.data.name);
		if (!result.ok && result.reason === 'forbidden') bankRefused(result.reason);
		if (!result.ok) return fail(400, { topicError: `error.${result.reason}`, topicId });
		return { topicSaved: true };
	},
	bulk: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const form = await request.formData();
		const fields = Object.fromEntries(form);
		// What the organizer chose, handed back with a refusal so that the form keeps it.
		const text = (name: string): string => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
		const bulkForm = {
			scope: text('scope'),
			action: text('action'),
			topicId: text('topicId'),
			difficulty: text('difficulty'),
			tag: text('tag'),
			bankId: text('bankId'),
			ids: form.getAll('ids').filter((id): id is string => typeof id === 'string')
		};
		const selection = bulkSelectionSchema.safeParse({ ...fields, ids: form.getAll('ids') });
		const operation = bulkOperationSchema.safeParse(fields);
		if (!selection.success || !operation.success) {
			const issue = (operation.error ?? selection.error)!.issues[0];
			return fail(400, { bulkError: issue.message.startsWith('error.') ? issue.message : 'error.invalid', bulkForm });
		}
		const { scope, ids, filter } = selection.data;
		if (scope === 'ticked' && ids.length === 0) return fail(400, { bulkError: 'error.nothing_selected', bulkForm });
		const query = bankQuerySchema.parse(Object.fromEntries(new URLSearchParams(filter)));
		const result = await runBulkAction(
			locals.app,
			actor,
			params.bankId,
			scope === 'all' ? { query: { ...query, topicId: query.topic } } : { ids },
			operation.data
		);
		if (!result.ok && (result.reason === 'forbidden' || result.reason === 'not_found')) bankRefused(result.reason);
		if (!result.ok) {
			return fail(400, {
				bulkError: `error.${result.reason}`,
				shortfall: 'shortfall' in result ? result.shortfall : null,
				bulkForm
			});
		}
		return { bulkDone: result.count };
	},
	undo: async ({ locals, params, url }) => {
		const actor = requireStaff(locals.user, url);
		const result = await undoLastBulkAction(locals.app, actor, params.bankId);
		if (!result.ok && (result.reason === 'forbidden' || result.reason === 'not_found')) bankRefused(result.reason);
		if (!result.ok) {
			return fail(409, {
				bulkError: `error.${result.reason}`,
				changed: 'count' in result ? result.count : 0,
				shortfall: 'shortfall' in result ? result.shortfall : null
			});
		}
		return { undone: result.count };
	},
	mergeTopics: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const form = await request.formData();
		const parsed = mergeSchema.safeParse({ sources: form.getAll('sources'), targetId: form.get('targetId') ?? '' });
		const targetId = form.get('targetId');
		const mergeForm = {
			targetId: typeof targetId === 'string' ? targetId : '',
			sources: form.getAll('sources').filter((id): id is string => typeof id === 'string')
		};
		if (!parsed.success) return fail(400, { mergeError: parsed.error.issues[0].message, mergeRound: '', mergeForm });
		const result = await mergeTopics(locals.app, actor, params.bankId, parsed.data.sources, parsed.data.targetId);
		if (!result.ok && (result.reason === 'forbidden' || result.reason === 'not_found')) bankRefused(result.reason);
		if (!result.ok) {
			return fail(400, {
				mergeError: `error.${result.reason}`,
				mergeRound: 'round' in result ? result.round : '',
				mergeForm
			});
		}
		return { merged: result.moved };
	},
	share: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = shareSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { shareError: parsed.error.issues[0].message });
		const result = await shareBank(locals.app, actor, params.bankId, parsed.data.contestId);
		if (!result.ok) bankRefused(result.reason);
		return { shared: true };
	}
};
