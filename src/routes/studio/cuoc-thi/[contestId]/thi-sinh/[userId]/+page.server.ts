import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { placementSchema } from '$lib/schemas/people';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { changeRegistrationPlacement, getContestant } from '$lib/server/registrations/registration.service';
import type { Actions, PageServerLoad } from './$types';

// One contestant of the contest: registration, attempts, results and fair-play flags; their unit
// or group changed with a reason (audited).
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getContestant(locals.app, params.contestId, params.userId);
	if (!page) error(404, 'not_found');
	return { contestId: params.contestId, ...page };
};

export const actions: Actions = {
	placement: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries(await request.formData());
		const parsed = placementSchema.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		const result = await changeRegistrationPlacement(locals.app, actor, params.contestId, params.userId, parsed.data);
		if (!result.ok) {
			const field =
				result.reason === 'registration_group' ? 'groupId' : result.reason === 'registration_unit' ? 'unitId' : 'form';
			return fail(result.reason === 'registration_not_found' ? 404 : 400, {
				errors: { [field]: `error.${result.reason}` } as Record<string, string>,
				values
			});
		}
		return { changed: true };
	}
};
