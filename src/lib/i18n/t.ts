import { page } from '$app/state';
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
