import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/schemas/auth';
import { nameText } from '$lib/schemas/text';
import { listManagedContests } from '$lib/server/contests/contest-access';
import { bankScopeOf, listBanksFor } from '$lib/server/questions/bank-access';
import { createBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { Actions, PageServerLoad } from './$types';

const bankSchema = z.object({
	name: nameText({ min: 3, max: 200, message: 'error.bank_name' }),
	/** '' leaves the bank to admins and organizers of every contest */
	contestId: z
		.string()
		.optional()
		.transform((s) => s || null)
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals.user, url);
	const { db } = locals.app;
	const [banks, contests, scope] = await Promise.all([
		listBanksFor(db, actor),
		listManagedContests(db, actor),
		bankScopeOf(db, actor)
	]);
	return { banks, contests: contests.map((c) => ({ id: c.id, title: c.title })), sharedAllowed: scope.all };
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
