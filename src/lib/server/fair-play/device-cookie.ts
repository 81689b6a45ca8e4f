import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { serialize } from 'cookie';
import { clientIp } from '../http';
import {
	clientSignals,
	DEVICE_COOKIE,
	DEVICE_COOKIE_MAX_AGE_S,
	isDeviceId,
	newDeviceId,
	type ClientSignals
} from './client-signals';

// The device cookie on SvelteKit's side (the hooks set it on the first request without one) and
// on the raw fast paths' side (a Set-Cookie header), with the same attributes as the session's:
// httpOnly, SameSite=Lax, Secure over HTTPS.

/** The request's device id, set in the cookie first when the browser has none (or a forged one). */
export function ensureDeviceCookie(cookies: Cookies, url: URL): string {
	const current = cookies.get(DEVICE_COOKIE);
	if (isDeviceId(current)) return current;
	const id = newDeviceId();
	cookies.set(DEVICE_COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: DEVICE_COOKIE_MAX_AGE_S
	});
	return id;
}

/** A Set-Cookie header value for a raw node:http response. */
export function deviceCookieHeader(id: string, protocol: string): string {
	return serialize(DEVICE_COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: protocol === 'https:',
		maxAge: DEVICE_COOKIE_MAX_AGE_S
	});
}

/** What a SvelteKit request tells of its client, as stored (the address hashed). */
export function eventClientSignals(
	event: Pick<RequestEvent, 'locals' | 'request' | 'getClientAddress'>
): Promise<ClientSignals> {
	const { locals, request } = event;
	return clientSignals(
		locals.app.db,
		{
			deviceId: locals.deviceId,
			address: clientIp(event.getClientAddress),
			userAgent: request.headers.get('user-agent')
		},
		locals.app.clock.now()
	);
}
