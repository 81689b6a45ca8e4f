/** Vietnamese text helpers: normalization, diacritic folding for search, phones, sorting. */

/** Unicode NFC, the form stored in the database. */
export function toNfc(s: string): string {
	return s.normalize('NFC');
}

/**
 * Search key: diacritics dropped, đ/Đ → d, lowercase, whitespace collapsed,
 * so 'Phường  Hà Khánh' → 'phuong ha khanh' and "cai cach" matches "cải cách".
 */
export function foldVietnamese(s: string): string {
	return s
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

const VN_MOBILE = /^0[35789]\d{8}$/;

/**
 * Normalizes a Vietnamese mobile number to '0xxxxxxxxx': separators (spaces, dots, dashes,
 * parentheses) are dropped and '+84…' / '84…' become '0…'. Returns null for anything else.
 */
export function normalizePhone(input: string): string | null {
	let digits = input.replace(/[\s.\-()]/g, '');
	if (digits.startsWith('+')) {
		if (!digits.startsWith('+84')) return null;
		digits = digits.slice(1);
	}
	if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
	// '+84 (0) 912 …' is a common way to write it: the trunk zero stays once.
	else if (/^840\d{9}$/.test(digits)) digits = digits.slice(2);
	return VN_MOBILE.test(digits) ? digits : null;
}

/**
 * Hides the middle of a phone for organizer hints: '0901234567' → '090****567'.
 * Strings too short to keep 6 visible digits are fully masked.
 */
export function maskPhone(phone: string): string {
	if (phone.length < 7) return '*'.repeat(phone.length);
	return `${phone.slice(0, 3)}****${phone.slice(-3)}`;
}

const collator = new Intl.Collator('vi');

/** Vietnamese alphabetical order (a < ă < â < b …, đ after d) for names and units. */
export function compareVietnamese(a: string, b: string): number {
	return collator.compare(a, b);
}

/** Where free text is typed: a one-line name, or a long text that keeps its line breaks. */
export type TextKind = 'name' | 'long';

// C0 controls (NUL included), DEL and C1 controls; and the bidi embeddings, overrides and
// isolates (U+202A–U+202E, U+2066–U+2069) that make text display in another order than it is
// stored ("Trojan source"): a name could then read differently on a screen than in an export.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;
// Long texts (rules, question text) keep tab, line feed and carriage return (browsers send a
// textarea's line breaks as CR LF).
// eslint-disable-next-line no-control-regex -- as above
const UNSAFE_IN_LONG = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u;

/**
 * The first character that free text of this kind may not hold, as 'U+202E', or null when
 * there is none. Such characters are refused, never silently dropped: the author should see them.
 */
export function unsafeCharacter(s: string, kind: TextKind): string | null {
	const found = (kind === 'name' ? UNSAFE_IN_NAME : UNSAFE_IN_LONG).exec(s);
	if (!found) return null;
	return `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
