import { error } from '@sveltejs/kit';
import { drawShareImage, findLeaderboardShareCard } from '$lib/server/share/share-image.service';
import { shareImageResponse } from '$lib/server/share/share-meta';
import type { RequestHandler } from './$types';

/** The leaderboard's link-preview image (og:image): the round and its window, no names. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const card = await findLeaderboardShareCard(locals.app, params.slug, Number(params.n));
	if (!card) error(404, 'not_found');
	return shareImageResponse(request, await drawShareImage(locals.app, card));
};
