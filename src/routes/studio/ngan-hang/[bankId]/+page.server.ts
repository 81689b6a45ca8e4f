import { error } from '@sveltejs/kit';
import { bankQuerySchema } from '$lib/schemas/question';
import { findBank, listTopics, searchBank } from '$lib/server/questions/question.service';
import type { PageServerLoad } from './$types';

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
		topics: topics.map((t) => ({ id: t.id, name: t.name, questionCount: Number(t.questionCount) })),
		query,
		result
	};
};
