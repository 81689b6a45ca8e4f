import { translate, type Locale } from '../../i18n';
import { reportEventsSchema } from '../../schemas/attempt';
import { apiFailureReply, type ApiReply } from '../api';
import type { AppContext } from '../context';
import { reportAttemptEvents } from './events.service';
import { isJsonContentType } from './save-request';

// POST /api/attempts/<id>/events: the attempt page's fair-play report (issue 14), a batch of
// events every few seconds and when the page is hidden. Answered by the raw fast path
// (save-fast-path.ts) and by SvelteKit's endpoint as the fallback, like the save.

export interface EventsHttpRequest {
	attemptId: string;
	userId: string | null;
	locale: Locale;
	contentType: string | null | undefined;
	readBody: () => Promise<string>;
}

export type EventsResponse = { ok: true; recorded: number; serverNow: number };

function tooLarge(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 413;
}

function invalid(locale: Locale, detail: string, now: number): ApiReply {
	return {
		status: 400,
		body: {
			ok: false,
			reason: 'invalid_events',
			message: translate(locale, 'error.events_invalid', { detail }),
			serverNow: now
		}
	};
}

export async function replyToEvents(ctx: AppContext, request: EventsHttpRequest): Promise<ApiReply> {
	const { locale, userId } = request;
	if (!userId) return apiFailureReply(locale, 'login_required', ctx.clock.now());
	if (!isJsonContentType(request.contentType)) return apiFailureReply(locale, 'invalid_request', ctx.clock.now());
	let json: unknown;
	try {
		json = JSON.parse(await request.readBody());
	} catch (error) {
		if (tooLarge(error)) return apiFailureReply(locale, 'body_too_large', ctx.clock.now());
		return invalid(locale, translate(locale, 'error.events_shape'), ctx.clock.now());
	}
	const parsed = reportEventsSchema.safeParse(json);
	if (!parsed.success) return invalid(locale, translate(locale, 'error.events_shape'), ctx.clock.now());
	const result = await reportAttemptEvents(ctx, request.attemptId, userId, parsed.data.events);
	if (!result.ok && result.reason === 'invalid_events') {
		return invalid(locale, translate(locale, result.problem.key, result.problem.params), ctx.clock.now());
	}
	if (!result.ok) return apiFailureReply(locale, result.reason, ctx.clock.now());
	return { status: 200, body: { ok: true, recorded: result.recorded, serverNow: ctx.clock.now() } };
}
