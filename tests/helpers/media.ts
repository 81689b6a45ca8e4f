import sharp from 'sharp';
import type { OptionDef } from '../../src/lib/domain/types';
import type { AppContext } from '../../src/lib/server/context';
import { prepareImage, storeMedia } from '../../src/lib/server/media/media.service';

// Pictures for tests: real images made by sharp, stored as the editor stores them.

/** A PNG of one colour (distinct colours make distinct files, so distinct content hashes). */
export function pngOf(rgb: [number, number, number], width = 64, height = 48): Promise<Buffer> {
	return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
		.png()
		.toBuffer();
}

/** Stores a picture of one colour and returns its media id. */
export async function storedPicture(ctx: AppContext, rgb: [number, number, number]): Promise<string> {
	const prepared = await prepareImage(await pngOf(rgb));
	if (!prepared.ok) throw new Error(prepared.reason);
	await storeMedia(ctx.db, prepared.media, ctx.clock.now());
	return prepared.media.id;
}

/** Who each stored picture belongs to: the question version, and for an option its key and correctness. */
export interface PictureOwner {
	versionId: string;
	key: string | null;
	correct: boolean | null;
}

/**
 * Gives every question version in the database a picture, and each of its options one of its own
 * (alt texts that say nothing of the key). Returns who owns each picture, by media id.
 */
export async function attachPictures(ctx: AppContext): Promise<Map<string, PictureOwner>> {
	const owners = new Map<string, PictureOwner>();
	const versions = await ctx.db.selectFrom('question_version').select(['id', 'options_json']).execute();
	let colour = 0;
	const next = (): [number, number, number] => {
		colour += 1;
		return [(colour * 37) % 256, (colour * 71) % 256, (colour * 113) % 256];
	};
	for (const v of versions) {
		const image = await storedPicture(ctx, next());
		owners.set(image, { versionId: v.id, key: null, correct: null });
		const options = JSON.parse(v.options_json) as OptionDef[];
		for (const o of options) {
			o.image = { media: await storedPicture(ctx, next()), alt: 'Hình minh họa phương án' };
			owners.set(o.image.media, { versionId: v.id, key: o.key, correct: o.correct });
		}
		await ctx.db
			.updateTable('question_version')
			.set({ image_media_id: image, image_alt: 'Mẫu tờ khai', options_json: JSON.stringify(options) })
			.where('id', '=', v.id)
			.execute();
	}
	return owners;
}
