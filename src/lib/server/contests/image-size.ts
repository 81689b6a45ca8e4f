/**
 * The pixel size an image declares in its header, read without decoding it: a banner of a few
 * hundred kilobytes can declare 50,000 × 50,000 pixels (a "decompression bomb"), which every
 * visitor's browser would then try to decode into gigabytes.
 */

export interface ImageSize {
	width: number;
	height: number;
}

/** PNG: the IHDR chunk always comes first, right after the signature. */
function pngSize(b: Buffer): ImageSize | null {
	if (b.byteLength < 24 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

/** SOF markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames. */
const isStartOfFrame = (marker: number): boolean =>
	marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** JPEG: walks the marker segments up to the first start of frame. */
function jpegSize(b: Buffer): ImageSize | null {
	let at = 2;
	while (at + 4 <= b.byteLength) {
		if (b[at] !== 0xff) return null;
		const marker = b[at + 1];
		// Fill bytes, and markers without a length (TEM, RSTn).
		if (marker === 0xff) {
			at += 1;
			continue;
		}
		if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			at += 2;
			continue;
		}
		const length = b.readUInt16BE(at + 2);
		if (isStartOfFrame(marker)) {
			if (at + 9 > b.byteLength) return null;
			return { height: b.readUInt16BE(at + 5), width: b.readUInt16BE(at + 7) };
		}
		if (marker === 0xd9 || marker === 0xda || length < 2) return null;
		at += 2 + length;
	}
	return null;
}

/** WebP: the first chunk is VP8X (extended: the canvas), VP8 (lossy) or VP8L (lossless). */
function webpSize(b: Buffer): ImageSize | null {
	if (b.byteLength < 30) return null;
	const chunk = b.toString('latin1', 12, 16);
	if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
	if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
	if (chunk === 'VP8L') {
		const bits = b.readUInt32LE(21);
		return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
	}
	return null;
}

/** GIF: the logical screen size, little-endian, right after the signature. */
function gifSize(b: Buffer): ImageSize | null {
	if (b.byteLength < 10) return null;
	return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

/** The declared size of a PNG, JPEG, WebP or GIF (by the mime bannerMime recognized), or null when unreadable. */
export function imageSize(bytes: Uint8Array, mime: string): ImageSize | null {
	const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	if (mime === 'image/png') return pngSize(b);
	if (mime === 'image/jpeg') return jpegSize(b);
	if (mime === 'image/webp') return webpSize(b);
	if (mime === 'image/gif') return gifSize(b);
	return null;
}
