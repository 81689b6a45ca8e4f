import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bannerMime, MAX_BANNER_BYTES, setBanner } from '../../src/lib/server/contests/banner';
import { findContestById } from '../../src/lib/server/contests/contest.repository';
import { createFixtureContest, MINUTE } from '../helpers/fixtures';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';

const PNG = Uint8Array.from(
	Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	)
);
let admin: { id: string; role: 'admin' };
let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
	admin = await insertAdmin(ctx, '0900000444');
});

afterEach(async () => {
	await ctx.dispose();
});

describe('contest banners', () => {
	it('recognizes images by their first bytes, not by what the file claims', () => {
		expect(bannerMime(PNG)).toBe('image/png');
		expect(bannerMime(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(bannerMime(new TextEncoder().encode('<svg onload="alert(1)">'))).toBeNull();
	});

	it('stores a banner, bumps its version, refuses other files and oversize images, and removes it', async () => {
		const now = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now, closesAt: now + 60 * MINUTE });
		expect(await setBanner(ctx, admin, fixture.contestId, PNG)).toEqual({ ok: true });
		let contest = await findContestById(ctx.db, fixture.contestId);
		expect(contest?.banner_mime).toBe('image/png');
		expect(contest?.banner_version).toBe(1);
		expect(await setBanner(ctx, admin, fixture.contestId, new TextEncoder().encode('not an image'))).toEqual({
			ok: false,
			reason: 'banner_type'
		});
		const big = new Uint8Array(MAX_BANNER_BYTES + 1);
		big.set(PNG.subarray(0, 8));
		expect(await setBanner(ctx, admin, fixture.contestId, big)).toEqual({ ok: false, reason: 'banner_size' });
		expect(await setBanner(ctx, admin, fixture.contestId, null)).toEqual({ ok: true });
		contest = await findContestById(ctx.db, fixture.contestId);
		expect(contest?.banner_mime).toBeNull();
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'contest.banner')
			.execute();
		expect(audit).toHaveLength(2);
	});
});
