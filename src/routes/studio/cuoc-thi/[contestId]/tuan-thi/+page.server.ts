import { weeklyRoundsSchema } from '$lib/schemas/season';
import { getWeeklyRoundsPage } from '$lib/server/contests/contest-studio.service';
import { createWeeklyRounds } from '$lib/server/contests/season.service';
import { loadSeasonPage, seasonFormAction } from '../season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	loadSeasonPage(event, (app) => getWeeklyRoundsPage(app, event.params.contestId));

export const actions: Actions = {
	default: (event) =>
		seasonFormAction(
			event,
			weeklyRoundsSchema,
			(actor, data) => createWeeklyRounds(event.locals.app, actor, event.params.contestId, data),
			(r) => `/studio/cuoc-thi/${event.params.contestId}?tuan=${r.roundIds.length}`
		)
};
