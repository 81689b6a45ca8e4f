import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { grantAccommodationSchema, revokeAccommodationSchema } from '$lib/schemas/accommodation';
import {
	getAccommodationPage,
	grantAccommodation,
	revokeAccommodation
} from '$lib/server/accommodations/accommodation.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import type { Actions, PageServerLoad } from './$types';

// "Hỗ trợ đặc biệt": extra time or attempts for one contestant, granted with a reason (issue 14).
// An organizer-only page of the contest: names and phones of its contestants are shown here.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getAccommodationPage(locals.app, params.contestId, url.searchParams.get('q') ?? '');
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	grant: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries(await request.formData());
		const parsed = grantAccommodationSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, { grantFor: String(values.userId ?? ''), values, errors: fieldErrors(parsed.error) });
		}
		const result = await grantAccommodation(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) {
			return fail(400, {
				grantFor: parsed.data.userId,
				values,
				errors: { form: `error.${result.reason}` } as Record<string, string>
			});
		}
		return { granted: result.fullName };
	},
	revoke: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries(await request.formData());
		const parsed = revokeAccommodationSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, { revokeFor: String(values.id ?? ''), errors: fieldErrors(parsed.error) });
		}
		const result = await revokeAccommodation(locals.app, actor, params.contestId, parsed.data.id, parsed.data.reason);
		if (!result.ok) {
			return fail(404, {
				revokeFor: parsed.data.id,
				errors: { form: `error.${result.reason}` } as Record<string, string>
			});
		}
		return { revoked: result.fullName };
	}
};
