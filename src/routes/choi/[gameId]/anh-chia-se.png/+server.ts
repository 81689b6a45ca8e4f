import { error } from '@sveltejs/kit';
import { drawShareImage, findGameShareCard } from '$lib/server/share/share-image.service';
import { shareImageResponse } from '$lib/server/share/share-meta';
import type { RequestHandler } from './$types';

/** The live game's join page link-preview image (og:image): the game's title and PIN. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const card = await findGameShareCard(locals.app, params.gameId, `${url.host}/choi`);
	if (!card) error(404, 'not_found');
	return shareImageResponse(request, await drawShareImage(locals.app, card));
};
