import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLivePatch, type LivePacket, type LiveRoundState } from '../../src/lib/domain/live-board';
import { liveRoom, type LiveTarget, type StandingReply, type WatchReply } from '../../src/lib/schemas/socket';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { attachRealtime, type RealtimeServer } from '../../src/lib/server/realtime/attach';
import { buildLiveState } from '../../src/lib/server/realtime/live-state';
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
	io = attachRealtime(http, ctx, { intervalMs: 50 });
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
	for (const c of clients.splice(0)) c.disconnect();
	await new Promise<void>((resolve) => io.close(() => resolve()));
	await ctx.dispose();
});

function client(headers: Record<string, string> = {}): Socket {
	const socket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		extraHeaders: headers,
		forceNew: true,
		reconnection: false
	});
	clients.push(socket);
	return socket;
}

const roundTarget = (): LiveTarget => ({ kind: 'round', id: fixture.roundId });

function watch(socket: Socket, target: LiveTarget, held?: LiveRoundState): Promise<WatchReply> {
	return new Promise((resolve) => socket.emit('live:watch', { target, epoch: held?.epoch, seq: held?.seq }, resolve));
}

/** Keeps a viewer's state the way the browser does; records every packet it receives. */
function follow(socket: Socket) {
	const viewer = { socket, state: null as LiveRoundState | null, packets: [] as LivePacket[], resyncs: 0 };
	socket.on('live:packet', (packet: LivePacket) => {
		viewer.packets.push(packet);
		if (packet.type === 'snapshot') viewer.state = packet.state;
		else {
			const next = viewer.state ? applyLivePatch(viewer.state, packet.patch) : null;
			if (next) viewer.state = next;
			else viewer.resyncs++;
		}
	});
	return viewer;
}

/**
 * Waits for a condition. No deadline of its own: a busy machine may take its time, and a condition
 * that never holds fails the test at its timeout.
 */
async function until(check: () => boolean): Promise<void> {
	while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function finishAttempt(phone: string, fullName?: string, seconds = 30): Promise<string> {
	const userId = await createContestant(ctx, fixture, { phone, fullName });
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	await saveAnswer(ctx, started.attemptId, userId, { position: 1, optionIds: [], rev: 1 });
	ctx.clock.advance(seconds * 1000);
	await submitAttempt(ctx, started.attemptId, userId, 5);
	return userId;
}

describe('live rounds over Socket.IO', () => {
	it('gives a new viewer a snapshot, then brings a submit to it as a packet', async () => {
		const socket = client();
		const viewer = follow(socket);
		const reply = await watch(socket, roundTarget());
		expect(reply.ok).toBe(true);
		if (!reply.ok || reply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		viewer.state = reply.packet.state;
		expect(viewer.state.counters).toMatchObject({ contestants: 0, attempts: 0 });

		await finishAttempt('0912345001', 'Lê Văn Tám');
		await until(() => viewer.state?.counters.attempts === 1);
		expect(viewer.state!.groups[0].rows.map((r) => r.name)).toEqual(['Lê Văn Tám']);
		expect(viewer.state!.version).toBe(1);
		expect(viewer.resyncs).toBe(0);
	});

	it('answers "up to date" to a viewer holding the current state, and a snapshot to one that missed packets', async () => {
		const socket = client();
		const first = await watch(socket, roundTarget());
		if (!first.ok || first.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		const held = first.packet.state;
		expect(await watch(socket, roundTarget(), held)).toMatchObject({ ok: true, packet: null });

		// This viewer goes away and misses two finishes; another one watches throughout.
		const other = follow(client());
		const otherReply = await watch(other.socket, roundTarget());
		if (!otherReply.ok || otherReply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		other.state = otherReply.packet.state;
		socket.disconnect();
		await finishAttempt('0912345002');
		await finishAttempt('0912345003');
		await io.live.idle();
		// sent; the other viewer follows by packets
		await until(() => other.state?.version === 2);
		expect(other.resyncs).toBe(0);

		const again = client();
		const reply = await watch(again, roundTarget(), held);
		if (!reply.ok || reply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		expect(reply.packet.state.version).toBe(2);
		expect(reply.packet.state.counters.contestants).toBe(2);
	});

	it('never tells a viewer its state is current after the room was dropped and rebuilt (defect 2.1)', async () => {
		const socket = client();
		const first = await watch(socket, roundTarget());
		if (!first.ok || first.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		const held = first.packet.state;

		// The only viewer leaves: the room is dropped at its next update, results change meanwhile.
		socket.disconnect();
		await until(() => !io.sockets.adapter.rooms.has(liveRoom(roundTarget())));
		await finishAttempt('0912345010', 'Vũ Thị Hạnh');
		await io.live.idle();

		// Back with the state it held: a rebuilt room must not answer "up to date".
		const again = client();
		const reply = await watch(again, roundTarget(), held);
		if (!reply.ok || reply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		expect(reply.packet.state.seq).not.toBe(held.seq);
		expect(reply.packet.state.version).toBe(1);
		expect(reply.packet.state.groups[0].rows.map((r) => r.name)).toEqual(['Vũ Thị Hạnh']);
	});

	it('sends an anonymous viewer nothing personal beyond name and unit, and no user id', async () => {
		const earlier = await finishAttempt('0912345011', 'Đinh Văn Hùng');
		const socket = client();
		const raw: string[] = [];
		socket.onAny((_event, ...args) => raw.push(JSON.stringify(args)));
		// the round's screen and the contest's screen: snapshots, then patches with the change log
		raw.push(JSON.stringify(await watch(socket, roundTarget())));
		raw.push(JSON.stringify(await watch(socket, { kind: 'contest', id: fixture.contestId })));
		const userId = await finishAttempt('0912345004', 'Trần Thị Mai');
		await io.live.idle();
		await until(() => raw.filter((p) => p.includes('Trần Thị Mai')).length >= 2);
		const everything = raw.join('\n');
		expect(everything).toContain('Phường Hà Khánh');
		expect(everything).toContain('"patch"');
		expect(everything).toContain('"changes":[{');
		// rows are keyed by something that means nothing outside the round
		expect(everything).not.toContain(userId);
		expect(everything).not.toContain(earlier);
		// the screens' page data is built the same way
		for (const target of [roundTarget(), { kind: 'contest', id: fixture.contestId } as const]) {
			const page = JSON.stringify(await buildLiveState(ctx, target, 'ssr', 0));
			expect(page).toContain('Trần Thị Mai');
			expect(page).not.toContain(userId);
		}
		// The fixture gives every contestant this email and birth date.
		for (const secret of ['0912345004', '912345004', 'thisinh@example.vn', '1990-01-01', 'birth', 'phone', 'email']) {
			expect(everything).not.toContain(secret);
		}
	});

	it('refuses a browser connection from another origin and accepts the app’s own', async () => {
		const stranger = client({ origin: 'http://evil.example' });
		const refused = await new Promise<boolean>((resolve) => {
			stranger.on('connect', () => resolve(false));
			stranger.on('connect_error', () => resolve(true));
		});
		expect(refused).toBe(true);

		const own = client({ origin: url });
		await new Promise<void>((resolve, reject) => {
			own.on('connect', resolve);
			own.on('connect_error', reject);
		});
		expect((await watch(own, roundTarget())).ok).toBe(true);
	});

	it('refuses an unknown round, and hides scores from a round whose leaderboard is hidden', async () => {
		const socket = client();
		expect(await watch(socket, { kind: 'round', id: 'no-such-round' })).toEqual({ ok: false, reason: 'not_found' });
		expect(await watch(socket, { kind: 'nope', id: 'x' } as unknown as LiveTarget)).toEqual({
			ok: false,
			reason: 'invalid'
		});
		await finishAttempt('0912345005', 'Phạm Văn Đồng');
		await ctx.db.updateTable('round').set({ leaderboard_visibility: 'after_close' }).execute();
		const raw: string[] = [];
		const hidden = client();
		hidden.onAny((_e, ...args) => raw.push(JSON.stringify(args)));
		const reply = await watch(hidden, roundTarget());
		if (!reply.ok || reply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		const state = reply.packet.state;
		expect(state.scoresVisible).toBe(false);
		expect(state.counters).toMatchObject({ contestants: 1, perfect: null });
		expect(state.groups.every((g) => g.rows.length === 0)).toBe(true);
		expect(state.units.every((u) => u.meanPercent === null)).toBe(true);
		await finishAttempt('0912345006', 'Hoàng Văn Thụ');
		await until(() => raw.length > 0);
		expect(raw.join()).not.toContain('Hoàng Văn Thụ');
	});

	it('opens the dashboard room to the contest’s organizers only', async () => {
		const contestant = await createContestant(ctx, fixture, { phone: '0912345007' });
		const cookieFor = async (userId: string) => {
			const token = generateSessionToken();
			await createSession(ctx.db, token, userId, ctx.clock.now());
			return { cookie: `session=${token}` };
		};
		const target: LiveTarget = { kind: 'dashboard', id: fixture.roundId };
		expect(await watch(client(), target)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await watch(client(await cookieFor(contestant)), target)).toEqual({ ok: false, reason: 'forbidden' });

		await ctx.db
			.insertInto('organizer_grant')
			.values({ id: 'g1', user_id: contestant, contest_id: fixture.contestId, granted_by: null, created_at: 0 })
			.execute();
		await ctx.db.updateTable('app_user').set({ role: 'organizer' }).where('id', '=', contestant).execute();
		const reply = await watch(client(await cookieFor(contestant)), target);
		if (!reply.ok || reply.packet?.type !== 'snapshot') throw new Error('expected a snapshot');
		expect(reply.packet.state.activity?.perMinute).toHaveLength(60);
	});

	it('tells a signed-in contestant their standing, and nothing to an anonymous viewer', async () => {
		const me = await finishAttempt('0912345008', 'Tôi', 60);
		const token = generateSessionToken();
		await createSession(ctx.db, token, me, ctx.clock.now());
		const socket = client({ cookie: `session=${token}` });
		const ask = (s: Socket) =>
			new Promise<StandingReply>((resolve) => s.emit('live:standing', { roundId: fixture.roundId }, resolve));
		expect(await ask(socket)).toMatchObject({ ok: true, standing: { rank: 1, total: 1, version: 1 } });
		await finishAttempt('0912345009', 'Người nhanh hơn', 20);
		expect(await ask(socket)).toMatchObject({ ok: true, standing: { rank: 2, total: 2, version: 2 } });
		expect(await ask(client())).toEqual({ ok: true, standing: null });
	});
});
