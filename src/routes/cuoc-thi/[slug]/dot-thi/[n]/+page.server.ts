import { error, fail, redirect } from '@sveltejs/kit';
import { startAttempt } from '$lib/server/attempts/attempt.service';
import { eventClientSignals } from '$lib/server/fair-play/device-cookie';
import { findPublishedContest } from '$lib/server/contests/contest-page.service';
import { findPublishedRound, getRoundPage } from '$lib/server/contests/round-page.service';
import { findRoundToRemind } from '$lib/server/reach/reminder.service';
import { findViewerAward } from '$lib/server/results/awards.service';
import { roundShareMeta } from '$lib/server/share/share-pages';
import type { Actions, PageServerLoad } from './$types';

// Open to anyone with the link (a link shared in a Zalo group is opened before logging in, and its
// preview is read by a crawler that never logs in): a visitor sees the round and its window with a
// way to log in or register; a contestant sees the confirm screen.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	const userId = locals.user?.id ?? null;
	const page = await getRoundPage(locals.app, contest, Number(params.n), userId);
	if (!page) error(404, 'not_found');
	const share = roundShareMeta(url.origin, contest, page.round, page.serverNow);
	const [award, reminder] = await Promise.all([
		findViewerAward(locals.app, page.round.id, userId),
		findRoundToRemind(locals.app, contest.id, page.round.ordinal)
	]);
	return { ...page, signedIn: userId !== null, share, award, reminder };
};

export const actions: Actions = {
	start: async (event) => {
		const { locals, params, url } = event;
		if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
		// the published contest's round in one read, handed to the start so it is not read again
		const round = await findPublishedRound(locals.app, params.slug, Number(params.n));
		if (!round) error(404, 'not_found');
		const result = await startAttempt(locals.app, locals.user.id, round.id, round, await eventClientSignals(event));
		if (!result.ok) return fail(409, { reason: `error.${result.reason}` });
		redirect(303, `/lam-bai/${result.attemptId}`);
	}
};
