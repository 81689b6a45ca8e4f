import { json } from '@sveltejs/kit';
import { replyToSubmit } from '$lib/server/attempts/submit-request';
import type { RequestHandler } from './$types';

// The raw fast path (src/lib/server/attempts/save-fast-path.ts) answers this URL before SvelteKit
// sees it wherever the app was handed its HTTP server; this endpoint answers the rest with the same code.
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { app, locale, user } = locals;
	const reply = await replyToSubmit(app, {
		attemptId: params.id,
		userId: user?.id ?? null,
		locale,
		readBody: () => request.text()
	});
	return json(reply.body, { status: reply.status });
};
