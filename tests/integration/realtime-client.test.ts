import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocketNode from 'ws';
import { RealtimeSocket, type RealtimeOptions } from '../../src/lib/client/realtime';
import type {
	GameClientToServerEvents,
	GameCommandReply,
	GameJoinReply,
	GamePlayerPacket,
	GameServerToClientEvents,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The browser's own Socket.IO client (src/lib/client/realtime.ts) against the app's real server:
// real HTTP, real WebSocket (the `ws` package stands in for the browser's), real long-polling over
// fetch, a real SQLite file. The host drives the game with the official client, so both clients
// meet the same server.

type PlayerSocket = RealtimeSocket<GameServerToClientEvents, GameClientToServerEvents>;

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const sockets: { disconnect(): void }[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx);
	server = await startGameServer(ctx);
});

afterEach(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	await server.close();
	await ctx.dispose();
});

/** A WebSocket that a proxy refuses: it fails before it opens. */
class BlockedWebSocket {
	onmessage: ((e: MessageEvent) => void) | null = null;
	onerror: (() => void) | null = null;
	onclose: (() => void) | null = null;
	constructor() {
		setTimeout(() => {
			this.onerror?.();
			this.onclose?.();
		}, 5);
	}
	send(): void {
		throw new Error('not open');
	}
	close(): void {}
}

function player(options: RealtimeOptions = {}): {
	socket: PlayerSocket;
	packets: GamePlayerPacket[];
	events: string[];
} {
	const socket: PlayerSocket = new RealtimeSocket({
		url: server.url,
		WebSocket: WebSocketNode as unknown as RealtimeOptions['WebSocket'],
		...options
	});
	sockets.push(socket);
	const packets: GamePlayerPacket[] = [];
	const events: string[] = [];
	socket.on('game:player', (p) => packets.push(p));
	socket.on('game:ping', (ack) => ack());
	socket.on('connect', () => events.push('connect'));
	socket.on('disconnect', (reason) => events.push(`disconnect:${reason}`));
	return { socket, packets, events };
}

function hostClient(): Socket {
	const socket = connect(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: { cookie: host.cookie }
	});
	sockets.push(socket);
	return socket;
}

function ask<R>(
	socket: PlayerSocket,
	event: keyof GameClientToServerEvents,
	payload: unknown
): Promise<[Error | null, R]> {
	return new Promise((resolve) =>
		socket.timeout(10_000).emit(event as 'game:join', payload as never, (error, reply) => resolve([error, reply as R]))
	);
}

/** Waits for a condition; no deadline of its own (the test's timeout is the limit). */
async function until(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

function serverSocketOf(playerId: string) {
	const found = [...server.io.sockets.sockets.values()].find((s) => s.data.player?.playerId === playerId);
	if (!found) throw new Error('no server socket for the player');
	return found;
}

/** Joins, the host starts, the player answers question 1: the whole round trip of a phone. */
async function playOneQuestion(p: ReturnType<typeof player>) {
	const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2, timeLimitMs: 60_000 });
	await until(() => p.socket.connected);
	const [joinError, joined] = await ask<GameJoinReply>(p.socket, 'game:join', {
		gameId: game.gameId,
		nickname: 'Hoa Sen',
		unitId: fixture.unitIds[0]
	});
	expect([joinError, p.events]).toEqual([null, ['connect']]);
	if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
	expect(joined.packet.view.phase).toBe('lobby');

	const h = hostClient();
	const watched = await new Promise<GameWatchReply>((resolve) =>
		h.emit('game:watch', { gameId: game.gameId, role: 'host' }, resolve)
	);
	expect(watched.ok).toBe(true);
	const started = await new Promise<GameCommandReply>((resolve) =>
		h.emit('game:command', { gameId: game.gameId, command: 'start' }, resolve)
	);
	expect(started).toEqual({ ok: true });
	await until(() => p.packets.at(-1)?.view.phase === 'question');

	const [answerError, answered] = await ask<{ ok: boolean }>(p.socket, 'game:answer', {
		gameId: game.gameId,
		position: 0,
		choice: game.correct[0]
	});
	expect(answerError).toBeNull();
	expect(answered.ok).toBe(true);
	const stored = await ctx.db
		.selectFrom('live_game_answer')
		.select(['player_id', 'choice_json', 'correct'])
		.where('game_id', '=', game.gameId)
		.execute();
	expect(stored).toEqual([{ player_id: joined.playerId, choice_json: JSON.stringify(game.correct[0]), correct: 1 }]);

	// the server's own acknowledged emit (the latency ping) is answered (it rejects on a timeout)
	await expect(serverSocketOf(joined.playerId).timeout(10_000).emitWithAck('game:ping')).resolves.toBeUndefined();
	return { game, playerId: joined.playerId, token: joined.token };
}

describe("the browser's Socket.IO client", () => {
	it('plays over a WebSocket: join, a question, an answer stored, acknowledgements both ways', async () => {
		const p = player();
		const { playerId } = await playOneQuestion(p);
		expect(serverSocketOf(playerId).conn.transport.name).toBe('websocket');
	});

	it('goes on over long-polling when the WebSocket is refused', async () => {
		const p = player({ WebSocket: BlockedWebSocket as unknown as RealtimeOptions['WebSocket'] });
		const { playerId } = await playOneQuestion(p);
		expect(serverSocketOf(playerId).conn.transport.name).toBe('polling');
	});

	it('reconnects when the connection drops, and fails the acknowledgements it was waiting for', async () => {
		for (const transports of [['websocket'], ['polling']] as const) {
			const p = player({ transports, reconnectionDelayMax: 1_000 });
			const { game, playerId, token } = await playOneQuestion(p);
			// an event the server never answers, still waiting when the connection is cut
			const pending = new Promise<Error | null>((resolve) =>
				p.socket.timeout(60_000).emit('game:nothing' as 'game:join', {} as never, (error) => resolve(error))
			);
			serverSocketOf(playerId).conn.close();
			expect((await pending)?.message).toBe('socket has been disconnected');
			await until(() => p.events.filter((e) => e === 'connect').length === 2);
			expect(p.events).toEqual(['connect', 'disconnect:transport close', 'connect']);
			// a new connection: the player rejoins with its token, as the page does, and is the same player
			const [rejoinError, rejoined] = await ask<GameJoinReply>(p.socket, 'game:rejoin', { gameId: game.gameId, token });
			expect(rejoinError).toBeNull();
			expect(rejoined.ok && rejoined.playerId).toBe(playerId);
			expect(rejoined.ok && rejoined.packet.view.phase).toBe('question');
			p.socket.disconnect();
			expect(p.socket.connected).toBe(false);
		}
	});
});
