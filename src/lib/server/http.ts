/** Only same-site paths may be redirect targets: '/x' yes, '//evil.example' or 'https://…' no. */
export function safeNext(value: unknown, fallback = '/'): string {
	return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}

/** The client's address as the adapter reports it (assumes no proxy, or ADDRESS_HEADER set). */
export function clientIp(getClientAddress: () => string): string {
	try {
		return getClientAddress();
	} catch {
		return 'unknown';
	}
}
