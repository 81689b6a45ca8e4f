import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { roundFormInput, roundFormSchema } from '$lib/schemas/contest';
import { seriesWeeksSchema } from '$lib/schemas/season';
import { saveRound } from '$lib/server/contests/contest-admin.service';
import { loadRoundEditor } from '$lib/server/contests/round-editor';
import { createRoundSeries } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { seasonFailure } from '../../season-form';
import type { Actions, PageServerLoad } from './$types';

const NEW = 'moi';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// a layout's load is no guard for a page's data request: check the grant here too
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const editor = await loadRoundEditor(
		locals.app,
		actor,
		params.contestId,
		params.roundId === NEW ? null : params.roundId,
		url.searchParams.get('bank')
	);
	if (!editor) error(404, 'not_found');
	return { ...editor, contestId: params.contestId };
};

export const actions: Actions = {
	default: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const form = await request.formData();
		const groupIds = form.getAll('groupIds').map(String);
		const topicIds = form.getAll('topicIds').map(String);
		const input = roundFormInput(form, groupIds, topicIds);
		const parsed = roundFormSchema.safeParse(input);
		const raw = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
		if (!parsed.success) return fail(400, { raw, errors: fieldErrors(parsed.error), problems: [] });
		if (params.roundId === NEW) {
			const weeks = seriesWeeksSchema.safeParse(form.get('weeks'));
			if (!weeks.success) return fail(400, { raw, errors: { weeks: 'error.season_weeks' }, problems: [] });
			if (weeks.data > 1) {
				const series = await createRoundSeries(locals.app, actor, params.contestId, parsed.data, weeks.data);
				if (!series.ok) return fail(400, { raw, ...seasonFailure(series) });
				redirect(303, `/studio/cuoc-thi/${params.contestId}?tuan=${series.roundIds.length}`);
			}
		}
		const result = await saveRound(
			locals.app,
			actor,
			params.contestId,
			params.roundId === NEW ? null : params.roundId,
			parsed.data
		);
		if (!result.ok) return fail(400, { raw, errors: {} as Record<string, string>, problems: result.problems });
		// the contest page confirms the save by the round's name (da-luu: "saved")
		redirect(303, `/studio/cuoc-thi/${params.contestId}?dot=${result.roundId}&da-luu=1`);
	}
};
