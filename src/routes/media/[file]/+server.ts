import { error } from '@sveltejs/kit';
import { getMedia } from '$lib/server/media/media.service';
import type { RequestHandler } from './$types';

/**
 * A question's picture or sound. Its URL is the hash of its bytes, so it never changes and may be
 * cached for a year; an optional extension after the hash is ignored.
 */
export const GET: RequestHandler = async ({ locals, params }) => {
	const media = await getMedia(locals.app.db, params.file.replace(/\.[a-z0-9]{1,5}$/, ''));
	if (!media) error(404, 'not_found');
	return new Response(new Uint8Array(media.bytes), {
		headers: {
			'content-type': media.mime,
			'content-length': String(media.bytes.byteLength),
			'cache-control': 'public, max-age=31536000, immutable',
			'x-content-type-options': 'nosniff'
		}
	});
};
