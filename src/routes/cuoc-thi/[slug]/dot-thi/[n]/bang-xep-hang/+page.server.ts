import { error } from '@sveltejs/kit';
import { findContestRound, findPublishedContest } from '$lib/server/contests/contest-page.service';
import { getLeaderboard, isLeaderboardVisible } from '$lib/server/ranking/ranking.service';
import { readViewerStanding } from '$lib/server/realtime/live-state';
import { leaderboardShareMeta } from '$lib/server/share/share-pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('app:leaderboard');
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findContestRound(app, contest.id, Number(params.n)) : undefined;
	if (!contest || !round || app.clock.now() < round.opens_at) error(404, 'not_found');
	const visible = isLeaderboardVisible(round, app.clock.now());
	const share = leaderboardShareMeta(url.origin, contest, round, visible, app.clock.now());
	const heading = {
		contest: { slug: contest.slug, title: contest.title },
		round: { id: round.id, name: round.name, ordinal: round.ordinal },
		share
	};
	if (!visible) return { ...heading, visible: false as const };
	const viewerId = locals.user?.id ?? null;
	const [board, standing] = await Promise.all([
		getLeaderboard(app, round, url.searchParams.get('nhom'), viewerId),
		viewerId ? readViewerStanding(app, round.id, viewerId) : null
	]);
	return { ...heading, visible: true as const, board, standing };
};
