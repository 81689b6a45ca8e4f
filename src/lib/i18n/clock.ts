// Countdowns, without date-fns: the attempt page and the player's phone need only these.

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
 * '1 · 00:13:01' was read as a clock. `days` words the day count in the viewer's language.
 */
export function countdownText(ms: number, days: (n: number) => string): string {
	const parts = countdownParts(ms);
	const pad = (n: number): string => String(n).padStart(2, '0');
	const hms = `${pad(parts.hours)}:${pad(parts.minutes)}:${pad(parts.seconds)}`;
	if (parts.days > 0) return `${days(parts.days)} ${hms}`;
	return parts.hours > 0 ? hms : `${pad(parts.minutes)}:${pad(parts.seconds)}`;
}

export type DurationUnit = 'hours' | 'minutes' | 'seconds';

/**
 * A duration in words, whole seconds, as a results notice writes it: '7 phút 25 giây', '45 giây',
 * '1 giờ 0 phút 5 giây'; a zero after the last non-zero part is left out ('8 phút'). `word` puts
 * a count and its unit in the reader's language.
 */
export function durationWords(ms: number, word: (unit: DurationUnit, n: number) => string): string {
	const total = Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 1000)) : 0;
	const parts: [DurationUnit, number][] = [
		['hours', Math.floor(total / 3600)],
		['minutes', Math.floor((total % 3600) / 60)],
		['seconds', total % 60]
	];
	const first = parts.findIndex(([, n]) => n > 0);
	if (first < 0) return word('seconds', 0);
	let last = parts.length - 1;
	while (parts[last][1] === 0) last--;
	return parts
		.slice(first, last + 1)
		.map(([unit, n]) => word(unit, n))
		.join(' ');
}
