import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { answerCurrent, DEMO_SLUG, freshPhone, registerThroughUi, startAttempt } from './support';

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a contestant registers, takes an attempt, submits, and sees result and leaderboard', async ({ page }) => {
	await page.goto(`/cuoc-thi/${DEMO_SLUG}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Tìm hiểu cải cách hành chính');
	await expect(page.getByRole('heading', { name: 'Thể lệ' })).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	const phone = freshPhone();
	await registerThroughUi(page, phone, 'Trần Thị Mai');
	await expect(page.getByText(/Bạn dự thi với đối tượng Người dân, đơn vị Phường Hà Khánh/)).toBeVisible();
	await page.getByRole('link', { name: 'Vào thi' }).click();

	await expect(page.getByText('Số câu hỏi')).toBeVisible();
	await expect(page.getByText('20', { exact: true })).toBeVisible();
	await expect(page.getByText('15 phút')).toBeVisible();
	await expect(page.getByText('2 / 2')).toBeVisible();
	await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
	await expect(page).toHaveURL(/\/lam-bai\//);

	// The page source of an open attempt carries no key and no explanations.
	const html = await page.content();
	expect(html).not.toMatch(/"correct"|is_correct|explanation/);

	await answerCurrent(page);
	await page.getByRole('button', { name: /Câu sau/ }).click();
	await expect(page.getByText('Câu 2/20')).toBeVisible();
	await answerCurrent(page);
	// Jump with the navigator, skipping question 3.
	await page.getByRole('button', { name: /^Câu 4\/20/ }).click();
	await answerCurrent(page);
	await expect(page.getByRole('button', { name: 'Câu 1/20: Đã trả lời' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Câu 3/20: Chưa trả lời' })).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	await page.getByRole('button', { name: 'Nộp bài' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Nộp bài?' });
	await expect(dialog).toContainText('Bạn còn 17 câu chưa trả lời: 3, 5, 6');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(dialog.getByText('Dự đoán phải là một số nguyên không âm.')).toBeVisible();
	await dialog.getByLabel(/bao nhiêu người/).fill('12');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();

	await expect(page).toHaveURL(/\/ket-qua\//);
	await expect(page.getByRole('heading', { name: /Kết quả lượt thi/ })).toBeVisible();
	await expect(page.getByText('Thứ hạng trong đợt')).toBeVisible();
	await expect(page.getByText('Thứ hạng trong đơn vị')).toBeVisible();
	await expect(page.getByText('Lượt thi còn lại')).toBeVisible();
	await expect(page.getByText(/Đáp án và lời giải sẽ được công bố/)).toBeVisible();
	await expectNoSeriousA11yViolations(page);

	await page.getByRole('link', { name: 'Xem bảng xếp hạng' }).click();
	await expect(page.getByRole('heading', { name: /Bảng xếp hạng/ })).toBeVisible();
	const mine = page.locator('tr[aria-current="true"]');
	await expect(mine).toContainText('Trần Thị Mai');
	await expect(mine).toContainText('Phường Hà Khánh');
	expect(await page.content()).not.toContain(phone);
});

test('reloading mid-attempt resumes the same attempt with the same deadline', async ({ page }) => {
	await registerThroughUi(page, freshPhone(), 'Lê Văn Bình');
	await startAttempt(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	const url = page.url();
	await answerCurrent(page);
	const timer = page.getByRole('timer');
	const toSeconds = (text: string): number => text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
	const shown = async (): Promise<number> => toSeconds((await timer.textContent()) ?? '');
	const before = await shown();
	const began = Date.now();
	// Reload once the clock has visibly moved on, so a restarted clock could not pass for the same one.
	await expect.poll(shown).toBeLessThan(before - 1);
	await page.reload();
	expect(page.url()).toBe(url);
	await expect(page.locator('fieldset label.option input').first()).toBeChecked();
	const after = await shown();
	const waited = Math.ceil((Date.now() - began) / 1000);
	// A restarted clock would show 15:00 again; the same deadline shows less than before, by about
	// the time that passed (a second either way for rounding and the clock sync).
	expect(after).toBeLessThan(before);
	expect(after).toBeGreaterThanOrEqual(before - waited - 1);
});

test('answers chosen while offline are queued and saved when the connection returns', async ({ page, context }) => {
	await registerThroughUi(page, freshPhone(), 'Phạm Quốc Cường');
	await startAttempt(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	await context.setOffline(true);
	await page.locator('fieldset label.option input').first().check();
	await expect(page.getByRole('status')).toContainText('Mất kết nối');
	await context.setOffline(false);
	await page.evaluate(() => window.dispatchEvent(new Event('online')));
	await expect(page.getByRole('status')).toContainText('Đã lưu');
	await page.reload();
	await expect(page.locator('fieldset label.option input').first()).toBeChecked();
});
