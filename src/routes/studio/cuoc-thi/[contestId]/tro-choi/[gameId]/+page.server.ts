import { error, fail } from '@sveltejs/kit';
import { gameFieldErrors, gameUpdateInput, gameUpdateSchema } from '$lib/schemas/live-game';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { findGameOfContest, getGameStudioPage } from '$lib/server/live-games/game-pages.service';
import { updateGame } from '$lib/server/live-games/game.service';
import { gameTeamsInput, gameTeamsSchema } from '$lib/schemas/live-game-teams';
import { getTeamSetup, saveGameTeams } from '$lib/server/live-games/teams.service';
import { TEAM_NAME_MAX } from '$lib/domain/live-game-teams';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// a layout's load is no guard for a page's data request: check the grant here too
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getGameStudioPage(locals.app, params.contestId, params.gameId, locals.user?.id ?? null);
	if (!page) error(404, 'not_found');
	const game = await findGameOfContest(locals.app, params.contestId, params.gameId);
	const teams = game ? await getTeamSetup(locals.app.db, game) : null;
	return { ...page, teams, joinUrl: `${url.origin}/choi?pin=${page.game.pin}` };
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const game = await findGameOfContest(locals.app, params.contestId, params.gameId);
		if (!game) error(404, 'not_found');
		const form = await request.formData();
		const values = Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)]));
		const parsed = gameUpdateSchema.safeParse(gameUpdateInput(form));
		if (!parsed.success) return fail(400, { values, errors: gameFieldErrors(parsed.error), params: {} });
		const result = await updateGame(locals.app, actor, game.id, parsed.data);
		if (!result.ok) {
			const status = result.reason === 'forbidden' ? 403 : result.reason === 'not_in_lobby' ? 409 : 400;
			const errors: Record<string, string> = { [result.field]: `game_studio.error.${result.reason}` };
			return fail(status, { values, errors, params: result.params ?? {} });
		}
		return { saved: true };
	},
	teams: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const game = await findGameOfContest(locals.app, params.contestId, params.gameId);
		if (!game) error(404, 'not_found');
		const parsed = gameTeamsSchema.safeParse(gameTeamsInput(await request.formData()));
		if (!parsed.success) return fail(400, { teams: { error: 'invalid', params: {} } });
		const result = await saveGameTeams(locals.app, actor, game.id, parsed.data);
		if (!result.ok) {
			const status = result.reason === 'forbidden' ? 403 : result.reason === 'not_in_lobby' ? 409 : 400;
			const at = result.at === null ? {} : { n: result.at + 1, max: TEAM_NAME_MAX };
			return fail(status, { teams: { error: result.reason, params: at, values: parsed.data } });
		}
		return { teams: { saved: true } };
	}
};
