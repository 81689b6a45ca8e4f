import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocketNode from 'ws';
import { GamePlayer } from '../../src/lib/client/live-game.svelte';
import type { RealtimeOptions } from '../../src/lib/client/realtime';
import type { GameAnswerReply, GameCommandReply, GameWatchReply } from '../../src/lib/schemas/game-socket';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { ask, until } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// A phone whose answer was in flight when the server died: the phone's own module (GamePlayer,
// over the browser's Socket.IO client with `ws` for the WebSocket) against the app's real server,
// which is stopped with the answer unacknowledged and started again on the same port. The phone
// keeps showing the answer as sent and, after its rejoin, sends it again unless the server holds
// it; the person never taps twice.

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
let game: GameFixture;
const closers: (() => void)[] = [];

/** What the server does with the next answer packet it receives: drops it, or stores it and drops the reply. */
let lose: { mode: 'packet' | 'reply'; seen: () => void } | null = null;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx);
	game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
	server = await start();
});

afterEach(async () => {
	for (const close of closers.splice(0)) close();
	await stop();
	await ctx.dispose();
});

async function start(port?: number): Promise<GameServer> {
	const started = await startGameServer(ctx, { port });
	// The network between the phone and a dying server: the answer packet, or its reply, never
	// makes it. Everything else goes through.
	started.io.on('connection', (socket) => {
		socket.use((packet, next) => {
			const loss = lose;
			if (packet[0] !== 'game:answer' || !loss) return next();
			lose = null;
			if (loss.mode === 'packet') return loss.seen();
			const ack = packet[packet.length - 1] as (reply: GameAnswerReply) => void;
			packet[packet.length - 1] = (reply: GameAnswerReply) => {
				void ack; // the reply dies with the server
				if (reply.ok) loss.seen();
			};
			next();
		});
	});
	return started;
}

/** Stops the server as a dying process does (its game timers too). */
async function stop(): Promise<void> {
	server.io.games.stop();
	await server.close();
}

async function restart(): Promise<void> {
	const port = Number(new URL(server.url).port);
	await stop();
	server = await start(port);
}

async function hostConsole(): Promise<Socket> {
	const socket = connect(server.url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		extraHeaders: { cookie: host.cookie }
	});
	closers.push(() => socket.disconnect());
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role: 'host' });
	if (!reply.ok) throw new Error(reply.reason);
	return socket;
}

async function phoneInQuestion(): Promise<GamePlayer> {
	const phone = new GamePlayer(game.gameId, {
		url: server.url,
		transports: ['websocket'],
		WebSocket: WebSocketNode as unknown as RealtimeOptions['WebSocket'],
		reconnectionDelayMax: 100
	});
	closers.push(phone.start());
	await until(() => phone.status === 'joining');
	expect(await phone.join({ nickname: 'Lan Phương', unitId: fixture.unitIds[0] })).toBe(true);
	const h = await hostConsole();
	expect(await ask<GameCommandReply>(h, 'game:command', { gameId: game.gameId, command: 'start' })).toEqual({
		ok: true
	});
	await until(() => phone.packet?.view.phase === 'question');
	return phone;
}

const answerRows = () => ctx.db.selectFrom('live_game_answer').selectAll().where('game_id', '=', game.gameId).execute();

describe('an answer in flight when the server dies', () => {
	it('is sent again after the rejoin when the server never got it, and counts once', async () => {
		const phone = await phoneInQuestion();
		const choice = game.correct[0];
		let seen!: () => void;
		const inFlight = new Promise<void>((resolve) => (seen = resolve));
		lose = { mode: 'packet', seen };
		const reply = phone.answer(choice);
		await inFlight;

		await stop();
		await until(() => phone.status === 'reconnecting');
		// the buttons do not come back: the answer still shows as sent
		expect(phone.packet?.me?.answer).toEqual(choice);
		expect(await answerRows()).toEqual([]);

		server = await start(Number(new URL(server.url).port));
		expect(await reply).toMatchObject({ ok: true });
		expect(phone.status).toBe('playing');
		expect(phone.packet?.me?.answer).toEqual(choice);
		const rows = await answerRows();
		expect(rows.map((r) => [r.position, JSON.parse(r.choice_json)])).toEqual([[0, choice]]);
	});

	it('is not sent again when the server stored it before dying: the rejoin shows it, once', async () => {
		const phone = await phoneInQuestion();
		const choice = game.correct[0];
		let seen!: () => void;
		const stored = new Promise<void>((resolve) => (seen = resolve));
		lose = { mode: 'reply', seen };
		const reply = phone.answer(choice);
		await stored;

		await restart();
		// settled by the rejoin: the server holds the answer, the phone keeps showing it
		expect(await reply).toEqual({ ok: false, reason: 'duplicate' });
		expect(phone.packet?.me?.answer).toEqual(choice);
		expect(phone.answerRefusal).toBe('duplicate');
		expect((await answerRows()).length).toBe(1);
	});

	it('is given up when the question closed during the outage: the phone does not answer the next one with it', async () => {
		const phone = await phoneInQuestion();
		let seen!: () => void;
		const inFlight = new Promise<void>((resolve) => (seen = resolve));
		lose = { mode: 'packet', seen };
		const reply = phone.answer(game.correct[0]);
		await inFlight;
		await stop();
		await until(() => phone.status === 'reconnecting');

		// the game moved on to the reveal while the phone was away (another node took it over): the
		// new server starts from the database
		await ctx.db.updateTable('live_game').set({ phase: 'reveal' }).where('id', '=', game.gameId).execute();
		server = await start(Number(new URL(server.url).port));
		expect(await reply).toEqual({ ok: false, reason: 'late' });
		expect(phone.packet?.view.phase).toBe('reveal');
		expect(await answerRows()).toEqual([]);
		expect(phone.packet?.me?.result).toMatchObject({ answered: false });
	});
});
