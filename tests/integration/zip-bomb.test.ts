import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../src/lib/server/questions/import-file';
import { readUnitFile } from '../../src/lib/server/units/unit-import';
import { checkZip, WORKBOOK_CAPS } from '../../src/lib/server/zip-guard';
import { buildZip, deflatedEntry, deflatedZeros, workbookParts } from '../helpers/zip';

const MB = 1024 * 1024;
/** The sheet of the bomb inflates to this; the guard's cap is 50 MB. */
const BOMB_SIZE = 200 * MB;
/** How much the process may grow while refusing a bomb: a memory bound, not a timing one. */
const RSS_ALLOWANCE = 100 * MB;

let sheetZeros: Buffer;

beforeAll(async () => {
	sheetZeros = await deflatedZeros(BOMB_SIZE);
});

/** A workbook whose sheet is the bomb; `declaredSize` is what its directory claims the sheet inflates to. */
function bomb(declaredSize: number): Buffer {
	return buildZip([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', deflated: sheetZeros, declaredSize }]);
}

/** The call's result and how much the resident set grew across it. */
async function measured<T>(call: () => Promise<T>): Promise<{ result: T; growth: number }> {
	const before = process.memoryUsage().rss;
	const result = await call();
	return { result, growth: process.memoryUsage().rss - before };
}

describe('a zip bomb in an uploaded workbook', () => {
	it('is small on the wire', () => {
		expect(bomb(BOMB_SIZE).byteLength).toBeLessThan(1 * MB);
	});

	it('is refused by the question import with a clear message, the process staying flat', async () => {
		const { result, growth } = await measured(() => parseImportFile(bomb(BOMB_SIZE), 'xlsx'));
		expect(growth).toBeLessThan(RSS_ALLOWANCE);
		expect(result).toEqual({
			ok: false,
			questions: [],
			issues: [
				{
					line: 1,
					message:
						'Tệp Excel khi giải nén vượt quá 50 MB: hãy chia nhỏ tệp hoặc xóa hình ảnh, trang tính không cần thiết.'
				}
			]
		});
	});

	it('is refused while inflating when its directory lies about the size', async () => {
		const lying = bomb(1000);
		expect((await checkZip(lying)).ok).toBe(false);
		const { result, growth } = await measured(() => parseImportFile(lying, 'xlsx'));
		expect(growth).toBeLessThan(RSS_ALLOWANCE);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toContain('vượt quá 50 MB');
	});

	it('is refused by the units import too, the process staying flat', async () => {
		const { result, growth } = await measured(() => readUnitFile(bomb(1000)));
		expect(growth).toBeLessThan(RSS_ALLOWANCE);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issue.message).toContain('vượt quá 50 MB');
	});

	it('counts entries that share one compressed stream once each', async () => {
		// An "overlapping" bomb: many directory entries pointing at the same data.
		const one = buildZip([{ name: 'xl/worksheets/sheet1.xml', deflated: sheetZeros.subarray(0), declaredSize: 1 }]);
		const local = one.subarray(0, 30 + 'xl/worksheets/sheet1.xml'.length + sheetZeros.byteLength);
		const central = one.subarray(local.byteLength, one.byteLength - 22);
		const copies = 3;
		const directory = Buffer.concat(Array.from({ length: copies }, () => central));
		const end = Buffer.from(one.subarray(one.byteLength - 22));
		end.writeUInt16LE(copies, 8);
		end.writeUInt16LE(copies, 10);
		end.writeUInt32LE(directory.byteLength, 12);
		const overlapping = Buffer.concat([local, directory, end]);
		expect(await checkZip(overlapping, { maxEntries: 10, maxInflatedBytes: 250 * MB })).toEqual({
			ok: false,
			reason: 'too_large'
		});
	});

	it('refuses a bomb hidden behind a directory count that leaves it out', async () => {
		// JSZip reads every directory record that follows, whatever the end record's count says.
		const hidden = bomb(1000);
		const shown = workbookParts().length;
		hidden.writeUInt16LE(shown, hidden.byteLength - 22 + 8);
		hidden.writeUInt16LE(shown, hidden.byteLength - 22 + 10);
		expect((await checkZip(hidden)).ok).toBe(false);
		const { result, growth } = await measured(() => parseImportFile(hidden, 'xlsx'));
		expect(growth).toBeLessThan(RSS_ALLOWANCE);
		expect(result.ok).toBe(false);
	});

	it('refuses a zip whose directory JSZip would read elsewhere (prepended bytes, ZIP64 disk markers)', async () => {
		// A gap before the end record makes JSZip shift every offset by it.
		const one = bomb(1000);
		const end = one.subarray(one.byteLength - 22);
		const gap = Buffer.concat([one.subarray(0, one.byteLength - 22), Buffer.alloc(64), end]);
		expect((await checkZip(gap)).ok).toBe(false);
		// A disk field at 0xFFFF sends JSZip to a ZIP64 record and the directory that one names.
		const marked = Buffer.from(one);
		marked.writeUInt16LE(0xffff, marked.byteLength - 22 + 4);
		expect(await checkZip(marked)).toEqual({ ok: false, reason: 'unsupported' });
	});

	it('refuses a workbook of too many entries before inflating any', async () => {
		const many = buildZip(
			Array.from({ length: WORKBOOK_CAPS.maxEntries + 1 }, (_, i) => deflatedEntry(`xl/media/image${i}.xml`, 'x'))
		);
		expect(await checkZip(many)).toEqual({ ok: false, reason: 'too_many_entries' });
		const result = await parseImportFile(many, 'xlsx');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.issues[0].message).toContain('quá nhiều thành phần');
	});

	it('lets an ordinary workbook through, counting what it inflates to', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Câu hỏi').addRow(['Chủ đề', 'Câu hỏi']);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const check = await checkZip(bytes);
		expect(check.ok).toBe(true);
		if (check.ok) expect(check.inflatedBytes).toBeGreaterThan(bytes.byteLength);
	});

	it('calls what is not a zip not a workbook', async () => {
		expect(await checkZip(Buffer.from('Câu hỏi,Đáp án\n'))).toEqual({ ok: false, reason: 'not_zip' });
		const truncated = bomb(BOMB_SIZE).subarray(0, 5000);
		expect(await checkZip(truncated)).toEqual({ ok: false, reason: 'not_zip' });
	});
});
