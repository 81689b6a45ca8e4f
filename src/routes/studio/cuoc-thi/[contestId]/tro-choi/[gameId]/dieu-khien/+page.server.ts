import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { findGameOfContest, gameHostName } from '$lib/server/live-games/game-pages.service';
import { qrSvg } from '$lib/server/qr';
import type { PageServerLoad } from './$types';

// The host console. Any manager of the contest may reach the URL, but only the game's host
// drives it (the socket refuses everyone else too); others are told who the host is.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	const actor = await requireContestManager(app, locals.user, url, params.contestId);
	const game = await findGameOfContest(app, params.contestId, params.gameId);
	if (!game) error(404, 'not_found');
	const back = `/studio/cuoc-thi/${params.contestId}/tro-choi/${game.id}`;
	if (game.host_user_id !== actor.id) {
		const hostName = (await gameHostName(app, game)) ?? '—';
		return { isHost: false as const, gameId: game.id, title: game.title, hostName, back };
	}
	const join = `${url.origin}/choi?pin=${game.pin}`;
	const short = `${url.host}/choi`;
	return {
		isHost: true as const,
		gameId: game.id,
		title: game.title,
		pin: game.pin,
		back,
		join: { text: join.replace(/^https?:\/\//, ''), short, qrSvg: await qrSvg(join) }
	};
};
