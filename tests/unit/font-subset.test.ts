import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/lib/i18n/en';
import { vi } from '../../src/lib/i18n/vi';
import { FONT_WEIGHTS, inFontRanges, unicodeRange } from '../../scripts/font-subset';

// The pages' font is cut to Vietnamese and Latin (scripts/subset-fonts.ts): every character the
// interface writes must be in it, or it would show in the system font.

const fontsDir = path.resolve(import.meta.dirname, '../../src/lib/fonts');

describe('the subset font', () => {
	it('covers every character of both catalogues', () => {
		const outside = new Set<string>();
		for (const text of [...Object.values(vi), ...Object.values(en)]) {
			for (const char of text.normalize('NFC')) {
				if (char !== '\n' && !inFontRanges(char.codePointAt(0)!)) outside.add(char);
			}
		}
		expect([...outside]).toEqual([]);
	});

	it('declares each weight in the stylesheet with the ranges it holds, swapped in when ready', () => {
		const css = readFileSync(path.join(fontsDir, 'fonts.css'), 'utf8');
		for (const { weight } of FONT_WEIGHTS) {
			expect(css).toContain(`font-weight: ${weight};`);
			expect(css).toContain(`url('./be-vietnam-pro-${weight}.woff2') format('woff2')`);
		}
		expect(css.match(/font-display: swap;/g)).toHaveLength(FONT_WEIGHTS.length);
		expect(
			css
				.match(/unicode-range:([^;]+);/)?.[1]
				.replace(/\s+/g, ' ')
				.trim()
		).toBe(unicodeRange());
	});
});
