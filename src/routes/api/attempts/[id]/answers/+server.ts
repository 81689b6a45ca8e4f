import { json } from '@sveltejs/kit';
import { saveAnswerSchema } from '$lib/schemas/attempt';
import { apiFailure, parseJsonBody } from '$lib/server/api';
import { saveAnswer } from '$lib/server/attempts/attempt.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { app, locale, user } = locals;
	if (!user) return apiFailure(locale, 'login_required', app.clock.now());
	const body = await parseJsonBody(request, saveAnswerSchema);
	if (!body) return apiFailure(locale, 'invalid_request', app.clock.now());
	const result = await saveAnswer(app, params.id, user.id, body);
	if (!result.ok) return apiFailure(locale, result.reason, app.clock.now());
	return json({ ok: true, rev: result.rev, serverNow: app.clock.now() });
};
