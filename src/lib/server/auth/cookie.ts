import type { Cookies } from '@sveltejs/kit';
import { SESSION_COOKIE } from './session';

// SvelteKit sets `secure` by default (except on http://localhost), so the cookie is
// HttpOnly + SameSite=Lax + Secure as the recipe asks.
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: number): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		expires: new Date(expiresAt)
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
