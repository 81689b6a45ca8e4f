import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setBanner } from '../../src/lib/server/contests/banner';
import { findContestById } from '../../src/lib/server/contests/contest.repository';
import { imageSize } from '../../src/lib/server/contests/image-size';
import { en } from '../../src/lib/i18n/en';
import { vi } from '../../src/lib/i18n/vi';
import { createFixtureContest, MINUTE } from '../helpers/fixtures';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';

// A 1 × 1 PNG whose IHDR the tests rewrite: the header is all the server reads.
const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
	'base64'
);

function png(width: number, height: number): Uint8Array {
	const b = Buffer.from(PNG_1X1);
	b.writeUInt32BE(width, 16);
	b.writeUInt32BE(height, 20);
	return b;
}

/** SOI, an APP0 (JFIF) segment, then a baseline start of frame. */
function jpeg(width: number, height: number): Uint8Array {
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0]);
	const sof = Buffer.alloc(19);
	sof.set([0xff, 0xc0, 0x00, 0x11, 0x08]);
	sof.writeUInt16BE(height, 5);
	sof.writeUInt16BE(width, 7);
	sof.set([3, 1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1], 9);
	return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xd9])]);
}

/** An extended WebP (VP8X) declaring its canvas. */
function webp(width: number, height: number): Uint8Array {
	const b = Buffer.alloc(30);
	b.write('RIFF', 0, 'latin1');
	b.writeUInt32LE(22, 4);
	b.write('WEBPVP8X', 8, 'latin1');
	b.writeUInt32LE(10, 16);
	b.writeUIntLE(width - 1, 24, 3);
	b.writeUIntLE(height - 1, 27, 3);
	return b;
}

let admin: { id: string; role: 'admin' };
let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
	admin = await insertAdmin(ctx, '0900000445');
});

afterEach(async () => {
	await ctx.dispose();
});

describe('banner image sizes', () => {
	it('reads the declared size of PNG, JPEG and WebP headers', () => {
		expect(imageSize(png(1600, 400), 'image/png')).toEqual({ width: 1600, height: 400 });
		expect(imageSize(jpeg(1600, 400), 'image/jpeg')).toEqual({ width: 1600, height: 400 });
		expect(imageSize(webp(1600, 400), 'image/webp')).toEqual({ width: 1600, height: 400 });
		expect(imageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBeNull();
	});

	it('refuses an image of a few bytes that declares gigapixels, and keeps the banner it had', async () => {
		const t0 = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: t0 - MINUTE, closesAt: t0 + 60 * MINUTE });
		expect(await setBanner(ctx, admin, fixture.contestId, png(1600, 400))).toEqual({ ok: true });
		for (const bomb of [png(50_000, 50_000), jpeg(60_000, 60_000), webp(16_000, 16_000), png(8000, 8000)]) {
			expect(await setBanner(ctx, admin, fixture.contestId, bomb)).toEqual({ ok: false, reason: 'banner_dimensions' });
		}
		expect((await findContestById(ctx.db, fixture.contestId))?.banner_version).toBe(1);
		expect(await setBanner(ctx, admin, fixture.contestId, jpeg(4000, 3000))).toEqual({ ok: true });
		expect(await setBanner(ctx, admin, fixture.contestId, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({
			ok: false,
			reason: 'banner_type'
		});
	});

	it('says why, in Vietnamese and English', () => {
		expect(vi['error.banner_dimensions']).toContain('8192');
		expect(en['error.banner_dimensions']).toContain('8192');
	});
});
