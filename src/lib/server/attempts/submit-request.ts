import type { Locale } from '../../i18n';
import { submitSchema, type SaveResponse } from '../../schemas/attempt';
import { apiFailureReply, type ApiReply } from '../api';
import type { AppContext } from '../context';
import { submitAttempt } from './attempt.service';

// One submit as the HTTP API takes it, whichever server carries the request: the raw node:http
// fast path (save-fast-path.ts) or SvelteKit's endpoint as the fallback. Same checks, same JSON.

export interface SubmitHttpRequest {
	attemptId: string;
	/** the signed-in user, null without a valid session */
	userId: string | null;
	locale: Locale;
	/** the body as text; rejects when it cannot be read (an error with status 413 when too large) */
	readBody: () => Promise<string>;
}

function tooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413;
}

/** The answer to POST /api/attempts/:id/submit: `{ prediction }` in, the API's reply out. */
export async function replyToSubmit(ctx: AppContext, request: SubmitHttpRequest): Promise<ApiReply<SaveResponse>> {
	const { locale, userId } = request;
	if (!userId) return apiFailureReply(locale, 'login_required', ctx.clock.now());
	let json: unknown;
	try {
		json = JSON.parse(await request.readBody());
	} catch (error) {
		return apiFailureReply(locale, tooLarge(error) ? 'body_too_large' : 'invalid_request', ctx.clock.now());
	}
	const parsed = submitSchema.safeParse(json);
	if (!parsed.success) return apiFailureReply(locale, 'invalid_request', ctx.clock.now());
	const result = await submitAttempt(ctx, request.attemptId, userId, parsed.data.prediction);
	if (!result.ok) return apiFailureReply(locale, result.reason, ctx.clock.now());
	return { status: 200, body: { ok: true, rev: 0, serverNow: ctx.clock.now() } };
}
