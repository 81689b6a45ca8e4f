import { error } from '@sveltejs/kit';
import type { LiveTarget } from '$lib/schemas/socket';
import { findPublishedContest } from '$lib/server/contests/contest-page.service';
import { qrSvg } from '$lib/server/qr';
import { buildLiveState } from '$lib/server/realtime/live-state';
import type { PageServerLoad } from './$types';

// The contest's audience screen: follows the current round (open, else last closed, else next)
// and turns over to the next one by itself. Public, full screen.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	if (!contest) error(404, 'not_found');
	const target: LiveTarget = { kind: 'contest', id: contest.id };
	const join = `${url.origin}/cuoc-thi/${contest.slug}`;
	return {
		bare: true as const,
		contest: { slug: contest.slug, title: contest.title },
		target,
		/** null while the contest has no round */
		initial: await buildLiveState(app, target, 'ssr', 0),
		groupId: null,
		join: { text: join.replace(/^https?:\/\//, ''), qrSvg: await qrSvg(join) }
	};
};
