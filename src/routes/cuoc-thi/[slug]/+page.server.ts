import { error } from '@sveltejs/kit';
import { findPublishedContest, getContestPage } from '$lib/server/contests/contest-page.service';
import { listPublicAnnouncements } from '$lib/server/announcements/announcement.service';
import { listClosedRoundIds } from '$lib/server/results/awards.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	const [page, closedRoundIds, announcements] = await Promise.all([
		getContestPage(locals.app, contest, locals.user?.id ?? null),
		listClosedRoundIds(locals.app, contest.id),
		listPublicAnnouncements(locals.app, contest.id)
	]);
	return { ...page, closedRoundIds, announcements };
};
