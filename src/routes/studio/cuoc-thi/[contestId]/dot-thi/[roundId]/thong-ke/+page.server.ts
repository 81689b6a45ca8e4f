import { error } from '@sveltejs/kit';
import { findContestRound } from '$lib/server/contests/contest-studio.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getRoundStatistics } from '$lib/server/results/statistics.service';
import type { PageServerLoad } from './$types';

// A round's statistics for its contest's organizers: participation, scores, and item analysis.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	await requireContestManager(app, locals.user, url, params.contestId);
	const found = await findContestRound(app, params.contestId, params.roundId);
	if (!found) error(404, 'not_found');
	const { contest, round } = found;
	const stats = await getRoundStatistics(app, round.id);
	if (!stats) error(404, 'not_found');
	return {
		contest: { id: contest.id, title: contest.title },
		round: { id: round.id, name: round.name },
		stats
	};
};
