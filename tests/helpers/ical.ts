// Reads an iCalendar file back the way a calendar app does (RFC 5545 §3.1 unfolding, §3.3.11
// unescaping), independently of the serializer under test.

export interface ParsedProperty {
	name: string;
	value: string;
}

/** The content lines of a file, unfolded: a CRLF followed by one space or tab joins two lines. */
export function unfoldIcs(text: string): string[] {
	return text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter((line) => line !== '');
}

export function unescapeIcsText(value: string): string {
	return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Each property of the file in order (name without parameters, raw value). */
export function parseIcs(text: string): ParsedProperty[] {
	return unfoldIcs(text).map((line) => {
		const colon = line.indexOf(':');
		return { name: line.slice(0, colon).split(';')[0], value: line.slice(colon + 1) };
	});
}

/** The first property named `name` inside the VEVENT (not its VALARM). */
export function eventProperty(text: string, name: string): string | undefined {
	const props = parseIcs(text);
	const begin = props.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
	for (const p of props.slice(begin + 1)) {
		if (p.name === 'BEGIN' || (p.name === 'END' && p.value === 'VEVENT')) break;
		if (p.name === name) return p.value;
	}
	return undefined;
}

/** `20260105T170000Z` → ms since epoch. */
export function icsUtcToMs(value: string): number {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
	if (!m) throw new Error(`not a UTC date-time: ${value}`);
	return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}
