/**
 * CSV in the template layout (template.ts). Reads what Excel writes in Vietnamese locales
 * (';' separated, with or without a BOM) as well as plain ',' files; writes ',' with a BOM
 * and CRLF, which every Excel opens as UTF-8.
 */
import { questionsToRows, rowsToQuestions } from './template';
import type { ImportResult, ImportedQuestion } from './types';

const BOM = '\uFEFF';

/** RFC 4180 rows: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
	const input = text.startsWith(BOM) ? text.slice(1) : text;
	const delimiter = detectDelimiter(input);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let fieldStart = true;
	let quoted = false;
	for (let i = 0; i < input.length; i++) {
		const ch = input[i];
		if (quoted) {
			if (ch !== '"') field += ch;
			else if (input[i + 1] === '"') field += input[i++];
			else quoted = false;
			continue;
		}
		if (ch === delimiter || ch === '\n' || ch === '\r') {
			row.push(field);
			field = '';
			fieldStart = true;
			if (ch !== delimiter) {
				rows.push(row);
				row = [];
				if (ch === '\r' && input[i + 1] === '\n') i++;
			}
			continue;
		}
		if (ch === '"' && fieldStart) quoted = true;
		else field += ch;
		fieldStart = false;
	}
	if (!fieldStart || row.length > 0) rows.push([...row, field]);
	return rows;
}

/** ';' when the header line holds more of them than ',' outside quotes, else ','. */
function detectDelimiter(input: string): ',' | ';' {
	let commas = 0;
	let semicolons = 0;
	let quoted = false;
	for (const ch of input) {
		if (ch === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (ch === '\n' || ch === '\r') break;
		else if (ch === ',') commas++;
		else if (ch === ';') semicolons++;
	}
	return semicolons > commas ? ';' : ',';
}

export function importCsv(text: string): ImportResult {
	return rowsToQuestions(parseCsv(text));
}

/** ',' separated, fields quoted when needed, BOM first, CRLF line ends. */
export function exportCsv(questions: ImportedQuestion[]): string {
	const lines = questionsToRows(questions).map((row) => row.map(csvField).join(','));
	return `${BOM}${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
	return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
