import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { logInThroughUi } from './support';

/** An organizer's workbook with an ordering, a numeric and a typed-answer question (issue 16). */
async function kindsWorkbook(stamp: string): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('Câu hỏi');
	sheet.addRow([
		'Loại câu hỏi',
		'Câu hỏi',
		'Phương án A',
		'Phương án B',
		'Phương án C',
		'Đáp án',
		'Sai số cho phép',
		'Đơn vị'
	]);
	sheet.addRow(['Sắp xếp', `Sắp xếp các bước ${stamp}?`, 'Tiếp nhận', 'Giải quyết', 'Trả kết quả', 'Từng cặp']);
	sheet.addRow(['Số', `Tỷ lệ hồ sơ đúng hạn ${stamp}?`, '', '', '', '12,5', '0,5', '%']);
	sheet.addRow(['Điền từ', `Tên ứng dụng định danh ${stamp}?`, 'VNeID', 'VNe ID', '', 'không dấu']);
	return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

test('an organizer imports ordering, numeric and typed-answer questions from Excel and checks their keys first', async ({
	page
}) => {
	test.setTimeout(90_000);
	const stamp = Date.now().toString(36);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto('/studio/ngan-hang');
	const bankName = `Ngân hàng loại mới ${stamp}`;
	await page.getByLabel('Tên ngân hàng').fill(bankName);
	await page.getByRole('button', { name: 'Tạo ngân hàng' }).click();
	await expect(page.getByRole('heading', { name: bankName, level: 1 })).toBeVisible();
	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();

	await page.getByLabel('Tệp câu hỏi').setInputFiles({
		name: 'loai-moi.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await kindsWorkbook(stamp)
	});
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	const kinds = page.getByRole('region', { name: /Câu sắp xếp, số, điền từ/ });
	await expect(kinds.getByRole('heading')).toHaveText('Câu sắp xếp, số, điền từ, thăm dò, đám mây từ: 3');
	const ordering = kinds.getByRole('listitem').filter({ hasText: `Sắp xếp các bước ${stamp}?` });
	await expect(ordering.getByRole('list').getByRole('listitem')).toHaveText(['Tiếp nhận', 'Giải quyết', 'Trả kết quả']);
	await expect(ordering).toContainText('Chấm điểm: theo từng cặp liền nhau đúng thứ tự.');
	await expect(kinds.getByRole('listitem').filter({ hasText: `Tỷ lệ hồ sơ đúng hạn ${stamp}?` })).toContainText(
		'Đáp án: 12,5 ± 0,5 %'
	);
	const typed = kinds.getByRole('listitem').filter({ hasText: `Tên ứng dụng định danh ${stamp}?` });
	await expect(typed.getByRole('list').getByRole('listitem')).toHaveText(['VNeID', 'VNe ID']);
	await expect(typed).toContainText('chấp nhận gõ không dấu');

	await page.getByRole('button', { name: 'Nhập 3 câu hỏi' }).click();
	await expect(page.getByText('Đã nhập 3 câu hỏi.')).toBeVisible();
});
