import { error, fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import {
	contestFormSchema,
	contestStatusSchema as statusSchema,
	previewAttemptSchema as previewSchema
} from '$lib/schemas/contest';
import { setContestStatus, startPreviewAttempt, updateContest } from '$lib/server/contests/contest-admin.service';
import { contestFormValues } from '$lib/server/contests/contest-form';
import { getContestEditorPage } from '$lib/server/contests/contest-studio.service';
import { setBanner } from '$lib/server/contests/banner';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// a layout's load is no guard for a page's data request: check the grant here too
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getContestEditorPage(locals.app, params.contestId);
	if (!page) error(404, 'not_found');
	// after the round editor's save (see dot-thi/[roundId]): which round to confirm
	const savedRoundId = url.searchParams.has('da-luu') ? url.searchParams.get('dot') : null;
	// what the season's forms redirect here with: how many weeks were created, or a fresh copy
	const weeksCreated = Number(url.searchParams.get('tuan'));
	return {
		...page,
		savedRoundId,
		weeksCreated: Number.isInteger(weeksCreated) && weeksCreated > 0 ? weeksCreated : 0,
		duplicated: url.searchParams.has('nhan-ban')
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = contestFormValues(await request.formData());
		const parsed = contestFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await updateContest(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) {
			const field =
				result.reason === 'slug_taken' ? 'slug' : result.reason === 'root_unit_unknown' ? 'rootUnitId' : 'groups';
			return fail(400, { values, errors: { [field]: `error.${result.reason}` } as Record<string, string> });
		}
		return { saved: true };
	},
	banner: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const form = await request.formData();
		const file = form.get('banner');
		const remove = form.get('remove') === '1';
		const bytes = remove
			? null
			: file instanceof File && file.size > 0
				? new Uint8Array(await file.arrayBuffer())
				: undefined;
		if (bytes === undefined) return fail(400, { bannerError: 'error.banner_type' });
		const result = await setBanner(locals.app, actor, params.contestId, bytes);
		if (!result.ok) return fail(400, { bannerError: `error.${result.reason}` });
		return { bannerSaved: true };
	},
	status: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = statusSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { statusError: 'error.invalid' });
		await setContestStatus(locals.app, actor, params.contestId, parsed.data.status);
		return { statusChanged: parsed.data.status };
	},
	preview: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = previewSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { previewError: 'error.invalid' });
		const result = await startPreviewAttempt(locals.app, actor, parsed.data.roundId, parsed.data.groupId);
		if (!result.ok) return fail(409, { previewError: `error.${result.reason}` });
		redirect(303, `/lam-bai/${result.attemptId}`);
	}
};
