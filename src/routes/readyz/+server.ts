import { checkReadiness } from '$lib/server/health.service';
import type { RequestHandler } from './$types';

// Readiness, for a load balancer: 200 when this node should get traffic, 503 while it starts
// (scripts/server.js answers 503 until the app is loaded), shuts down or cannot reach its database or Redis.
// /healthz stays the liveness check: the process runs and its database answers.
export const GET: RequestHandler = async ({ locals }) => {
	const missing = await checkReadiness(locals.app);
	return new Response(missing ? `not ready: ${missing}` : 'ready', {
		status: missing ? 503 : 200,
		headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' }
	});
};
