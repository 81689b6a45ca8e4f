import { error, fail } from '@sveltejs/kit';
import { fastFloorSchema, reviewDecisionSchema, signalFilterSchema } from '$lib/schemas/fair-play';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { loadReviewPage, saveFastFloor } from '$lib/server/fair-play/review-page';
import { findRoundOfContest, reviewAttempt } from '$lib/server/fair-play/review.service';
import { analyzeRoundFairPlay } from '$lib/server/fair-play/runner';
import type { Actions, PageServerLoad } from './$types';

// A round's fair-play review queue (issue 14): the analysis's flags, the evidence of one attempt
// beside the ones it resembles, and the organizer's decision on it.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await loadReviewPage(locals.app, params.contestId, params.roundId, {
		signal: signalFilterSchema.parse(url.searchParams.get('dau-hieu') || null),
		unitId: url.searchParams.get('don-vi') || null,
		attemptId: url.searchParams.get('luot') || null
	});
	if (!page) error(404, 'not_found');
	return page;
};

async function requireRound(locals: App.Locals, params: { contestId: string; roundId: string }, url: URL) {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	if (!(await findRoundOfContest(locals.app, params.contestId, params.roundId))) error(404, 'not_found');
	return actor;
}

export const actions: Actions = {
	analyze: async ({ locals, params, url }) => {
		const actor = await requireRound(locals, params, url);
		const result = await analyzeRoundFairPlay(locals.app, params.roundId, actor.id);
		if (!result.ok) return fail(409, { runError: 'fairplay.run_busy' });
		return { analyzed: { attempts: result.summary.attempts, flags: result.summary.flags } };
	},
	floor: async ({ locals, params, request, url }) => {
		const actor = await requireRound(locals, params, url);
		const parsed = fastFloorSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { floorError: parsed.error.issues[0]?.message ?? 'fairplay.error.floor' });
		const seconds = parsed.data.floorSeconds;
		await saveFastFloor(locals.app, params.roundId, actor.id, seconds === null ? null : Math.round(seconds * 1000));
		return { floorSaved: true };
	},
	decide: async ({ locals, params, request, url }) => {
		const actor = await requireRound(locals, params, url);
		const parsed = reviewDecisionSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { decideError: parsed.error.issues[0]?.message ?? 'fairplay.error.note' });
		const result = await reviewAttempt(locals.app, { roundId: params.roundId, actorId: actor.id, ...parsed.data });
		if (!result.ok) return fail(409, { decideError: `fairplay.error.${result.reason}` });
		return { decided: true };
	}
};
