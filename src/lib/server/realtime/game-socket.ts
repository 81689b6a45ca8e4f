import type { Socket } from 'socket.io';
import type { GameEvent } from '../../domain/live-game';
import {
	gameAnswerSchema,
	gameCommandSchema,
	gameDoorSchema,
	gameExtendSchema,
	gameJoinSchema,
	gameRejoinSchema,
	gameRemoveManySchema,
	gameRemoveSchema,
	gameRooms,
	gameRosterSchema,
	gameWatchSchema,
	type GameClientToServerEvents,
	type GameJoinReply,
	type GameServerToClientEvents
} from '../../schemas/game-socket';
import type { GameJoinLimiter } from '../auth/rate-limit';
import type { SessionUser } from '../auth/session';
import { requestAddress } from '../fair-play/client-signals';
import type { LiveGames } from '../live-games/live-games';
import { log } from '../logger';

export interface GameSocketData {
	user: SessionUser | null;
	/** the player this socket plays as, once joined */
	player?: { gameId: string; playerId: string } | null;
	/** game events left in the current window */
	gameBudget?: number;
	gameWindowStart?: number;
	/** windows in a row that ran out: a socket that keeps flooding is disconnected */
	gameFloods?: number;
}

// the third parameter (the events between nodes) is attach.ts's business
type GameSocket = Socket<GameClientToServerEvents, GameServerToClientEvents, any, GameSocketData>;

/** Game events a socket may send per window. A player needs one answer per question. */
export const GAME_EVENT_BUDGET = 30;
export const GAME_BUDGET_WINDOW_MS = 5_000;
/** Round trips measured after a join, spaced so one slow moment does not decide the allowance. */
const PINGS = [0, 400, 1_200];

function spend(data: GameSocketData, socket: GameSocket): boolean {
	const now = Date.now();
	if (data.gameWindowStart === undefined || now - data.gameWindowStart >= GAME_BUDGET_WINDOW_MS) {
		if (data.gameBudget !== undefined && data.gameBudget <= 0) data.gameFloods = (data.gameFloods ?? 0) + 1;
		else data.gameFloods = 0;
		data.gameWindowStart = now;
		data.gameBudget = GAME_EVENT_BUDGET;
	}
	if ((data.gameBudget ?? 0) <= 0) {
		// three windows flooded in a row: the socket is cut off; an honest client reconnects
		if ((data.gameFloods ?? 0) >= 2) socket.disconnect(true);
		return false;
	}
	data.gameBudget = (data.gameBudget ?? GAME_EVENT_BUDGET) - 1;
	return true;
}

function replier<T>(ack: unknown): (reply: T) => void {
	return typeof ack === 'function' ? (ack as (reply: T) => void) : () => {};
}

/**
 * The live game's socket events: thin handlers that validate with zod, throttle, check who is
 * asking and hand over to LiveGames. Host events are for the game's host only (checked there).
 */
export function handleGameEvents(socket: GameSocket, games: LiveGames, joins?: GameJoinLimiter): void {
	const measure = (gameId: string, playerId: string) => {
		for (const delay of PINGS) {
			const timer = setTimeout(() => {
				if (!socket.connected) return;
				const sent = performance.now();
				socket.timeout(5_000).emit('game:ping', (error: unknown) => {
					if (!error) games.recordRoundTrip(gameId, playerId, performance.now() - sent);
				});
			}, delay);
			timer.unref?.();
		}
	};

	const bind = async (gameId: string, reply: GameJoinReply) => {
		if (!reply.ok) return;
		const previous = socket.data.player;
		if (previous && (previous.gameId !== gameId || previous.playerId !== reply.playerId)) {
			games.detach(previous.gameId, previous.playerId, socket.id);
			await socket.leave(gameRooms.players(previous.gameId));
		}
		socket.data.player = { gameId, playerId: reply.playerId };
		await socket.join(gameRooms.players(gameId));
		measure(gameId, reply.playerId);
	};

	socket.on('game:join', async (payload, ack) => {
		const reply = replier<GameJoinReply>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameJoinSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			// new players per address (a hall behind one NAT fits); the host sees the refusals
			if (joins && !(await joins.allow(requestAddress(socket.request) ?? 'unknown'))) {
				games.refused(parsed.data.gameId, 'throttled');
				return reply({ ok: false, reason: 'throttled' });
			}
			const result = await games.join(parsed.data.gameId, socket.data.user, parsed.data, socket.id);
			await bind(parsed.data.gameId, result);
			reply(result);
		} catch (error) {
			log.error('game:join failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:rejoin', async (payload, ack) => {
		const reply = replier<GameJoinReply>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameRejoinSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const result = await games.rejoin(parsed.data.gameId, parsed.data.token, socket.id);
			await bind(parsed.data.gameId, result);
			reply(result);
		} catch (error) {
			log.error('game:rejoin failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:answer', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:answer']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameAnswerSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const player = socket.data.player;
			if (!player || player.gameId !== parsed.data.gameId) return reply({ ok: false, reason: 'not_joined' });
			reply(await games.answer(player.playerId, parsed.data));
		} catch (error) {
			log.error('game:answer failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:watch', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:watch']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameWatchSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const { gameId, role } = parsed.data;
			// authorized before joining: a socket that is not the host never sits in the host room
			const first = await games.watch(gameId, role, socket.data.user);
			if (!first.ok) return reply(first);
			await socket.join(role === 'host' ? gameRooms.host(gameId) : gameRooms.screen(gameId));
			// built again after joining, so a change in between is not missed
			const result = await games.watch(gameId, role, socket.data.user);
			reply(result);
		} catch (error) {
			log.error('game:watch failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:command', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:command']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameCommandSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			reply(await games.command(parsed.data.gameId, socket.data.user, parsed.data.command as GameEvent));
		} catch (error) {
			log.error('game:command failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:remove', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:remove']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameRemoveSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			reply(await games.remove(parsed.data.gameId, socket.data.user, [parsed.data.playerId]));
		} catch (error) {
			log.error('game:remove failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:remove-many', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:remove-many']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameRemoveManySchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			reply(await games.remove(parsed.data.gameId, socket.data.user, parsed.data.playerIds));
		} catch (error) {
			log.error('game:remove-many failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:door', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:door']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameDoorSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const { gameId, ...change } = parsed.data;
			reply(await games.door(gameId, socket.data.user, change));
		} catch (error) {
			log.error('game:door failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:extend', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:extend']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameExtendSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			reply(await games.extend(parsed.data.gameId, socket.data.user, parsed.data.ms));
		} catch (error) {
			log.error('game:extend failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('game:roster', async (payload, ack) => {
		const reply = replier<Parameters<Parameters<GameClientToServerEvents['game:roster']>[1]>[0]>(ack);
		try {
			if (!spend(socket.data, socket)) return reply({ ok: false, reason: 'throttled' });
			const parsed = gameRosterSchema.safeParse(payload);
			if (!parsed.success) return reply({ ok: false, reason: 'invalid' });
			const { gameId, page, query } = parsed.data;
			reply(await games.roster(gameId, socket.data.user, { page, query }));
		} catch (error) {
			log.error('game:roster failed', error);
			reply({ ok: false, reason: 'unavailable' });
		}
	});

	socket.on('disconnect', () => {
		const player = socket.data.player;
		if (player) games.detach(player.gameId, player.playerId, socket.id);
	});
}
