/**
 * A look inside an uploaded zip (a workbook) before any parser sees it. A 1 MB workbook whose sheet
 * inflates to 1 GB once took the server to 1.2 GB resident: the parser (JSZip under exceljs)
 * inflates whole entries into memory. So the central directory is read here, the entry count and
 * declared sizes are checked, and then every entry is really inflated, streaming, counting the
 * bytes and throwing them away, stopping at the cap: declared sizes are the attacker's word, and
 * entries that share their compressed data (an "overlapping" bomb) each count in full.
 */
import { createInflateRaw } from 'node:zlib';

export interface ZipCaps {
	/** entries in the central directory */
	maxEntries: number;
	/** inflated bytes of all entries together */
	maxInflatedBytes: number;
}

/**
 * Measured: 10,000 questions with long texts, as the template writes them, inflate to 13.5 MB,
 * so 50 MB holds more than 35,000; Excel writes a dozen entries (a few hundred with many images).
 * exceljs needs several times the inflated size in memory, so these caps keep it in the hundreds
 * of megabytes at worst.
 */
export const WORKBOOK_CAPS: ZipCaps = { maxEntries: 1000, maxInflatedBytes: 50 * 1024 * 1024 };

export type ZipRefusal = 'not_zip' | 'too_many_entries' | 'too_large' | 'unsupported';
export type ZipCheck = { ok: true; entries: number; inflatedBytes: number } | { ok: false; reason: ZipRefusal };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
/** The end record may be followed by a comment of up to 65,535 bytes. */
const MAX_COMMENT = 0xffff;

interface Entry {
	method: number;
	compressedSize: number;
	declaredSize: number;
	localOffset: number;
}

/** Checks the zip against the caps; never throws on bad input. */
export async function checkZip(bytes: Uint8Array, caps: ZipCaps = WORKBOOK_CAPS): Promise<ZipCheck> {
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const directory = readCentralDirectory(buffer, caps);
	if (!directory.ok) return directory;
	const { entries } = directory;
	// Cheap first: what the directory declares already over the cap is refused without inflating.
	if (entries.reduce((sum, e) => sum + e.declaredSize, 0) > caps.maxInflatedBytes) {
		return { ok: false, reason: 'too_large' };
	}
	let inflated = 0;
	for (const entry of entries) {
		const data = entryData(buffer, entry);
		if (!data) return { ok: false, reason: 'not_zip' };
		if (entry.method === 0) inflated += data.byteLength;
		else {
			const counted = await countInflated(data, caps.maxInflatedBytes - inflated);
			if (counted === null) return { ok: false, reason: 'too_large' };
			if (counted === 'corrupt') return { ok: false, reason: 'not_zip' };
			inflated += counted;
		}
		if (inflated > caps.maxInflatedBytes) return { ok: false, reason: 'too_large' };
	}
	return { ok: true, entries: entries.length, inflatedBytes: inflated };
}

function readCentralDirectory(
	buffer: Buffer,
	caps: ZipCaps
): { ok: true; entries: Entry[] } | { ok: false; reason: ZipRefusal } {
	if (buffer.byteLength < EOCD_SIZE || buffer.readUInt32LE(0) !== LOCAL_SIGNATURE) {
		return { ok: false, reason: 'not_zip' };
	}
	let eocd = -1;
	const lowest = Math.max(0, buffer.byteLength - EOCD_SIZE - MAX_COMMENT);
	for (let i = buffer.byteLength - EOCD_SIZE; i >= lowest; i--) {
		if (buffer.readUInt32LE(i) === EOCD_SIGNATURE) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) return { ok: false, reason: 'not_zip' };
	const count = buffer.readUInt16LE(eocd + 10);
	const size = buffer.readUInt32LE(eocd + 12);
	const offset = buffer.readUInt32LE(eocd + 16);
	// 0xFFFF / 0xFFFFFFFF mean ZIP64, which no workbook under the caps needs. JSZip switches to a
	// ZIP64 record (another directory) when any of the disk fields holds that marker, so a
	// single-disk zip is required: both disk numbers 0, this disk's entries all of them.
	if (count === 0xffff || offset === 0xffffffff) return { ok: false, reason: 'unsupported' };
	if (buffer.readUInt16LE(eocd + 4) !== 0 || buffer.readUInt16LE(eocd + 6) !== 0) {
		return { ok: false, reason: 'unsupported' };
	}
	if (buffer.readUInt16LE(eocd + 8) !== count) return { ok: false, reason: 'unsupported' };
	if (count > caps.maxEntries) return { ok: false, reason: 'too_many_entries' };
	// The directory must end where the end record starts: JSZip shifts every offset by any gap
	// (data "prepended" to the zip), so a gap would have it read entries the guard never saw.
	if (offset + size !== eocd) return { ok: false, reason: 'not_zip' };
	const entries: Entry[] = [];
	let at = offset;
	for (let i = 0; i < count; i++) {
		if (at + 46 > eocd || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) return { ok: false, reason: 'not_zip' };
		const flags = buffer.readUInt16LE(at + 8);
		const method = buffer.readUInt16LE(at + 10);
		const compressedSize = buffer.readUInt32LE(at + 20);
		const declaredSize = buffer.readUInt32LE(at + 24);
		const localOffset = buffer.readUInt32LE(at + 42);
		// Encrypted entries, methods other than stored and deflate, and ZIP64 sizes are no workbook's.
		if (flags & 1 || (method !== 0 && method !== 8)) return { ok: false, reason: 'unsupported' };
		if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff) {
			return { ok: false, reason: 'unsupported' };
		}
		entries.push({ method, compressedSize, declaredSize, localOffset });
		at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
	}
	// JSZip reads directory records for as long as they follow one another, whatever the count
	// says: records beyond the count (a bomb hidden behind a small count) are refused here.
	if (at !== eocd) return { ok: false, reason: 'not_zip' };
	return { ok: true, entries };
}

/** The entry's compressed bytes, found through its local header; null when they lie outside the file. */
function entryData(buffer: Buffer, entry: Entry): Buffer | null {
	const at = entry.localOffset;
	if (at + 30 > buffer.byteLength || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) return null;
	const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
	const end = start + entry.compressedSize;
	return end > buffer.byteLength ? null : buffer.subarray(start, end);
}

/**
 * Inflates `data` in a stream, counting the output and keeping none of it: the count, null as soon
 * as it passes `limit` (the stream is destroyed there), or 'corrupt' when it is not deflate data.
 */
function countInflated(data: Buffer, limit: number): Promise<number | null | 'corrupt'> {
	return new Promise((resolve) => {
		const inflate = createInflateRaw();
		let count = 0;
		let settled = false;
		const settle = (value: number | null | 'corrupt'): void => {
			if (settled) return;
			settled = true;
			resolve(value);
		};
		inflate.on('data', (chunk: Buffer) => {
			count += chunk.byteLength;
			if (count > limit) {
				settle(null);
				inflate.destroy();
			}
		});
		inflate.on('end', () => settle(count));
		inflate.on('error', () => settle('corrupt'));
		inflate.on('close', () => settle(count > limit ? null : count));
		inflate.end(data);
	});
}

/** What the organizer reads when a workbook is refused, in Vietnamese like every import issue. */
export function zipRefusalMessage(reason: ZipRefusal, caps: ZipCaps = WORKBOOK_CAPS): string {
	const megabytes = Math.round(caps.maxInflatedBytes / (1024 * 1024));
	switch (reason) {
		case 'too_many_entries':
			return `Tệp Excel có quá nhiều thành phần bên trong (tối đa ${caps.maxEntries}): hãy lưu lại tệp bằng Excel hoặc chia nhỏ tệp.`;
		case 'too_large':
			return `Tệp Excel khi giải nén vượt quá ${megabytes} MB: hãy chia nhỏ tệp hoặc xóa hình ảnh, trang tính không cần thiết.`;
		case 'unsupported':
			return 'Tệp Excel được nén hoặc mã hóa theo cách không hỗ trợ: hãy mở bằng Excel và lưu lại dưới dạng .xlsx, không đặt mật khẩu.';
		default:
			return 'Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx';
	}
}
