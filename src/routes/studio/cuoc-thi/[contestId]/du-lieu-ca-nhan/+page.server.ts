import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { carryOutSchema, declineSchema, purgeSchema, retentionSettingsSchema } from '$lib/schemas/privacy';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { carryOutDeletion, declineDeletion } from '$lib/server/privacy/data-request.service';
import { purgeContest } from '$lib/server/privacy/purge.service';
import { getStudioPrivacyPage, setRetentionSettings } from '$lib/server/privacy/privacy-page.service';
import type { Actions, PageServerLoad } from './$types';

// "Dữ liệu cá nhân" of one contest: its retention period and privacy contact, the purge once the
// period is over, and the contestants' deletion requests to carry out or decline.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getStudioPrivacyPage(locals.app, params.contestId);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	settings: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = retentionSettingsSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { settingsErrors: fieldErrors(parsed.error) });
		await setRetentionSettings(locals.app, actor, params.contestId, parsed.data);
		return { settingsSaved: true };
	},
	purge: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = purgeSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { purgeErrors: fieldErrors(parsed.error) });
		const result = await purgeContest(locals.app, params.contestId, actor);
		if (!result.ok) return fail(409, { purgeErrors: { form: `error.${result.reason}` } as Record<string, string> });
		return { purged: true };
	},
	carryOut: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = carryOutSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { requestErrors: { form: 'error.invalid' } as Record<string, string> });
		const result = await carryOutDeletion(locals.app, actor, params.contestId, parsed.data.requestId);
		if (!result.ok) return fail(409, { requestErrors: { form: `error.${result.reason}` } as Record<string, string> });
		return { decided: true };
	},
	decline: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries(await request.formData());
		const parsed = declineSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, { requestErrors: fieldErrors(parsed.error), declineFor: String(values.requestId ?? '') });
		}
		const result = await declineDeletion(
			locals.app,
			actor,
			params.contestId,
			parsed.data.requestId,
			parsed.data.reason
		);
		if (!result.ok) return fail(409, { requestErrors: { form: `error.${result.reason}` } as Record<string, string> });
		return { decided: true };
	}
};
