import { describe, expect, it } from 'vitest';
import { createLru } from '../../src/lib/server/share/share-cache';
import { clip, formatMoment, roundWindowText } from '../../src/lib/server/share/share-text';

// Vietnam is UTC+7 all year: 17:00 UTC is midnight there.
const MONDAY_MIDNIGHT = Date.UTC(2026, 11, 13, 17, 0); // 00:00 Thứ hai 14/12/2026 in Vietnam
const MONDAY_8AM = Date.UTC(2026, 11, 14, 1, 0);

describe('share texts', () => {
	it('writes a deadline at midnight as 24:00 of the day before, and an opening at midnight as 00:00', () => {
		expect(formatMoment(MONDAY_MIDNIGHT, true)).toBe('24:00 Chủ nhật, 13/12/2026');
		expect(formatMoment(MONDAY_MIDNIGHT, false)).toBe('00:00 Thứ hai, 14/12/2026');
		expect(formatMoment(MONDAY_8AM, true)).toBe('08:00 Thứ hai, 14/12/2026');
	});

	it('tells a round’s window as of the server clock', () => {
		const round = { opensAt: MONDAY_MIDNIGHT - 7 * 86_400_000, closesAt: MONDAY_MIDNIGHT };
		expect(roundWindowText(round, round.opensAt - 1)).toBe('Mở lúc 00:00 Thứ hai, 07/12/2026');
		expect(roundWindowText(round, round.opensAt)).toBe('Đang mở đến 24:00 Chủ nhật, 13/12/2026');
		expect(roundWindowText(round, round.closesAt)).toBe('Đã kết thúc lúc 24:00 Chủ nhật, 13/12/2026');
	});

	it('clips long text at a word', () => {
		expect(clip('Cuộc thi   tìm hiểu', 100)).toBe('Cuộc thi tìm hiểu');
		expect(clip('Cuộc thi tìm hiểu cải cách hành chính', 20)).toBe('Cuộc thi tìm hiểu…');
	});

	it('keeps the most recently used images and lets the oldest go', () => {
		const lru = createLru<number>(2);
		lru.set('a', 1);
		lru.set('b', 2);
		expect(lru.get('a')).toBe(1); // a is now the most recent
		lru.set('c', 3);
		expect(lru.get('b')).toBeUndefined();
		expect(lru.get('a')).toBe(1);
		expect(lru.get('c')).toBe(3);
		expect(lru.size).toBe(2);
	});
});
