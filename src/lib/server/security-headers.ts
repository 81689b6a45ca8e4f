// Response headers every page and endpoint carries. The Content-Security-Policy itself comes from
// SvelteKit (`kit.csp` in svelte.config.js), which knows the nonce of each page.

/** One year: browsers remember to use https only once the site has answered over https. */
const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * `protocol` is the request URL's as SvelteKit sees it (`https:` when ORIGIN or the proxy's
 * PROTOCOL_HEADER says so). HSTS over plain http would be ignored by browsers and would mislead
 * anyone reading the headers, so it is sent over https only. No `includeSubDomains`: the app
 * often runs on one host of a government domain whose other hosts we know nothing about.
 */
export function securityHeaders(protocol: string): Record<string, string> {
	const headers: Record<string, string> = {
		'X-Content-Type-Options': 'nosniff',
		'Referrer-Policy': 'same-origin',
		'X-Frame-Options': 'DENY',
		'Permissions-Policy': 'camera=(), microphone=(), geolocation=()'
	};
	if (protocol === 'https:') headers['Strict-Transport-Security'] = `max-age=${HSTS_MAX_AGE_SECONDS}`;
	return headers;
}
