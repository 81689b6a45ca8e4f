import { duplicateRoundSchema } from '$lib/schemas/season';
import { getDuplicateRoundPage } from '$lib/server/contests/contest-studio.service';
import { duplicateRound } from '$lib/server/contests/season.service';
import { loadSeasonPage, seasonFormAction } from '../../../season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	loadSeasonPage(event, (app) => getDuplicateRoundPage(app, event.params.contestId, event.params.roundId));

export const actions: Actions = {
	default: (event) =>
		seasonFormAction(
			event,
			duplicateRoundSchema,
			(actor, data) => duplicateRound(event.locals.app, actor, event.params.contestId, event.params.roundId, data),
			(r) => `/studio/cuoc-thi/${event.params.contestId}/dot-thi/${r.roundId}?nhan-ban=1`
		)
};
