import { io as connect, type Socket } from 'socket.io-client';

// Socket.IO clients for the tests that drive the app's real server over the wire.

/** A client of the app's Socket.IO, WebSocket only, no reconnection; `opened` collects it for teardown. */
export function openSocket(url: string, opened: Socket[], cookie?: string): Socket {
	const socket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: cookie ? { cookie } : {}
	});
	opened.push(socket);
	return socket;
}

/** An event and its acknowledgement; a reply that never comes fails the test at its timeout. */
export function ask<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
	return new Promise((resolve) => socket.emit(event, payload, resolve));
}

/**
 * Waits for a condition. No deadline of its own: a busy machine may take its time, and a condition
 * that never holds fails the test at its timeout.
 */
export async function until(check: () => boolean | Promise<boolean>, everyMs = 5): Promise<void> {
	while (!(await check())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}
