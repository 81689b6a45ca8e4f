import { createServer, request, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flushAnswerEvents, pendingAnswerEvents } from '../../src/lib/server/attempts/answer-events';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { installSaveFastPath } from '../../src/lib/server/attempts/save-fast-path';
import { installStartFastPath } from '../../src/lib/server/attempts/start-fast-path';
import { createRegistrationLimiter, databaseLimitStore } from '../../src/lib/server/auth/rate-limit';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { clientSignals, DEVICE_COOKIE, hashAddress } from '../../src/lib/server/fair-play/client-signals';
import { registerContestant } from '../../src/lib/server/users/user.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { answerKey, startFresh, type KeyedItem } from './support';

// The fair-play record of issue 14, on a real database (both passes) and a real HTTP server:
// every accepted answer save queues its 'answer' event with the server's time, written in
// batches off the save's path; the page's events report is validated, stamped with the server's clock
// and refused once the attempt is over; the device cookie, the hashed address and the user agent
// are kept on the attempt when it starts and on the account when it registers.

const GRACE = 5000;
const DEVICE = 'AAAAAAAAAAAAAAAAAAAAAA';

let ctx: TestContext;
let server: HttpServer;
let port: number;
let fixture: Fixture;
let userId: string;
let attemptId: string;
let items: KeyedItem[];
let cookie: string;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, {
		opensAt: now - MINUTE,
		closesAt: now + 60 * MINUTE,
		timeLimitMs: 10 * MINUTE,
		graceMs: GRACE,
		maxAttempts: 3
	});
	userId = await createContestant(ctx, fixture, { phone: '0912000001' });
	attemptId = await startFresh(ctx, userId, fixture.roundId);
	items = await answerKey(ctx, attemptId);
	cookie = await sessionCookie(userId);
	server = createServer((_req, res) => {
		res.statusCode = 418;
		res.end('passed on');
	});
	installSaveFastPath(server, ctx);
	installStartFastPath(server, ctx);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
	delete process.env.ADDRESS_HEADER;
	delete process.env.XFF_DEPTH;
	await new Promise((resolve) => server.close(resolve));
	server.closeAllConnections();
	await ctx.dispose();
});

async function sessionCookie(user: string): Promise<string> {
	const token = generateSessionToken();
	await createSession(ctx.db, token, user, ctx.clock.now());
	return `session=${token}`;
}

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	json: { ok: boolean; reason?: string; message?: string; recorded?: number; serverNow?: number };
}

function post(path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				headers: { 'content-type': 'application/json', cookie, ...headers }
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => {
					let json: Reply['json'];
					try {
						json = JSON.parse(text);
					} catch {
						json = { ok: false };
					}
					resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
				});
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

function report(events: unknown[], id = attemptId, headers: Record<string, string> = {}): Promise<Reply> {
	return post(`/api/attempts/${id}/events`, JSON.stringify({ events }), headers);
}

async function events(id = attemptId) {
	// the answer events are written in batches: write what is queued first
	await flushAnswerEvents(ctx.db);
	const rows = await ctx.db
		.selectFrom('attempt_event')
		.select(['kind', 'position', 'value_json', 'at'])
		.where('attempt_id', '=', id)
		.execute();
	// a stable order for the comparisons: time, then kind and position
	return rows.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind) || (a.position ?? 0) - (b.position ?? 0));
}

describe('answer events', () => {
	it('each accepted save writes its answer with the server’s time; a stale revision writes nothing', async () => {
		const [first, second] = items;
		const t0 = ctx.clock.now();
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: [first.ids[0]], rev: 1 })
		).toEqual({
			ok: true,
			rev: 1
		});
		ctx.clock.advance(4321);
		await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: [first.ids[1]], rev: 2 });
		// an older revision arriving late: acknowledged, not applied, not recorded
		await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: [first.ids[0]], rev: 1 });
		ctx.clock.advance(1000);
		await saveAnswer(ctx, attemptId, userId, { position: second.position, optionIds: [second.ids[0]], rev: 1 });

		expect(await events()).toEqual([
			{ kind: 'answer', position: first.position, value_json: JSON.stringify([first.ids[0]]), at: t0 },
			{ kind: 'answer', position: first.position, value_json: JSON.stringify([first.ids[1]]), at: t0 + 4321 },
			{ kind: 'answer', position: second.position, value_json: JSON.stringify([second.ids[0]]), at: t0 + 5321 }
		]);
		const [row] = await events();
		expect(typeof row.at).toBe('number');
	});

	it('are queued by the save and written in one batch; an attempt deleted meanwhile does not lose the others', async () => {
		const other = await createContestant(ctx, fixture, { phone: '0912000009' });
		const otherAttempt = await startFresh(ctx, other, fixture.roundId);
		const [theirs] = await answerKey(ctx, otherAttempt);
		const [mine] = items;
		await saveAnswer(ctx, otherAttempt, other, { position: theirs.position, optionIds: [theirs.ids[0]], rev: 1 });
		await saveAnswer(ctx, attemptId, userId, { position: mine.position, optionIds: [mine.ids[0]], rev: 1 });
		expect(pendingAnswerEvents(ctx.db)).toBe(2);
		// the other attempt is deleted (a purge) before the batch is written
		await ctx.db.deleteFrom('attempt_item').where('attempt_id', '=', otherAttempt).execute();
		await ctx.db.deleteFrom('attempt').where('id', '=', otherAttempt).execute();
		await flushAnswerEvents(ctx.db);
		expect(pendingAnswerEvents(ctx.db)).toBe(0);
		expect((await events()).map((e) => e.position)).toEqual([mine.position]);
		expect(await events(otherAttempt)).toEqual([]);
	});

	it('a flush resolves only once a batch another flush was already writing is written', async () => {
		const [item] = items;
		await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: [item.ids[0]], rev: 1 });
		// the timer's flush (or a full batch) takes the queue and is writing it...
		let firstDone = false;
		const first = flushAnswerEvents(ctx.db).then(() => (firstDone = true));
		expect(pendingAnswerEvents(ctx.db)).toBe(0);
		// ...when a purge, an export or the shutdown asks for everything to be written
		await flushAnswerEvents(ctx.db);
		expect(firstDone).toBe(true);
		await first;
		expect(await events()).toHaveLength(1);
	});

	it('a save over HTTP (the fast path) records its answer too, and a refused save records nothing', async () => {
		const item = items[0];
		const t0 = ctx.clock.now();
		const ok = await post(
			`/api/attempts/${attemptId}/answers`,
			JSON.stringify({ position: item.position, optionIds: [item.ids[0]], rev: 1 })
		);
		expect(ok.status).toBe(200);
		const bad = await post(
			`/api/attempts/${attemptId}/answers`,
			JSON.stringify({ position: item.position, optionIds: ['not-an-option'], rev: 2 })
		);
		expect(bad.status).toBe(400);
		ctx.clock.set(t0 + 10 * MINUTE + GRACE + 1);
		const late = await post(
			`/api/attempts/${attemptId}/answers`,
			JSON.stringify({ position: item.position, optionIds: [item.ids[1]], rev: 3 })
		);
		expect(late.status).toBe(409);
		expect(await events()).toEqual([
			{ kind: 'answer', position: item.position, value_json: JSON.stringify([item.ids[0]]), at: t0 }
		]);
	});
});

describe('the page’s events report', () => {
	it('records a batch with the server’s clock on receipt, whatever time the page sends', async () => {
		const now = ctx.clock.now();
		const reply = await report([
			{ kind: 'shown', position: 1, t: 1 },
			{ kind: 'hidden', at: 5 },
			{ kind: 'blur' },
			{ kind: 'visible', position: null },
			{ kind: 'focus' },
			{ kind: 'shown', position: items.length }
		]);
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ ok: true, recorded: 6, serverNow: now });
		expect(await events()).toEqual([
			{ kind: 'blur', position: null, value_json: null, at: now },
			{ kind: 'focus', position: null, value_json: null, at: now },
			{ kind: 'hidden', position: null, value_json: null, at: now },
			{ kind: 'shown', position: 1, value_json: null, at: now },
			{ kind: 'shown', position: items.length, value_json: null, at: now },
			{ kind: 'visible', position: null, value_json: null, at: now }
		]);
	});

	it('refuses an unknown kind, an answer claimed by the page, and positions out of range, saying which entry', async () => {
		const cases: [unknown[], RegExp][] = [
			[[{ kind: 'shown', position: 1 }, { kind: 'copy' }], /"copy".*mục 2/],
			[[{ kind: 'answer', position: 1 }], /"answer".*mục 1/],
			[[{ kind: 'shown', position: items.length + 1 }], new RegExp(`câu số ${items.length + 1} ở mục 1`)],
			[[{ kind: 'shown', position: 0 }], /câu số 0 ở mục 1/],
			[[{ kind: 'shown' }], /mục 1 \(shown\) cần số thứ tự câu hỏi/],
			[[{ kind: 'blur', position: 2 }], /mục 1 \(blur\) không gắn với câu hỏi/],
			[Array.from({ length: 101 }, () => ({ kind: 'blur' })), /nhiều nhất 100 sự kiện/],
			[[], /không đúng định dạng/],
			[[{ kind: 'shown', position: 1.5 }], /không đúng định dạng/]
		];
		for (const [batch, message] of cases) {
			const reply = await report(batch);
			expect(reply.status, JSON.stringify(batch).slice(0, 60)).toBe(400);
			expect(reply.json.reason).toBe('invalid_events');
			expect(reply.json.message).toMatch(/^Nhật ký làm bài không hợp lệ: /);
			expect(reply.json.message).toMatch(message);
		}
		// in English for an English page
		const english = await report([{ kind: 'copy' }], attemptId, { cookie: `${cookie}; lang=en` });
		expect(english.json.message).toBe('Invalid attempt log: event kind "copy" at entry 1 is not accepted');
		// a body that is not JSON at all
		const garbage = await post(`/api/attempts/${attemptId}/events`, '{events:');
		expect(garbage.status).toBe(400);
		expect(garbage.json.reason).toBe('invalid_events');
		expect(await events()).toEqual([]);
	});

	it('takes reports only from the attempt’s owner, signed in', async () => {
		const other = await createContestant(ctx, fixture, { phone: '0912000002' });
		const foreign = await report([{ kind: 'blur' }], attemptId, { cookie: await sessionCookie(other) });
		expect(foreign.status).toBe(404);
		expect(foreign.json.reason).toBe('attempt_not_found');
		const anonymous = await report([{ kind: 'blur' }], attemptId, { cookie: '' });
		expect(anonymous.status).toBe(401);
		const unknown = await report([{ kind: 'blur' }], 'no-such-attempt');
		expect(unknown.status).toBe(404);
		expect(await events()).toEqual([]);
	});

	it('is refused after the deadline and its grace, and after the submit', async () => {
		const deadline = ctx.clock.now() + 10 * MINUTE;
		ctx.clock.set(deadline + GRACE);
		expect((await report([{ kind: 'blur' }])).status).toBe(200);
		ctx.clock.set(deadline + GRACE + 1);
		const late = await report([{ kind: 'focus' }]);
		expect(late.status).toBe(409);
		expect(late.json.reason).toBe('attempt_closed');
		// the refusal finished the overdue attempt, as a late save does
		const attempt = await ctx.db
			.selectFrom('attempt')
			.select('status')
			.where('id', '=', attemptId)
			.executeTakeFirstOrThrow();
		expect(attempt.status).toBe('finished');
		expect((await events()).map((e) => e.kind)).toEqual(['blur']);

		// a second attempt, submitted: no report is taken after
		const second = await startAttempt(ctx, userId, fixture.roundId);
		if (!second.ok) throw new Error(second.reason);
		await submitAttempt(ctx, second.attemptId, userId, 1);
		const afterSubmit = await report([{ kind: 'blur' }], second.attemptId);
		expect(afterSubmit.status).toBe(409);
		expect(await events(second.attemptId)).toEqual([]);
	});
});

describe('device, address and user agent', () => {
	it('are kept on the attempt the start fast path starts, the address only as a keyed hash', async () => {
		process.env.ADDRESS_HEADER = 'x-forwarded-for';
		process.env.XFF_DEPTH = '1';
		await submitAttempt(ctx, attemptId, userId, 1);
		const agent = `Mozilla/5.0 (Linux; Android 14) ${'x'.repeat(400)}`;
		const reply = await post(`/cuoc-thi/${fixture.slug}/dot-thi/1?/start`, '', {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: `http://127.0.0.1:${port}`,
			cookie: `${cookie}; ${DEVICE_COOKIE}=${DEVICE}`,
			'x-forwarded-for': '198.51.100.7, 203.0.113.9',
			'user-agent': agent
		});
		expect(reply.status).toBe(303);
		// the browser already had a device cookie: none is set
		expect(reply.headers['set-cookie']).toBeUndefined();
		const started = await ctx.db
			.selectFrom('attempt')
			.select(['device_id', 'ip_hash', 'user_agent'])
			.where('user_id', '=', userId)
			.where('status', '=', 'in_progress')
			.executeTakeFirstOrThrow();
		expect(started.device_id).toBe(DEVICE);
		// the proxy's entry one from the right, hashed with the database's secret
		expect(started.ip_hash).toBe(await hashAddress(ctx.db, '203.0.113.9', ctx.clock.now()));
		expect(started.ip_hash).not.toContain('203.0.113');
		expect(started.ip_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
		expect(started.user_agent).toBe(agent.slice(0, 300));
	});

	it('a browser without a device cookie gets one with the start’s redirect, and the attempt keeps it', async () => {
		await submitAttempt(ctx, attemptId, userId, 1);
		const reply = await post(`/cuoc-thi/${fixture.slug}/dot-thi/1?/start`, '', {
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html',
			origin: `http://127.0.0.1:${port}`
		});
		expect(reply.status).toBe(303);
		const setCookie = String(reply.headers['set-cookie']);
		const match = new RegExp(`^${DEVICE_COOKIE}=([A-Za-z0-9_-]{22});`).exec(setCookie);
		expect(match, setCookie).not.toBeNull();
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/SameSite=Lax/);
		expect(setCookie).toMatch(/Max-Age=34560000/);
		const started = await ctx.db
			.selectFrom('attempt')
			.select(['device_id', 'ip_hash'])
			.where('user_id', '=', userId)
			.where('status', '=', 'in_progress')
			.executeTakeFirstOrThrow();
		expect(started.device_id).toBe(match![1]);
		// no proxy configured: the socket's own address, hashed
		expect(started.ip_hash).toBe(await hashAddress(ctx.db, '127.0.0.1', ctx.clock.now()));
	});

	it('are kept on the account at registration; equal addresses hash alike, different ones do not', async () => {
		const now = ctx.clock.now();
		const register = async (phone: string, address: string) => {
			const client = await clientSignals(ctx.db, { deviceId: DEVICE, address, userAgent: 'Zalo\u0007 Browser' }, now);
			const result = await registerContestant(
				ctx.db,
				fixture.contestId,
				{
					fullName: 'Nguyễn Thị Hoa',
					birthDate: '1988-03-14',
					phone,
					email: null,
					unitId: fixture.unitIds[0],
					groupId: fixture.groupIds[0],
					password: 'MatKhauRatManh1'
				},
				now,
				{ limiter: createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock)), address },
				client
			);
			if (!result.ok) throw new Error(result.reason);
			return ctx.db
				.selectFrom('app_user')
				.select(['device_id', 'ip_hash', 'user_agent'])
				.where('id', '=', result.userId)
				.executeTakeFirstOrThrow();
		};
		const a = await register('0916000001', '2001:db8::1');
		const b = await register('0916000002', '2001:db8::1');
		const c = await register('0916000003', '2001:db8::2');
		expect(a).toEqual({ device_id: DEVICE, ip_hash: b.ip_hash, user_agent: 'Zalo Browser' });
		expect(a.ip_hash).not.toBe(c.ip_hash);
		expect(a.ip_hash).not.toContain('2001');
		// a forged device cookie is not kept
		expect(
			(await clientSignals(ctx.db, { deviceId: "x' or 1=1", address: null, userAgent: null }, now)).deviceId
		).toBeNull();
	});
});
