import { error, fail, redirect } from '@sveltejs/kit';
import { gameCreateInput, gameCreateSchema, gameFieldErrors } from '$lib/schemas/live-game';
import { findContestById, listGroups, listRounds } from '$lib/server/contests/contest.repository';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { listGames, listPickableQuestions } from '$lib/server/live-games/game.repository';
import { createGame } from '$lib/server/live-games/game.service';
import { listBanksFor } from '$lib/server/questions/bank-access';
import { listTopics } from '$lib/server/questions/question.repository';
import type { Actions, PageServerLoad } from './$types';

// The contest's live games and the form that creates one. The bank's questions come with the page
// (the bank is chosen by the query, so the page works without JavaScript); topics filter them.

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	// a layout's load is no guard for a page's data request: check the grant here too
	const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
	const contest = await findContestById(db, params.contestId);
	if (!contest) error(404, 'not_found');
	const [games, banks, rounds, groups] = await Promise.all([
		listGames(db, contest.id),
		listBanksFor(db, actor),
		listRounds(db, contest.id),
		listGroups(db, contest.id)
	]);
	const wanted = url.searchParams.get('bankId');
	const bankId = banks.find((b) => b.id === wanted)?.id ?? banks[0]?.id ?? '';
	const [topics, questions] = bankId
		? await Promise.all([listTopics(db, bankId), listPickableQuestions(db, bankId, null)])
		: [[], []];
	return {
		contest: { id: contest.id, title: contest.title },
		games: games.map((g) => ({
			id: g.id,
			title: g.title,
			pin: g.pin,
			phase: g.phase,
			players: Number(g.players ?? 0),
			questions: Number(g.questions ?? 0),
			createdAt: g.created_at
		})),
		banks,
		bankId,
		topics: topics.map((t) => ({ id: t.id, name: t.name })),
		questions,
		rounds: rounds.map((r) => ({ id: r.id, name: r.name })),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		/** what the form held when it was sent to change the bank without JavaScript */
		query: Object.fromEntries(url.searchParams),
		queryQuestionIds: url.searchParams.getAll('questionIds')
	};
};

export const actions: Actions = {
	create: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
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
