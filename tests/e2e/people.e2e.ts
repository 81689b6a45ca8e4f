import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { DEMO_SLUG, logInThroughUi } from './support';

// An organizer's people pages in Chromium (issue 15): the contest's registrations searched
// without diacritics, one contestant opened, the registrations exported and opened with exceljs;
// participation by unit and its lagging units' workbook; an announcement shown on the contest page.

async function workbookText(path: string): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
	const cells: string[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text ?? cell.value))))
	);
	return cells.join('\n');
}

async function openContest(page: import('@playwright/test').Page): Promise<void> {
	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio');
	await page.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await page
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
}

test('an organizer finds a contestant without diacritics, opens them and exports the registrations', async ({
	page
}) => {
	await openContest(page);
	await page.getByRole('link', { name: 'Thí sinh', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Thí sinh đăng ký' })).toBeVisible();

	await page.getByLabel('Tìm thí sinh').fill('duc thang');
	await page.getByRole('button', { name: 'Tìm', exact: true }).click();
	await expect(page).toHaveURL(/q=duc\+thang|q=duc%20thang/);
	const rows = page.locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('Vũ Đức Thắng');
	// the list hints at the phone, never shows it whole
	await expect(rows.first()).toContainText('091****105');
	await expect(page.getByText('0912000105')).toHaveCount(0);

	await page.getByRole('link', { name: 'Vũ Đức Thắng' }).click();
	await expect(page.getByRole('heading', { name: 'Vũ Đức Thắng' })).toBeVisible();
	await expect(page.getByText('0912000105')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Các lượt thi' })).toBeVisible();

	// a change without a reason is refused beside the field
	await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
	await expect(page.getByText('Hãy nhập lý do.')).toBeVisible();

	await page.getByRole('link', { name: '← Thí sinh đăng ký' }).click();
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Xuất danh sách thí sinh (Excel)' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
	const text = await workbookText(await download.path());
	expect(text).toContain('Họ và tên');
	expect(text).toContain('Số điện thoại');
	expect(text).toContain('Vũ Đức Thắng');
	expect(text).toContain('0912000105');
});

test('an organizer follows participation by unit and exports the units yet to take part', async ({ page }) => {
	await openContest(page);
	await page.getByRole('link', { name: 'Tham gia theo đơn vị' }).click();
	await expect(page.getByRole('heading', { name: 'Tham gia theo đơn vị' })).toBeVisible();
	await expect(page.getByText(/gồm cả đơn vị trực thuộc/)).toBeVisible();
	await expect(page.locator('tbody tr').first()).toBeVisible();

	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: /Danh sách đơn vị chưa tham gia/ }).click();
	const download = await downloadPromise;
	const text = await workbookText(await download.path());
	expect(text).toContain('Đơn vị');
	expect(text).toContain('Còn thiếu');
});

test('an announcement shows on the contest page, and the studio says e-mail is not configured', async ({ page }) => {
	await openContest(page);
	await page.getByRole('link', { name: 'Thông báo', exact: true }).click();
	await expect(page.getByText(/Chưa cấu hình máy chủ thư/)).toBeVisible();
	await page.getByLabel('Tiêu đề').fill('Nhắc các đơn vị tham gia');
	await page.getByLabel('Nội dung').fill('Mời các đồng chí tham gia **đầy đủ**.');
	await page.getByRole('button', { name: 'Đăng thông báo' }).click();
	await expect(page.getByRole('status')).toContainText('Đã đăng thông báo');

	await page.goto(`/cuoc-thi/${DEMO_SLUG}`);
	const notices = page.locator('section', { has: page.getByRole('heading', { name: 'Thông báo', exact: true }) });
	await expect(notices.getByRole('heading', { name: 'Nhắc các đơn vị tham gia' })).toBeVisible();
	await expect(notices.locator('strong', { hasText: 'đầy đủ' })).toBeVisible();
});
