import type { Server as HttpServer } from 'node:http';
import { parse as parseCookie } from 'cookie';
import { Server } from 'socket.io';
import {
	roundRoom,
	watchLeaderboardSchema,
	type ClientToServerEvents,
	type ServerToClientEvents
} from '../../schemas/socket';
import { SESSION_COOKIE, validateSessionToken, type SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { findRound } from '../contests/contest.repository';
import { isLeaderboardVisible } from '../ranking/ranking.service';
import { createRoomThrottle } from './throttle';

interface SocketData {
	user: SessionUser | null;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Leaderboard versions go out at most this often per round room, ms. */
const BROADCAST_INTERVAL = 250;

/**
 * Socket.IO on the app's own HTTP server. The viewer's identity comes from the same session
 * cookie the HTTP hooks read; clients only ever learn a round's leaderboard version and refetch.
 */
export function attachRealtime(httpServer: HttpServer, ctx: AppContext): RealtimeServer {
	const io: RealtimeServer = new Server(httpServer, {
		serveClient: false,
		path: '/socket.io',
		// Leave other upgrades (Vite's HMR socket in dev) to their owners.
		destroyUpgrade: false
	});

	io.use(async (socket, next) => {
		try {
			const token = parseCookie(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
			const result = token ? await validateSessionToken(ctx.db, token, ctx.clock.now()) : null;
			socket.data.user = result?.user ?? null;
			next();
		} catch {
			next(new Error('unavailable'));
		}
	});

	io.on('connection', (socket) => {
		socket.on('leaderboard:watch', async (payload, ack) => {
			const parsed = watchLeaderboardSchema.safeParse(payload);
			const reply = typeof ack === 'function' ? ack : () => {};
			if (!parsed.success) return reply({ ok: false });
			const round = await findRound(ctx.db, parsed.data.roundId);
			if (!round || !isLeaderboardVisible(round, ctx.clock.now())) return reply({ ok: false });
			await socket.join(roundRoom(round.id));
			reply({ ok: true, version: round.leaderboard_version });
		});
		socket.on('leaderboard:unwatch', async (payload) => {
			const parsed = watchLeaderboardSchema.safeParse(payload);
			if (parsed.success) await socket.leave(roundRoom(parsed.data.roundId));
		});
	});

	const throttle = createRoomThrottle<{ roundId: string; version: number }>(BROADCAST_INTERVAL, (room, latest) => {
		// Nobody watching: skip the room entirely.
		if ((io.sockets.adapter.rooms.get(room)?.size ?? 0) === 0) return;
		io.to(room).emit('leaderboard:version', latest);
	});
	const onChanged = (change: { roundId: string; version: number }): void =>
		throttle.push(roundRoom(change.roundId), change);
	ctx.events.on('leaderboard:changed', onChanged);
	io.on('close', () => {
		ctx.events.off('leaderboard:changed', onChanged);
		throttle.stop();
	});
	return io;
}
