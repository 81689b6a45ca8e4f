import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoAccounts } from '../../src/lib/server/demo/seed';
import { DEMO_SLUG, freshPhone, logInThroughUi, openServerDatabase, registerThroughUi } from './support';

// Issue 14, "Personal data": a contestant downloads their data and asks for deletion from the
// account page; the contest's organizer sees the request in the studio and declines it with a
// reason, which the contestant then sees. The contest's privacy page shows no one's data.

const FULL_NAME = 'Phan Thị Riêng Tư';

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a contestant downloads their data and asks for deletion; the organizer sees the request', async ({ browser }) => {
	const phone = freshPhone();
	const contestant = await (await browser.newContext()).newPage();
	await registerThroughUi(contestant, phone, FULL_NAME);

	// the consent text and the contest page link to the privacy page
	await expect(contestant.getByRole('link', { name: 'Quyền riêng tư và dữ liệu cá nhân' })).toHaveAttribute(
		'href',
		`/cuoc-thi/${DEMO_SLUG}/quyen-rieng-tu`
	);

	await contestant.goto('/tai-khoan');
	const downloading = contestant.waitForEvent('download');
	await contestant.getByRole('link', { name: 'Tải dữ liệu của tôi' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^du-lieu-ca-nhan-\d{4}-\d{2}-\d{2}\.json$/);
	const data = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
		profile: { phone: string; fullName: string };
		registrations: { contestSlug: string }[];
	};
	expect(data.profile).toMatchObject({ phone, fullName: FULL_NAME });
	expect(data.registrations.map((r) => r.contestSlug)).toEqual([DEMO_SLUG]);

	// the confirmation is required
	await contestant.getByLabel('Ghi chú cho ban tổ chức (không bắt buộc)').fill('Tôi không tham gia nữa.');
	await contestant.getByRole('button', { name: 'Gửi yêu cầu xoá' }).click();
	await expect(contestant.getByText('Hãy đánh dấu ô xác nhận.')).toBeVisible();
	await contestant.getByLabel('Ghi chú cho ban tổ chức (không bắt buộc)').fill('Tôi không tham gia nữa.');
	await contestant.getByRole('checkbox', { name: 'Tôi hiểu và muốn xoá dữ liệu cá nhân của mình' }).check();
	await contestant.getByRole('button', { name: 'Gửi yêu cầu xoá' }).click();
	await expect(contestant.getByRole('status')).toHaveText('Đã gửi yêu cầu xoá tới ban tổ chức của 1 cuộc thi.');
	await expect(contestant.getByRole('cell', { name: 'Đang chờ xử lý' })).toBeVisible();
	await expectNoSeriousA11yViolations(contestant);

	// the organizer finds it on the contest's "Dữ liệu cá nhân" page
	const ctx = openServerDatabase();
	const contest = await ctx.db
		.selectFrom('contest')
		.select('id')
		.where('slug', '=', DEMO_SLUG)
		.executeTakeFirstOrThrow();
	await ctx.db.destroy();
	const organizer = await (await browser.newContext()).newPage();
	await logInThroughUi(organizer, demoAccounts.organizer.phone, demoAccounts.organizer.password, '/studio');
	await organizer.goto(`/studio/cuoc-thi/${contest.id}`);
	await organizer.getByRole('link', { name: 'Dữ liệu cá nhân' }).click();
	await expect(organizer.getByRole('heading', { name: 'Dữ liệu cá nhân', level: 1 })).toBeVisible();
	const row = organizer.getByRole('row').filter({ hasText: FULL_NAME });
	await expect(row).toContainText(`${phone.slice(0, 3)}****${phone.slice(-3)}`);
	await expect(row).toContainText('Tôi không tham gia nữa.');
	await expect(row).not.toContainText(phone);
	await expectNoSeriousA11yViolations(organizer);
	await row.getByLabel('Lý do từ chối').fill('Đang giải quyết khiếu nại của bạn');
	await row.getByRole('button', { name: 'Từ chối' }).click();
	await expect(organizer.getByRole('status')).toHaveText('Đã ghi nhận.');
	await expect(organizer.getByRole('row').filter({ hasText: FULL_NAME })).toContainText('Bị từ chối');

	// the contestant sees the decision and its reason
	await contestant.reload();
	const mine = contestant.getByRole('row').filter({ hasText: 'Bị từ chối' });
	await expect(mine).toContainText('Đang giải quyết khiếu nại của bạn');
});

test("the contest's privacy page states what is collected, why and for how long, with no one's data", async ({
	page
}) => {
	await page.goto(`/cuoc-thi/${DEMO_SLUG}`);
	await page.getByRole('link', { name: 'Quyền riêng tư và dữ liệu cá nhân' }).click();
	await expect(page).toHaveURL(new RegExp(`/cuoc-thi/${DEMO_SLUG}/quyen-rieng-tu$`));
	await expect(page.getByRole('heading', { name: 'Quyền riêng tư và dữ liệu cá nhân', level: 1 })).toBeVisible();
	await expect(page.getByText(/91\/2025\/QH15/)).toBeVisible();
	await expect(page.getByText(/356\/2025\/NĐ-CP/)).toBeVisible();
	await expect(page.getByText('Ngày sinh (bắt buộc)')).toBeVisible();
	await expect(page.getByText('Mã thiết bị', { exact: true })).toBeVisible();
	await expect(page.getByText(/được giữ 365 ngày sau khi đợt thi cuối cùng kết thúc/)).toBeVisible();
	await expectNoSeriousA11yViolations(page);
	const html = await page.content();
	// no phone number, no email of anyone
	expect(html).not.toMatch(/\b0\d{9}\b/);
	expect(html).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
	expect(html).not.toContain(FULL_NAME);
	// and nobody's data without a session
	const anonymous = await page.request.get('/tai-khoan/du-lieu', { maxRedirects: 0 });
	expect(anonymous.status()).toBe(303);
	expect(anonymous.headers()['location']).toBe('/dang-nhap?next=/tai-khoan');
});
