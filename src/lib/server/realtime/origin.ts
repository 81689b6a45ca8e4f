/**
 * Whether a Socket.IO handshake may proceed: a browser always sends its page's origin, which must
 * be the app's own (ORIGIN when configured behind a proxy, else the host the request came to).
 * Without an Origin header the client is not a browser page, so no other site's cookies ride along.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, configured?: string): boolean {
	if (origin === undefined) return true;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (configured) {
		try {
			return parsed.origin === new URL(configured).origin;
		} catch {
			return false;
		}
	}
	return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && host !== undefined && parsed.host === host;
}
