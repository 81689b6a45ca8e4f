import { page } from '$app/state';
import { clockText } from './format';
import { translate, translateReason, type Locale, type MessageKey } from './index';

// Components read the locale the server resolved (root layout data), so a string renders the
// same on the server and in the browser.
function locale(): Locale {
	return (page.data as { locale?: Locale }).locale ?? 'vi';
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return translate(locale(), key, params);
}

export function tr(key: string, params?: Record<string, string | number>): string {
	return translateReason(locale(), key, params);
}

/** A countdown in the viewer's language: '1 ngày 00:13:01'. */
export function tClock(ms: number): string {
	return clockText(ms, locale());
}
