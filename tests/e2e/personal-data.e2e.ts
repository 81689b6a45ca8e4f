import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { recordAudit } from '../../src/lib/server/audit/audit.repository';
import { demoAccounts } from '../../src/lib/server/demo/seed';
import { findEverywhere } from '../helpers/find-everywhere';
import { createContestant, createFixtureContest } from '../helpers/fixtures';
import { DEMO_SLUG, demoContestId, freshPhone, logInThroughUi, openServerDatabase, registerThroughUi } from './support';

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
	const contest = { id: await demoContestId() };
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

test("an organizer carries out a contestant's deletion request: nothing of the person is left", async ({ browser }) => {
	const phone = freshPhone();
	const fullName = 'Đinh Văn Xoá Hẳn';
	const contestant = await (await browser.newContext()).newPage();
	await registerThroughUi(contestant, phone, fullName);
	await contestant.goto('/tai-khoan');
	await contestant.getByRole('checkbox', { name: 'Tôi hiểu và muốn xoá dữ liệu cá nhân của mình' }).check();
	await contestant.getByRole('button', { name: 'Gửi yêu cầu xoá' }).click();
	await expect(contestant.getByRole('status')).toHaveText('Đã gửi yêu cầu xoá tới ban tổ chức của 1 cuộc thi.');

	const contest = { id: await demoContestId() };
	const ctx = openServerDatabase();
	try {
		const user = await ctx.db.selectFrom('app_user').select('id').where('phone', '=', phone).executeTakeFirstOrThrow();
		const organizer = await (await browser.newContext()).newPage();
		await logInThroughUi(organizer, demoAccounts.organizer.phone, demoAccounts.organizer.password, '/studio');
		await organizer.goto(`/studio/cuoc-thi/${contest.id}/du-lieu-ca-nhan`);
		await organizer
			.getByRole('row')
			.filter({ hasText: fullName })
			.getByRole('button', { name: 'Thực hiện xoá' })
			.click();
		await expect(organizer.getByRole('status')).toHaveText('Đã ghi nhận.');
		// the request stays listed, done, under the anonymous label
		await expect(organizer.getByRole('row').filter({ hasText: fullName })).toHaveCount(0);
		const label = `Ẩn danh #${user.id.slice(0, 6).toUpperCase()}`;
		await expect(organizer.getByRole('row').filter({ hasText: label })).toContainText('Đã xoá');

		// in the database: the phone and the name nowhere, the account unable to sign in
		expect(await findEverywhere(ctx.db, phone)).toEqual([]);
		expect(await findEverywhere(ctx.db, fullName)).toEqual([]);
		const row = await ctx.db
			.selectFrom('app_user')
			.select([
				'full_name',
				'birth_date',
				'email',
				'password_hash',
				'anonymized_at',
				'device_id',
				'ip_hash',
				'user_agent'
			])
			.where('id', '=', user.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			full_name: label,
			birth_date: null,
			email: null,
			password_hash: '!anonymized',
			device_id: null,
			ip_hash: null,
			user_agent: null
		});
		expect(row.anonymized_at).not.toBeNull();
		// the contestant's session went with it
		await contestant.goto('/tai-khoan');
		await expect(contestant).toHaveURL(/\/dang-nhap/);
	} finally {
		await ctx.db.destroy();
	}
});

test('a contest past its retention period is purged and the studio says so: nothing of its contestants is left', async ({
	page
}) => {
	// a contest whose only round closed 400 days ago (365 kept by default), with a contestant, her
	// recorded device, address and browser, and an audit entry naming her
	const DAY = 86_400_000;
	const now = Date.now();
	const phone = freshPhone();
	const fullName = 'Tạ Thị Hết Hạn';
	const email = `het.han.${phone}@thu.example.vn`;
	const ctx = openServerDatabase();
	let contestId: string;
	try {
		const fixture = await createFixtureContest(ctx, { opensAt: now - 401 * DAY, closesAt: now - 400 * DAY });
		contestId = fixture.contestId;
		const userId = await createContestant(ctx, fixture, { phone, fullName });
		await ctx.db
			.updateTable('app_user')
			.set({ email, device_id: `dev-${phone}`, ip_hash: `ip-${phone}`, user_agent: `UA ${phone}` })
			.where('id', '=', userId)
			.execute();
		await recordAudit(
			ctx.db,
			{
				actorId: null,
				action: 'registration.note',
				entity: 'user',
				entityId: userId,
				summary: `Ghi chú về ${fullName} (${phone})`,
				detail: { email }
			},
			now
		);
	} finally {
		await ctx.db.destroy();
	}

	await logInThroughUi(page, demoAccounts.admin.phone, demoAccounts.admin.password, '/studio');
	await page.goto(`/studio/cuoc-thi/${contestId}/du-lieu-ca-nhan`);
	// the sweeper (every second in these tests) purges a contest past its period by itself; the
	// organizer's button does the same when the page shows it first. Either way it ends purged.
	const button = page.getByRole('button', { name: 'Xoá dữ liệu cá nhân ngay' });
	if (await button.isVisible()) {
		await page.getByRole('checkbox', { name: 'Tôi hiểu việc xoá không hoàn tác được' }).check();
		await button.click();
	}
	await expect(async () => {
		await page.goto(`/studio/cuoc-thi/${contestId}/du-lieu-ca-nhan`);
		await expect(page.getByText(/^Đã xoá dữ liệu cá nhân ngày /)).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 20_000 });

	const after = openServerDatabase();
	try {
		for (const needle of [phone, fullName, email, `dev-${phone}`, `ip-${phone}`, `UA ${phone}`]) {
			expect(await findEverywhere(after.db, needle), needle).toEqual([]);
		}
		const audit = await after.db
			.selectFrom('audit_log')
			.select('action')
			.where('entity_id', '=', contestId)
			.where('action', '=', 'personal_data.purge_contest')
			.execute();
		expect(audit).toHaveLength(1);
	} finally {
		await after.db.destroy();
	}
});
