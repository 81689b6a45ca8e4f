import { error } from '@sveltejs/kit';

/**
 * Makes request.formData() answer 400 with `message` when the body cannot be read as a form (a cut
 * or hand-made multipart, a wrong boundary): the client's fault, not a server error. A failure that
 * already carries a status passes through as it is (adapter-node's 413 for a body over
 * BODY_SIZE_LIMIT). `onUnreadable` is told of each, for the log.
 */
export function answerUnreadableForm(request: Request, message: string, onUnreadable: () => void): void {
	const readForm = request.formData.bind(request);
	request.formData = async () => {
		try {
			return await readForm();
		} catch (cause) {
			if (typeof (cause as { status?: unknown } | null)?.status === 'number') throw cause;
			onUnreadable();
			error(400, message);
		}
	};
}

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
