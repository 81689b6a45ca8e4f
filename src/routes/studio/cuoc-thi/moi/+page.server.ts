import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { contestFormSchema } from '$lib/schemas/contest';
import { createContest } from '$lib/server/contests/contest-admin.service';
import { contestFormValues } from '$lib/server/contests/contest-form';
import { listRootUnitChoices } from '$lib/server/contests/contest-studio.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireStaff(locals.user, url);
	return { units: await listRootUnitChoices(locals.app) };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = contestFormValues(await request.formData());
		const parsed = contestFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await createContest(locals.app, actor, parsed.data);
		if (!result.ok) {
			const field = result.reason === 'root_unit_unknown' ? 'rootUnitId' : 'slug';
			return fail(400, { values, errors: { [field]: `error.${result.reason}` } as Record<string, string> });
		}
		redirect(303, `/studio/cuoc-thi/${result.contestId}`);
	}
};
