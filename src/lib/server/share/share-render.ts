import { renderAsync } from '@resvg/resvg-js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';
import sharp from 'sharp';
import type { ShareCard } from './share-card';
import { cardLayout, SHARE_FONT, SHARE_HEIGHT, SHARE_WIDTH } from './share-layout';

// Draws a share card: satori lays the tree out into an SVG (text as paths, in Be Vietnam Pro, the
// font the site and the PDFs use: every Vietnamese diacritic), resvg rasterizes it to PNG on
// libuv's thread pool, off the event loop.

// Note: resolved from node_modules at run time, as the PDFs' fonts (results/pdf-document.ts).
const require = createRequire(import.meta.url);
let fonts: { name: string; data: Buffer; weight: 400 | 700; style: 'normal' }[] | null = null;

function loadFonts() {
	fonts ??= (
		[
			[400, '400Regular/BeVietnamPro_400Regular.ttf'],
			[700, '700Bold/BeVietnamPro_700Bold.ttf']
		] as const
	).map(([weight, file]) => ({
		name: SHARE_FONT,
		data: readFileSync(require.resolve(`@expo-google-fonts/be-vietnam-pro/${file}`)),
		weight,
		style: 'normal' as const
	}));
	return fonts;
}

/** A banner (PNG, JPEG or WebP) cropped to the card's size, as a JPEG data URL satori can draw. */
async function bannerDataUrl(bytes: Buffer): Promise<string | null> {
	try {
		const jpeg = await sharp(bytes)
			.resize(SHARE_WIDTH, SHARE_HEIGHT, { fit: 'cover', position: 'attention' })
			.jpeg({ quality: 82 })
			.toBuffer();
		return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
	} catch {
		// a banner sharp cannot read: the card falls back to the contest's colours
		return null;
	}
}

/** The card as a 1200 × 630 PNG. `banner`: the banner's bytes when the card has one. */
export async function renderCardPng(card: ShareCard, banner: Buffer | null): Promise<Buffer> {
	const background = banner ? await bannerDataUrl(banner) : null;
	// satori's types want a React element; our tree has that element's shape
	const svg = await satori(cardLayout(card, background) as never, {
		width: SHARE_WIDTH,
		height: SHARE_HEIGHT,
		fonts: loadFonts()
	});
	const image = await renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
	return image.asPng();
}
