import { listPublicContests } from '$lib/server/contests/contest-page.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	return { contests: await listPublicContests(locals.app) };
};
