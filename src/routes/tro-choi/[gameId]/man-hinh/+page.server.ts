import { error } from '@sveltejs/kit';
import { findGameById } from '$lib/server/live-games/game-pages.service';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

// The audience screen of a live game: public (anyone with the link), full screen. The page gets
// only what the lobby shows; everything else comes over the socket, which never carries the key
// before the reveal.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const game = await findGameById(locals.app, params.gameId);
	if (!game) error(404, 'not_found');
	const join = `${url.origin}/choi?pin=${game.pin}`;
	return {
		bare: true as const,
		game: { id: game.id, title: game.title, pin: game.pin },
		join: { text: join.replace(/^https?:\/\//, ''), qrSvg: await qrSvg(join) }
	};
};
