import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { weeklyRoundsSchema } from '$lib/schemas/season';
import { getWeeklyRoundsPage } from '$lib/server/contests/contest-studio.service';
import { createWeeklyRounds } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { seasonFailure } from '../season-failure';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getWeeklyRoundsPage(locals.app, params.contestId);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
		const parsed = weeklyRoundsSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error), problems: [] });
		const result = await createWeeklyRounds(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) return fail(400, { values, ...seasonFailure(result) });
		redirect(303, `/studio/cuoc-thi/${params.contestId}?tuan=${result.roundIds.length}`);
	}
};
