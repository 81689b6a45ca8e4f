import { expect, test } from '@playwright/test';
import { buildZip, deflatedZeros, workbookParts } from '../helpers/zip';
import { DEMO_SLUG, logInThroughUi, openServerDatabase } from './support';

/** Moodle's own GIFT export: it names the file .txt, which the extension alone reads as Aiken. */
function giftExport(texts: string[]): Buffer {
	const blocks = texts.map((text, i) =>
		[
			`// question: ${i + 1}  name: Câu ${i + 1}`,
			`::Câu ${i + 1}::${text}{`,
			'\t=Đáp án đúng',
			'\t~Đáp án sai',
			'}'
		].join('\n')
	);
	return Buffer.from(['$CATEGORY: $course$/top/Cải cách thủ tục hành chính', '', ...blocks].join('\n\n') + '\n');
}

const TEXTS = [
	'Thời hạn giải quyết thủ tục hành chính E2E được tính từ ngày nào?',
	'Bộ phận nào tiếp nhận hồ sơ E2E theo cơ chế một cửa tại cấp xã?',
	'Cổng Dịch vụ công quốc gia E2E do cơ quan nào quản lý?'
];

test('importing the same GIFT export twice warns of every duplicate and can skip them', async ({ page }) => {
	test.setTimeout(90_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto('/studio/ngan-hang');
	await page.getByLabel('Tên ngân hàng').fill('Ngân hàng trùng E2E');
	await page.getByRole('button', { name: 'Tạo ngân hàng' }).click();
	await expect(page.getByRole('heading', { name: 'Ngân hàng trùng E2E' })).toBeVisible();
	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
	await expect(page.getByRole('heading', { name: 'Nhập câu hỏi từ tệp', level: 1 })).toBeVisible();
	const importUrl = page.url();

	// Format left on Auto: the content says GIFT though the name says .txt.
	await page
		.getByLabel('Tệp câu hỏi')
		.setInputFiles({ name: 'moodle.txt', mimeType: 'text/plain', buffer: giftExport(TEXTS) });
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisible();
	await expect(page.getByRole('heading', { name: /Câu có thể trùng/ })).toHaveCount(0);
	await page.getByRole('button', { name: 'Nhập 3 câu hỏi' }).click();
	await expect(page.getByText('Đã nhập 3 câu hỏi.')).toBeVisible();

	await page.goto(importUrl);
	const again = giftExport([...TEXTS, 'Chính phủ số E2E phục vụ người dân như thế nào?']);
	await page.getByLabel('Tệp câu hỏi').setInputFiles({ name: 'moodle.txt', mimeType: 'text/plain', buffer: again });
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	const duplicates = page.getByRole('region', { name: /Câu có thể trùng/ });
	await expect(duplicates.getByRole('heading')).toHaveText('Câu có thể trùng: 3');
	await expect(duplicates.getByRole('listitem').filter({ hasText: 'Câu 2' }).first()).toContainText(
		'Giống 100% một câu trong ngân hàng'
	);
	await page.getByLabel('Bỏ qua câu trùng').check();
	await page.getByRole('button', { name: 'Nhập 1 câu hỏi' }).click();
	const done = page.getByRole('status').filter({ hasText: 'Đã nhập 1 câu hỏi.' });
	await expect(done).toContainText('Đã bỏ qua 3 câu trùng.');
});

test('a zip-bomb workbook is refused with a clear message and the server keeps answering', async ({
	page,
	request
}) => {
	test.setTimeout(90_000);
	const bomb = buildZip([
		...workbookParts(),
		{ name: 'xl/worksheets/sheet1.xml', deflated: await deflatedZeros(200 * 1024 * 1024), declaredSize: 1000 }
	]);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto('/studio/ngan-hang');
	await page.getByRole('link', { name: 'Ngân hàng câu hỏi cải cách hành chính' }).first().click();
	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
	await page.getByLabel('Tệp câu hỏi').setInputFiles({
		name: 'bom.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: bomb
	});
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByText(/Tệp Excel khi giải nén vượt quá 50 MB/)).toBeVisible();
	expect((await request.get('/healthz')).ok()).toBe(true);
});

test("the round statistics show where the right answers sat, the demo's true/false keys balanced", async ({ page }) => {
	const { db } = openServerDatabase();
	const round = await db
		.selectFrom('round')
		.innerJoin('contest', 'contest.id', 'round.contest_id')
		.select(['round.id', 'round.contest_id'])
		.where('contest.slug', '=', DEMO_SLUG)
		.orderBy('round.ordinal')
		.executeTakeFirstOrThrow();
	await db.destroy();
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto(`/studio/cuoc-thi/${round.contest_id}/dot-thi/${round.id}/thong-ke`);
	const keys = page.getByRole('region', { name: 'Phân bố đáp án đúng' });
	await expect(keys).toBeVisible();
	const trueFalse = keys.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Câu Đúng/Sai' }) });
	await expect(trueFalse).toContainText('Cân đối');
	await expect(keys.getByRole('note')).toHaveCount(0);
});
