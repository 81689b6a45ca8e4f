// A calendar event as an iCalendar file (RFC 5545), for "Nhắc tôi": one VEVENT with an alarm,
// which phone calendars (Google Calendar, iOS Calendar) import from a downloaded .ics file.
// Times are written in UTC (the `Z` form), so no VTIMEZONE block is needed; the phone shows them
// in its own zone.

export interface CalendarEvent {
	/** globally unique and stable: the same round gives the same UID, so a second import updates */
	uid: string;
	/** ms since epoch: when this file was made */
	stamp: number;
	/** ms since epoch */
	start: number;
	/** ms since epoch */
	end: number;
	summary: string;
	description: string;
	url: string;
	/** minutes before the start that the phone reminds; null: no alarm */
	alarmMinutesBefore: number | null;
}

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_OCTETS = 75;

/** `20260105T170000Z`: a UTC date-time (RFC 5545 §3.3.5, form #2). */
export function icsDateTime(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/** A TEXT value (§3.3.11): backslash, semicolon and comma escaped; line breaks written as `\n`. */
export function escapeIcsText(text: string): string {
	return text
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * Splits a content line into lines of at most 75 octets (§3.1); each continuation starts with one
 * space, which counts toward its 75. A character is never split: UTF-8 bytes of one Vietnamese
 * letter stay on one line.
 */
export function foldIcsLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = encoder.encode(char).length;
		const limit = parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1;
		if (octets + size > limit) {
			parts.push(current);
			current = '';
			octets = 0;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(`${CRLF} `);
}

/** The whole file: CRLF after every line, the last one too. */
export function serializeCalendar(event: CalendarEvent, productId: string): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		`PRODID:${productId}`,
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		'BEGIN:VEVENT',
		`UID:${event.uid}`,
		`DTSTAMP:${icsDateTime(event.stamp)}`,
		`DTSTART:${icsDateTime(event.start)}`,
		`DTEND:${icsDateTime(event.end)}`,
		`SUMMARY:${escapeIcsText(event.summary)}`,
		`DESCRIPTION:${escapeIcsText(event.description)}`,
		`URL:${event.url}`
	];
	if (event.alarmMinutesBefore !== null) {
		lines.push(
			'BEGIN:VALARM',
			'ACTION:DISPLAY',
			`DESCRIPTION:${escapeIcsText(event.summary)}`,
			`TRIGGER:-PT${event.alarmMinutesBefore}M`,
			'END:VALARM'
		);
	}
	lines.push('END:VEVENT', 'END:VCALENDAR');
	return lines.map((line) => foldIcsLine(line) + CRLF).join('');
}
