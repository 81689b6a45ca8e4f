import { error, fail } from '@sveltejs/kit';
import { topicAddSchema as addSchema, topicRenameSchema as renameSchema } from '$lib/schemas/bank';
import { bankQuerySchema } from '$lib/schemas/question';
import { addTopic, findBank, listTopics, renameTopic, searchBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const bank = await findBank(locals.app.db, params.bankId);
	if (!bank) error(404, 'not_found');
	const query = bankQuerySchema.parse(Object.fromEntries(url.searchParams));
	const [topics, result] = await Promise.all([
		listTopics(locals.app.db, bank.id),
		searchBank(locals.app, bank.id, { ...query, topicId: query.topic })
	]);
	return {
		bank,
		topics: topics.map((t) => ({
			id: t.id,
			name: t.name,
			parentId: t.parentId,
			questionCount: Number(t.questionCount)
		})),
		query,
		result
	};
};

export const actions: Actions = {
	addTopic: async ({ locals, params, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = addSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { topicError: parsed.error.issues[0].message, topicId: '' });
		const result = await addTopic(locals.app, actor, params.bankId, parsed.data.name, parsed.data.parentId || null);
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
		if (!result.ok) return fail(400, { topicError: `error.${result.reason}`, topicId });
		return { topicSaved: true };
	}
};
