import { requireBank } from '$lib/server/contests/studio-guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { bank } = await requireBank(locals.app, locals.user, url, params.bankId);
	return { bank };
};
