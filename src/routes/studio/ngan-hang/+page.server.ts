import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { bankCreateSchema as bankSchema } from '$lib/schemas/bank';
import { createBank, listBanks } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	banks: await listBanks(locals.app)
});

export const actions: Actions = {
	create: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = bankSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		const bankId = await createBank(locals.app, actor, parsed.data.name);
		redirect(303, `/studio/ngan-hang/${bankId}`);
	}
};
