import { expect, test } from '@playwright/test';
import { logInThroughUi, openServerDatabase } from './support';

// Issue 15, "Banks in bulk": an organizer imports a Moodle export that holds a question type the
// platform lacks (skipped on request, and listed), moves two questions to another bank in one
// action, and undoes it.

const TEXTS = [
	'Thời hạn giải quyết thủ tục hàng loạt được tính từ ngày nào?',
	'Bộ phận nào tiếp nhận hồ sơ hàng loạt theo cơ chế một cửa?',
	'Cổng Dịch vụ công hàng loạt do cơ quan nào quản lý?'
];

function giftWithShortAnswer(): Buffer {
	const blocks = TEXTS.map((text, i) => `::Câu ${i + 1}::${text}{\n\t=Đáp án đúng\n\t~Đáp án sai\n}`);
	const shortAnswer = '::Câu ngắn::Viết tắt của dịch vụ công trực tuyến hàng loạt?{=DVCTT}';
	return Buffer.from(
		['$CATEGORY: $course$/top/Cải cách thủ tục hành chính', ...blocks, shortAnswer].join('\n\n') + '\n'
	);
}

async function createBank(page: import('@playwright/test').Page, name: string): Promise<string> {
	await page.goto('/studio/ngan-hang');
	await page.getByLabel('Tên ngân hàng').fill(name);
	await page.getByRole('button', { name: 'Tạo ngân hàng' }).click();
	await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
	return page.url();
}

test('an organizer moves questions to another bank in one action and undoes it', async ({ page }) => {
	test.setTimeout(120_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	const stamp = Date.now().toString(36);
	const targetName = `Ngân hàng đích ${stamp}`;
	const targetUrl = await createBank(page, targetName);
	const bankUrl = await createBank(page, `Ngân hàng hàng loạt ${stamp}`);

	// the short-answer question refuses the file until the organizer asks to skip it
	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
	await page
		.getByLabel('Tệp câu hỏi')
		.setInputFiles({ name: 'moodle.gift', mimeType: 'text/plain', buffer: giftWithShortAnswer() });
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByText('Tệp có 1 câu hỏi thuộc loại chưa hỗ trợ.', { exact: false })).toBeVisible();
	await page.getByRole('button', { name: 'Bỏ qua các câu hỏi thuộc loại chưa hỗ trợ' }).click();
	const skipped = page.getByRole('region', { name: /Các câu sẽ bị bỏ qua/ });
	await expect(skipped).toContainText(
		'Viết tắt của dịch vụ công trực tuyến hàng loạt? (loại trả lời ngắn (short answer))'
	);
	await page.getByRole('button', { name: 'Nhập 3 câu hỏi' }).click();
	await expect(page.getByText('Đã nhập 3 câu hỏi.')).toBeVisible();

	await page.goto(bankUrl);
	await expect(page.getByText('3 câu hỏi phù hợp')).toBeVisible();
	await page.getByLabel(`Chọn câu: ${TEXTS[0]}`).check();
	await page.getByLabel(`Chọn câu: ${TEXTS[2]}`).check();
	await expect(page.getByLabel('Các câu đã chọn trên trang này (2)')).toBeChecked();
	await page.getByLabel('Thao tác', { exact: true }).selectOption({ label: 'Chuyển sang ngân hàng khác' });
	await page.getByLabel('Ngân hàng đích').selectOption({ label: targetName });
	await page.getByRole('button', { name: 'Áp dụng' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã áp dụng cho 2 câu hỏi.' })).toBeVisible();
	await expect(page.getByRole('link', { name: TEXTS[0] })).toHaveCount(0);
	await expect(page.getByRole('link', { name: TEXTS[1] })).toBeVisible();

	await page.goto(targetUrl);
	await expect(page.getByRole('link', { name: TEXTS[0] })).toBeVisible();
	await expect(page.getByRole('link', { name: TEXTS[2] })).toBeVisible();

	await page.goto(bankUrl);
	await expect(
		page.getByText('Thao tác hàng loạt gần nhất của bạn: Chuyển sang ngân hàng khác, 2 câu hỏi')
	).toBeVisible();
	await page.getByRole('button', { name: 'Hoàn tác' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã hoàn tác cho 2 câu hỏi.' })).toBeVisible();
	for (const text of TEXTS) await expect(page.getByRole('link', { name: text })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Hoàn tác' })).toHaveCount(0);

	await page.goto(targetUrl);
	await expect(page.getByRole('link', { name: TEXTS[0] })).toHaveCount(0);

	// both steps are in the audit log (an admin's page), with their counts
	const ctx = openServerDatabase();
	try {
		const rows = await ctx.db
			.selectFrom('audit_log')
			.select(['action', 'summary'])
			.where('entity_id', '=', new URL(bankUrl).pathname.split('/').pop()!)
			.where('action', 'like', 'question.bulk%')
			.execute();
		expect(rows.map((r) => r.action).sort()).toEqual(['question.bulk_move', 'question.bulk_undo']);
		expect(rows.every((r) => r.summary.includes('2 câu hỏi'))).toBe(true);
	} finally {
		await ctx.db.destroy();
	}
});
