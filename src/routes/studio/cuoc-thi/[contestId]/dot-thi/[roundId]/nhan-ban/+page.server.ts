import { error } from '@sveltejs/kit';
import { duplicateRoundSchema } from '$lib/schemas/season';
import { getDuplicateRoundPage } from '$lib/server/contests/contest-studio.service';
import { duplicateRound } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { seasonFormAction } from '../../../season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getDuplicateRoundPage(locals.app, params.contestId, params.roundId);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		return seasonFormAction(
			request,
			duplicateRoundSchema,
			(data) => duplicateRound(locals.app, actor, params.contestId, params.roundId, data),
			(r) => `/studio/cuoc-thi/${params.contestId}/dot-thi/${r.roundId}?nhan-ban=1`
		);
	}
};
