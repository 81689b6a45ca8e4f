import { error } from '@sveltejs/kit';
import { findRoundByOrdinal } from '$lib/server/contests/contest.repository';
import { findPublishedContest } from '$lib/server/contests/contest-page.service';
import { getLeaderboard, isLeaderboardVisible } from '$lib/server/ranking/ranking.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('app:leaderboard');
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findRoundByOrdinal(app.db, contest.id, Number(params.n)) : undefined;
	if (!contest || !round || app.clock.now() < round.opens_at) error(404, 'not_found');
	const heading = {
		contest: { slug: contest.slug, title: contest.title },
		round: { id: round.id, name: round.name, ordinal: round.ordinal }
	};
	if (!isLeaderboardVisible(round, app.clock.now())) return { ...heading, visible: false as const };
	const board = await getLeaderboard(app, round, url.searchParams.get('nhom'), locals.user?.id ?? null);
	return { ...heading, visible: true as const, board };
};
