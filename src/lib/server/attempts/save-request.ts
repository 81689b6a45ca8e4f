import type { Locale } from '../../i18n';
import { saveAnswerSchema, type SaveResponse } from '../../schemas/attempt';
import { apiFailureReply, type ApiReply } from '../api';
import type { AppContext } from '../context';
import { saveAnswer } from './attempt.service';

// One answer save as the HTTP API takes it, whichever server carries the request: the raw
// node:http fast path (save-fast-path.ts) wherever the app has its HTTP server (production, dev,
// preview), SvelteKit's endpoint as the fallback. Same checks, same order, same JSON.

/** Thrown by a body reader when the body is over its limit. */
export class BodyTooLargeError extends Error {
	readonly status = 413;
	constructor() {
		super('request body too large');
	}
}

export interface SaveHttpRequest {
	attemptId: string;
	/** the signed-in user, null without a valid session */
	userId: string | null;
	locale: Locale;
	contentType: string | null | undefined;
	/** the body as text; rejects when it cannot be read (a BodyTooLargeError, or an error with status 413) */
	readBody: () => Promise<string>;
}

/** `application/json`, with or without parameters (`; charset=utf-8`). */
export function isJsonContentType(value: string | null | undefined): boolean {
	if (!value) return false;
	const semicolon = value.indexOf(';');
	return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}

function tooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413;
}

/**
 * The answer to POST /api/attempts/:id/answers. Only JSON is taken: a form or text body (what
 * another site's page can post without a preflight) is refused before it is read.
 */
export async function replyToSave(ctx: AppContext, request: SaveHttpRequest): Promise<ApiReply<SaveResponse>> {
	const { locale, userId } = request;
	if (!userId) return apiFailureReply(locale, 'login_required', ctx.clock.now());
	if (!isJsonContentType(request.contentType)) return apiFailureReply(locale, 'invalid_request', ctx.clock.now());
	let text: string;
	try {
		text = await request.readBody();
	} catch (error) {
		return apiFailureReply(locale, tooLarge(error) ? 'body_too_large' : 'invalid_request', ctx.clock.now());
	}
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return apiFailureReply(locale, 'invalid_request', ctx.clock.now());
	}
	const parsed = saveAnswerSchema.safeParse(json);
	if (!parsed.success) return apiFailureReply(locale, 'invalid_request', ctx.clock.now());
	const result = await saveAnswer(ctx, request.attemptId, userId, parsed.data);
	if (!result.ok) return apiFailureReply(locale, result.reason, ctx.clock.now());
	return { status: 200, body: { ok: true, rev: result.rev, serverNow: ctx.clock.now() } };
}
