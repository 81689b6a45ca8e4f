import { error } from '@sveltejs/kit';
import { getPlayerJoinPage } from '$lib/server/live-games/game-pages.service';
import { gameShareMeta } from '$lib/server/share/share-pages';
import type { PageServerLoad } from './$types';

// A player's phone. What the join form needs, and nothing of the questions: the game itself
// arrives over Socket.IO, without the answer key until a reveal.
export const load: PageServerLoad = async ({ locals, params, setHeaders, url }) => {
	const [page, share] = await Promise.all([
		getPlayerJoinPage(locals.app, params.gameId, locals.user?.id ?? null),
		gameShareMeta(locals.app, url, params.gameId)
	]);
	if (!page || !share) error(404, 'not_found');
	setHeaders({ 'cache-control': 'no-store' });
	return {
		bare: true as const,
		game: page.game,
		user: locals.user ? { name: locals.user.fullName, unit: page.registeredUnit } : null,
		units: page.units,
		share,
		teams: page.teams
	};
};
