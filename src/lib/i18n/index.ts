import { countdownText, durationWords } from './clock';
import { en } from './en';
import { fill } from './fill';
import { vi, type MessageKey } from './vi';

// The whole catalogue, for the server (and tests). Pages in the browser get only the messages
// their route needs, in the viewer's language, through the root layout's data (see areas.ts, t.ts).

export type Locale = 'vi' | 'en';
export type { MessageKey };
export const LOCALES: readonly Locale[] = ['vi', 'en'];
export const LOCALE_COOKIE = 'lang';

const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'vi' || value === 'en';
}

export function isMessageKey(value: string): value is MessageKey {
	return value in vi;
}

/** The template of a key in a language, Vietnamese where the language lacks it. */
export function template(locale: Locale, key: MessageKey): string {
	return catalogues[locale][key] ?? vi[key];
}

/** Looks a message up and fills `{name}` placeholders. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
	return fill(template(locale, key), params);
}

/** Translates a key that came from data (a zod message or a service reason), with a safe fallback. */
export function translateReason(locale: Locale, key: string, params?: Record<string, string | number>): string {
	return translate(locale, isMessageKey(key) ? key : 'error.invalid', params);
}

/** A countdown in a language: '1 ngày 00:13:01', '1 d 00:13:01', '04:59'. */
export function clockText(ms: number, locale: Locale): string {
	return countdownText(ms, (n) => translate(locale, 'countdown.days', { n }));
}

/** A duration in words in a language: '7 phút 25 giây', '7 min 25 s' (the server's tDuration). */
export function durationText(ms: number, locale: Locale): string {
	return durationWords(ms, (unit, n) => translate(locale, `countdown.${unit}`, { n }));
}
