import { fail } from '@sveltejs/kit';
import {
	bankShareSchema as shareSchema,
	topicAddSchema as addSchema,
	topicRenameSchema as renameSchema
} from '$lib/schemas/bank';
import { bankQuerySchema } from '$lib/schemas/question';
import { bankRefused, requireBank } from '$lib/server/contests/studio-guard';
import { getBankSharing, shareBank } from '$lib/server/questions/bank-access';
import { addTopic, listTopics, renameTopic, searchBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { actor, bank } = await requireBank(locals.app, locals.user, url, params.bankId);
	const query = bankQuerySchema.parse(Object.fromEntries(url.searchParams));
	const [topics, result, sharing] = await Promise.all([
		listTopics(locals.app.db, bank.id),
		searchBank(locals.app, actor, bank.id, { ...query, topicId: query.topic }),
		getBankSharing(locals.app, actor, bank.id)
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
		shareable: sharing.shareable
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
	share: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = shareSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { shareError: parsed.error.issues[0].message });
		const result = await shareBank(locals.app, actor, params.bankId, parsed.data.contestId);
		if (!result.ok) bankRefused(result.reason);
		return { shared: true };
	}
};
