import { redirect } from '@sveltejs/kit';
import { forbidden } from '$lib/server/studio';
import { canManageBanks } from '$lib/server/questions/question.service';
import type { LayoutServerLoad } from './$types';

// Every studio page and action sits behind this guard; actions re-check with requireStaff.
export const load: LayoutServerLoad = ({ locals, url }) => {
	if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	if (!canManageBanks(locals.user)) forbidden();
	return { isAdmin: locals.user.role === 'admin' };
};
