import { describe, expect, it } from 'vitest';
import { clockText, durationText } from '../../src/lib/i18n';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('clockText', () => {
	it('names the day unit in Vietnamese, as the audience screen does', () => {
		expect(clockText(DAY + 13 * MINUTE + SECOND, 'vi')).toBe('1 ngày 00:13:01');
		expect(clockText(3 * DAY + 2 * HOUR + 5 * MINUTE + 9 * SECOND, 'vi')).toBe('3 ngày 02:05:09');
	});

	it('names the day unit in English when the viewer chose English', () => {
		expect(clockText(DAY + 13 * MINUTE + SECOND, 'en')).toBe('1 d 00:13:01');
	});

	it('never shows a bare day count beside the clock', () => {
		for (const locale of ['vi', 'en'] as const) {
			expect(clockText(2 * DAY + 500, locale)).not.toMatch(/^\d+ · /);
		}
	});

	it('drops the days under a day and the hours under an hour', () => {
		expect(clockText(2 * HOUR + 5 * MINUTE + 9 * SECOND, 'vi')).toBe('02:05:09');
		expect(clockText(4 * MINUTE + 59 * SECOND + 999, 'en')).toBe('04:59');
		expect(clockText(-5 * SECOND, 'vi')).toBe('00:00');
	});
});

describe('durationText', () => {
	it('writes a duration in words, as a results notice does', () => {
		expect(durationText(7 * MINUTE + 25 * SECOND + 999, 'vi')).toBe('7 phút 25 giây');
		expect(durationText(45 * SECOND, 'vi')).toBe('45 giây');
		expect(durationText(8 * MINUTE, 'vi')).toBe('8 phút');
		expect(durationText(HOUR + 5 * SECOND, 'vi')).toBe('1 giờ 0 phút 5 giây');
		expect(durationText(0, 'vi')).toBe('0 giây');
		expect(durationText(7 * MINUTE + 25 * SECOND, 'en')).toBe('7 min 25 s');
	});
});
