import { error } from '@sveltejs/kit';
import { drawShareImage, findRoundShareCard } from '$lib/server/share/share-image.service';
import { shareImageResponse } from '$lib/server/share/share-meta';
import type { RequestHandler } from './$types';

/** The round page's link-preview image (og:image): the round and its window. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const card = await findRoundShareCard(locals.app, params.slug, Number(params.n));
	if (!card) error(404, 'not_found');
	return shareImageResponse(request, await drawShareImage(locals.app, card));
};
