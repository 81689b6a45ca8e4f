import { checkHealth } from '$lib/server/health.service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals }) => {
	await checkHealth(locals.app);
	return new Response('ok', { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
};
