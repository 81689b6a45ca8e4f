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
