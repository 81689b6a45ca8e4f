import { json } from '@sveltejs/kit';
import type { z } from 'zod';
import { translateReason, type Locale } from '../i18n';

/** Reason → HTTP status for the attempt API's expected failures. */
const statusOf: Record<string, number> = {
	login_required: 401,
	attempt_not_found: 404,
	attempt_closed: 409,
	invalid_answer: 400,
	invalid_request: 400
};

/** The one failure shape of the JSON API: a reason code, a sentence in the user's language. */
export function apiFailure(locale: Locale, reason: string, serverNow: number): Response {
	const key = reason === 'invalid_request' ? 'error.invalid' : `error.${reason}`;
	return json(
		{ ok: false, reason, message: translateReason(locale, key), serverNow },
		{ status: statusOf[reason] ?? 400 }
	);
}

export async function parseJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T> | null> {
	try {
		const parsed = schema.safeParse(await request.json());
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}
