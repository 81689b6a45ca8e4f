import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

// HttpOnly + SameSite=Lax, and Secure whenever the site is served over HTTPS (as production
// is). A plain-http address (a LAN demo) still gets a working cookie, where a Secure one
// would be dropped by the browser.
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
