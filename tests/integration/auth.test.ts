import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createLoginLimiter,
	createRegistrationLimiter,
	LOGIN_RULES,
	databaseLimitStore
} from '../../src/lib/server/auth/rate-limit';
import {
	createSession,
	generateSessionToken,
	invalidateSession,
	SESSION_TTL,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import {
	changePassword,
	joinContest,
	logIn,
	registerContestant,
	type RegisterInput
} from '../../src/lib/server/users/user.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { refuseInserts } from '../helpers/refuse';

const DAY = 24 * 60 * MINUTE;

let ctx: TestContext;
let fixture: Fixture;
let T0: number;

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - 60 * MINUTE, closesAt: T0 + 7 * DAY });
});

afterEach(async () => {
	await ctx.dispose();
});

function input(overrides: Partial<RegisterInput> = {}): RegisterInput {
	return {
		fullName: 'Nguyễn Thị Hoa',
		birthDate: '1988-03-14',
		phone: '0916000001',
		email: 'hoa@example.vn',
		unitId: fixture.unitIds[1],
		groupId: fixture.groupIds[0],
		password: 'MatKhauRatManh1',
		...overrides
	};
}

/** Limiters on the test's own database file, as the app keeps them. */
function loginLimiter() {
	return createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock));
}

function register(contestId: string, data: RegisterInput, now: number, address = '10.9.0.1') {
	return registerContestant(ctx.db, contestId, data, now, {
		limiter: createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock)),
		address
	});
}

async function usersWithPhone(phone: string) {
	return ctx.db.selectFrom('app_user').selectAll().where('phone', '=', phone).execute();
}

async function countRows(table: 'app_user' | 'registration' | 'session'): Promise<number> {
	const row = await ctx.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

describe('registerContestant', () => {
	it('creates the account and its registration in the contest', async () => {
		const result = await register(fixture.contestId, input(), T0);
		expect(result).toMatchObject({ ok: true });
		if (!result.ok) return;

		const [user] = await usersWithPhone('0916000001');
		expect(user).toMatchObject({
			id: result.userId,
			full_name: 'Nguyễn Thị Hoa',
			birth_date: '1988-03-14',
			email: 'hoa@example.vn',
			role: 'contestant',
			created_at: T0
		});
		expect(user.password_hash).toMatch(/^\$argon2id\$/);
		expect(user.password_hash).not.toContain('MatKhauRatManh1');
		const registrations = await ctx.db
			.selectFrom('registration')
			.selectAll()
			.where('user_id', '=', result.userId)
			.execute();
		expect(registrations).toEqual([
			expect.objectContaining({
				contest_id: fixture.contestId,
				unit_id: fixture.unitIds[1],
				group_id: fixture.groupIds[0],
				consented_at: T0
			})
		]);
	});

	it('refuses a phone that is already taken, leaving a single account', async () => {
		expect(await register(fixture.contestId, input(), T0)).toMatchObject({ ok: true });
		const before = { users: await countRows('app_user'), registrations: await countRows('registration') };

		const again = await register(fixture.contestId, input({ fullName: 'Người khác', email: null }), T0);
		expect(again).toEqual({ ok: false, reason: 'phone_taken' });
		expect(await usersWithPhone('0916000001')).toHaveLength(1);
		expect(await countRows('app_user')).toBe(before.users);
		expect(await countRows('registration')).toBe(before.registrations);
	});

	it('refuses an unknown group without leaving a user behind', async () => {
		expect(await register(fixture.contestId, input({ groupId: 'khong-co' }), T0)).toEqual({
			ok: false,
			reason: 'group_unknown'
		});
		expect(await usersWithPhone('0916000001')).toHaveLength(0);
		expect(await countRows('registration')).toBe(0);
	});

	it('refuses a group of another contest', async () => {
		const other = await createFixtureContest(ctx, { opensAt: T0, closesAt: T0 + DAY, slug: 'cuoc-thi-khac' });
		expect(await register(fixture.contestId, input({ groupId: other.groupIds[0] }), T0)).toEqual({
			ok: false,
			reason: 'group_unknown'
		});
		expect(await usersWithPhone('0916000001')).toHaveLength(0);
	});

	it('refuses an unknown unit without leaving a user behind', async () => {
		expect(await register(fixture.contestId, input({ unitId: 'khong-co' }), T0)).toEqual({
			ok: false,
			reason: 'unit_unknown'
		});
		expect(await usersWithPhone('0916000001')).toHaveLength(0);
	});

	it('rolls the account back when the registration cannot be written', async () => {
		// Make the second insert of the transaction fail inside the database itself.
		await refuseInserts(ctx.db, { name: 'registration_refuse', table: 'registration', message: 'refused' });
		await expect(register(fixture.contestId, input(), T0)).rejects.toThrow(/refused/);
		expect(await usersWithPhone('0916000001')).toHaveLength(0);
		expect(await countRows('registration')).toBe(0);
	});
});

describe('logIn', () => {
	const phone = '0916000010';
	let userId: string;

	beforeEach(async () => {
		userId = await createContestant(ctx, fixture, { phone });
	});

	it('accepts the right password', async () => {
		const limiter = loginLimiter();
		expect(await logIn(ctx.db, limiter, '10.0.0.1', phone, 'matkhau123')).toEqual({ ok: true, userId });
	});

	it('gives the same answer for a wrong password and an unknown phone', async () => {
		const limiter = loginLimiter();
		const wrongPassword = await logIn(ctx.db, limiter, '10.0.0.1', phone, 'sai-mat-khau');
		const unknownPhone = await logIn(ctx.db, limiter, '10.0.0.1', '0999999999', 'matkhau123');
		expect(wrongPassword).toEqual({ ok: false, reason: 'wrong_credentials' });
		expect(unknownPhone).toEqual(wrongPassword);
	});

	it('throttles a phone after 5 failures from one address, there only: the owner elsewhere still logs in', async () => {
		const limiter = loginLimiter();
		for (let i = 0; i < 5; i++) {
			expect(await logIn(ctx.db, limiter, '10.0.0.2', phone, `sai-${i}`)).toEqual({
				ok: false,
				reason: 'wrong_credentials'
			});
		}
		const throttled = await logIn(ctx.db, limiter, '10.0.0.2', phone, 'matkhau123');
		expect(throttled).toMatchObject({ ok: false, reason: 'too_many_attempts' });
		if (throttled.ok || throttled.reason !== 'too_many_attempts') return;
		expect(throttled.retryAfterSeconds).toBeGreaterThan(0);
		expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

		expect(await logIn(ctx.db, limiter, '10.0.0.3', phone, 'matkhau123')).toEqual({ ok: true, userId });
		const otherPhone = '0916000011';
		const otherId = await createContestant(ctx, fixture, { phone: otherPhone });
		expect(await logIn(ctx.db, limiter, '10.0.0.2', otherPhone, 'matkhau123')).toEqual({ ok: true, userId: otherId });
	});

	it('resets the phone’s failure count after a successful login', async () => {
		const limiter = loginLimiter();
		for (let i = 0; i < 4; i++) await logIn(ctx.db, limiter, '10.0.0.4', phone, 'sai');
		expect(await logIn(ctx.db, limiter, '10.0.0.4', phone, 'matkhau123')).toEqual({ ok: true, userId });
		for (let i = 0; i < 4; i++) {
			expect(await logIn(ctx.db, limiter, '10.0.0.4', phone, 'sai')).toEqual({
				ok: false,
				reason: 'wrong_credentials'
			});
		}
		expect(await logIn(ctx.db, limiter, '10.0.0.4', phone, 'matkhau123')).toEqual({ ok: true, userId });
	});

	it('throttles an address that tries many phones', async () => {
		const limiter = createLoginLimiter(databaseLimitStore(ctx.db, ctx.clock), {
			...LOGIN_RULES,
			address: { points: 3, seconds: 900 }
		});
		for (let i = 0; i < 3; i++) {
			expect(await logIn(ctx.db, limiter, '10.0.0.5', `098800000${i}`, 'sai')).toEqual({
				ok: false,
				reason: 'wrong_credentials'
			});
		}
		expect(await logIn(ctx.db, limiter, '10.0.0.5', phone, 'matkhau123')).toMatchObject({
			ok: false,
			reason: 'too_many_attempts'
		});
		expect(await logIn(ctx.db, limiter, '10.0.0.6', phone, 'matkhau123')).toEqual({ ok: true, userId });
	});
});

describe('sessions', () => {
	let userId: string;

	beforeEach(async () => {
		userId = await createContestant(ctx, fixture, { phone: '0916000020', fullName: 'Trần Văn Nam' });
	});

	it('validates a fresh session and returns its user', async () => {
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, userId, T0);
		expect(session).toEqual({ id: sessionIdFromToken(token), userId, expiresAt: T0 + SESSION_TTL });

		const validation = await validateSessionToken(ctx.db, token, T0 + MINUTE);
		expect(validation).toEqual({
			session: { id: session.id, userId, expiresAt: T0 + SESSION_TTL },
			user: { id: userId, fullName: 'Trần Văn Nam', phone: '0916000020', role: 'contestant' },
			renewed: false
		});
		expect(await validateSessionToken(ctx.db, generateSessionToken(), T0)).toEqual({ session: null, user: null });
	});

	it('stores only the SHA-256 of the token', async () => {
		const token = generateSessionToken();
		await createSession(ctx.db, token, userId, T0);
		const rows = await ctx.db.selectFrom('session').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);
		expect(rows[0].id).not.toBe(token);
		expect(JSON.stringify(rows)).not.toContain(token);
		// A leaked row cannot be replayed as a cookie.
		expect(await validateSessionToken(ctx.db, rows[0].id, T0)).toEqual({ session: null, user: null });
	});

	it('rejects and deletes an expired session', async () => {
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, userId, T0);
		expect(await validateSessionToken(ctx.db, token, session.expiresAt)).toEqual({ session: null, user: null });
		expect(await ctx.db.selectFrom('session').select('id').where('id', '=', session.id).execute()).toHaveLength(0);
	});

	it('extends a session with less than 15 days left, and not one with more', async () => {
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, userId, T0);

		const early = await validateSessionToken(ctx.db, token, T0 + 10 * DAY);
		expect(early).toMatchObject({ renewed: false, session: { expiresAt: T0 + SESSION_TTL } });

		const later = T0 + 20 * DAY;
		const renewed = await validateSessionToken(ctx.db, token, later);
		expect(renewed).toMatchObject({ renewed: true, session: { id: session.id, expiresAt: later + SESSION_TTL } });
		const row = await ctx.db
			.selectFrom('session')
			.select('expires_at')
			.where('id', '=', session.id)
			.executeTakeFirstOrThrow();
		expect(row.expires_at).toBe(later + SESSION_TTL);
		// Past the original expiry, the renewed session still holds.
		expect(await validateSessionToken(ctx.db, token, T0 + SESSION_TTL + DAY)).toMatchObject({
			session: { id: session.id }
		});
	});

	it('ends one session on logout', async () => {
		const token = generateSessionToken();
		const session = await createSession(ctx.db, token, userId, T0);
		await invalidateSession(ctx.db, session.id);
		expect(await validateSessionToken(ctx.db, token, T0)).toEqual({ session: null, user: null });
	});
});

describe('changePassword', () => {
	const phone = '0916000030';
	let userId: string;
	let otherId: string;

	beforeEach(async () => {
		userId = await createContestant(ctx, fixture, { phone });
		otherId = await createContestant(ctx, fixture, { phone: '0916000031' });
	});

	it('ends every session of the user, and only theirs', async () => {
		const phoneToken = generateSessionToken();
		const laptopToken = generateSessionToken();
		const otherToken = generateSessionToken();
		await createSession(ctx.db, phoneToken, userId, T0);
		await createSession(ctx.db, laptopToken, userId, T0);
		await createSession(ctx.db, otherToken, otherId, T0);

		expect(await changePassword(ctx.db, userId, 'matkhau123', 'MatKhauMoi2026')).toEqual({ ok: true });
		expect(await validateSessionToken(ctx.db, phoneToken, T0)).toEqual({ session: null, user: null });
		expect(await validateSessionToken(ctx.db, laptopToken, T0)).toEqual({ session: null, user: null });
		expect(await validateSessionToken(ctx.db, otherToken, T0)).toMatchObject({ user: { id: otherId } });

		const limiter = loginLimiter();
		expect(await logIn(ctx.db, limiter, '10.0.1.1', phone, 'matkhau123')).toEqual({
			ok: false,
			reason: 'wrong_credentials'
		});
		expect(await logIn(ctx.db, limiter, '10.0.1.1', phone, 'MatKhauMoi2026')).toEqual({ ok: true, userId });
	});

	it('refuses a wrong current password and keeps the sessions', async () => {
		const token = generateSessionToken();
		await createSession(ctx.db, token, userId, T0);
		expect(await changePassword(ctx.db, userId, 'sai-mat-khau', 'MatKhauMoi2026')).toEqual({
			ok: false,
			reason: 'wrong_current_password'
		});
		expect(await validateSessionToken(ctx.db, token, T0)).toMatchObject({ user: { id: userId } });
		expect(await logIn(ctx.db, loginLimiter(), '10.0.1.2', phone, 'matkhau123')).toEqual({ ok: true, userId });
	});
});

describe('joinContest', () => {
	it('registers an existing account in a second contest, once, without a second user', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912888001' });
		const other = await createFixtureContest(ctx, {
			opensAt: T0 - MINUTE,
			closesAt: T0 + 60 * MINUTE,
			slug: 'cuoc-thi-khac'
		});
		const joined = await joinContest(ctx.db, other.contestId, userId, other.unitIds[1], other.groupIds[1], T0);
		expect(joined).toEqual({ ok: true });
		const again = await joinContest(ctx.db, other.contestId, userId, other.unitIds[0], other.groupIds[0], T0);
		expect(again).toEqual({ ok: false, reason: 'already_registered' });
		const rows = await ctx.db.selectFrom('registration').selectAll().where('user_id', '=', userId).execute();
		expect(rows.map((r) => r.contest_id).sort()).toEqual([fixture.contestId, other.contestId].sort());
		expect(rows.find((r) => r.contest_id === other.contestId)!.group_id).toBe(other.groupIds[1]);
	});

	it('refuses a group of another contest and writes nothing', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912888002' });
		const other = await createFixtureContest(ctx, {
			opensAt: T0 - MINUTE,
			closesAt: T0 + 60 * MINUTE,
			slug: 'cuoc-thi-khac-2'
		});
		const joined = await joinContest(ctx.db, other.contestId, userId, other.unitIds[0], fixture.groupIds[0], T0);
		expect(joined).toEqual({ ok: false, reason: 'group_unknown' });
		const rows = await ctx.db
			.selectFrom('registration')
			.select('id')
			.where('contest_id', '=', other.contestId)
			.execute();
		expect(rows).toEqual([]);
	});
});
