import { error } from '@sveltejs/kit';
import { duplicateContestSchema } from '$lib/schemas/season';
import { getDuplicateContestPage } from '$lib/server/contests/contest-studio.service';
import { duplicateContest } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { seasonFormAction } from '../season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getDuplicateContestPage(locals.app, params.contestId);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		return seasonFormAction(
			request,
			duplicateContestSchema,
			(data) => duplicateContest(locals.app, actor, params.contestId, data),
			(r) => `/studio/cuoc-thi/${r.contestId}?nhan-ban=1`
		);
	}
};
