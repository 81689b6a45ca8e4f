import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { findGame } from '$lib/server/live-games/game.repository';
import { qrSvg } from '$lib/server/qr';
import { findUserById } from '$lib/server/users/user.repository';
import type { PageServerLoad } from './$types';

// The host console. Any manager of the contest may reach the URL, but only the game's host
// drives it (the socket refuses everyone else too); others are told who the host is.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { app } = locals;
	const actor = await requireContestManager(app.db, locals.user, url, params.contestId);
	const game = await findGame(app.db, params.gameId);
	if (!game || game.contest_id !== params.contestId) error(404, 'not_found');
	const back = `/studio/cuoc-thi/${params.contestId}/tro-choi/${game.id}`;
	if (game.host_user_id !== actor.id) {
		const host = await findUserById(app.db, game.host_user_id);
		return { isHost: false as const, gameId: game.id, title: game.title, hostName: host?.full_name ?? '—', back };
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
