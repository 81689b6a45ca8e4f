import { createServer, request, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installStartFastPath } from '../../src/lib/server/attempts/start-fast-path';
import { createSession, generateSessionToken, SESSION_TTL } from '../../src/lib/server/auth/session';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The round page's start (form action ?/start) answered without SvelteKit when it succeeds, on a
// real HTTP server over a real SQLite file, posted as a browser without script posts the form.
// Every other case must reach the listener behind it (SvelteKit in production) untouched, body
// unread and nothing written, so the form action answers it exactly as before.

const PASSED_ON = 'passed on to the next listener';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let ctx: TestContext;
let server: HttpServer;
let port: number;
let fixture: Fixture;
let userId: string;
let cookie: string;
/** the bodies the listener behind the fast path read: a passed-on request arrives whole */
let bodiesBehind: string[];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, maxAttempts: 1 });
	userId = await createContestant(ctx, fixture, { phone: '0912000001' });
	cookie = await sessionCookie(userId);
	bodiesBehind = [];
	server = createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => {
			bodiesBehind.push(body);
			res.statusCode = 418;
			res.end(PASSED_ON);
		});
	});
	installStartFastPath(server, ctx);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
	await new Promise((resolve) => server.close(resolve));
	server.closeAllConnections();
	await ctx.dispose();
});

async function sessionCookie(user: string, now = ctx.clock.now()): Promise<string> {
	const token = generateSessionToken();
	await createSession(ctx.db, token, user, now);
	return `session=${token}`;
}

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
}

function post(path: string, headers: Record<string, string> = {}, body = ''): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				path,
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: BROWSER_ACCEPT,
					origin: `http://127.0.0.1:${port}`,
					cookie,
					...headers
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

const startPath = () => `/cuoc-thi/${fixture.slug}/dot-thi/1?/start`;

async function attempts() {
	return ctx.db.selectFrom('attempt').select(['id', 'status']).where('user_id', '=', userId).execute();
}

describe('the start fast path', () => {
	it('starts and answers the 303 to the attempt page the form action answers, with the security headers', async () => {
		const reply = await post(startPath());
		expect(reply.status).toBe(303);
		const [attempt] = await attempts();
		expect(attempt.status).toBe('in_progress');
		expect(reply.headers.location).toBe(`/lam-bai/${attempt.id}`);
		expect(reply.headers['x-frame-options']).toBe('DENY');
		expect(reply.headers['referrer-policy']).toBe('same-origin');
		expect(reply.text).toBe('');
		expect(bodiesBehind).toEqual([]);
		// pressing again (a double click, the back button) resumes the same attempt
		const again = await post(startPath());
		expect(again.headers.location).toBe(`/lam-bai/${attempt.id}`);
		expect(await attempts()).toHaveLength(1);
	});

	it('hands a refused start to the form action, body unread and nothing written', async () => {
		ctx.clock.advance(61 * MINUTE); // the round has closed
		const reply = await post(startPath(), {}, 'x=1');
		expect(reply.text).toBe(PASSED_ON);
		expect(bodiesBehind).toEqual(['x=1']);
		expect(await attempts()).toEqual([]);
	});

	it('hands on a start past the attempt limit, an unknown round and an unknown contest', async () => {
		expect((await post(startPath())).status).toBe(303);
		const [first] = await attempts();
		await ctx.db.updateTable('attempt').set({ status: 'finished' }).where('id', '=', first.id).execute();
		expect((await post(startPath())).text).toBe(PASSED_ON); // maxAttempts 1: the page says why
		expect((await post(`/cuoc-thi/${fixture.slug}/dot-thi/2?/start`)).text).toBe(PASSED_ON);
		expect((await post('/cuoc-thi/khong-co/dot-thi/1?/start')).text).toBe(PASSED_ON);
		expect(await attempts()).toHaveLength(1);
	});

	it('hands on a request without a session, with an expired one, and with one due for renewal', async () => {
		expect((await post(startPath(), { cookie: '' })).text).toBe(PASSED_ON);
		expect((await post(startPath(), { cookie: 'session=khong-co' })).text).toBe(PASSED_ON);
		// created 20 days ago: the pages renew it (a new cookie), so they answer this one
		const old = await sessionCookie(userId, ctx.clock.now() - 20 * 24 * 60 * MINUTE);
		expect((await post(startPath(), { cookie: old })).text).toBe(PASSED_ON);
		const expired = await sessionCookie(userId, ctx.clock.now() - SESSION_TTL - 1);
		expect((await post(startPath(), { cookie: expired })).text).toBe(PASSED_ON);
		expect(await attempts()).toEqual([]);
	});

	it("hands on another site's post, a script's request for JSON and other URLs", async () => {
		expect((await post(startPath(), { origin: 'https://ke-gian.example' })).text).toBe(PASSED_ON);
		expect((await post(startPath(), { accept: 'application/json' })).text).toBe(PASSED_ON);
		expect((await post(startPath(), { accept: '*/*' })).text).toBe(PASSED_ON);
		expect((await post(`/cuoc-thi/${fixture.slug}/dot-thi/1?/other`)).text).toBe(PASSED_ON);
		expect((await post(`/cuoc-thi/${fixture.slug}/dot-thi/1`)).text).toBe(PASSED_ON);
		expect(await attempts()).toEqual([]);
	});
});
