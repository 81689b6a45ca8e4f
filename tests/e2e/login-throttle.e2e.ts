import { hash } from '@node-rs/argon2';
import { request as http, expect, test, type APIRequestContext } from '@playwright/test';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { newId } from '../../src/lib/server/ids';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { E2E_PORT } from '../../playwright.config';
import { freshPhone, openServerDatabase } from './support';

// The production build's login throttle over real HTTP, all from one address (127.0.0.1): more
// people log in than the old per-address limit of 30 allowed, while guessing one phone's password
// is refused after five tries, and the counts sit outside the server's memory (its database, or Redis with several nodes).

const BASE = `http://localhost:${E2E_PORT}`;
const PEOPLE = 40;

async function accounts(count: number): Promise<string[]> {
	const ctx = openServerDatabase();
	// the lightest argon2id settings: the throttle is under test, not the hashing
	const passwordHash = await hash('matkhau123', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
	const phones: string[] = [];
	for (let i = 0; i < count; i++) {
		const phone = freshPhone();
		await insertUser(ctx.db, {
			id: newId(),
			phone,
			full_name: `Người dự thi ${i + 1}`,
			birth_date: null,
			email: null,
			password_hash: passwordHash,
			role: 'contestant',
			created_at: Date.now()
		});
		phones.push(phone);
	}
	await ctx.db.destroy();
	return phones;
}

async function logIn(phone: string, password: string): Promise<{ status: number; text: string }> {
	const api: APIRequestContext = await http.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	const response = await api.post('/dang-nhap', { form: { phone, password }, maxRedirects: 0 });
	const result = { status: response.status(), text: await response.text() };
	await api.dispose();
	return result;
}

test('a hall logs in from one address while guessing one phone is refused after five tries', async () => {
	const [victim, ...hall] = await accounts(PEOPLE + 1);
	for (const phone of hall) expect((await logIn(phone, 'matkhau123')).status, `login ${phone}`).toBe(303);

	const guesses: number[] = [];
	for (let i = 0; i < 7; i++) guesses.push((await logIn(victim, `doan-${i}`)).status);
	expect(guesses).toEqual([400, 400, 400, 400, 400, 429, 429]);
	const refused = await logIn(victim, 'matkhau123');
	expect(refused.status).toBe(429);
	expect(refused.text).toContain('Bạn đã thử quá nhiều lần');

	// others from the same address are not held up by that phone's guesses
	expect((await logIn(hall[0], 'matkhau123')).status).toBe(303);

	expect(await storedCounters()).toBeGreaterThan(0);
});

/** The counters the server keeps outside its memory: in Redis when the nodes share one, else in its database. */
async function storedCounters(): Promise<number> {
	if (process.env.REDIS_URL) {
		const redis = new Redis(process.env.REDIS_URL);
		try {
			return (await redis.keys(`${process.env.REDIS_PREFIX ?? 'cuocthi'}:rl:*`)).length;
		} finally {
			redis.disconnect();
		}
	}
	const ctx = openServerDatabase();
	const { rows } = await sql<{ n: number }>`select count(*) as n from rate_limit`.execute(ctx.db);
	await ctx.db.destroy();
	return rows[0].n;
}
