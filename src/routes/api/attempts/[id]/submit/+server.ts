import { json } from '@sveltejs/kit';
import { submitSchema } from '$lib/schemas/attempt';
import { apiFailure, parseJsonBody } from '$lib/server/api';
import { submitAttempt } from '$lib/server/attempts/attempt.service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params, request }) => {
	const { app, locale, user } = locals;
	if (!user) return apiFailure(locale, 'login_required', app.clock.now());
	const body = await parseJsonBody(request, submitSchema);
	if (!body) return apiFailure(locale, 'invalid_request', app.clock.now());
	const result = await submitAttempt(app, params.id, user.id, body.prediction);
	if (!result.ok) return apiFailure(locale, result.reason, app.clock.now());
	return json({ ok: true, rev: 0, serverNow: app.clock.now() });
};
