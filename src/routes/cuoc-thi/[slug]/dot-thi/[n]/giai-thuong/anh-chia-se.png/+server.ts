import { error } from '@sveltejs/kit';
import { drawShareImage, findWinnersShareCard } from '$lib/server/share/share-image.service';
import { shareImageResponse } from '$lib/server/share/share-meta';
import type { RequestHandler } from './$types';

/** The winners page's link-preview image (og:image): the first winners' names and units, once announced. */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const card = await findWinnersShareCard(locals.app, params.slug, Number(params.n));
	if (!card) error(404, 'not_found');
	return shareImageResponse(request, await drawShareImage(locals.app, card));
};
