import { error } from '@sveltejs/kit';
import { findContestById, findRound } from '$lib/server/contests/contest.repository';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getRoundStatistics } from '$lib/server/results/statistics.service';
import type { PageServerLoad } from './$types';

// A round's statistics for its contest's organizers: participation, scores, and item analysis.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	await requireContestManager(app.db, locals.user, url, params.contestId);
	const [contest, round] = await Promise.all([
		findContestById(app.db, params.contestId),
		findRound(app.db, params.roundId)
	]);
	if (!contest || !round || round.contest_id !== contest.id) error(404, 'not_found');
	const stats = await getRoundStatistics(app, round.id);
	if (!stats) error(404, 'not_found');
	return {
		contest: { id: contest.id, title: contest.title },
		round: { id: round.id, name: round.name },
		stats
	};
};
