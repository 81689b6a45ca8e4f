import { error } from '@sveltejs/kit';
import { flattenUnitTree } from '$lib/domain/units';
import { findGame } from '$lib/server/live-games/game.repository';
import { listContestUnits } from '$lib/server/units/contest-units';
import { findRegistration } from '$lib/server/users/user.repository';
import type { PageServerLoad } from './$types';

// A player's phone. What the join form needs, and nothing of the questions: the game itself
// arrives over Socket.IO, without the answer key until a reveal.
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	const { db } = locals.app;
	const game = await findGame(db, params.gameId);
	if (!game) error(404, 'not_found');
	const [registration, units] = await Promise.all([
		locals.user ? findRegistration(db, game.contest_id, locals.user.id) : undefined,
		listContestUnits(db, game.contest_id)
	]);
	setHeaders({ 'cache-control': 'no-store' });
	return {
		bare: true as const,
		game: {
			id: game.id,
			title: game.title,
			joinMode: game.join_mode,
			lateJoin: game.late_join === 1,
			started: game.phase !== 'lobby',
			ended: game.phase === 'podium'
		},
		user: locals.user
			? {
					name: locals.user.fullName,
					unit: registration ? { id: registration.unitId, name: registration.unitName } : null
				}
			: null,
		units: flattenUnitTree(units)
	};
};
