import { listPublishedContests } from '$lib/server/contests/contest.repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const contests = await listPublishedContests(locals.app.db);
	return { contests: contests.map((c) => ({ slug: c.slug, title: c.title, summary: c.summary })) };
};
