import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { translateReason, type Locale } from '../i18n';

/** Reason → HTTP status for the attempt API's expected failures. */
const statusOf: Record<string, number> = {
	login_required: 401,
	attempt_not_found: 404,
	attempt_closed: 409,
	invalid_answer: 400,
	invalid_request: 400,
	body_too_large: 413,
	cross_site: 403,
	server_error: 500
};

export interface ApiFailureBody {
	ok: false;
	reason: string;
	message: string;
	serverNow: number;
}

/** A JSON API answer before it becomes a response (SvelteKit's or a raw node:http one). */
export interface ApiReply<T = unknown> {
	status: number;
	body: T;
}

/** The one failure shape of the JSON API: a reason code, a sentence in the user's language. */
export function apiFailureReply(locale: Locale, reason: string, serverNow: number): ApiReply<ApiFailureBody> {
	const key =
		reason === 'invalid_request' ? 'error.invalid' : reason === 'server_error' ? 'error.generic' : `error.${reason}`;
	return {
		status: statusOf[reason] ?? 400,
		body: { ok: false, reason, message: translateReason(locale, key), serverNow }
	};
}

export function apiFailure(locale: Locale, reason: string, serverNow: number): Response {
	const { status, body } = apiFailureReply(locale, reason, serverNow);
	return json(body, { status });
}

export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T> | null> {
	try {
		const parsed = schema.safeParse(await request.json());
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
