import { createDeflateRaw, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip: its name, its deflated bytes and the size it claims to inflate to. */
export interface ZipEntry {
	name: string;
	deflated: Buffer;
	declaredSize: number;
}

export function deflatedEntry(name: string, text: string): ZipEntry {
	const bytes = Buffer.from(text, 'utf8');
	return { name, deflated: deflateRawSync(bytes), declaredSize: bytes.byteLength };
}

/**
 * `size` zero bytes deflated in a stream from one reused 1 MB buffer, so the test never holds the
 * inflated bytes itself: 200 MB of zeros deflate to about 200 kB.
 */
export async function deflatedZeros(size: number): Promise<Buffer> {
	const chunk = Buffer.alloc(1024 * 1024);
	const deflate = createDeflateRaw({ level: 9 });
	const out: Buffer[] = [];
	deflate.on('data', (c: Buffer) => out.push(c));
	const done = new Promise<void>((resolve, reject) => {
		deflate.on('end', resolve);
		deflate.on('error', reject);
	});
	for (let left = size; left > 0; left -= chunk.byteLength) {
		const piece = left >= chunk.byteLength ? chunk : chunk.subarray(0, left);
		if (!deflate.write(piece)) await new Promise((resolve) => deflate.once('drain', resolve));
	}
	deflate.end();
	await done;
	return Buffer.concat(out);
}

/**
 * A zip of deflated entries, as the format says (local headers, central directory, end record);
 * CRCs are left at zero, which neither JSZip (by default) nor the guard checks.
 */
export function buildZip(entries: ZipEntry[]): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(8, 8);
		local.writeUInt32LE(entry.deflated.byteLength, 18);
		local.writeUInt32LE(entry.declaredSize, 22);
		local.writeUInt16LE(name.byteLength, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt16LE(8, 10);
		central.writeUInt32LE(entry.deflated.byteLength, 20);
		central.writeUInt32LE(entry.declaredSize, 24);
		central.writeUInt16LE(name.byteLength, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, entry.deflated);
		centrals.push(central, name);
		offset += local.byteLength + name.byteLength + entry.deflated.byteLength;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.byteLength, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** The parts a workbook needs around its sheet, so a parser gets as far as inflating the sheet. */
export function workbookParts(): ZipEntry[] {
	return [
		deflatedEntry(
			'[Content_Types].xml',
			'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
		),
		deflatedEntry(
			'_rels/.rels',
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
		),
		deflatedEntry(
			'xl/workbook.xml',
			'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Câu hỏi" sheetId="1" r:id="rId1"/></sheets></workbook>'
		),
		deflatedEntry(
			'xl/_rels/workbook.xml.rels',
			'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
		)
	];
}
