import { error } from '@sveltejs/kit';
import { getContestBanner } from '$lib/server/contests/contest-page.service';
import type { RequestHandler } from './$types';

/** The contest's banner; its URL carries the version, so it may be cached for a long time. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const banner = await getContestBanner(locals.app, params.slug);
	if (!banner) error(404, 'not_found');
	return new Response(banner.bytes, {
		headers: { 'content-type': banner.mime, 'cache-control': 'public, max-age=31536000, immutable' }
	});
};
