import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/lib/server/auth/password';
import { demoPasswordsWork } from '../../src/lib/server/demo/exposure';
import { demoAccounts, seedDemo } from '../../src/lib/server/demo/seed';
import { findUserByPhone, updateUserPasswordHash } from '../../src/lib/server/users/user.repository';
import { createTestContext, type TestContext } from '../helpers/test-context';

// What the start-up warning checks: do the demo's published passwords still open an account?

let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});

afterEach(async () => {
	await ctx.dispose();
});

describe('demoPasswordsWork', () => {
	it('is false on a database that never held the demo', async () => {
		expect(await demoPasswordsWork(ctx.db)).toBe(false);
	});

	it('is true once the demo is loaded, until both staff accounts have new passwords', async () => {
		expect(await seedDemo(ctx)).toBe(true);
		expect(await demoPasswordsWork(ctx.db)).toBe(true);
		const admin = await findUserByPhone(ctx.db, demoAccounts.admin.phone);
		await updateUserPasswordHash(ctx.db, admin!.id, await hashPassword('mat-khau-moi-cua-quan-tri'));
		expect(await demoPasswordsWork(ctx.db)).toBe(true);
		const organizer = await findUserByPhone(ctx.db, demoAccounts.organizer.phone);
		await updateUserPasswordHash(ctx.db, organizer!.id, await hashPassword('mat-khau-moi-cua-ban-to-chuc'));
		expect(await demoPasswordsWork(ctx.db)).toBe(false);
	});
});
