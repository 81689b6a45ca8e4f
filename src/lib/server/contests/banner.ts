import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import type { Actor } from './contest-access';
import { imageMime } from '../media/sniff';
import { imageSize } from './image-size';
import { updateContestBanner } from './contest.repository';

/** Banner images: PNG, JPEG or WebP, recognized by their first bytes, at most 400 kB. */
export const MAX_BANNER_BYTES = 400 * 1024;
/**
 * And at most this many pixels a side and in all, as the header declares them: a few hundred
 * kilobytes can declare an image that takes a visitor's browser gigabytes to decode. A banner is
 * about 1600 × 400; a phone photo is 12 megapixels.
 */
export const MAX_BANNER_SIDE = 8192;
export const MAX_BANNER_PIXELS = 20_000_000;

/** A banner is shown as uploaded: PNG, JPEG or WebP (no GIF, whose frames we would not check). */
export function bannerMime(bytes: Uint8Array): string | null {
	const mime = imageMime(bytes);
	return mime === 'image/gif' ? null : mime;
}

export type BannerResult = { ok: true } | { ok: false; reason: 'banner_type' | 'banner_size' | 'banner_dimensions' };

export async function setBanner(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	bytes: Uint8Array | null
): Promise<BannerResult> {
	const now = ctx.clock.now();
	if (bytes && bytes.byteLength > MAX_BANNER_BYTES) return { ok: false, reason: 'banner_size' };
	const mime = bytes ? bannerMime(bytes) : null;
	if (bytes && !mime) return { ok: false, reason: 'banner_type' };
	if (bytes && mime) {
		const size = imageSize(bytes, mime);
		// No readable size: browsers could not show it either.
		if (!size || size.width === 0 || size.height === 0) return { ok: false, reason: 'banner_type' };
		if (size.width > MAX_BANNER_SIDE || size.height > MAX_BANNER_SIDE || size.width * size.height > MAX_BANNER_PIXELS) {
			return { ok: false, reason: 'banner_dimensions' };
		}
	}
	await ctx.db.transaction().execute(async (trx) => {
		await updateContestBanner(trx, contestId, {
			mime,
			b64: bytes ? Buffer.from(bytes).toString('base64') : null
		});
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'contest.banner',
				entity: 'contest',
				entityId: contestId,
				summary: bytes ? 'Đổi ảnh bìa cuộc thi' : 'Bỏ ảnh bìa cuộc thi'
			},
			now
		);
	});
	return { ok: true };
}
