import { page } from '$app/state';
import type { Messages } from './areas';
import { countdownText, durationWords } from './clock';
import { fill } from './fill';
import type { Locale, MessageKey } from './index';

// Components read the locale and the messages the server resolved for this route (root layout
// data, see areas.ts), so a string renders the same on the server and in the browser, and a page
// carries only its own strings in its own language: not the whole catalogue in both.

function layoutData(): { locale?: Locale; messages?: Messages } {
	return page.data as { locale?: Locale; messages?: Messages };
}

/** The route's template for a key; the key itself if areas.ts forgot it (tests/unit/i18n-areas catches that). */
function templateOf(key: string): string | undefined {
	return (layoutData().messages as Record<string, string> | undefined)?.[key];
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
	return fill(templateOf(key) ?? key, params);
}

/** Translates a key that came from data (a zod message or a service reason), with a safe fallback. */
export function tr(key: string, params?: Record<string, string | number>): string {
	return fill(templateOf(key) ?? templateOf('error.invalid') ?? key, params);
}

/** A countdown in the viewer's language: '1 ngày 00:13:01'. */
export function tClock(ms: number): string {
	return countdownText(ms, (n) => t('countdown.days', { n }));
}

/** A duration in words in the viewer's language: '7 phút 25 giây' (see durationWords). */
export function tDuration(ms: number): string {
	return durationWords(ms, (unit, n) => t(`countdown.${unit}`, { n }));
}
