import { listManagedContests } from '$lib/server/contests/contest-access';
import { requireStaff } from '$lib/server/studio';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals.user, url);
	return { contests: await listManagedContests(locals.app.db, actor) };
};
