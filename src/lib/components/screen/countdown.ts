import { countdownParts } from '$lib/i18n/format';

/** A span of ms as whole days and a clock: { days: 2, clock: '03:12:44' }, or '12:44' under an hour. */
export function countdownClock(ms: number): { days: number; clock: string } {
	const p = countdownParts(ms);
	const pad = (n: number): string => String(n).padStart(2, '0');
	const clock =
		p.days > 0 || p.hours > 0
			? `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}`
			: `${pad(p.minutes)}:${pad(p.seconds)}`;
	return { days: p.days, clock };
}

/** The same span in one line: '2 ngày 03:12:44'. */
export function countdownText(ms: number, days: (n: number) => string): string {
	const c = countdownClock(ms);
	return c.days > 0 ? `${days(c.days)} ${c.clock}` : c.clock;
}
