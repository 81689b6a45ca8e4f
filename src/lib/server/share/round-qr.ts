import { qrPng } from '../qr';
import { createLru } from './share-cache';

// The round page's QR code as a PNG to save. Every contestant's round page shows it, so at a
// deadline rush the same few codes are asked for thousands of times: drawn once per link, kept.
const codes = createLru<Promise<Buffer>>(64);

/** The QR code of `link` (an absolute URL) as a PNG. */
export function roundQrPng(link: string): Promise<Buffer> {
	let png = codes.get(link);
	if (!png) {
		png = qrPng(link);
		codes.set(link, png);
		png.catch(() => codes.delete(link));
	}
	return png;
}
