import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '$lib/schemas/socket';

/**
 * Follows a round's leaderboard version over Socket.IO and calls `onNewer` when the server has
 * a newer one than the page shows. On reconnect it asks again, so a missed push is caught up.
 */
export function watchLeaderboard(
	roundId: string,
	currentVersion: () => number,
	onNewer: () => void,
	onConnection?: (connected: boolean) => void
): () => void {
	const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({
		path: '/socket.io',
		transports: ['websocket', 'polling']
	});
	const check = (version: number | undefined): void => {
		if (typeof version === 'number' && version > currentVersion()) onNewer();
	};
	socket.on('connect', () => {
		onConnection?.(true);
		socket.emit('leaderboard:watch', { roundId }, (reply) => check(reply.version));
	});
	socket.on('disconnect', () => onConnection?.(false));
	socket.on('leaderboard:version', (payload) => {
		if (payload.roundId === roundId) check(payload.version);
	});
	return () => socket.disconnect();
}
