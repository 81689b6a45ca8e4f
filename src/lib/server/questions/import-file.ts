import { importAiken } from '../../domain/import/aiken';
import { importCsv } from '../../domain/import/csv';
import { importGift } from '../../domain/import/gift';
import { importMoodleXml } from '../../domain/import/moodle-xml';
import { detectFormatByContent, type ImportFormat } from '../../domain/import/detect';
import type { ImportResult } from '../../domain/import/types';
import { readXlsx } from './xlsx';

export type { ImportFormat };

const FORMATS: readonly ImportFormat[] = ['xlsx', 'csv', 'aiken', 'gift', 'moodle'];
const BY_EXTENSION: Record<string, ImportFormat> = {
	xlsx: 'xlsx',
	csv: 'csv',
	txt: 'aiken',
	gift: 'gift',
	xml: 'moodle'
};

/**
 * The format named by the organizer; else ("Auto") the one the content shows; else the one the
 * file's extension suggests.
 */
export function detectFormat(fileName: string, chosen: string | null, bytes?: Uint8Array): ImportFormat | null {
	const named = FORMATS.find((f) => f === chosen);
	return (
		named ??
		(bytes ? detectFormatByContent(bytes) : null) ??
		BY_EXTENSION[fileName.toLowerCase().split('.').pop() ?? ''] ??
		null
	);
}

const failure = (message: string): ImportResult => ({ ok: false, issues: [{ line: 1, message }], questions: [] });

/** Parses an uploaded file into questions, or the issues that stop it; never throws on bad input. */
export async function parseImportFile(bytes: Uint8Array, format: ImportFormat): Promise<ImportResult> {
	if (bytes.byteLength === 0) return failure('Tệp rỗng: không có câu hỏi nào để nhập.');
	if (format === 'xlsx') return readXlsx(Buffer.from(bytes));
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return failure('Tệp không được mã hóa UTF-8. Hãy lưu lại tệp với mã hóa UTF-8 (trong Excel: "CSV UTF-8").');
	}
	if (text.replace(/^\uFEFF/, '').trim() === '') return failure('Tệp rỗng: không có câu hỏi nào để nhập.');
	if (format === 'csv') return importCsv(text);
	if (format === 'aiken') return importAiken(text);
	if (format === 'gift') return importGift(text);
	return importMoodleXml(text);
}
