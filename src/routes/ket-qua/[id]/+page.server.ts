import { error, redirect } from '@sveltejs/kit';
import { getPreviewReview } from '$lib/server/attempts/preview.service';
import { getAttemptResult } from '$lib/server/attempts/result.service';
import { isLeaderboardVisible } from '$lib/server/ranking/ranking.service';
import { readViewerStanding } from '$lib/server/realtime/live-state';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url, setHeaders }) => {
	if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	const result = await getAttemptResult(locals.app, params.id, locals.user.id);
	if (!result) error(404, 'not_found');
	if (result.attempt.status === 'in_progress') redirect(303, `/lam-bai/${params.id}`);
	setHeaders({ 'cache-control': 'no-store' });
	const now = locals.app.clock.now();
	const roundOpen = now < result.round.closesAt;
	const leaderboardVisible = isLeaderboardVisible(
		{ leaderboard_visibility: result.round.visibility, opens_at: 0, closes_at: result.round.closesAt },
		now
	);
	// While the round is open the rank moves as others finish: the page follows it live from here.
	const liveStanding =
		roundOpen && leaderboardVisible && !result.isPreview
			? await readViewerStanding(locals.app, result.round.id, locals.user.id)
			: null;
	// An organizer's own "thi thử" shows the key and the explanations, the round open or not; a
	// contestant's attempt never has a review here (getPreviewReview refuses it).
	const review = result.isPreview ? await getPreviewReview(locals.app, params.id, locals.user) : null;
	return { ...result, roundOpen, leaderboardVisible, liveStanding, review };
};
