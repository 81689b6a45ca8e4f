import { error } from '@sveltejs/kit';
import { drawShareImage, findContestShareCard } from '$lib/server/share/share-image.service';
import { shareImageResponse } from '$lib/server/share/share-meta';
import type { RequestHandler } from './$types';

/** The contest page's link-preview image (og:image). */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const card = await findContestShareCard(locals.app, params.slug);
	if (!card) error(404, 'not_found');
	return shareImageResponse(request, await drawShareImage(locals.app, card));
};
