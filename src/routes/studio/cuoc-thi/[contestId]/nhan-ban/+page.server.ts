import { duplicateContestSchema } from '$lib/schemas/season';
import { getDuplicateContestPage } from '$lib/server/contests/contest-studio.service';
import { duplicateContest } from '$lib/server/contests/season.service';
import { loadSeasonPage, seasonFormAction } from '../season-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	loadSeasonPage(event, (app) => getDuplicateContestPage(app, event.params.contestId));

export const actions: Actions = {
	default: (event) =>
		seasonFormAction(
			event,
			duplicateContestSchema,
			(actor, data) => duplicateContest(event.locals.app, actor, event.params.contestId, data),
			(r) => `/studio/cuoc-thi/${r.contestId}?nhan-ban=1`
		)
};
