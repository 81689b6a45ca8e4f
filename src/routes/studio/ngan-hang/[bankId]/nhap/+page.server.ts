import { error } from '@sveltejs/kit';
import { findBank } from '$lib/server/questions/question.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const bank = await findBank(locals.app.db, params.bankId);
	if (!bank) error(404, 'not_found');
	return { bank };
};
