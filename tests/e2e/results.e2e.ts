import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { DEMO_SLUG, logInThroughUi } from './support';

/** The text of each page of a PDF, whitespace normalised. */
async function pdfPages(bytes: Uint8Array): Promise<string[]> {
	const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
	const doc = await pdfjs.getDocument({ data: bytes, useSystemFonts: false }).promise;
	const pages: string[] = [];
	for (let i = 1; i <= doc.numPages; i++) {
		const content = await (await doc.getPage(i)).getTextContent();
		pages.push(
			content.items
				.map((item) => ('str' in item ? item.str : ''))
				.join(' ')
				.normalize('NFC')
				.replace(/\s+/g, ' ')
		);
	}
	return pages;
}

/** The text of every page of a PDF, whitespace normalised. */
async function pdfText(bytes: Uint8Array): Promise<string> {
	return (await pdfPages(bytes)).join(' ').replace(/\s+/g, ' ');
}

test('an organizer closes last week’s round, sees the winners and downloads the Excel and the PDF notice', async ({
	page
}) => {
	test.setTimeout(90_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio');
	await page.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await page
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
	await page.getByRole('link', { name: 'Kết quả & giải thưởng' }).first().click();
	await expect(page.getByRole('heading', { name: 'Kết quả đợt thi: Tuần thi thứ 1' })).toBeVisible();

	// The sweeper closed it when its week ended; the organizer computes it again by hand.
	await page.getByRole('button', { name: /Tính (lại )?kết quả/ }).click();
	await expect(page.getByRole('status')).toContainText('Đã tính kết quả');
	await page.reload();
	await expect(page.getByText(/do Ban Tổ chức cuộc thi thực hiện/)).toBeVisible();

	const winners = page.locator('section', { has: page.getByRole('heading', { name: 'Giải cá nhân' }) });
	await expect(winners.getByRole('row').nth(1)).toBeVisible();
	const winnerNames = await winners.locator('tbody tr td:nth-child(4)').allTextContents();
	expect(winnerNames.length).toBeGreaterThan(0);

	// The full results workbook: every ranked contestant, typed columns, Vietnamese headers.
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Kết quả đầy đủ (Excel)' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
	const cells: string[] = [];
	workbook.eachSheet((sheet) =>
		sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text ?? cell.value))))
	);
	const text = cells.join('\n');
	expect(text).toContain('Họ và tên');
	expect(text).toContain('Số điện thoại');
	for (const name of winnerNames) expect(text).toContain(name.trim());
	expect(text).toMatch(/09120001\d\d/);

	// The announcement PDF: the contest, the round and each winner, with no phone number.
	const href = await page.getByRole('link', { name: 'Thông báo kết quả (PDF)' }).getAttribute('href');
	expect(href).toBe(`/cuoc-thi/${DEMO_SLUG}/dot-thi/1/giai-thuong/thong-bao.pdf`);
	const response = await page.request.get(href!);
	expect(response.headers()['content-type']).toContain('application/pdf');
	const notice = await pdfText(new Uint8Array(await response.body()));
	expect(notice).toContain('THÔNG BÁO');
	expect(notice).toContain('Tuần thi thứ 1');
	for (const name of winnerNames) expect(notice).toContain(name.trim());
	expect(notice).not.toMatch(/09120001\d\d/);

	// Every winner's certificate in one PDF to print: a page each.
	const certificatesPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Giấy chứng nhận của mọi người đạt giải (một tệp PDF để in)' }).click();
	const certificates = await certificatesPromise;
	expect(certificates.suggestedFilename()).toMatch(/giay-chung-nhan\.pdf$|Giấy chứng nhận.*\.pdf$/);
	const certificatePages = await pdfPages(new Uint8Array(readFileSync(await certificates.path())));
	expect(certificatePages).toHaveLength(winnerNames.length);
	for (const certificate of certificatePages) expect(certificate).toContain('GIẤY CHỨNG NHẬN');
	for (const name of winnerNames) {
		expect(certificatePages.filter((p) => p.includes(`${name.trim()} Đơn vị:`))).toHaveLength(1);
	}
	expect(certificatePages.join(' ')).not.toMatch(/09120001\d\d/);

	// The CSV for Excel set to Vietnamese: semicolons between fields, the same header as the RFC 4180 file.
	const csvPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: /^Kết quả đầy đủ \(CSV cho Excel tiếng Việt/ }).click();
	const csv = readFileSync(await (await csvPromise).path(), 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	expect(csv.slice(1).split('\r\n')[0]).toMatch(/^Hạng;Họ và tên;Số điện thoại;/);

	// The public winners page shows names and units, nothing personal.
	await page.goto(`/cuoc-thi/${DEMO_SLUG}/dot-thi/1/giai-thuong`);
	for (const name of winnerNames) await expect(page.getByText(name.trim()).first()).toBeVisible();
	await expect(page.locator('main')).not.toContainText(/09120001\d\d/);
});
