import { error } from '@sveltejs/kit';
import type { LiveTarget } from '$lib/schemas/socket';
import { findContestRound, findPublishedContest } from '$lib/server/contests/contest-page.service';
import { qrSvg } from '$lib/server/qr';
import { buildLiveState } from '$lib/server/realtime/live-state';
import type { PageServerLoad } from './$types';

// The audience screen of one round: public, full screen (the root layout drops its chrome).
// An upcoming round has a screen too, counting down to its opening.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findContestRound(app, contest.id, Number(params.n)) : undefined;
	if (!contest || !round) error(404, 'not_found');
	const target: LiveTarget = { kind: 'round', id: round.id };
	const initial = await buildLiveState(app, target, 'ssr', 0);
	if (!initial) error(404, 'not_found');
	const join = `${url.origin}/cuoc-thi/${contest.slug}`;
	return {
		bare: true as const,
		contest: { slug: contest.slug, title: contest.title },
		target,
		initial,
		groupId: url.searchParams.get('nhom'),
		join: { text: join.replace(/^https?:\/\//, ''), qrSvg: await qrSvg(join) }
	};
};
