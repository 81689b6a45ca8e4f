import { error, fail, redirect } from '@sveltejs/kit';
import { startAttempt } from '$lib/server/attempts/attempt.service';
import { eventClientSignals } from '$lib/server/fair-play/device-cookie';
import { findPublishedContest } from '$lib/server/contests/contest-page.service';
import { findPublishedRound, getRoundPage } from '$lib/server/contests/round-page.service';
import { findRoundToRemind } from '$lib/server/reach/reminder.service';
import { findViewerAward } from '$lib/server/results/awards.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	const page = await getRoundPage(locals.app, contest, Number(params.n), locals.user.id);
	if (!page) error(404, 'not_found');
	const [award, reminder] = await Promise.all([
		findViewerAward(locals.app, page.round.id, locals.user.id),
		findRoundToRemind(locals.app, contest.id, page.round.ordinal)
	]);
	return { ...page, award, reminder };
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
