import { expect, test } from '@playwright/test';
import { createFixtureContest, MINUTE } from '../helpers/fixtures';
import { logInThroughUi, openServerDatabase } from './support';

// Issue 15, "Banks in bulk": an organizer imports a Moodle export that holds a question type the
// platform lacks (skipped on request, and listed), moves two questions to another bank in one
// action, and undoes it.
//
// The file runs after dashboard.e2e.ts (the suite runs its files in name order, one worker): its
// second test adds a fixture contest, whose unit tree is a second province in the shared tree, and
// the dashboard's test expects the demo's single province broken into its first-level units.

const TEXTS = [
	'Thời hạn giải quyết thủ tục hàng loạt được tính từ ngày nào?',
	'Bộ phận nào tiếp nhận hồ sơ hàng loạt theo cơ chế một cửa?',
	'Cổng Dịch vụ công hàng loạt do cơ quan nào quản lý?'
];

function giftWithMatching(): Buffer {
	const blocks = TEXTS.map((text, i) => `::Câu ${i + 1}::${text}{\n\t=Đáp án đúng\n\t~Đáp án sai\n}`);
	const matching =
		'::Câu ghép::Ghép chữ viết tắt hàng loạt với tên đầy đủ?{=DVCTT -> Dịch vụ công trực tuyến =CSDL -> Cơ sở dữ liệu}';
	return Buffer.from(['$CATEGORY: $course$/top/Cải cách thủ tục hành chính', ...blocks, matching].join('\n\n') + '\n');
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

	// the matching question refuses the file until the organizer asks to skip it
	await page.getByRole('link', { name: 'Nhập câu hỏi từ tệp' }).click();
	await page
		.getByLabel('Tệp câu hỏi')
		.setInputFiles({ name: 'moodle.gift', mimeType: 'text/plain', buffer: giftWithMatching() });
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByText('Tệp có 1 câu hỏi thuộc loại chưa hỗ trợ.', { exact: false })).toBeVisible();
	await page.getByRole('button', { name: 'Bỏ qua các câu hỏi thuộc loại chưa hỗ trợ' }).click();
	const skipped = page.getByRole('region', { name: /Các câu sẽ bị bỏ qua/ });
	await expect(skipped).toContainText('Ghép chữ viết tắt hàng loạt với tên đầy đủ? (loại ghép đôi (matching))');
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

test('a refused bulk action or topic merge keeps the organizer’s ticks and choices', async ({ page }) => {
	test.setTimeout(120_000);
	// an open round whose draw needs every easy question of topic A
	const ctx = openServerDatabase();
	let bankId: string;
	try {
		const now = Date.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
		const bank = await ctx.db
			.selectFrom('blueprint_item')
			.select('bank_id')
			.where('round_id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		bankId = bank.bank_id;
	} finally {
		await ctx.db.destroy();
	}
	await logInThroughUi(page, '0900000001', 'quantri2026', '/studio');
	await page.goto(`/studio/ngan-hang/${bankId}`);

	await page.getByLabel('Chọn tất cả câu trên trang').check();
	const ticked = await page.locator('input[name="ids"]:checked').count();
	expect(ticked).toBeGreaterThan(1);
	await page.getByLabel('Thao tác', { exact: true }).selectOption({ label: 'Đặt mức độ' });
	// (the search filter above has a "Mức độ" of its own)
	await page.locator('#bulk-difficulty').selectOption({ label: 'Khó' });
	await page.getByRole('button', { name: 'Áp dụng' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Không thể thực hiện' })).toBeVisible();
	// the same questions ticked, the same action and level chosen: one click to try again
	await expect(page.locator('input[name="ids"]:checked')).toHaveCount(ticked);
	await expect(page.getByLabel('Chọn tất cả câu trên trang')).toBeChecked();
	await expect(page.getByLabel(`Các câu đã chọn trên trang này (${ticked})`)).toBeChecked();
	await expect(page.getByLabel('Thao tác', { exact: true })).toHaveValue('difficulty');
	await expect(page.locator('#bulk-difficulty')).toHaveValue('hard');

	// merging topic A, which the open round draws from, is refused: target and sources stay
	await page.locator('details.topics > summary').click();
	await page.getByLabel('Gộp vào chủ đề').selectOption({ label: 'Chủ đề B' });
	await page.getByRole('checkbox', { name: /Chủ đề A \(/ }).check();
	await page.getByRole('button', { name: 'Gộp chủ đề' }).click();
	await expect(page.locator('details.topics [role="alert"]')).toBeVisible();
	await expect(page.getByLabel('Gộp vào chủ đề').locator('option:checked')).toHaveText('Chủ đề B');
	await expect(page.getByRole('checkbox', { name: /Chủ đề A \(/ })).toBeChecked();
});
