import { json } from '@sveltejs/kit';
import { replyToSave } from '$lib/server/attempts/save-request';
import type { RequestHandler } from './$types';

// The raw fast path (src/lib/server/attempts/save-fast-path.ts) answers this URL before SvelteKit
// sees it wherever the app was handed its HTTP server (scripts/server.js, the Vite plugin); this
// endpoint answers the rest (a server without it, a save before the app started) with the same code.
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { app, locale, user } = locals;
	const reply = await replyToSave(app, {
		attemptId: params.id,
		userId: user?.id ?? null,
		locale,
		contentType: request.headers.get('content-type'),
		readBody: () => request.text()
	});
	return json(reply.body, { status: reply.status });
};
