import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { translate, type Locale } from './index';

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** dd/MM/yyyy HH:mm in Vietnam's time zone, whatever the viewer's device says. */
export function formatDateTime(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'dd/MM/yyyy HH:mm');
}

export function formatDate(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'dd/MM/yyyy');
}

const numberFormat = new Intl.NumberFormat('vi-VN');

/** 25.980 — Vietnamese digit grouping in both languages, as the contest's documents write it. */
export function formatNumber(n: number): string {
	return numberFormat.format(n);
}

/** 'd ngày hh:mm:ss' style countdown parts, for a span in ms. */
export function countdownParts(ms: number): { days: number; hours: number; minutes: number; seconds: number } {
	const total = Math.max(0, Math.floor(ms / 1000));
	return {
		days: Math.floor(total / 86400),
		hours: Math.floor((total % 86400) / 3600),
		minutes: Math.floor((total % 3600) / 60),
		seconds: total % 60
	};
}

/**
 * A countdown as read aloud on a phone: '1 ngày 00:13:01' (or '1 d 00:13:01' in English),
 * '02:05:09' under a day, '04:59' under an hour. The day count always carries its unit: a bare
 * '1 · 00:13:01' was read as a clock.
 */
export function clockText(ms: number, locale: Locale): string {
	const { days, hours, minutes, seconds } = countdownParts(ms);
	const pad = (n: number): string => String(n).padStart(2, '0');
	const hms = `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
	if (days > 0) return `${translate(locale, 'countdown.days', { n: days })} ${hms}`;
	return hours > 0 ? hms : `${pad(minutes)}:${pad(seconds)}`;
}

/** yyyy-MM-dd of an instant in Vietnam (for date inputs and date-only comparisons). */
export function formatIsoDate(ms: number): string {
	return format(new TZDate(ms, TIME_ZONE), 'yyyy-MM-dd');
}
