import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { bankCreateSchema as bankSchema } from '$lib/schemas/bank';
import { getBanksPage } from '$lib/server/questions/bank-access';
import { createBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals.user, url);
	return getBanksPage(locals.app, actor);
};

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = bankSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		const result = await createBank(locals.app, actor, parsed.data.name, parsed.data.contestId);
		if (!result.ok) return fail(400, { errors: { contestId: `error.${result.reason}` } as Record<string, string> });
		redirect(303, `/studio/ngan-hang/${result.bankId}`);
	}
};
