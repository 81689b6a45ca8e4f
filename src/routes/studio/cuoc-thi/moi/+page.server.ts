import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { contestFormSchema } from '$lib/schemas/contest';
import { createContest } from '$lib/server/contests/contest-admin.service';
import { contestFormValues } from '$lib/server/contests/contest-form';
import { requireStaff } from '$lib/server/studio';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = contestFormValues(await request.formData());
		const parsed = contestFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await createContest(locals.app, actor, parsed.data);
		if (!result.ok) return fail(400, { values, errors: { slug: `error.${result.reason}` } as Record<string, string> });
		redirect(303, `/studio/cuoc-thi/${result.contestId}`);
	}
};
