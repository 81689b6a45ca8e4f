import { error } from '@sveltejs/kit';
import { findPublishedContest, getContestPage } from '$lib/server/contests/contest-page.service';
import { listPublicAnnouncements } from '$lib/server/announcements/announcement.service';
import { listClosedRoundIds } from '$lib/server/results/awards.service';
import { contestShareMeta } from '$lib/server/share/share-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	const [page, closedRoundIds, announcements] = await Promise.all([
		getContestPage(locals.app, contest, locals.user?.id ?? null),
		listClosedRoundIds(locals.app, contest.id),
		listPublicAnnouncements(locals.app, contest.id)
	]);
	const share = contestShareMeta(url.origin, contest, page.rounds, page.serverNow);
	return { ...page, closedRoundIds, announcements, share };
};
