import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The contest's banner; its URL carries the version, so it may be cached for a long time. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const contest = await locals.app.db
		.selectFrom('contest')
		.select(['banner_mime', 'banner_b64', 'status'])
		.where('slug', '=', params.slug)
		.executeTakeFirst();
	if (!contest || contest.status === 'draft' || !contest.banner_b64 || !contest.banner_mime) error(404, 'not_found');
	return new Response(Buffer.from(contest.banner_b64, 'base64'), {
		headers: { 'content-type': contest.banner_mime, 'cache-control': 'public, max-age=31536000, immutable' }
	});
};
