import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { isLocale, LOCALE_COOKIE, translate } from '$lib/i18n';
import { getApp } from '$lib/server/app';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { ensureDeviceCookie } from '$lib/server/fair-play/device-cookie';
import { answerUnreadableForm } from '$lib/server/http';
import { log } from '$lib/server/logger';
import { securityHeaders } from '$lib/server/security-headers';

export const init: ServerInit = async () => {
	await getApp();
};

const handleApp: Handle = async ({ event, resolve }) => {
	event.locals.app = await getApp();
	return resolve(event);
};

const handleLocale: Handle = async ({ event, resolve }) => {
	const chosen = event.cookies.get(LOCALE_COOKIE);
	event.locals.locale = isLocale(chosen) ? chosen : 'vi';
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale),
		// Besides the page's scripts and styles, the regular weight of the font (answers, body
		// text): fetched with the stylesheet instead of after it, so text swaps to it sooner.
		preload: ({ type, path }) =>
			type === 'js' || type === 'css' || (type === 'font' && path.includes('be-vietnam-pro-400'))
	});
};

/**
 * A body that is not the form it claims to be (a cut or hand-made multipart, a wrong boundary)
 * makes request.formData() throw, which every form action would turn into a 500 and an error in
 * the log. It is the client's fault: answer 400 with a plain sentence instead. Errors SvelteKit
 * already gives a status (a body over the size limit: 413) pass through unchanged.
 */
const handleFormBody: Handle = async ({ event, resolve }) => {
	const { request } = event;
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		answerUnreadableForm(request, translate(event.locals.locale, 'error.form_unreadable'), () =>
			log.warn(`Unreadable form body on ${request.method} ${event.url.pathname}`)
		);
	}
	return resolve(event);
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return resolve(event);
	const { db, clock } = event.locals.app;
	const result = await validateSessionToken(db, token, clock.now());
	if (result.session) {
		event.locals.user = result.user;
		event.locals.session = result.session;
		if (result.renewed) setSessionCookie(event.cookies, event.url, token, result.session.expiresAt);
	} else {
		event.cookies.delete(SESSION_COOKIE, { path: '/' });
	}
	return resolve(event);
};

/** The device cookie (fair play, issue 14): a random id per browser, set on its first request. */
const handleDevice: Handle = async ({ event, resolve }) => {
	event.locals.deviceId = ensureDeviceCookie(event.cookies, event.url);
	return resolve(event);
};

/**
 * The studio's layouts guard its pages, but a page's data request (`__data.json`) may skip layout
 * loads: refuse those outright to anyone who is not staff. Pages with a per-contest grant check it
 * in their own load as well.
 */
const handleStudioData: Handle = async ({ event, resolve }) => {
	if (event.isDataRequest && event.url.pathname.startsWith('/studio')) {
		const role = event.locals.user?.role;
		if (role !== 'admin' && role !== 'organizer') return new Response('forbidden', { status: 403 });
	}
	return resolve(event);
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(securityHeaders(event.url.protocol))) response.headers.set(name, value);
	return response;
};

// Security headers first: they wrap every response, those a later handle answers itself too
// (the studio's refusal of a data request).
export const handle = sequence(
	handleSecurityHeaders,
	handleApp,
	handleLocale,
	handleFormBody,
	handleSession,
	handleDevice,
	handleStudioData
);

/** Logs the real error; the user sees a plain sentence in their language, never a stack. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) log.error(`Unhandled error on ${event.request.method} ${event.url.pathname}`, error);
	const locale = event.locals.locale ?? 'vi';
	return { message: translate(locale, status === 404 ? 'error.not_found' : 'error.generic') };
};
