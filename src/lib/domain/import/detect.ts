/**
 * The format of an uploaded question file, read from its content: names lie (Moodle exports GIFT
 * as .txt, which the extension would call Aiken). Only the start of the file is looked at.
 */
import { foldVietnamese } from '../text';

export type ImportFormat = 'xlsx' | 'csv' | 'aiken' | 'gift' | 'moodle';

/** Enough of a file to recognize it: a title, a category line and a first question or two. */
const SNIFF_BYTES = 64 * 1024;

/** A zip's local file header: an .xlsx is a zip of XML parts. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** GIFT's own lines: a `$CATEGORY:` line or a question starting with its `::title::`. */
const GIFT_LINES = [/^\s*\$CATEGORY:/m, /^\s*::(?:[^:\\]|\\.)+::/m];
/** An answer block: braces, unescaped, around what is not a brace (escaped braces inside allowed). */
const BRACES = /(?:^|[^\\])\{((?:[^{}\\]|\\.)*)\}/g;
/** Inside it, a right (`=`) or wrong (`~`) answer not escaped, or a true/false key (`T`, `FALSE`…). */
const GIFT_ANSWER = /(?:^|[^\\])[=~]/;
const GIFT_TRUE_FALSE = /^\s*(?:T|F|TRUE|FALSE)\s*(?:#.*)?$/is;
/** A numeric answer: '#' then a number ('{#12.5:0.5}', '{#1..5}', '{#=1945}'). */
const GIFT_NUMERIC = /^\s*#\s*=?\s*[-+]?\d/;

function hasGiftMarkers(text: string): boolean {
	if (GIFT_LINES.some((marker) => marker.test(text))) return true;
	for (const [, inside] of text.matchAll(BRACES)) {
		if (GIFT_ANSWER.test(inside) || GIFT_TRUE_FALSE.test(inside) || GIFT_NUMERIC.test(inside)) return true;
	}
	return false;
}

/** Aiken's answer line after lettered options: 'A. …' or 'A) …', then 'ANSWER: B'. */
const AIKEN_OPTION = /^[A-Z][.)]\s+\S/m;
const AIKEN_ANSWER = /^(?:ANSWER|ĐÁP ÁN)\s*:\s*[A-Z]\s*$/imu;

/** A CSV in the template layout starts with its header: the question column and a separator. */
function isCsvHeader(line: string): boolean {
	const folded = foldVietnamese(line);
	return (
		/[;,\t]/.test(line) && folded.includes('cau hoi') && (folded.includes('dap an') || folded.includes('phuong an'))
	);
}

/** The format the bytes are in, or null when nothing in them says so. */
export function detectFormatByContent(bytes: Uint8Array): ImportFormat | null {
	if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return 'xlsx';
	// Not fatal: a cut through a multi-byte character at the end of the sample is harmless here.
	const text = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF/, '');
	const start = text.trimStart();
	if (/^<\?xml[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<quiz[\s>]/i.test(start) || /^<quiz[\s>]/i.test(start)) return 'moodle';
	const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
	if (isCsvHeader(firstLine)) return 'csv';
	// Aiken first: its answer lines never occur in GIFT, while its prose may hold a brace.
	if (AIKEN_OPTION.test(text) && AIKEN_ANSWER.test(text)) return 'aiken';
	// Comment lines ('// …') are GIFT's too, but their text must not count as markers.
	const body = text
		.split(/\r?\n/)
		.filter((line) => !line.trimStart().startsWith('//'))
		.join('\n');
	return hasGiftMarkers(body) ? 'gift' : null;
}
