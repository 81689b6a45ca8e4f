import type { PendingAnswer, SendOutcome } from './answer-queue';

// Calls to the attempt API that report what the page needs: acknowledged, closed, rejected, or
// no network. Every reply carries the server's clock, passed to `onServerTime` with the round trip.

export type ServerTimeSample = (serverNow: number, sentAt: number, receivedAt: number) => void;

async function post(url: string, body: unknown, onServerTime: ServerTimeSample): Promise<SendOutcome> {
	const sentAt = Date.now();
	let response: Response;
	try {
		response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	} catch {
		return { kind: 'network' };
	}
	let data: { ok?: boolean; rev?: number; message?: string; reason?: string; serverNow?: number };
	try {
		data = await response.json();
	} catch {
		return { kind: 'network' };
	}
	if (typeof data.serverNow === 'number') onServerTime(data.serverNow, sentAt, Date.now());
	if (data.ok) return { kind: 'ok', rev: data.rev ?? 0 };
	if (response.status >= 500) return { kind: 'network' };
	if (data.reason === 'attempt_closed' || data.reason === 'attempt_not_found') {
		return { kind: 'closed', message: data.message ?? '' };
	}
	return { kind: 'rejected', message: data.message ?? '' };
}

export function sendAnswer(
	attemptId: string,
	answer: PendingAnswer,
	onServerTime: ServerTimeSample
): Promise<SendOutcome> {
	return post(`/api/attempts/${attemptId}/answers`, answer, onServerTime);
}

export function sendPrediction(
	attemptId: string,
	prediction: number | null,
	onServerTime: ServerTimeSample
): Promise<SendOutcome> {
	return post(`/api/attempts/${attemptId}/prediction`, { prediction }, onServerTime);
}

export function sendSubmit(
	attemptId: string,
	prediction: number | null,
	onServerTime: ServerTimeSample
): Promise<SendOutcome> {
	return post(`/api/attempts/${attemptId}/submit`, { prediction }, onServerTime);
}

/** The fair-play report (issue 14): 'closed' when the attempt is over (stop reporting). */
export async function sendEvents(
	attemptId: string,
	events: readonly { kind: string; position?: number }[],
	keepalive: boolean
): Promise<'ok' | 'closed' | 'retry'> {
	try {
		const response = await fetch(`/api/attempts/${attemptId}/events`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ events }),
			keepalive
		});
		if (response.ok) return 'ok';
		// a closed or foreign attempt, or a report the server refuses: sending it again would not help
		return response.status >= 500 ? 'retry' : 'closed';
	} catch {
		return 'retry';
	}
}
