import { hash } from '@node-rs/argon2';
import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	addressKey,
	createLoginLimiter,
	createPinLimiter,
	createRegistrationLimiter,
	LOGIN_RULES,
	memoryLimitStore,
	PIN_RULES,
	REGISTRATION_RULES,
	databaseLimitStore,
	redisLimitStore,
	sqliteLimitStore,
	type LimitStore
} from '../../src/lib/server/auth/rate-limit';
import { createDatabase, type Db } from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { newId } from '../../src/lib/server/ids';
import { openGameByPin } from '../../src/lib/server/live-games/pin.service';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { logIn, registerContestant, type RegisterInput } from '../../src/lib/server/users/user.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame } from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Throttles sized for a hall of hundreds behind one address: what people do there (log in, join
// a game) always goes through, while guessing (passwords, PINs, which phones have accounts) is cut.

const HALL = '203.0.113.7';
const ELSEWHERE = '198.51.100.20';

let ctx: TestContext;
let fixture: Fixture;
let T0: number;

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - 60 * MINUTE, closesAt: T0 + 24 * 60 * MINUTE });
});

afterEach(async () => {
	await ctx.dispose();
});

// The hall's accounts verify with the lightest argon2id settings: what is measured here is the
// throttle, not 200 full-cost hashes (the verifier reads the cost from the stored hash).
let lightHash: Promise<string> | null = null;

async function hallAccounts(count: number): Promise<string[]> {
	lightHash ??= hash('matkhau123', { memoryCost: 1024, timeCost: 1, parallelism: 1 });
	const passwordHash = await lightHash;
	const phones = Array.from({ length: count }, (_, i) => `0977${String(i).padStart(6, '0')}`);
	for (const phone of phones) {
		await insertUser(ctx.db, {
			id: newId(),
			phone,
			full_name: `Người dự thi ${phone.slice(-3)}`,
			birth_date: null,
			email: null,
			password_hash: passwordHash,
			role: 'contestant',
			created_at: T0
		});
	}
	return phones;
}

describe('login throttling', () => {
	it('lets a hall of 200 log in from one address while a guesser among them is cut off', async () => {
		const limiter = createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock));
		const phones = await hallAccounts(200);
		const [victim, ...hall] = phones;
		const guesses: string[] = [];
		// Every guess lands between the hall's logins, from the same address.
		for (const [i, phone] of hall.entries()) {
			expect(await logIn(ctx.db, limiter, HALL, phone, 'matkhau123'), `login ${i}`).toMatchObject({ ok: true });
			if (i % 20 === 0) {
				const guess = await logIn(ctx.db, limiter, HALL, victim, `doan-${i}`);
				guesses.push(guess.ok ? 'ok' : guess.reason);
			}
		}
		// A few typos in the hall do not add up to a lockout either.
		for (const phone of hall.slice(0, 20)) {
			expect(await logIn(ctx.db, limiter, HALL, phone, 'go-nham')).toMatchObject({ reason: 'wrong_credentials' });
			expect(await logIn(ctx.db, limiter, HALL, phone, 'matkhau123')).toMatchObject({ ok: true });
		}
		const allowed = LOGIN_RULES.phoneAddress.points;
		expect(guesses).toEqual([
			...Array<string>(allowed).fill('wrong_credentials'),
			...Array<string>(guesses.length - allowed).fill('too_many_attempts')
		]);
		// The right password from the hall is refused for the guessed phone, not elsewhere.
		expect(await logIn(ctx.db, limiter, HALL, victim, 'matkhau123')).toMatchObject({ reason: 'too_many_attempts' });
		expect(await logIn(ctx.db, limiter, ELSEWHERE, victim, 'matkhau123')).toMatchObject({ ok: true });
	});

	it('cuts off guesses over many phones sent all at once at the address limit, while a hall logging in at once all get in', async () => {
		const rules = { ...LOGIN_RULES, address: { points: 4, seconds: 15 * 60 } };
		const limiter = createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock), rules);
		const hall = await hallAccounts(12);
		// Verifications under way count against the address's budget too: the hall queues, nobody is refused.
		const logins = await Promise.all(hall.map((phone) => logIn(ctx.db, limiter, HALL, phone, 'matkhau123')));
		expect(logins.filter((r) => r.ok)).toHaveLength(hall.length);
		const guesses = await Promise.all(hall.map((phone) => logIn(ctx.db, limiter, HALL, phone, 'doan-sai-mat-khau')));
		const answers = guesses.map((g) => (g.ok ? 'ok' : g.reason)).sort();
		expect(answers).toEqual([
			...Array<string>(8).fill('too_many_attempts'),
			...Array<string>(4).fill('wrong_credentials')
		]);
	});

	it('gives back the place of a check that failed with an error, so the next login from there goes ahead', async () => {
		const store = memoryLimitStore();
		let broken = true;
		const flaky: LimitStore = {
			counter(name, rule) {
				const counter = store.counter(name, rule);
				if (name !== 'login_phone') return counter;
				return {
					...counter,
					async hit(key) {
						if (broken) {
							broken = false;
							throw new Error('store unavailable');
						}
						return counter.hit(key);
					}
				};
			}
		};
		const limiter = createLoginLimiter(flaky, { ...LOGIN_RULES, address: { points: 1, seconds: 15 * 60 } });
		const [first, second] = await hallAccounts(2);
		// The second waits for the first's place (one failure allowed, one check under way).
		const [a, b] = await Promise.allSettled([
			logIn(ctx.db, limiter, HALL, first, 'matkhau123'),
			logIn(ctx.db, limiter, HALL, second, 'matkhau123')
		]);
		expect(a.status).toBe('rejected');
		expect(b).toEqual({ status: 'fulfilled', value: { ok: true, userId: expect.any(String) } });
	});

	it('stops a guesser who moves from address to address with the slower per-phone limit', async () => {
		const limiter = createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock));
		const [victim] = await hallAccounts(1);
		const answers: string[] = [];
		for (let i = 0; i < LOGIN_RULES.phone.points + 2; i++) {
			const result = await logIn(ctx.db, limiter, `192.0.2.${i + 1}`, victim, `doan-${i}`);
			answers.push(result.ok ? 'ok' : result.reason);
		}
		expect(answers.slice(0, LOGIN_RULES.phone.points)).not.toContain('too_many_attempts');
		expect(answers.slice(LOGIN_RULES.phone.points)).toEqual(['too_many_attempts', 'too_many_attempts']);
	});

	it('does not count a hall’s successful logins against the owner of a phone', async () => {
		const limiter = createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock));
		const [owner] = await hallAccounts(1);
		for (let i = 0; i < LOGIN_RULES.phone.points + 5; i++) {
			expect(await logIn(ctx.db, limiter, HALL, owner, 'matkhau123')).toMatchObject({ ok: true });
		}
	});
});

describe('the SQLite store, in a file of its own on either pass', () => {
	let dir: string;
	const opened: Db[] = [];

	beforeEach(() => {
		dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-limits-'));
	});

	afterEach(async () => {
		for (const db of opened.splice(0)) await db.destroy();
		rmSync(dir, { recursive: true, force: true });
	});

	async function open(): Promise<Db> {
		const db = createDatabase(path.join(dir, 'app.sqlite'));
		await migrateToLatest(db, bundledMigrations);
		opened.push(db);
		return db;
	}

	it('keeps the counts across a restart: a new limiter on the same file refuses the next guess', async () => {
		const before = createLoginLimiter(sqliteLimitStore(await open(), ctx.clock));
		for (let i = 0; i < LOGIN_RULES.phoneAddress.points; i++) {
			expect(await before.begin(HALL, '0912345678')).toBe(0);
			await before.failed(HALL, '0912345678');
		}
		await opened[0].destroy();
		opened.splice(0);

		const after = createLoginLimiter(sqliteLimitStore(await open(), ctx.clock));
		expect(await after.begin(HALL, '0912345678')).toBeGreaterThan(0);
		expect(await after.begin(ELSEWHERE, '0912345678')).toBe(0);
	});

	it('drops rows whose window ended more than an hour ago, now and then', async () => {
		const db = await open();
		// The store's windows run on the wall clock; the clock given only decides when to prune.
		let offset = 0;
		const clock = { now: () => Date.now() + offset };
		const limiter = createLoginLimiter(sqliteLimitStore(db, clock));
		await limiter.begin(HALL, '0912345678');
		await limiter.failed(HALL, '0912345678');
		const count = async () => (await sql<{ n: number }>`select count(*) as n from rate_limit`.execute(db)).rows[0].n;
		expect(await count()).toBe(3);
		offset = 3 * 60 * 60 * 1000;
		await limiter.begin(ELSEWHERE, '0987654321');
		// the two counted just now remain; the three from "three hours ago" are gone
		expect(await count()).toBe(2);
	});

	it('keeps neither phones nor addresses in the clear', async () => {
		const db = await open();
		const limiter = createLoginLimiter(sqliteLimitStore(db, ctx.clock));
		await limiter.begin(HALL, '0912345678');
		await limiter.failed(HALL, '0912345678');
		const { rows } = await sql`select * from rate_limit`.execute(db);
		expect(rows.length).toBeGreaterThan(0);
		expect(JSON.stringify(rows)).not.toContain('0912345678');
		expect(JSON.stringify(rows)).not.toContain(HALL);
	});
});

// Every store the app may run on, each as two nodes would use it: the database's own (SQLite or
// PostgreSQL, by the pass) through two connections to one database, and Redis (REDIS_URL, or the
// local one) through two clients, under a key prefix of this test's own.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface TwoNodes {
	a: LimitStore;
	b: LimitStore;
	/** what the store keeps, as text, to look for phones and addresses in the clear */
	stored(): Promise<string>;
	close(): Promise<void>;
}

const STORES: [string, () => Promise<TwoNodes>][] = [
	[
		'the database store',
		async () => {
			const other = createDatabase(ctx.url);
			const stored = async () => JSON.stringify((await sql`select * from rate_limit`.execute(ctx.db)).rows);
			return {
				a: databaseLimitStore(ctx.db, ctx.clock),
				b: databaseLimitStore(other, ctx.clock),
				stored,
				close: () => other.destroy()
			};
		}
	],
	[
		'the Redis store',
		async () => {
			const prefix = `pg-state:test:${newId()}:`;
			const [one, two] = [new Redis(REDIS_URL), new Redis(REDIS_URL)];
			const keys = async () => one.keys(`${prefix}*`);
			return {
				a: redisLimitStore(one, prefix),
				b: redisLimitStore(two, prefix),
				stored: async () => JSON.stringify(await keys()),
				async close() {
					const left = await keys();
					if (left.length) await one.del(...left);
					one.disconnect();
					two.disconnect();
				}
			};
		}
	]
];

describe.each(STORES)('%s', (_name, open) => {
	let nodes: TwoNodes;

	beforeEach(async () => {
		nodes = await open();
	});

	afterEach(async () => {
		await nodes.close();
	});

	it('counts a phone’s failures on one node against its logins on another', async () => {
		const onA = createLoginLimiter(nodes.a);
		const onB = createLoginLimiter(nodes.b);
		for (let i = 0; i < LOGIN_RULES.phoneAddress.points; i++) {
			expect(await onA.begin(HALL, '0912345678')).toBe(0);
			await onA.failed(HALL, '0912345678');
		}
		expect(await onB.begin(HALL, '0912345678')).toBeGreaterThan(0);
		expect(await onB.begin(ELSEWHERE, '0912345678')).toBe(0);
		await onB.succeeded(ELSEWHERE, '0912345678');
	});

	it('counts every hit of a burst spread over two nodes, and refuses exactly those past the limit', async () => {
		const rule = { points: 30, seconds: 600 };
		const [a, b] = [nodes.a.counter('burst', rule), nodes.b.counter('burst', rule)];
		const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).hit('key')));
		expect(answers.filter((wait) => wait === 0)).toHaveLength(30);
		expect(await a.used('key')).toBe(50);
		expect(await b.wait('key')).toBeGreaterThan(0);
		await b.unhit('key');
		expect(await a.used('key')).toBe(49);
		await a.reset('key');
		expect(await b.used('key')).toBe(0);
		expect(await b.wait('key')).toBe(0);
	});

	it('keeps neither phones nor addresses in the clear', async () => {
		const limiter = createLoginLimiter(nodes.a);
		await limiter.begin(HALL, '0912345678');
		await limiter.failed(HALL, '0912345678');
		const stored = await nodes.stored();
		expect(stored).not.toBe('[]');
		expect(stored).not.toContain('0912345678');
		expect(stored).not.toContain(HALL);
	});
});

describe('PIN lookups', () => {
	it('lets 200 players behind one address join, typos and all, while a PIN sweep from there is cut off', async () => {
		const hostId = await createContestant(ctx, fixture, { phone: '0916500001' });
		const game = await createFixtureGame(ctx, fixture, hostId, { pin: '424242' });
		const limiter = createPinLimiter(databaseLimitStore(ctx.db, ctx.clock));
		const typos = 40;
		for (let i = 0; i < 200; i++) {
			// one player in five mistypes the PIN first
			if (i % 5 === 0) {
				expect(await openGameByPin(ctx, limiter, HALL, '424224')).toEqual({ ok: false, reason: 'pin_not_found' });
			}
			expect(await openGameByPin(ctx, limiter, HALL, '424242'), `join ${i}`).toEqual({
				ok: true,
				gameId: game.gameId
			});
		}
		const sweep: string[] = [];
		for (let i = 0; i < 100; i++) {
			const guess = await openGameByPin(ctx, limiter, HALL, String(100000 + i));
			sweep.push(guess.ok ? 'ok' : guess.reason);
		}
		const left = PIN_RULES.address.points - typos;
		expect(sweep).toEqual([
			...Array<string>(left).fill('pin_not_found'),
			...Array<string>(100 - left).fill('too_many_attempts')
		]);
		// Once cut off, the address waits even with the right PIN: else a hit would still show.
		expect(await openGameByPin(ctx, limiter, HALL, '424242')).toMatchObject({ reason: 'too_many_attempts' });
		expect(await openGameByPin(ctx, limiter, ELSEWHERE, '424242')).toEqual({ ok: true, gameId: game.gameId });
	});

	it('cuts off a sweep sent all at once at the same count: lookups cannot all pass the check first', async () => {
		const limiter = createPinLimiter(databaseLimitStore(ctx.db, ctx.clock));
		const guesses = await Promise.all(
			Array.from({ length: 200 }, (_, i) => openGameByPin(ctx, limiter, HALL, String(100000 + i)))
		);
		const answered = guesses.filter((g) => !g.ok && g.reason === 'pin_not_found').length;
		expect(answered).toBe(PIN_RULES.address.points);
	});
});

describe('registration', () => {
	function input(phone: string): RegisterInput {
		return {
			fullName: 'Lê Văn Tâm',
			birthDate: '1990-05-06',
			phone,
			email: null,
			unitId: fixture.unitIds[0],
			groupId: fixture.groupIds[0],
			password: 'MatKhauRatManh1'
		};
	}

	it('rations "this phone is already registered" answers per address', async () => {
		const limiter = createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock), {
			...REGISTRATION_RULES,
			phoneTaken: { points: 3, seconds: 3600 }
		});
		const taken = ['0916600001', '0916600002', '0916600003', '0916600004'];
		for (const phone of taken) await createContestant(ctx, fixture, { phone });
		const answers: string[] = [];
		for (const phone of taken) {
			const result = await registerContestant(ctx.db, fixture.contestId, input(phone), T0, {
				limiter,
				address: HALL
			});
			answers.push(result.ok ? 'ok' : result.reason);
		}
		expect(answers).toEqual(['phone_taken', 'phone_taken', 'phone_taken', 'too_many_attempts']);
		// A new phone from the same address waits as well: the refusal says nothing about the phone.
		expect(
			await registerContestant(ctx.db, fixture.contestId, input('0916600099'), T0, { limiter, address: HALL })
		).toMatchObject({ reason: 'too_many_attempts' });
		expect(
			await registerContestant(ctx.db, fixture.contestId, input('0916600099'), T0, { limiter, address: ELSEWHERE })
		).toMatchObject({ ok: true });
	});

	it('rations those answers the same when the registrations are sent all at once', async () => {
		const limiter = createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock), {
			...REGISTRATION_RULES,
			phoneTaken: { points: 3, seconds: 3600 }
		});
		const taken = Array.from({ length: 8 }, (_, i) => `09166100${String(i).padStart(2, '0')}`);
		for (const phone of taken) await createContestant(ctx, fixture, { phone });
		const results = await Promise.all(
			taken.map((phone) => registerContestant(ctx.db, fixture.contestId, input(phone), T0, { limiter, address: HALL }))
		);
		const answers = results.map((r) => (r.ok ? 'ok' : r.reason)).sort();
		expect(answers).toEqual([...Array<string>(3).fill('phone_taken'), ...Array<string>(5).fill('too_many_attempts')]);
	});

	it('lets a hall of 200 register from one address under the default limits, a few already registered', async () => {
		const limiter = createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock));
		// The throttle alone: 200 full-cost password hashes would measure argon2, not the limits.
		for (let i = 0; i < 200; i++) {
			expect(await limiter.begin(HALL), `registration ${i}`).toBe(0);
			if (i % 20 === 0) await limiter.phoneTaken(HALL);
		}
		expect(await limiter.begin(HALL)).toBe(0);
	});

	it('caps registrations per address at a hall’s size', async () => {
		const limiter = createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock), {
			...REGISTRATION_RULES,
			address: { points: 2, seconds: 3600 }
		});
		const answers: string[] = [];
		for (const phone of ['0916700001', '0916700002', '0916700003']) {
			const result = await registerContestant(ctx.db, fixture.contestId, input(phone), T0, { limiter, address: HALL });
			answers.push(result.ok ? 'ok' : result.reason);
		}
		expect(answers).toEqual(['ok', 'ok', 'too_many_attempts']);
		const rows = await ctx.db.selectFrom('app_user').select('phone').where('phone', '=', '0916700003').execute();
		expect(rows).toEqual([]);
	});
});

describe('addressKey', () => {
	it('reads an IPv4-mapped address as IPv4 and an IPv6 address by its /64', () => {
		expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
		expect(addressKey('2001:db8:0:12:aaaa::1')).toBe('2001:db8:0:12::/64');
		expect(addressKey('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('unknown')).toBe('unknown');
	});
});
