import { formatNumber } from '$lib/i18n/number';

const twoDecimals = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A 0–1 share as a percentage with one decimal, Vietnamese style: 0.8533 → "85,3". */
export function percentText(share: number): string {
	return formatNumber(Math.round(share * 1000) / 10);
}

/** A correlation with two decimals: 0.375 → "0,38". */
export function correlationText(r: number): string {
	return twoDecimals.format(r);
}

/** A round number at or above `max`, for the top of a chart's axis. */
export function axisTop(max: number): number {
	const peak = Math.max(1, max);
	const step = peak <= 5 ? 1 : peak <= 10 ? 2 : 10 ** Math.floor(Math.log10(peak));
	return Math.ceil(peak / step) * step;
}
