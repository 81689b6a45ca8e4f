import { error, fail } from '@sveltejs/kit';
import { disqualifySchema, requalifySchema } from '$lib/schemas/closing';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { closeRound, setAttemptDisqualified } from '$lib/server/results/close.service';
import {
	isAttemptOfRound,
	isRoundOfContest,
	loadRoundResultsPageOfContest
} from '$lib/server/results/round-results-page';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await loadRoundResultsPageOfContest(locals.app, params.contestId, params.roundId, {
		groupId: url.searchParams.get('nhom'),
		unitId: url.searchParams.get('don-vi'),
		page: Number(url.searchParams.get('trang') ?? '1') || 1
	});
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	close: async ({ locals, params, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		if (!(await isRoundOfContest(locals.app, params.contestId, params.roundId))) error(404, 'not_found');
		const result = await closeRound(locals.app, params.roundId, actor.id);
		if (!result.ok) return fail(409, { closeError: `closing.error.${result.reason}` });
		return { closed: result.summary };
	},
	disqualify: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = disqualifySchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) {
			return fail(400, { dqError: parsed.error.issues[0]?.message ?? 'closing.error.reason' });
		}
		if (!(await isAttemptOfRound(locals.app, parsed.data.attemptId, params.roundId, params.contestId))) {
			error(404, 'not_found');
		}
		const result = await setAttemptDisqualified(locals.app, parsed.data.attemptId, actor.id, parsed.data.reason);
		if (!result.ok) return fail(409, { dqError: 'closing.error.attempt_not_found' });
		return { disqualified: true };
	},
	requalify: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const parsed = requalifySchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) error(400, 'invalid');
		if (!(await isAttemptOfRound(locals.app, parsed.data.attemptId, params.roundId, params.contestId))) {
			error(404, 'not_found');
		}
		await setAttemptDisqualified(locals.app, parsed.data.attemptId, actor.id, null);
		return { requalified: true };
	}
};
