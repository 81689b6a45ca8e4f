import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../db/database';
import { imageSize } from '../contests/image-size';
import { audioMime, imageMime } from './sniff';

/** An upload as it may arrive: a phone photo of a document form is a few megabytes. */
export const MAX_IMAGE_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Declared pixels an upload may have before it is decoded at all (a "decompression bomb" declares more). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Pictures are re-encoded at most this wide: a phone shows a few hundred CSS pixels, a projector 1280. */
export const MAX_IMAGE_WIDTH = 1280;
/** A question read aloud is a minute or two; more is not a question. */
export const MAX_AUDIO_BYTES = 3 * 1024 * 1024;

export interface PreparedMedia {
	id: string;
	kind: 'image' | 'audio';
	mime: string;
	width: number | null;
	height: number | null;
	bytes: Buffer;
}

export type MediaRefusal = 'media_type' | 'media_size' | 'media_dimensions';
export type PrepareResult = { ok: true; media: PreparedMedia } | { ok: false; reason: MediaRefusal };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A picture as the app stores it: recognized by its bytes, turned upright, at most 1280 pixels
 * wide, re-encoded as WebP without any metadata (a phone photo's EXIF carries where it was taken).
 * Animated GIFs keep their first frame only.
 */
export async function prepareImage(bytes: Uint8Array): Promise<PrepareResult> {
	if (bytes.byteLength > MAX_IMAGE_UPLOAD_BYTES) return { ok: false, reason: 'media_size' };
	const mime = imageMime(bytes);
	if (!mime) return { ok: false, reason: 'media_type' };
	const declared = imageSize(bytes, mime);
	if (!declared || declared.width === 0 || declared.height === 0) return { ok: false, reason: 'media_type' };
	if (declared.width * declared.height > MAX_IMAGE_PIXELS) return { ok: false, reason: 'media_dimensions' };
	try {
		const { data, info } = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' })
			.rotate()
			.resize({ width: MAX_IMAGE_WIDTH, withoutEnlargement: true })
			.webp({ quality: 80 })
			.toBuffer({ resolveWithObject: true });
		return {
			ok: true,
			media: {
				id: sha256(data),
				kind: 'image',
				mime: 'image/webp',
				width: info.width,
				height: info.height,
				bytes: data
			}
		};
	} catch {
		// Bytes that start like a picture but do not decode.
		return { ok: false, reason: 'media_type' };
	}
}

/** An ID3v2 tag's length (header included), or 0; its size is "syncsafe": 7 bits a byte. */
function id3v2Length(b: Uint8Array): number {
	if (b.byteLength < 10 || b[0] !== 0x49 || b[1] !== 0x44 || b[2] !== 0x33) return 0;
	const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
	return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

/**
 * A sound as the app stores it: MP3, Ogg or M4A by its bytes, at most 3 MB. Sound is not
 * re-encoded (no encoder on the server); an MP3 loses its ID3 tags (titles, artist, pictures).
 */
export function prepareAudio(bytes: Uint8Array): PrepareResult {
	if (bytes.byteLength > MAX_AUDIO_BYTES) return { ok: false, reason: 'media_size' };
	const mime = audioMime(bytes);
	if (!mime) return { ok: false, reason: 'media_type' };
	let body = Buffer.from(bytes);
	if (mime === 'audio/mpeg') {
		body = body.subarray(Math.min(id3v2Length(body), body.byteLength));
		const tail = body.byteLength - 128;
		if (tail >= 0 && body.toString('latin1', tail, tail + 3) === 'TAG') body = body.subarray(0, tail);
		if (!audioMime(body)) return { ok: false, reason: 'media_type' };
	}
	const data = Buffer.from(body);
	return { ok: true, media: { id: sha256(data), kind: 'audio', mime, width: null, height: null, bytes: data } };
}

/** Stores a prepared file once: the same bytes have the same id, so a second store is a no-op. */
export async function storeMedia(db: Db, media: PreparedMedia, now: number): Promise<void> {
	await db
		.insertInto('media')
		.values({
			id: media.id,
			kind: media.kind,
			mime: media.mime,
			width: media.width,
			height: media.height,
			size: media.bytes.byteLength,
			bytes: media.bytes,
			created_at: now
		})
		.onConflict((oc) => oc.column('id').doNothing())
		.execute();
}

/** A stored file's bytes and type (what the media route serves, and the question paper's PDF draws). */
export async function getMedia(
	db: Db,
	id: string
): Promise<{ mime: string; kind: string; width: number | null; height: number | null; bytes: Buffer } | null> {
	if (!/^[0-9a-f]{64}$/.test(id)) return null;
	const row = await db
		.selectFrom('media')
		.select(['mime', 'kind', 'width', 'height', 'bytes'])
		.where('id', '=', id)
		.executeTakeFirst();
	return row ? { ...row, bytes: Buffer.from(row.bytes) } : null;
}

/** Which of these ids are stored media of this kind (a form's hidden field is checked against it). */
export async function existingMedia(db: Db, ids: string[], kind: 'image' | 'audio'): Promise<Set<string>> {
	const wanted = ids.filter((id) => /^[0-9a-f]{64}$/.test(id));
	if (!wanted.length) return new Set();
	const rows = await db.selectFrom('media').select('id').where('id', 'in', wanted).where('kind', '=', kind).execute();
	return new Set(rows.map((r) => r.id));
}

/** A question's picture as an export embeds it: PNG (Excel shows no WebP) and its size in pixels. */
export interface ExportPicture {
	png: Buffer;
	width: number;
	height: number;
}

/**
 * The stored pictures as PNG, by id, for the exports and the question paper, in one query (ids not
 * stored, and pictures that cannot be read, are left out: the caller prints their description).
 */
export async function picturesAsPng(db: Db, ids: Iterable<string>): Promise<Map<string, ExportPicture>> {
	const out = new Map<string, ExportPicture>();
	const wanted = [...new Set(ids)].filter((id) => /^[0-9a-f]{64}$/.test(id));
	if (!wanted.length) return out;
	const rows = await db
		.selectFrom('media')
		.select(['id', 'bytes'])
		.where('id', 'in', wanted)
		.where('kind', '=', 'image')
		.execute();
	for (const row of rows) {
		try {
			const { data, info } = await sharp(Buffer.from(row.bytes)).png().toBuffer({ resolveWithObject: true });
			out.set(row.id, { png: data, width: info.width, height: info.height });
		} catch {
			// unreadable bytes: left out like a missing picture
		}
	}
	return out;
}
