import { error } from '@sveltejs/kit';
import { findContestRound } from '$lib/server/contests/contest-studio.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { buildLiveState } from '$lib/server/realtime/live-state';
import type { PageServerLoad } from './$types';

// The organizer's live dashboard of a round: first paint from the same state the socket sends.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	await requireContestManager(app, locals.user, url, params.contestId);
	const found = await findContestRound(app, params.contestId, params.roundId);
	if (!found) error(404, 'not_found');
	const { contest, round } = found;
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
