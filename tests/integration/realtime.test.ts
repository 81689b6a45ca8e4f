import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { attachRealtime, type RealtimeServer } from '../../src/lib/server/realtime/attach';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// A real HTTP server on port 0 with the app's Socket.IO attached, and real socket.io clients.

let ctx: TestContext;
let http: HttpServer;
let io: RealtimeServer;
let url: string;
let fixture: Fixture;
const clients: Socket[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	http = createServer();
	io = attachRealtime(http, ctx);
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
	for (const c of clients.splice(0)) c.disconnect();
	await new Promise<void>((resolve) => io.close(() => resolve()));
	await ctx.dispose();
});

function client(cookie?: string): Socket {
	const socket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: cookie ? { cookie } : undefined,
		forceNew: true
	});
	clients.push(socket);
	return socket;
}

function watch(socket: Socket, roundId: string): Promise<{ ok: boolean; version?: number }> {
	return new Promise((resolve) => socket.emit('leaderboard:watch', { roundId }, resolve));
}

async function finishAttempt(phone: string): Promise<void> {
	const userId = await createContestant(ctx, fixture, { phone });
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	await saveAnswer(ctx, started.attemptId, userId, { position: 1, optionIds: [], rev: 1 });
	ctx.clock.advance(30_000);
	await submitAttempt(ctx, started.attemptId, userId, 5);
}

describe('realtime leaderboard versions', () => {
	it('pushes the new leaderboard version to a watching client when an attempt finishes', async () => {
		const socket = client();
		const reply = await watch(socket, fixture.roundId);
		expect(reply).toEqual({ ok: true, version: 0 });
		const pushed = new Promise<{ roundId: string; version: number }>((resolve) =>
			socket.once('leaderboard:version', resolve)
		);
		await finishAttempt('0912345001');
		expect(await pushed).toEqual({ roundId: fixture.roundId, version: 1 });
	});

	it('tells a client that connects late the current version, so it can catch up', async () => {
		await finishAttempt('0912345002');
		await finishAttempt('0912345003');
		const reply = await watch(client(), fixture.roundId);
		expect(reply).toEqual({ ok: true, version: 2 });
	});

	it('refuses to watch an unknown round or a round whose leaderboard is hidden', async () => {
		const socket = client();
		expect(await watch(socket, 'no-such-round')).toEqual({ ok: false });
		await ctx.db.updateTable('round').set({ leaderboard_visibility: 'never' }).execute();
		expect(await watch(socket, fixture.roundId)).toEqual({ ok: false });
	});

	it('knows the viewer from the session cookie, and treats a bad cookie as anonymous', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912345004', fullName: 'Ngô Thị Hoa' });
		const token = generateSessionToken();
		await createSession(ctx.db, token, userId, ctx.clock.now());
		const known = client(`session=${token}`);
		const stranger = client('session=forged-token');
		await Promise.all([watch(known, fixture.roundId), watch(stranger, fixture.roundId)]);
		const users = new Map<string, unknown>();
		for (const s of await io.fetchSockets()) users.set(s.id, s.data.user);
		expect(users.get(known.id!)).toMatchObject({ id: userId, fullName: 'Ngô Thị Hoa' });
		expect(users.get(stranger.id!)).toBeNull();
	});
});
