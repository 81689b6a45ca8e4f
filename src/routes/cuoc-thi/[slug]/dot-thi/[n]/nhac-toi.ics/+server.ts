import { error } from '@sveltejs/kit';
import { buildRoundCalendar } from '$lib/server/reach/reminder.service';
import type { RequestHandler } from './$types';

/**
 * "Nhắc tôi": the round's opening (or, while it is open, its closing) as a calendar event. Public,
 * like the contest page: it holds the contest's title, the round's window and its link only, and
 * the phone's calendar app may fetch it outside the session.
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ordinal = Number(params.n);
	if (!Number.isInteger(ordinal) || ordinal < 1) error(404, 'not_found');
	const calendar = await buildRoundCalendar(locals.app, params.slug, ordinal, locals.locale, url.origin);
	if (calendar === null) error(404, 'not_found');
	return new Response(calendar, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="nhac-toi-${params.slug}-dot-${ordinal}.ics"`,
			// The event changes with the round's times and, at its opening, from opening to closing.
			'cache-control': 'no-cache'
		}
	});
};
