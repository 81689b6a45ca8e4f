import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { loadContestStandingPage } from '$lib/server/results/contest-standing-page';
import type { PageServerLoad } from './$types';

// The whole contest's standing over its closed rounds, per group.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await loadContestStandingPage(locals.app, params.contestId, {
		groupId: url.searchParams.get('nhom'),
		page: Math.max(1, Number(url.searchParams.get('trang') ?? '1') || 1)
	});
	if (!page) error(404, 'not_found');
	return page;
};
