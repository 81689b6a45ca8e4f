// What of Be Vietnam Pro the pages download: Vietnamese and Latin (Basic Latin, Latin-1, the
// Vietnamese letters of Latin Extended, and the precomposed U+1EA0–U+1EF9), the combining marks
// of decomposed Vietnamese, and the punctuation, arrows and đồng sign the UI writes. One file per
// weight instead of fontsource's three subsets per weight: a Vietnamese page loaded all three
// (their unicode-ranges overlap on ă, đ, ơ, ư), about 130 kB; these are about 15 kB each.
// A character outside falls back to the system font for that glyph alone.

/** The weights the stylesheets use (400 text, 600 buttons and question text, 700 headings). */
export const FONT_WEIGHTS = [
	{ weight: 400, source: '400Regular/BeVietnamPro_400Regular.ttf' },
	{ weight: 600, source: '600SemiBold/BeVietnamPro_600SemiBold.ttf' },
	{ weight: 700, source: '700Bold/BeVietnamPro_700Bold.ttf' }
] as const;

/** Inclusive code point ranges kept in every weight, written into the CSS as its unicode-range. */
export const FONT_RANGES: readonly (readonly [number, number])[] = [
	[0x0020, 0x007e], // Basic Latin
	[0x00a0, 0x00ff], // Latin-1: à á â ã è é ê ì í ò ó ô õ ù ú ý, « » · × °
	[0x0102, 0x0103], // Ă ă
	[0x0110, 0x0111], // Đ đ
	[0x0128, 0x0129], // Ĩ ĩ
	[0x0168, 0x0169], // Ũ ũ
	[0x01a0, 0x01a1], // Ơ ơ
	[0x01af, 0x01b0], // Ư ư
	[0x0300, 0x0301], // combining grave, acute
	[0x0303, 0x0303], // combining tilde
	[0x0309, 0x0309], // combining hook above
	[0x0323, 0x0323], // combining dot below
	[0x1ea0, 0x1ef9], // Vietnamese precomposed: ạ ả ấ … ỹ
	[0x2013, 0x2014], // – —
	[0x2018, 0x201d], // ‘ ’ ‚ ‛ “ ”
	[0x2022, 0x2022], // •
	[0x2026, 0x2026], // …
	[0x20ab, 0x20ab], // ₫
	[0x2190, 0x2193], // ← ↑ → ↓
	[0x2197, 0x2197], // ↗
	[0x2212, 0x2212] // −
];

export function inFontRanges(codePoint: number): boolean {
	return FONT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Every character of the ranges, for the subsetter. */
export function fontText(): string {
	return FONT_RANGES.flatMap(([from, to]) =>
		Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))
	).join('');
}

/** The ranges as CSS writes them: U+20-7E, U+A0-FF, … */
export function unicodeRange(): string {
	const hex = (n: number): string => n.toString(16).toUpperCase();
	return FONT_RANGES.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(', ');
}
