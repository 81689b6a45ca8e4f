import { createServer, request, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { installSaveFastPath } from '../../src/lib/server/attempts/save-fast-path';
import { createSession, generateSessionToken, SESSION_TTL } from '../../src/lib/server/auth/session';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { answerKey, startFresh, type KeyedItem } from './support';

// The answer save's raw node:http path, on a real HTTP server over a real SQLite file, driven as
// the page drives it: POST /api/attempts/:id/answers with the session cookie and a JSON body.
// Every rule of the save holds here as it does through the service.

const PASSED_ON = 'passed on to the next listener';

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
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, graceMs: 5000 });
	userId = await createContestant(ctx, fixture, { phone: '0912000001' });
	attemptId = await startFresh(ctx, userId, fixture.roundId);
	items = await answerKey(ctx, attemptId);
	cookie = await sessionCookie(userId);
	// what stands behind the fast path in production: SvelteKit's handler
	server = createServer((_req, res) => {
		res.statusCode = 418;
		res.end(PASSED_ON);
	});
	installSaveFastPath(server, ctx);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
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
	text: string;
	json: { ok: boolean; rev?: number; reason?: string; message?: string; serverNow?: number };
}

function send(path: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				method,
				headers: { 'content-type': 'application/json', ...headers }
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
					resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
				});
			}
		);
		// a server that closes early (an oversize body) may reset the upload: the reply still came
		req.on('error', reject);
		req.end(body);
	});
}

function save(
	answer: { position: number; optionIds: string[]; rev: number },
	headers: Record<string, string> = {},
	id = attemptId
): Promise<Reply> {
	return send(`/api/attempts/${id}/answers`, JSON.stringify(answer), { cookie, ...headers });
}

async function stored(position: number, id = attemptId) {
	return ctx.db
		.selectFrom('attempt_item')
		.select(['answer_json', 'answer_rev'])
		.where('attempt_id', '=', id)
		.where('position', '=', position)
		.executeTakeFirstOrThrow();
}

const single = () => items.find((item) => item.type !== 'multiple')!;

describe('the answer save fast path', () => {
	it('saves and acknowledges with the JSON and headers of the API', async () => {
		const item = single();
		const reply = await save({ position: item.position, optionIds: [item.ids[1]], rev: 1 });
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ ok: true, rev: 1, serverNow: ctx.clock.now() });
		expect(reply.headers['content-type']).toBe('application/json');
		expect(reply.headers['x-content-type-options']).toBe('nosniff');
		expect(reply.headers['x-frame-options']).toBe('DENY');
		expect(reply.headers['referrer-policy']).toBe('same-origin');
		expect(reply.headers['strict-transport-security']).toBeUndefined(); // plain http
		expect(await stored(item.position)).toEqual({ answer_json: JSON.stringify([item.ids[1]]), answer_rev: 1 });
	});

	it('passes every other request on: another method, another URL', async () => {
		expect((await send(`/api/attempts/${attemptId}/answers`, '', { cookie }, 'PUT')).text).toBe(PASSED_ON);
		expect((await send(`/api/attempts/${attemptId}/submit`, '{}', { cookie }, 'PUT')).text).toBe(PASSED_ON);
		expect((await send(`/api/attempts/${attemptId}/prediction`, '{}', { cookie })).text).toBe(PASSED_ON);
		expect((await send(`/api/attempts/${attemptId}/answers/x`, '{}', { cookie })).text).toBe(PASSED_ON);
	});

	it('refuses a save after the deadline and its grace, and keeps the answer saved in time', async () => {
		const item = single();
		expect((await save({ position: item.position, optionIds: [item.ids[0]], rev: 1 })).json.ok).toBe(true);
		const attempt = await ctx.db
			.selectFrom('attempt')
			.select('deadline')
			.where('id', '=', attemptId)
			.executeTakeFirstOrThrow();
		ctx.clock.set(attempt.deadline + 5000); // the last moment of grace still saves
		expect((await save({ position: item.position, optionIds: [item.ids[1]], rev: 2 })).json.ok).toBe(true);
		ctx.clock.set(attempt.deadline + 5001);
		const late = await save({ position: item.position, optionIds: [item.ids[0]], rev: 3 });
		expect(late.status).toBe(409);
		expect(late.json.reason).toBe('attempt_closed');
		expect(await stored(item.position)).toEqual({ answer_json: JSON.stringify([item.ids[1]]), answer_rev: 2 });
	});

	it("refuses an option that is not the question's, and two options on a single-choice question", async () => {
		const item = single();
		const other = items.find((i) => i.position !== item.position)!;
		const foreign = await save({ position: item.position, optionIds: [other.ids[0]], rev: 1 });
		expect(foreign.status).toBe(400);
		expect(foreign.json).toMatchObject({
			ok: false,
			reason: 'invalid_answer',
			message: 'Đáp án không hợp lệ cho câu hỏi này.'
		});
		const two = await save({ position: item.position, optionIds: [item.ids[0], item.ids[1]], rev: 2 });
		expect(two.json.reason).toBe('invalid_answer');
		const none = await save({ position: 99, optionIds: [item.ids[0]], rev: 3 });
		expect(none.json.reason).toBe('invalid_answer');
		expect((await stored(item.position)).answer_rev).toBe(0);
	});

	it("answers another person's attempt as not found, and does not touch it", async () => {
		const item = single();
		const other = await createContestant(ctx, fixture, { phone: '0912000002' });
		const reply = await save(
			{ position: item.position, optionIds: [item.ids[0]], rev: 1 },
			{ cookie: await sessionCookie(other) }
		);
		expect(reply.status).toBe(404);
		expect(reply.json.reason).toBe('attempt_not_found');
		expect((await stored(item.position)).answer_rev).toBe(0);
		expect((await save({ position: 1, optionIds: [item.ids[0]], rev: 1 }, {}, 'khong-co')).status).toBe(404);
	});

	it('refuses a save after the submit', async () => {
		const item = single();
		expect(await submitAttempt(ctx, attemptId, userId, null)).toEqual({ ok: true });
		const reply = await save({ position: item.position, optionIds: [item.ids[0]], rev: 1 });
		expect(reply.status).toBe(409);
		expect(reply.json.reason).toBe('attempt_closed');
		expect((await stored(item.position)).answer_rev).toBe(0);
	});

	it('acknowledges an older revision without applying it over a newer one', async () => {
		const item = single();
		expect((await save({ position: item.position, optionIds: [item.ids[1]], rev: 5 })).json).toMatchObject({
			ok: true,
			rev: 5
		});
		const older = await save({ position: item.position, optionIds: [item.ids[0]], rev: 3 });
		expect(older.status).toBe(200);
		expect(older.json).toMatchObject({ ok: true, rev: 5 });
		expect(await stored(item.position)).toEqual({ answer_json: JSON.stringify([item.ids[1]]), answer_rev: 5 });
	});

	it('asks to log in without a session, with an unknown one or an expired one', async () => {
		const item = single();
		const answer = { position: item.position, optionIds: [item.ids[0]], rev: 1 };
		for (const headers of [{ cookie: '' }, { cookie: 'session=khong-hop-le' }]) {
			const reply = await save(answer, headers);
			expect(reply.status).toBe(401);
			expect(reply.json).toEqual({
				ok: false,
				reason: 'login_required',
				message: 'Vui lòng đăng nhập để tiếp tục.',
				serverNow: ctx.clock.now()
			});
		}
		ctx.clock.advance(SESSION_TTL);
		expect((await save(answer)).status).toBe(401);
		expect((await stored(item.position)).answer_rev).toBe(0);
	});

	it('answers in English when the locale cookie says so', async () => {
		const item = single();
		const answer = { position: item.position, optionIds: [item.ids[0]], rev: 1 };
		const anonymous = await save(answer, { cookie: 'lang=en' });
		expect(anonymous.json.message).toBe('Please log in to continue.');
		const foreign = await save({ ...answer, optionIds: ['khong-co'] }, { cookie: `${cookie}; lang=en` });
		expect(foreign.json.message).toBe('Invalid answer for this question.');
	});

	it('refuses malformed JSON and a body that is not a save with a Vietnamese sentence', async () => {
		const path = `/api/attempts/${attemptId}/answers`;
		for (const body of ['{"position": 1,', '[]', JSON.stringify({ position: 1, optionIds: 'a', rev: 1 })]) {
			const reply = await send(path, body, { cookie });
			expect(reply.status).toBe(400);
			expect(reply.json).toMatchObject({ ok: false, reason: 'invalid_request', message: 'Giá trị không hợp lệ.' });
			expect(reply.text).not.toMatch(/at |Error/);
		}
	});

	it('refuses a body over the limit without saving it', async () => {
		const item = single();
		const padding = 'x'.repeat(20 * 1024);
		const body = JSON.stringify({ position: item.position, optionIds: [item.ids[0]], rev: 1, padding });
		const reply = await send(`/api/attempts/${attemptId}/answers`, body, { cookie });
		expect(reply.status).toBe(413);
		expect(reply.json).toMatchObject({ reason: 'body_too_large', message: 'Yêu cầu quá lớn.' });
		expect((await stored(item.position)).answer_rev).toBe(0);
	});

	it('refuses a post from another site, and a form or text body from anywhere', async () => {
		const item = single();
		const answer = { position: item.position, optionIds: [item.ids[0]], rev: 1 };
		const crossSite = await save(answer, { origin: 'https://ke-gian.example' });
		expect(crossSite.status).toBe(403);
		expect(crossSite.json.reason).toBe('cross_site');
		const path = `/api/attempts/${attemptId}/answers`;
		for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
			const reply = await send(path, JSON.stringify(answer), { cookie, 'content-type': type });
			expect(reply.status).toBe(400);
			expect(reply.json.reason).toBe('invalid_request');
		}
		expect((await stored(item.position)).answer_rev).toBe(0);
		// the app's own page (same origin, JSON) saves
		const own = await save(answer, {
			origin: `http://127.0.0.1:${port}`,
			'content-type': 'application/json; charset=utf-8'
		});
		expect(own.json.ok).toBe(true);
	});

	it('behind a proxy (ORIGIN set, https): sends HSTS and takes posts from that origin only', async () => {
		await new Promise((resolve) => server.close(resolve));
		server.closeAllConnections();
		server = createServer((_req, res) => res.end(PASSED_ON));
		installSaveFastPath(server, ctx, { origin: 'https://thi.example.vn' });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
		const item = single();
		const own = await save(
			{ position: item.position, optionIds: [item.ids[0]], rev: 1 },
			{ origin: 'https://thi.example.vn' }
		);
		expect(own.json.ok).toBe(true);
		expect(own.headers['strict-transport-security']).toBe('max-age=31536000');
		const direct = await save(
			{ position: item.position, optionIds: [item.ids[1]], rev: 2 },
			{ origin: `http://127.0.0.1:${port}` }
		);
		expect(direct.status).toBe(403);
		expect((await stored(item.position)).answer_rev).toBe(1);
	});

	it('answers an unexpected failure with the generic sentence, never a stack', async () => {
		const item = single();
		// the database no longer has the table the save reads: the query throws inside the service
		await sql`alter table attempt_item rename to attempt_item_gone`.execute(ctx.db);
		const reply = await save({ position: item.position, optionIds: [item.ids[0]], rev: 1 });
		expect(reply.status).toBe(500);
		expect(reply.json).toMatchObject({
			ok: false,
			reason: 'server_error',
			message: 'Đã có lỗi xảy ra. Vui lòng thử lại sau ít phút.'
		});
		expect(reply.text).not.toMatch(/SqliteError|DatabaseError|relation|at /);
	});
});

function submit(
	prediction: number | null = null,
	headers: Record<string, string> = {},
	id = attemptId
): Promise<Reply> {
	return send(`/api/attempts/${id}/submit`, JSON.stringify({ prediction }), { cookie, ...headers });
}

async function attemptRow(id = attemptId) {
	return ctx.db
		.selectFrom('attempt')
		.select(['status', 'finish_reason', 'score', 'correct_count', 'prediction', 'submitted_at', 'deadline'])
		.where('id', '=', id)
		.executeTakeFirstOrThrow();
}

async function results() {
	return ctx.db
		.selectFrom('round_result')
		.select(['attempt_id', 'score'])
		.where('round_id', '=', fixture.roundId)
		.execute();
}

describe('the submit fast path', () => {
	it('submits, scores what was saved and answers with the JSON and headers of the API', async () => {
		const item = single();
		expect((await save({ position: item.position, optionIds: item.correctIds, rev: 1 })).json.ok).toBe(true);
		const reply = await submit(42);
		expect(reply.status).toBe(200);
		expect(reply.json).toEqual({ ok: true, rev: 0, serverNow: ctx.clock.now() });
		expect(reply.headers['content-type']).toBe('application/json');
		expect(reply.headers['x-frame-options']).toBe('DENY');
		expect(reply.headers['referrer-policy']).toBe('same-origin');
		const row = await attemptRow();
		expect(row).toMatchObject({ status: 'finished', finish_reason: 'submitted', prediction: 42, correct_count: 1 });
		expect(row.score).toBeGreaterThan(0);
		expect(await results()).toEqual([{ attempt_id: attemptId, score: row.score }]);
	});

	it("refuses another person's submit and leaves the attempt in progress", async () => {
		const other = await createContestant(ctx, fixture, { phone: '0912000002' });
		const reply = await submit(null, { cookie: await sessionCookie(other) });
		expect(reply.status).toBe(404);
		expect(reply.json.reason).toBe('attempt_not_found');
		expect((await attemptRow()).status).toBe('in_progress');
		expect((await submit(null, {}, 'khong-co')).status).toBe(404);
		expect(await results()).toEqual([]);
	});

	it('after the deadline and its grace, finishes the attempt as a timeout with what was saved in time', async () => {
		const item = single();
		expect((await save({ position: item.position, optionIds: item.correctIds, rev: 1 })).json.ok).toBe(true);
		const { deadline } = await attemptRow();
		ctx.clock.set(deadline + 5001);
		const reply = await submit(7);
		expect(reply.status).toBe(200);
		expect(reply.json.ok).toBe(true);
		const row = await attemptRow();
		expect(row).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			submitted_at: deadline,
			correct_count: 1
		});
		expect(row.prediction).toBeNull(); // the late submit's prediction does not count
		expect(await results()).toEqual([{ attempt_id: attemptId, score: row.score }]);
	});

	it('within the grace, the submit counts with its time capped at the deadline', async () => {
		const { deadline } = await attemptRow();
		ctx.clock.set(deadline + 4000);
		expect((await submit(3)).json.ok).toBe(true);
		expect(await attemptRow()).toMatchObject({ finish_reason: 'timeout', prediction: 3 });
	});

	it('takes a double submit harmlessly: one result, the first finish kept', async () => {
		const item = single();
		expect((await save({ position: item.position, optionIds: item.correctIds, rev: 1 })).json.ok).toBe(true);
		const [first, second] = await Promise.all([submit(5), submit(9)]);
		expect(first.json.ok).toBe(true);
		expect(second.json.ok).toBe(true);
		const finished = await attemptRow();
		ctx.clock.advance(1000);
		const third = await submit(11);
		expect(third.status).toBe(200);
		expect(third.json.ok).toBe(true);
		expect(await attemptRow()).toEqual(finished);
		expect(await results()).toHaveLength(1);
		const versions = await ctx.db
			.selectFrom('leaderboard_change')
			.select('version')
			.where('round_id', '=', fixture.roundId)
			.execute();
		expect(versions).toHaveLength(1);
	});

	it('asks to log in without a session or with an expired one, and changes nothing', async () => {
		const none = await send(`/api/attempts/${attemptId}/submit`, JSON.stringify({ prediction: null }));
		expect(none.status).toBe(401);
		expect(none.json).toMatchObject({ ok: false, reason: 'login_required' });
		ctx.clock.advance(SESSION_TTL + 1);
		const expired = await submit();
		expect(expired.status).toBe(401);
		expect((await attemptRow()).status).toBe('in_progress');
	});

	it('refuses a submit from another site', async () => {
		const reply = await submit(null, { origin: 'https://ke-gian.example' });
		expect(reply.status).toBe(403);
		expect(reply.json).toMatchObject({ reason: 'cross_site', message: 'Yêu cầu từ trang khác bị từ chối.' });
		expect((await attemptRow()).status).toBe('in_progress');
		expect((await submit(null, { origin: `http://127.0.0.1:${port}` })).json.ok).toBe(true);
	});

	it('answers in English when the locale cookie says so, Vietnamese otherwise', async () => {
		const bad = await send(`/api/attempts/${attemptId}/submit`, '{"prediction":"x"}', { cookie: `${cookie}; lang=en` });
		expect(bad.status).toBe(400);
		expect(bad.json).toMatchObject({ reason: 'invalid_request', message: 'Invalid value.' });
		const vi = await send(`/api/attempts/${attemptId}/submit`, 'not json', { cookie });
		expect(vi.status).toBe(400);
		expect(vi.json.reason).toBe('invalid_request');
		expect(vi.json.message).not.toBe('Invalid value.');
		const other = await createContestant(ctx, fixture, { phone: '0912000003' });
		const foreign = await submit(null, { cookie: `${await sessionCookie(other)}; lang=en` });
		expect(foreign.json).toMatchObject({ reason: 'attempt_not_found', message: 'Attempt not found.' });
		expect((await attemptRow()).status).toBe('in_progress');
	});

	it('refuses a body over the limit without submitting', async () => {
		const reply = await send(
			`/api/attempts/${attemptId}/submit`,
			JSON.stringify({ prediction: 1, pad: 'x'.repeat(20_000) }),
			{
				cookie
			}
		);
		expect(reply.status).toBe(413);
		expect(reply.json.reason).toBe('body_too_large');
		expect((await attemptRow()).status).toBe('in_progress');
	});
});
