import { cardDescription, cardKey, type ShareCard } from './share-card';
import { SHARE_HEIGHT, SHARE_WIDTH } from './share-layout';
import { vi } from './share-text';

/** What ShareMeta.svelte writes into a page's head: Open Graph, Twitter card, canonical link. */
export interface ShareMeta {
	title: string;
	description: string;
	/** absolute: the page's canonical URL */
	url: string;
	/** absolute, versioned by what it draws, so a preview cache that keys by URL sees a new image */
	image: string;
	imageAlt: string;
	imageWidth: number;
	imageHeight: number;
}

/** The image's path under a page's path. */
export const SHARE_IMAGE_FILE = 'anh-chia-se.png';

/**
 * A page's share tags. `origin`: the app's public origin — the request URL's, which adapter-node
 * builds from ORIGIN (or PROTOCOL_HEADER and HOST_HEADER) behind a proxy. `path`: the page's own
 * path without a query (the canonical URL drops ?nhom= and the like).
 */
export function shareMeta(
	origin: string,
	path: string,
	card: ShareCard,
	text: { title: string; summary?: string }
): ShareMeta {
	const url = `${origin}${path}`;
	return {
		title: text.title,
		description: cardDescription(card, text.summary),
		url,
		image: `${url}/${SHARE_IMAGE_FILE}?v=${cardKey(card)}`,
		imageAlt: vi('share.image_alt', { title: text.title }),
		imageWidth: SHARE_WIDTH,
		imageHeight: SHARE_HEIGHT
	};
}

/** The image's HTTP answer: an ETag of what it draws, a short public cache, 304 when unchanged. */
export function shareImageResponse(request: Request, image: { png: Buffer; key: string }): Response {
	const etag = `"${image.key}"`;
	const headers = {
		etag,
		// crawlers come back rarely; a browser revalidates after five minutes (a round opening changes it)
		'cache-control': 'public, max-age=300',
		'content-type': 'image/png'
	};
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(new Uint8Array(image.png), {
		headers: { ...headers, 'content-length': String(image.png.length) }
	});
}
