import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	escapeIcsText,
	foldIcsLine,
	icsDateTime,
	serializeCalendar,
	type CalendarEvent
} from '../../src/lib/domain/ical';
import { eventProperty, icsUtcToMs, parseIcs, unescapeIcsText, unfoldIcs } from '../helpers/ical';

const octets = (s: string): number => new TextEncoder().encode(s).length;

const EVENT: CalendarEvent = {
	uid: 'round-abc@cuocthi.example',
	stamp: Date.UTC(2026, 0, 2, 3, 4, 5),
	start: Date.UTC(2026, 0, 4, 17, 0, 0),
	end: Date.UTC(2026, 0, 4, 17, 30, 0),
	summary: 'Mở Tuần thi thứ 2, Cuộc thi tìm hiểu cải cách hành chính; tỉnh Quảng Ninh',
	description:
		'Đợt thi mở lúc 00:00 thứ Hai, 05/01/2026 và đóng lúc 24:00 Chủ nhật.\nVào thi: https://cuocthi.example/cuoc-thi/cchc/dot-thi/2 \\ hết.',
	url: 'https://cuocthi.example/cuoc-thi/cai-cach-hanh-chinh-2026/dot-thi/2?nguon=lich&ma=rat-dai-de-gap-dong',
	alarmMinutesBefore: 60
};

describe('icsDateTime', () => {
	it('writes UTC in the basic form with Z', () => {
		expect(icsDateTime(Date.UTC(2026, 0, 4, 17, 0, 0))).toBe('20260104T170000Z');
		expect(icsDateTime(Date.UTC(2026, 11, 31, 23, 59, 59, 999))).toBe('20261231T235959Z');
	});
});

describe('escapeIcsText', () => {
	it('escapes backslash, semicolon, comma and line breaks', () => {
		expect(escapeIcsText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
	});

	it('reads back as the same text', () => {
		fc.assert(
			fc.property(fc.string(), (text) => {
				const plain = text.replace(/\r\n?/g, '\n');
				expect(unescapeIcsText(escapeIcsText(plain))).toBe(plain);
			})
		);
	});
});

describe('foldIcsLine', () => {
	it('leaves a line of 75 octets alone and folds one of 76', () => {
		expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75));
		expect(foldIcsLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
	});

	it('keeps every physical line within 75 octets, never splits a letter, and unfolds back', () => {
		fc.assert(
			fc.property(fc.string({ unit: fc.constantFrom('a', 'ệ', 'ữ', 'Đ', ' ', '😀', ','), maxLength: 300 }), (text) => {
				const folded = foldIcsLine(`DESCRIPTION:${text}`);
				for (const physical of folded.split('\r\n')) {
					expect(octets(physical)).toBeLessThanOrEqual(75);
					expect(physical).not.toContain('\uFFFD');
				}
				expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${text}`);
			})
		);
	});

	it('counts octets, not characters: Vietnamese letters take two or three', () => {
		const line = `SUMMARY:${'ệ'.repeat(40)}`; // 8 + 40 × 3 = 128 octets
		const physical = foldIcsLine(line).split('\r\n');
		expect(physical).toHaveLength(2);
		expect(octets(physical[0])).toBeLessThanOrEqual(75);
		expect(physical[1].startsWith(' ')).toBe(true);
	});
});

describe('serializeCalendar', () => {
	const text = serializeCalendar(EVENT, '-//CuocThi//Nhac toi//VI');

	it('ends every line with CRLF and has no bare LF', () => {
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
	});

	it('nests one VEVENT with its VALARM in one VCALENDAR', () => {
		const frame = parseIcs(text)
			.filter((p) => p.name === 'BEGIN' || p.name === 'END')
			.map((p) => `${p.name}:${p.value}`);
		expect(frame).toEqual([
			'BEGIN:VCALENDAR',
			'BEGIN:VEVENT',
			'BEGIN:VALARM',
			'END:VALARM',
			'END:VEVENT',
			'END:VCALENDAR'
		]);
		expect(unfoldIcs(text)).toContain('VERSION:2.0');
		expect(unfoldIcs(text)).toContain('TRIGGER:-PT60M');
	});

	it('reads back the times, the texts and the link', () => {
		expect(icsUtcToMs(eventProperty(text, 'DTSTART')!)).toBe(EVENT.start);
		expect(icsUtcToMs(eventProperty(text, 'DTEND')!)).toBe(EVENT.end);
		expect(icsUtcToMs(eventProperty(text, 'DTSTAMP')!)).toBe(EVENT.stamp);
		expect(eventProperty(text, 'UID')).toBe(EVENT.uid);
		expect(unescapeIcsText(eventProperty(text, 'SUMMARY')!)).toBe(EVENT.summary);
		expect(unescapeIcsText(eventProperty(text, 'DESCRIPTION')!)).toBe(EVENT.description);
		expect(eventProperty(text, 'URL')).toBe(EVENT.url);
	});

	it('leaves the alarm out when none is asked', () => {
		const plain = serializeCalendar({ ...EVENT, alarmMinutesBefore: null }, '-//CuocThi//Nhac toi//VI');
		expect(plain).not.toContain('VALARM');
	});
});
