import { expect, test } from '@playwright/test';
import { createContestant, createFixtureContest } from '../helpers/fixtures';
import { freshPhone, logInThroughUi, openServerDatabase, startAttempt } from './support';

test('a 10-second attempt is submitted automatically when time runs out', async ({ page }) => {
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, {
		opensAt: now - 60_000,
		closesAt: now + 3_600_000,
		timeLimitMs: 10_000,
		graceMs: 2_000
	});
	const phone = freshPhone();
	await createContestant(ctx, fixture, { phone, fullName: 'Đỗ Minh Châu' });
	await ctx.db.destroy();

	await logInThroughUi(page, phone);
	await startAttempt(page, `/cuoc-thi/${fixture.slug}/dot-thi/1`);
	await page.locator('fieldset label.option input').first().check();
	await expect(page.getByRole('status')).toContainText('Đã lưu');
	// Nobody clicks submit: the page submits at the deadline and shows the result.
	await expect(page).toHaveURL(/\/ket-qua\//, { timeout: 20_000 });
	await expect(page.getByText('Hết giờ, nộp tự động').first()).toBeVisible();
	await expect(page.getByText(/^\d\/5$/).first()).toBeVisible();
});

test('the attempt page fits a 360 px wide phone screen', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - 60_000, closesAt: now + 3_600_000 });
	const phone = freshPhone();
	await createContestant(ctx, fixture, { phone });
	await ctx.db.destroy();

	await logInThroughUi(page, phone);
	await startAttempt(page, `/cuoc-thi/${fixture.slug}/dot-thi/1`);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	await expect(page.getByRole('timer')).toBeInViewport();
	const option = page.locator('fieldset label.option').first();
	await expect(option).toBeInViewport();
	const box = await option.boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(44);
	await expect(page.getByRole('navigation', { name: 'Danh sách câu hỏi' })).toBeVisible();
});
