import { forbidden } from '$lib/server/studio';
import { canManageContest } from '$lib/server/contests/contest-access';
import type { LayoutServerLoad } from './$types';

// Organizers of one contest never see another's: every page below checks the grant.
export const load: LayoutServerLoad = async ({ locals, params }) => {
	if (!(await canManageContest(locals.app.db, locals.user, params.contestId))) forbidden();
	return {};
};
