import { json } from '@sveltejs/kit';
import { replyToEvents } from '$lib/server/attempts/events-request';
import type { RequestHandler } from './$types';

// The attempt page's fair-play events (issue 14). The raw fast path (save-fast-path.ts) answers
// this URL first wherever the app has its HTTP server; this endpoint answers the rest, same code.
export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { app, locale, user } = locals;
	const reply = await replyToEvents(app, {
		attemptId: params.id,
		userId: user?.id ?? null,
		locale,
		contentType: request.headers.get('content-type'),
		readBody: () => request.text()
	});
	return json(reply.body, { status: reply.status });
};
