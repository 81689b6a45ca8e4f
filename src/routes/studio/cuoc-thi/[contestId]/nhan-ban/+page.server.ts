import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { duplicateContestSchema } from '$lib/schemas/season';
import { getDuplicateContestPage } from '$lib/server/contests/contest-studio.service';
import { duplicateContest } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { seasonFailure } from '../season-failure';
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
		const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
		const parsed = duplicateContestSchema.safeParse({
			title: values.title ?? '',
			slug: values.slug ?? '',
			startDate: values.startDate ?? '',
			shiftDays: values.shiftDays ?? ''
		});
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error), problems: [] });
		const result = await duplicateContest(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) return fail(400, { values, ...seasonFailure(result) });
		redirect(303, `/studio/cuoc-thi/${result.contestId}?nhan-ban=1`);
	}
};
