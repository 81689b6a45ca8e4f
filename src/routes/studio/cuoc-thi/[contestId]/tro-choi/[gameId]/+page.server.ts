import { error, fail } from '@sveltejs/kit';
import { gameFieldErrors, gameUpdateInput, gameUpdateSchema } from '$lib/schemas/live-game';
import { findContestById } from '$lib/server/contests/contest.repository';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import type { Db } from '$lib/server/db/database';
import { findGame, listGameQuestions, type GameOption } from '$lib/server/live-games/game.repository';
import { gameResults, updateGame } from '$lib/server/live-games/game.service';
import { findUserById } from '$lib/server/users/user.repository';
import type { Actions, PageServerLoad } from './$types';

/** Top rows of the results shown on the page; the workbook has them all. */
const TOP = 10;

/** The game, when it belongs to the contest of the URL. */
async function gameOfContest(db: Db, contestId: string, gameId: string) {
	const game = await findGame(db, gameId);
	if (!game || game.contest_id !== contestId) error(404, 'not_found');
	return game;
}

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	// a layout's load is no guard for a page's data request: check the grant here too
	await requireContestManager(locals.app.db, locals.user, url, params.contestId);
	const game = await gameOfContest(db, params.contestId, params.gameId);
	const [contest, questions, host, results] = await Promise.all([
		findContestById(db, game.contest_id),
		listGameQuestions(db, game.id),
		findUserById(db, game.host_user_id),
		gameResults(db, game.id)
	]);
	return {
		contest: { id: game.contest_id, title: contest?.title ?? '' },
		game: {
			id: game.id,
			title: game.title,
			pin: game.pin,
			phase: game.phase,
			scoring: game.scoring,
			streakBonus: game.streak_bonus === 1,
			joinMode: game.join_mode,
			lateJoin: game.late_join === 1,
			screenOnly: game.screen_only === 1,
			source: game.source,
			createdAt: game.created_at,
			startedAt: game.started_at,
			endedAt: game.ended_at,
			hostName: host?.full_name ?? ''
		},
		isHost: locals.user?.id === game.host_user_id,
		questions: questions.map((q) => ({
			position: q.position,
			type: q.type,
			text: q.text,
			options: JSON.parse(q.options_json) as GameOption[],
			timeLimitSeconds: q.time_limit_ms / 1000,
			points: q.points,
			voided: q.voided === 1
		})),
		players: results.players.length,
		results:
			results.answers > 0
				? {
						players: results.players.slice(0, TOP),
						units: results.units.slice(0, TOP),
						questions: results.questions
					}
				: null,
		joinUrl: `${url.origin}/choi?pin=${game.pin}`
	};
};

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
		const game = await gameOfContest(locals.app.db, params.contestId, params.gameId);
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
	}
};
