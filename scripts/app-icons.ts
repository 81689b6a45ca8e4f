// Draws the home-screen icons once from the favicon's check mark: `npx tsx scripts/app-icons.ts`.
// The PNGs are committed under static/icons/ (the manifest and app.html point at them); run this
// again only when the mark or the brand colour changes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** --brand in src/app.css, also the manifest's theme_color. */
const BRAND = '#0b4a8b';
const OUT = path.resolve(import.meta.dirname, '..', 'static', 'icons');

/**
 * The mark on a 32-unit grid. `inset` shrinks it toward the centre: a maskable icon keeps what
 * matters inside the central 80 % circle, which launchers crop to a circle or squircle.
 */
function svg(size: number, options: { rounded: boolean; inset: number }): string {
	const scale = 1 - options.inset;
	const shift = (32 * options.inset) / 2;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 32 32">
<rect width="32" height="32" rx="${options.rounded ? 6 : 0}" fill="${BRAND}"/>
<g transform="translate(${shift} ${shift}) scale(${scale})">
<path d="M9 17l5 5 9-12" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
</g></svg>`;
}

const ICONS: { file: string; size: number; rounded: boolean; inset: number }[] = [
	{ file: 'icon-192.png', size: 192, rounded: true, inset: 0 },
	{ file: 'icon-512.png', size: 512, rounded: true, inset: 0 },
	{ file: 'icon-maskable-512.png', size: 512, rounded: false, inset: 0.2 },
	// iOS draws its own rounded corners and fills transparency with black: a full square.
	{ file: 'apple-touch-icon.png', size: 180, rounded: false, inset: 0.1 }
];

mkdirSync(OUT, { recursive: true });
for (const icon of ICONS) {
	const png = await sharp(Buffer.from(svg(icon.size, icon)))
		.png({ compressionLevel: 9, palette: true })
		.toBuffer();
	writeFileSync(path.join(OUT, icon.file), png);
	process.stdout.write(`${icon.file}: ${png.byteLength} bytes\n`);
}
