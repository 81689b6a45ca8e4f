import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';
import { freshPhone, logInThroughUi, openServerDatabase } from './support';

// Issue 16, the new kinds in banks and online rounds: an organizer writes an ordering, a numeric
// and a short-text question in the studio; a contestant answers them in an open round (putting
// the steps in order with the "Lên" buttons, typing a number and a word) and gets 3/3, the
// page never having carried the key.
//
// The file runs after dashboard.e2e.ts (files run in name order): its fixture contest adds a
// second province to the shared unit tree, which the dashboard's test must not see.

const STEPS = [
	'Tổ chức, cá nhân nộp hồ sơ',
	'Bộ phận một cửa tiếp nhận hồ sơ',
	'Cơ quan chuyên môn giải quyết hồ sơ',
	'Trả kết quả cho tổ chức, cá nhân'
];

interface Setup {
	bankId: string;
	slug: string;
	phone: string;
}

/** An open round drawing one easy, one medium and one hard question of an empty topic, and its contestant. */
async function setUp(): Promise<Setup> {
	const ctx = openServerDatabase();
	try {
		const now = Date.now();
		const fixture = await createFixtureContest(ctx, {
			opensAt: now - MINUTE,
			closesAt: now + 60 * MINUTE,
			bank: { topics: [{ code: 'k', name: 'Loại câu hỏi mới' }], questions: [] },
			blueprint: [
				{ topic: 'k', difficulty: 'easy', count: 1 },
				{ topic: 'k', difficulty: 'medium', count: 1 },
				{ topic: 'k', difficulty: 'hard', count: 1 }
			]
		});
		const bank = await ctx.db
			.selectFrom('blueprint_item')
			.select('bank_id')
			.where('round_id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		const phone = freshPhone();
		await createContestant(ctx, fixture, { phone });
		return { bankId: bank.bank_id, slug: fixture.slug, phone };
	} finally {
		await ctx.db.destroy();
	}
}

async function newQuestion(page: Page, bankId: string, type: string, difficulty: string, text: string): Promise<void> {
	await page.goto(`/studio/ngan-hang/${bankId}/cau-hoi/moi`);
	await page.getByLabel('Loại câu hỏi').selectOption({ label: type });
	await page.getByLabel('Mức độ').selectOption({ label: difficulty });
	await page.getByLabel('Câu hỏi', { exact: true }).fill(text);
}

async function save(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu (phiên bản 1)' })).toBeVisible();
}

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The ordering's items in the order the page shows them. */
async function shownOrder(page: Page): Promise<string[]> {
	return (await page.locator('ol.order li .text').allTextContents()).map((s) => s.trim());
}

test('an organizer writes ordering, numeric and short-text questions; a contestant answers them all right', async ({
	page
}) => {
	test.setTimeout(150_000);
	const setup = await setUp();

	// The studio: three questions of the new kinds, each with its own fields.
	await logInThroughUi(page, '0900000001', 'quantri2026', '/studio');
	await newQuestion(page, setup.bankId, 'Sắp xếp', 'Trung bình', 'Sắp xếp các bước giải quyết một thủ tục hành chính.');
	// no "correct" flags on an ordering: the order typed is the key
	await expect(page.getByRole('radio', { name: 'Đúng', exact: true })).toHaveCount(0);
	for (const [i, step] of STEPS.entries()) {
		if (i >= 2 && (await page.getByLabel(`Mục ${i + 1}`, { exact: true }).count()) === 0) {
			await page.getByRole('button', { name: /Thêm mục/ }).click();
		}
		await page.getByLabel(`Mục ${i + 1}`, { exact: true }).fill(step);
	}
	await expect(page.getByLabel('Cả thứ tự (đúng hết mới có điểm)')).toBeChecked();
	await save(page);

	await newQuestion(
		page,
		setup.bankId,
		'Số (ước lượng)',
		'Khó',
		'Trước năm 2025, cả nước có bao nhiêu tỉnh, thành phố?'
	);
	// a refused save says which box is wrong
	await page.getByLabel('Đáp án', { exact: true }).fill('sáu mươi ba');
	await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
	await expect(page.getByText('Ô “Đáp án” (đáp án số): hãy nhập một số, ví dụ 12,5.')).toBeVisible();
	await page.getByLabel('Đáp án', { exact: true }).fill('63');
	await page.getByLabel('Sai số cho phép (±)').fill('0');
	await page.getByLabel('Nhỏ nhất (tùy chọn)').fill('1');
	await page.getByLabel('Lớn nhất (tùy chọn)').fill('100');
	await page.getByLabel('Đơn vị (tùy chọn)').fill('tỉnh, thành');
	await save(page);
	await expect(page.getByLabel('Đáp án', { exact: true })).toHaveValue('63');

	await newQuestion(page, setup.bankId, 'Điền từ', 'Dễ', 'Cơ quan nào có quyền lập hiến và lập pháp?');
	await page.getByLabel('Đáp án chấp nhận 1').fill('Quốc hội');
	await page.getByLabel('Không cần dấu').check();
	await save(page);

	// the bank lists them, filtered by kind
	await page.goto(`/studio/ngan-hang/${setup.bankId}?type=ordering`);
	await expect(page.getByText('Sắp xếp các bước giải quyết một thủ tục hành chính.')).toBeVisible();
	await expect(page.getByText('Cơ quan nào có quyền lập hiến và lập pháp?')).toHaveCount(0);

	// The contestant.
	await page.context().clearCookies();
	await logInThroughUi(page, setup.phone, 'matkhau123');
	await page.goto(`/cuoc-thi/${setup.slug}/dot-thi/1`);
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await expect(page).toHaveURL(/\/lam-bai\//);
	await expect(page.getByText('Câu 1/3')).toBeVisible();

	// nothing of the key in the page or its data while the round is open
	const attemptPath = new URL(page.url()).pathname;
	const data = await (await page.request.get(`${attemptPath}/__data.json`)).text();
	for (const source of [await page.content(), data]) {
		expect(source).not.toContain('Quốc hội');
		// object keys as JSON writes them ("answer":) or as SvelteKit's data does (answer:)
		expect(source).not.toMatch(/["{,](correct|answer|tolerance|spread|ignoreCase|ignoreDiacritics)"?:/);
	}

	for (let n = 1; n <= 3; n++) {
		await expect(page.getByText(`Câu ${n}/3`)).toBeVisible();
		if ((await page.locator('ol.order').count()) > 0) {
			// shuffled, never shown in the right order
			expect(await shownOrder(page)).not.toEqual(STEPS);
			let last: { step: string; at: number } | null = null;
			for (const [target, step] of STEPS.entries()) {
				while ((await shownOrder(page)).indexOf(step) > target) {
					await page.getByRole('button', { name: `Đưa “${step}” lên` }).click();
					last = { step, at: target };
				}
			}
			await expect.poll(() => shownOrder(page)).toEqual(STEPS);
			await expect(page.getByText('Thứ tự đang hiện là câu trả lời của bạn.')).toBeVisible();
			// the moved item keeps the focus (on "Xuống" once it reached the top), and the list passes axe
			if (last) {
				const kept = last.at === 0 ? `Đưa “${last.step}” xuống` : `Đưa “${last.step}” lên`;
				await expect(page.getByRole('button', { name: kept })).toBeFocused();
			}
			await expectNoSeriousA11yViolations(page);
		} else if ((await page.getByLabel('Câu trả lời (một số)').count()) > 0) {
			await expect(page.getByText('tỉnh, thành', { exact: true })).toBeVisible();
			await expect(page.getByText('Trong khoảng 1 đến 100.')).toBeVisible();
			// what cannot be read as a number is said so, and leaves the question unanswered
			await page.getByLabel('Câu trả lời (một số)').fill('sáu mươi');
			await page.getByLabel('Câu trả lời (một số)').press('Tab');
			await expect(page.getByText(/Chưa đọc được số/)).toBeVisible();
			await expect(page.getByRole('button', { name: `Câu ${n}/3: Chưa trả lời` })).toBeVisible();
			await page.getByLabel('Câu trả lời (một số)').fill('63');
			await page.getByLabel('Câu trả lời (một số)').press('Tab');
		} else {
			await page.getByLabel('Câu trả lời của bạn').fill('quoc hoi');
			await page.getByLabel('Câu trả lời của bạn').press('Tab');
		}
		await expect(page.getByRole('button', { name: `Câu ${n}/3: Đã trả lời` })).toBeVisible();
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
		await page.getByRole('button', { name: n < 3 ? /Câu sau/ : /Đến câu dự đoán/ }).click();
	}

	await page.getByRole('button', { name: 'Nộp bài' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Nộp bài?' });
	await dialog.getByLabel(/bao nhiêu người/i).fill('1');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page).toHaveURL(/\/ket-qua\//);
	await expect(page.getByText('3/3', { exact: true })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the editor shows every kind’s fields, and a short-text question saves with its matching', async ({ page }) => {
		const setup = await setUp();
		await logInThroughUi(page, '0900000001', 'quantri2026', '/studio');
		await page.goto(`/studio/ngan-hang/${setup.bankId}/cau-hoi/moi`);
		// each kind's own fields are there, saying which kind they are for
		await expect(page.getByText('Dành cho loại: Sắp xếp')).toBeVisible();
		await expect(page.getByText('Dành cho loại: Số (ước lượng)')).toBeVisible();
		await expect(page.getByText('Dành cho loại: Điền từ')).toBeVisible();
		await page.getByLabel('Loại câu hỏi').selectOption({ label: 'Điền từ' });
		await page.getByLabel('Mức độ').selectOption({ label: 'Dễ' });
		await page.getByLabel('Câu hỏi', { exact: true }).fill('Chỉ số hài lòng về sự phục vụ hành chính viết tắt là gì?');
		// without scripts the rows keep their option labels: the first two are the accepted answers
		await page.locator('input[name="option-0"]').fill('SIPAS');
		await page.locator('input[name="option-1"]').fill('Chỉ số SIPAS');
		await page.getByLabel('Không phân biệt hoa thường').check();
		await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Đã lưu (phiên bản 1)' })).toBeVisible();
		await expect(page.getByLabel('Loại câu hỏi')).toHaveValue('short_text');
		await expect(page.locator('input[name="option-1"]')).toHaveValue('Chỉ số SIPAS');
		await expect(page.getByLabel('Không phân biệt hoa thường')).toBeChecked();
		await expect(page.getByLabel('Không cần dấu')).not.toBeChecked();
	});
});
