import { expect, test, type Page } from '@playwright/test';
import { createContestant, createFixtureContest } from '../helpers/fixtures';
import { freshPhone, logInThroughUi, openServerDatabase, startAttempt } from './support';

// Issue 14 in real Chromium against the production build: the attempt page reports the questions
// shown and the page hidden / visible / out of focus, the save writes its answer event, all with
// the server's clock; the device cookie is set httpOnly; an organizer grants extra time in the
// studio and the contestant's attempt runs to the longer deadline.
//
// Headless Chromium keeps every page "visible" and focused whatever is in front, so the switch to
// another app is played by the page's own APIs: document.visibilityState and document.hasFocus()
// answer as a phone's would, and the browser's visibilitychange event fires.

async function leaveAndComeBack(page: Page): Promise<void> {
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.hasFocus = () => false;
		document.dispatchEvent(new Event('visibilitychange'));
	});
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
		document.hasFocus = () => true;
		document.dispatchEvent(new Event('visibilitychange'));
	});
}

test('answering, moving on and leaving the page are recorded with the server’s clock', async ({ page, context }) => {
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - 60_000, closesAt: now + 3_600_000 });
	const phone = freshPhone();
	const userId = await createContestant(ctx, fixture, { phone, fullName: 'Phạm Văn Ghi' });

	await logInThroughUi(page, phone);
	const device = (await context.cookies()).find((c) => c.name === 'did');
	expect(device?.httpOnly).toBe(true);
	expect(device?.sameSite).toBe('Lax');
	expect(device?.value).toMatch(/^[A-Za-z0-9_-]{22}$/);

	const before = Date.now();
	await startAttempt(page, `/cuoc-thi/${fixture.slug}/dot-thi/1`);
	await page.locator('fieldset label.option input').first().check();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
	await page.getByRole('button', { name: /Câu sau/ }).click();
	await expect(page.getByText(/^Câu 2\/\d+$/)).toBeVisible();
	await leaveAndComeBack(page);

	const attempt = await ctx.db
		.selectFrom('attempt')
		.select(['id', 'device_id', 'ip_hash', 'user_agent'])
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
	expect(attempt.device_id).toBe(device?.value);
	expect(attempt.ip_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
	expect(attempt.ip_hash).not.toContain('127.0.0.1');
	expect(attempt.user_agent).toContain('Chrome');

	const recorded = async () =>
		(
			await ctx.db
				.selectFrom('attempt_event')
				.select(['kind', 'position', 'at'])
				.where('attempt_id', '=', attempt.id)
				.execute()
		).map((e) => `${e.kind}${e.position === null ? '' : `:${e.position}`}`);
	// the hidden page sends at once; the rest follows within the batch delay
	await expect
		.poll(recorded, { timeout: 15_000 })
		.toEqual(expect.arrayContaining(['shown:1', 'answer:1', 'shown:2', 'hidden', 'visible', 'blur', 'focus']));
	const times = await ctx.db.selectFrom('attempt_event').select('at').where('attempt_id', '=', attempt.id).execute();
	const after = Date.now();
	for (const { at } of times) {
		expect(at).toBeGreaterThanOrEqual(before - 1000);
		expect(at).toBeLessThanOrEqual(after + 1000);
	}
	await ctx.db.destroy();
});

test('an organizer grants +50 % time in the studio; the contestant’s attempt gets the longer deadline', async ({
	page,
	browser
}) => {
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, {
		opensAt: now - 60_000,
		closesAt: now + 3_600_000,
		timeLimitMs: 20 * 60_000
	});
	const phone = freshPhone();
	const userId = await createContestant(ctx, fixture, { phone, fullName: 'Lê Thị Hỗ Trợ' });

	await logInThroughUi(page, '0900000001', 'quantri2026');
	await page.goto(`/studio/cuoc-thi/${fixture.contestId}`);
	await page.getByRole('link', { name: 'Hỗ trợ đặc biệt' }).click();
	await expect(page.getByRole('heading', { name: 'Hỗ trợ đặc biệt', level: 1 })).toBeVisible();
	await page.getByLabel('Tìm thí sinh đã đăng ký').fill(phone);
	await page.getByRole('button', { name: 'Tìm' }).click();
	const match = page.getByTestId('match').filter({ hasText: 'Lê Thị Hỗ Trợ' });
	await expect(match).toContainText(phone);
	await match.getByLabel('Thêm thời gian (%)').fill('50');
	// no reason: refused, said next to the field
	await match.getByRole('button', { name: 'Cấp hỗ trợ' }).click();
	await expect(
		page.getByTestId('match').filter({ hasText: 'Lê Thị Hỗ Trợ' }).getByText('Vui lòng ghi lý do (từ 5 đến 500 ký tự).')
	).toBeVisible();
	const again = page.getByTestId('match').filter({ hasText: 'Lê Thị Hỗ Trợ' });
	await again.getByLabel('Thêm thời gian (%)').fill('50');
	await again.getByLabel('Lý do').fill('Thí sinh khiếm thị, dùng trình đọc màn hình.');
	await again.getByRole('button', { name: 'Cấp hỗ trợ' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã cấp hỗ trợ cho Lê Thị Hỗ Trợ.' })).toBeVisible();
	const grant = page.getByTestId('grant').filter({ hasText: 'Lê Thị Hỗ Trợ' });
	await expect(grant).toContainText('+50% thời gian');
	await expect(grant).toContainText('Thí sinh khiếm thị, dùng trình đọc màn hình.');

	const audit = await ctx.db
		.selectFrom('audit_log')
		.select(['action', 'summary'])
		.where('action', '=', 'accommodation.grant')
		.where('entity_id', '=', fixture.contestId)
		.execute();
	expect(audit).toEqual([
		{
			action: 'accommodation.grant',
			summary:
				'Cấp hỗ trợ đặc biệt cho Lê Thị Hỗ Trợ: +50% thời gian. Lý do: Thí sinh khiếm thị, dùng trình đọc màn hình.'
		}
	]);

	// the contestant, in a browser of their own
	const contestant = await (await browser.newContext()).newPage();
	await logInThroughUi(contestant, phone);
	await contestant.goto(`/cuoc-thi/${fixture.slug}/dot-thi/1`);
	await expect(contestant.getByText('30 phút')).toBeVisible();
	const started = Date.now();
	await startAttempt(contestant, `/cuoc-thi/${fixture.slug}/dot-thi/1`);
	const attempt = await ctx.db
		.selectFrom('attempt')
		.select(['started_at', 'deadline'])
		.where('user_id', '=', userId)
		.executeTakeFirstOrThrow();
	expect(attempt.deadline - attempt.started_at).toBe(30 * 60_000);
	expect(attempt.started_at).toBeGreaterThanOrEqual(started - 1000);
	// the countdown shows the longer limit: more than 29 minutes left
	await expect(contestant.getByRole('timer')).toHaveText(/^(29|30):\d\d$/);
	await ctx.db.destroy();
});
