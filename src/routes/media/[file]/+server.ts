import { error } from '@sveltejs/kit';
import { getMedia } from '$lib/server/media/media.service';
import type { RequestHandler } from './$types';

/** One byte range of a `Range: bytes=…` header, clamped to the file; null when it cannot be served. */
function byteRange(header: string, size: number): { start: number; end: number } | null {
	const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
	if (!match || (match[1] === '' && match[2] === '')) return null;
	const start = match[1] === '' ? Math.max(0, size - Number(match[2])) : Number(match[1]);
	const end = match[1] === '' || match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
	return start <= end && start < size ? { start, end } : null;
}

/**
 * A question's picture or sound. Its URL is the hash of its bytes, so it never changes and may be
 * cached for a year; an optional extension after the hash is ignored. Byte ranges are served
 * (Safari on iPhones plays a sound only from a server that answers them).
 */
export const GET: RequestHandler = async ({ locals, params, request }) => {
	const media = await getMedia(locals.app.db, params.file.replace(/\.[a-z0-9]{1,5}$/, ''));
	if (!media) error(404, 'not_found');
	const size = media.bytes.byteLength;
	const headers: Record<string, string> = {
		'content-type': media.mime,
		'cache-control': 'public, max-age=31536000, immutable',
		'x-content-type-options': 'nosniff',
		'accept-ranges': 'bytes'
	};
	const asked = request?.headers.get('range');
	if (asked) {
		const range = byteRange(asked, size);
		if (!range) return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
		const body = new Uint8Array(media.bytes.subarray(range.start, range.end + 1));
		return new Response(body, {
			status: 206,
			headers: {
				...headers,
				'content-range': `bytes ${range.start}-${range.end}/${size}`,
				'content-length': String(body.byteLength)
			}
		});
	}
	return new Response(new Uint8Array(media.bytes), { headers: { ...headers, 'content-length': String(size) } });
};
