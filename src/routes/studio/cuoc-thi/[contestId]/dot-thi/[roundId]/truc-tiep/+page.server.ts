import { error } from '@sveltejs/kit';
import { findContestById, findRound } from '$lib/server/contests/contest.repository';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { buildLiveState } from '$lib/server/realtime/live-state';
import type { PageServerLoad } from './$types';

// The organizer's live dashboard of a round: first paint from the same state the socket sends.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	await requireContestManager(app.db, locals.user, url, params.contestId);
	const [contest, round] = await Promise.all([
		findContestById(app.db, params.contestId),
		findRound(app.db, params.roundId)
	]);
	if (!contest || !round || round.contest_id !== contest.id) error(404, 'not_found');
	const initial = await buildLiveState(app, { kind: 'dashboard', id: round.id }, 'ssr', 0);
	if (!initial) error(404, 'not_found');
	return {
		contest: { id: contest.id, slug: contest.slug, title: contest.title },
		round: { id: round.id, name: round.name, ordinal: round.ordinal },
		initial,
		/** server time of this load, ms: the clock until the socket measures its own offset */
		now: app.clock.now()
	};
};
