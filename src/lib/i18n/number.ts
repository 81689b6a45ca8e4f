// Numbers, apart from dates (format.ts): a page that shows only numbers need not download date-fns.

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 25.980 — Vietnamese digit grouping in both languages, as the contest's documents write it. */
export function formatNumber(n: number): string {
	return numberFormat.format(n);
}
