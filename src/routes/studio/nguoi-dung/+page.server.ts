import { fail } from '@sveltejs/kit';
import { forbidden } from '$lib/server/studio';
import { maskPhone, normalizePhone } from '$lib/domain/text';
import { grantSchema } from '$lib/schemas/grant';
import { grantOrganizer, listGrantableContests, listGrants, revokeGrant } from '$lib/server/contests/grant.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.role !== 'admin') forbidden();
	const [grants, contests] = await Promise.all([listGrants(locals.app), listGrantableContests(locals.app)]);
	// Admins see a masked phone: enough to tell people apart, no more.
	return { grants: grants.map((g) => ({ ...g, phone: maskPhone(g.phone) })), contests };
};

export const actions: Actions = {
	grant: async ({ locals, request }) => {
		if (locals.user?.role !== 'admin') forbidden();
		const parsed = grantSchema.safeParse(Object.fromEntries(await request.formData()));
		const phone = parsed.success ? normalizePhone(parsed.data.phone) : null;
		if (!parsed.success || !phone) return fail(400, { grantError: 'error.phone_invalid' });
		const result = await grantOrganizer(locals.app, locals.user, phone, parsed.data.contestId || null);
		if (!result.ok) return fail(400, { grantError: `error.${result.reason}` });
		return { granted: true };
	},
	revoke: async ({ locals, request }) => {
		if (locals.user?.role !== 'admin') forbidden();
		const grantId = String((await request.formData()).get('grantId') ?? '');
		await revokeGrant(locals.app, locals.user, grantId);
		return { revoked: true };
	}
};
