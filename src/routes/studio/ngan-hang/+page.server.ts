import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/schemas/auth';
import { nameText } from '$lib/schemas/text';
import { listBanksWithCounts } from '$lib/server/questions/question.repository';
import { createBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

const bankSchema = z.object({ name: nameText({ min: 3, max: 200, message: 'error.bank_name' }) });

export const load: PageServerLoad = async ({ locals }) => ({
	banks: (await listBanksWithCounts(locals.app.db)).map((b) => ({ ...b, questionCount: Number(b.questionCount) }))
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
