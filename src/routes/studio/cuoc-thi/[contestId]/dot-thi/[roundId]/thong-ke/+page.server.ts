import { error } from '@sveltejs/kit';
import { findContestRound } from '$lib/server/contests/contest-studio.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getRoundStatistics } from '$lib/server/results/statistics.service';
import { loadLeakReport } from '$lib/server/fair-play/leak-report';
import type { PageServerLoad } from './$types';

// A round's statistics for its contest's organizers: participation, scores, and item analysis.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	await requireContestManager(app, locals.user, url, params.contestId);
	const found = await findContestRound(app, params.contestId, params.roundId);
	if (!found) error(404, 'not_found');
	const { contest, round } = found;
	const [stats, leak] = await Promise.all([getRoundStatistics(app, round.id), loadLeakReport(app, round.id)]);
	if (!stats) error(404, 'not_found');
	return {
		contest: { id: contest.id, title: contest.title },
		round: { id: round.id, name: round.name },
		stats,
		// facility and perfect scores by day: a jump after the first day hints at a leaked key
		leak: leak && {
			perfect: leak.perfect,
			perfectJump: leak.perfectJump,
			questions: leak.questions
				.map((q) => ({ ...q, text: leak.texts.get(q.questionId) ?? '' }))
				.sort((a, b) => Number(b.jump) - Number(a.jump) || a.text.localeCompare(b.text, 'vi'))
		}
	};
};
