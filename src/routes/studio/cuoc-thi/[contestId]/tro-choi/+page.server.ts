import { error, fail, redirect } from '@sveltejs/kit';
import { gameCreateInput, gameCreateSchema, gameFieldErrors } from '$lib/schemas/live-game';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getGamesPage } from '$lib/server/live-games/game-pages.service';
import { createGame } from '$lib/server/live-games/game.service';
import type { Actions, PageServerLoad } from './$types';

// The contest's live games and the form that creates one. The bank's questions come with the page
// (the bank is chosen by the query, so the page works without JavaScript); topics filter them.

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// a layout's load is no guard for a page's data request: check the grant here too
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getGamesPage(locals.app, actor, params.contestId, url.searchParams.get('bankId'));
	if (!page) error(404, 'not_found');
	return {
		...page,
		/** what the form held when it was sent to change the bank without JavaScript */
		query: Object.fromEntries(url.searchParams),
		queryQuestionIds: url.searchParams.getAll('questionIds')
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const form = await request.formData();
		const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
		const questionIds = form.getAll('questionIds').map(String);
		const parsed = gameCreateSchema.safeParse(gameCreateInput(form));
		if (!parsed.success) {
			return fail(400, { values, questionIds, errors: gameFieldErrors(parsed.error), params: {} });
		}
		const result = await createGame(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) {
			const errors: Record<string, string> = { [result.field]: `game_studio.error.${result.reason}` };
			return fail(result.reason === 'forbidden' ? 403 : 400, {
				values,
				questionIds,
				errors,
				params: result.params ?? {}
			});
		}
		redirect(303, `/studio/cuoc-thi/${params.contestId}/tro-choi/${result.gameId}`);
	}
};
