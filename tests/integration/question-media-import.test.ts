import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getMedia, picturesAsPng } from '../../src/lib/server/media/media.service';
import { checkImport, confirmImport } from '../../src/lib/server/questions/import.service';
import { createPendingImports, type PendingImports } from '../../src/lib/server/questions/pending-imports';
import { exportBank, type Actor } from '../../src/lib/server/questions/question.service';
import { writeXlsx } from '../../src/lib/server/questions/xlsx';
import { GET as exportRoute } from '../../src/routes/studio/ngan-hang/[bankId]/xuat/+server';
import { pngOf } from '../helpers/media';
import { createTestBank } from '../helpers/fixtures';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

// Imports bring pictures along (Moodle XML's embedded files, pictures placed in the Excel
// template's rows) and exports carry them back.

let ctx: TestContext;
let pending: PendingImports;
let organizer: Actor;

beforeEach(async () => {
	ctx = await createTestContext();
	pending = createPendingImports(ctx.db);
	organizer = await insertOrganizer(ctx, '0912345670');
});

afterEach(async () => {
	await ctx.dispose();
});

const newBank = (name: string) => createTestBank(ctx, organizer, name);

/** Checks and confirms a file; the check's issues when it is refused. */
async function importFile(bankId: string, name: string, bytes: Uint8Array) {
	const checked = await checkImport(ctx, pending, organizer, bankId, { name, bytes }, '');
	if (!checked.ok) return { ok: false as const, checked };
	const confirmed = await confirmImport(ctx, pending, organizer, bankId, checked.token, { skipDuplicates: false });
	return { ok: true as const, confirmed };
}

async function exported(bankId: string) {
	const result = await exportBank(ctx, organizer, bankId);
	if (!result.ok) throw new Error(result.reason);
	return result.questions;
}

function moodleXml(picture: Buffer | null, img: string): Uint8Array {
	const file = picture
		? `<file name="logo%20VNeID.png" path="/" encoding="base64">${picture.toString('base64')}</file>`
		: '';
	const fileNamed = file.replace('logo%20VNeID.png', 'logo VNeID.png');
	return new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <name><text>Biểu trưng</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>Đây là biểu trưng của ứng dụng nào?</p><p>${img}</p>]]></text>
      ${fileNamed}
    </questiontext>
    <single>true</single>
    <answer fraction="100"><text>VNeID</text></answer>
    <answer fraction="0"><text>Zalo</text></answer>
    <answer fraction="0"><text>Cổng Dịch vụ công</text></answer>
  </question>
</quiz>`);
}

describe('importing pictures', () => {
	it('brings a Moodle XML picture (@@PLUGINFILE@@ and its base64 file) with its alt text', async () => {
		const bankId = await newBank('Ngân hàng Moodle');
		const picture = await pngOf([0, 90, 180], 1600, 800);
		const img = '<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="Biểu trưng màu xanh" width="400">';
		const imported = await importFile(bankId, 'cau-hoi.xml', moodleXml(picture, img));
		expect(imported.ok && imported.confirmed).toMatchObject({ ok: true, created: 1 });
		const [question] = await exported(bankId);
		expect(question.text).toBe('Đây là biểu trưng của ứng dụng nào?');
		expect(question.image).toMatchObject({ alt: 'Biểu trưng màu xanh' });
		const media = await getMedia(ctx.db, question.image!.media!);
		expect(media).toMatchObject({ kind: 'image', mime: 'image/webp', width: 1280, height: 640 });
		// nothing of the bytes waits with a pending import
		const rows = await ctx.db.selectFrom('pending_import').select('questions_json').execute();
		expect(rows.every((r) => !r.questions_json.includes(picture.toString('base64').slice(0, 40)))).toBe(true);
	});

	it('refuses, with the place, a Moodle picture without alt text, a missing file, or bytes that are no picture', async () => {
		const bankId = await newBank('Ngân hàng lỗi');
		const cases: [Buffer | null, string, RegExp][] = [
			[
				await pngOf([1, 1, 1]),
				'<img src="@@PLUGINFILE@@/logo%20VNeID.png">',
				/Dòng 3: ảnh 'logo VNeID.png' chưa có mô tả/
			],
			[null, '<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="x">', /Dòng 3: .*không kèm ảnh đó/],
			[
				Buffer.from('không phải ảnh'),
				'<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="x">',
				/ảnh 'logo VNeID.png' không đọc được/
			]
		];
		for (const [picture, img, message] of cases) {
			const imported = await importFile(bankId, 'cau-hoi.xml', moodleXml(picture, img));
			expect(imported.ok).toBe(false);
			expect(!imported.ok && imported.checked).toMatchObject({ ok: false, reason: 'invalid_file' });
			expect(JSON.stringify(!imported.ok && imported.checked)).toMatch(message);
		}
		expect(await exported(bankId)).toEqual([]);
	});

	it('round-trips through the Excel template: the picture embedded in its row, its alt in "Mô tả ảnh"', async () => {
		const first = await newBank('Ngân hàng gốc');
		const img = '<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="Biểu trưng màu xanh">';
		await importFile(first, 'cau-hoi.xml', moodleXml(await pngOf([0, 90, 180], 300, 200), img));
		const questions = await exported(first);
		const pictures = await picturesAsPng(ctx.db, [questions[0].image!.media!]);
		const workbook = await writeXlsx(questions, pictures);

		// what an organizer opening it sees: the picture over the question's row, the alt beside
		const book = new ExcelJS.Workbook();
		await book.xlsx.load(workbook as unknown as ArrayBuffer);
		const sheet = book.worksheets[0];
		expect(sheet.getRow(1).values).toContain('Mô tả ảnh');
		expect(sheet.getImages().map((i) => Math.floor(i.range.tl.nativeRow) + 1)).toEqual([2]);

		const second = await newBank('Ngân hàng chép');
		const imported = await importFile(second, 'ngan-hang.xlsx', new Uint8Array(workbook));
		expect(imported.ok && imported.confirmed).toMatchObject({ ok: true, created: 1 });
		const [copy] = await exported(second);
		expect(copy.text).toBe(questions[0].text);
		expect(copy.image!.alt).toBe('Biểu trưng màu xanh');
		const media = (await getMedia(ctx.db, copy.image!.media!))!;
		expect([media.width, media.height]).toEqual([300, 200]);
		const { dominant } = await sharp(media.bytes).stats();
		expect(dominant.b).toBeGreaterThan(150);
	});

	it('refuses an Excel picture without a description, or in a row without a question', async () => {
		const first = await newBank('Ngân hàng gốc');
		const img = '<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="Biểu trưng">';
		await importFile(first, 'cau-hoi.xml', moodleXml(await pngOf([200, 0, 0], 100, 100), img));
		const questions = await exported(first);
		const pictures = await picturesAsPng(ctx.db, [questions[0].image!.media!]);
		const target = await newBank('Ngân hàng đích');

		const noAlt = await writeXlsx([{ ...questions[0], image: { ...questions[0].image!, alt: '' } }], pictures);
		const refused = await checkImport(ctx, pending, organizer, target, { name: 'a.xlsx', bytes: noAlt }, '');
		expect(JSON.stringify(refused)).toMatch(/Dòng 2, cột Mô tả ảnh: ảnh của câu hỏi chưa có mô tả/);

		// a picture placed under the last question
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await writeXlsx(questions, pictures)) as unknown as ArrayBuffer);
		const id = book.addImage({ buffer: pictures.values().next().value!.png as never, extension: 'png' });
		book.worksheets[0].addImage(id, { tl: { col: 2, row: 5 }, ext: { width: 20, height: 20 } });
		const stray = Buffer.from(await book.xlsx.writeBuffer());
		const strayChecked = await checkImport(ctx, pending, organizer, target, { name: 'b.xlsx', bytes: stray }, '');
		expect(JSON.stringify(strayChecked)).toMatch(/Dòng 6: có ảnh .* nhưng dòng này không có câu hỏi/);
		expect(await exported(target)).toEqual([]);
	});

	it('round-trips through Moodle XML: the export carries the picture as a file, the import brings it back', async () => {
		const first = await newBank('Ngân hàng gốc');
		const img = '<img src="@@PLUGINFILE@@/logo%20VNeID.png" alt="Biểu trưng &quot;VNeID&quot; & chữ">';
		await importFile(first, 'cau-hoi.xml', moodleXml(await pngOf([0, 160, 60], 320, 160), img));
		const [original] = await exported(first);
		expect(original.image!.alt).toBe('Biểu trưng "VNeID" & chữ');

		const url = new URL(`http://localhost/studio/ngan-hang/${first}/xuat?format=moodle`);
		const response = await exportRoute({
			locals: { app: ctx, user: { id: organizer.id, role: 'organizer' } },
			params: { bankId: first },
			url
		} as unknown as Parameters<typeof exportRoute>[0]);
		expect(response.headers.get('content-type')).toBe('application/xml; charset=utf-8');
		const xml = await response.text();
		expect(xml).toContain('@@PLUGINFILE@@/');
		expect(xml).toMatch(/<file name="[0-9a-f]{16}\.png" path="\/" encoding="base64">/);

		const second = await newBank('Ngân hàng chép');
		const imported = await importFile(second, 'lai.xml', new TextEncoder().encode(xml));
		expect(imported.ok && imported.confirmed).toMatchObject({ ok: true, created: 1 });
		const [copy] = await exported(second);
		expect({ ...copy, image: undefined }).toEqual({ ...original, difficulty: 'medium', image: undefined });
		expect(copy.image!.alt).toBe(original.image!.alt);
		const media = (await getMedia(ctx.db, copy.image!.media!))!;
		expect([media.width, media.height]).toEqual([320, 160]);
	});

	it('brings an option picture along from Moodle XML and carries it back out', async () => {
		const bankId = await newBank('Ngân hàng phương án có ảnh');
		const shield = (await pngOf([10, 200, 10], 200, 200)).toString('base64');
		const xml = new TextEncoder().encode(`<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multichoice">
    <questiontext format="html"><text><![CDATA[<p>Biểu trưng nào là của Cổng Dịch vụ công quốc gia?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="0"><text>Không có biểu trưng</text></answer>
    <answer fraction="100" format="html"><text><![CDATA[<img src="@@PLUGINFILE@@/khien.png" alt="Khiên xanh lá">]]></text>
      <file name="khien.png" path="/" encoding="base64">${shield}</file></answer>
  </question>
</quiz>`);
		const imported = await importFile(bankId, 'phuong-an.xml', xml);
		expect(imported.ok && imported.confirmed).toMatchObject({ ok: true, created: 1 });
		const [question] = await exported(bankId);
		expect(question.options[1]).toMatchObject({ text: '', correct: true, image: { alt: 'Khiên xanh lá' } });
		expect(await getMedia(ctx.db, question.options[1].image!.media!)).toMatchObject({ width: 200, height: 200 });

		const response = await exportRoute({
			locals: { app: ctx, user: { id: organizer.id, role: 'organizer' } },
			params: { bankId },
			url: new URL(`http://localhost/studio/ngan-hang/${bankId}/xuat?format=moodle`)
		} as unknown as Parameters<typeof exportRoute>[0]);
		const again = await newBank('Ngân hàng chép lại');
		const back = await importFile(again, 'lai.xml', new TextEncoder().encode(await response.text()));
		expect(back.ok && back.confirmed).toMatchObject({ ok: true, created: 1 });
		const [copy] = await exported(again);
		expect(copy.options.map((o) => [o.text, o.correct, o.image?.alt])).toEqual([
			['Không có biểu trưng', false, undefined],
			['', true, 'Khiên xanh lá']
		]);
	});
});
