import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readPdf } from '../helpers/pdf';
import { DEMO_SLUG, logInThroughUi, openServerDatabase } from './support';

// An organizer's season in the browser (issue 15): a copy of last year's contest moved to a new
// start date, then weekly rounds from one of its rounds, a round's copy and its question paper.

const DEMO_TITLE = 'Tìm hiểu cải cách hành chính tỉnh Quảng Ninh năm 2026';

/** From the studio's contest list, copies the demo contest to open on Monday 6 January 2031. */
async function duplicateDemo(page: Page, title: string, slug: string): Promise<void> {
	await page.goto('/studio/cuoc-thi');
	await page.getByRole('link', { name: DEMO_TITLE }).first().click();
	await page.getByRole('link', { name: 'Nhân bản cuộc thi' }).click();
	await expect(page.getByRole('heading', { name: 'Nhân bản cuộc thi' })).toBeVisible();
	await page.getByLabel('Tên cuộc thi mới').fill(title);
	await page.getByLabel('Đường dẫn của cuộc thi mới').fill(slug);
	await page.getByLabel('Ngày mở đợt thi đầu tiên').fill('2031-01-06');
	await page.getByRole('button', { name: 'Nhân bản cuộc thi' }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
}

test('an organizer duplicates last season’s contest to a new start date', async ({ page }) => {
	test.setTimeout(90_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	await page.goto('/studio/cuoc-thi');
	await page.getByRole('link', { name: DEMO_TITLE }).first().click();
	await page.getByRole('link', { name: 'Nhân bản cuộc thi' }).click();
	await expect(page.getByText('Các đợt thi sẽ được sao chép: 3.')).toBeVisible();

	// the demo's own address is taken: the form says so beside the field and keeps what was typed
	await page.getByLabel('Tên cuộc thi mới').fill('Tìm hiểu cải cách hành chính năm 2031');
	await page.getByLabel('Đường dẫn của cuộc thi mới').fill(DEMO_SLUG);
	await page.getByLabel('Ngày mở đợt thi đầu tiên').fill('2031-01-06');
	await page.getByRole('button', { name: 'Nhân bản cuộc thi' }).click();
	await expect(page.getByText('Đường dẫn này đã được một cuộc thi khác dùng.')).toBeVisible();
	await expect(page.getByLabel('Tên cuộc thi mới')).toHaveValue('Tìm hiểu cải cách hành chính năm 2031');

	const slug = `cai-cach-2031-${Date.now()}`;
	await page.getByLabel('Đường dẫn của cuộc thi mới').fill(slug);
	await page.getByRole('button', { name: 'Nhân bản cuộc thi' }).click();
	await expect(page.getByRole('heading', { name: 'Tìm hiểu cải cách hành chính năm 2031', level: 1 })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Đã nhân bản cuộc thi' })).toBeVisible();
	await expect(page.getByText('Bản nháp', { exact: true })).toBeVisible();

	// the three weekly rounds, each a week from Monday 00:00, moved to January 2031
	const rounds = page.locator('ul.rounds > li');
	await expect(rounds).toHaveCount(3);
	await expect(rounds.nth(0)).toContainText('Tuần thi thứ 1');
	await expect(rounds.nth(0)).toContainText('06/01/2031 00:00 – 13/01/2031 00:00');
	await expect(rounds.nth(2)).toContainText('20/01/2031 00:00 – 27/01/2031 00:00');
	// texts and groups came along; no contestant's attempts did
	await expect(page.getByLabel('Đường dẫn', { exact: true })).toHaveValue(slug);
	await expect(page.locator('textarea[name="groups"]')).toHaveValue(/Người dân/);
	await expect(rounds.filter({ hasText: 'lượt thi' })).toHaveCount(0);

	const app = openServerDatabase();
	try {
		const copy = await app.db.selectFrom('contest').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
		const audit = await app.db
			.selectFrom('audit_log')
			.select('summary')
			.where('action', '=', 'contest.duplicate')
			.where('entity_id', '=', copy.id)
			.execute();
		expect(audit).toHaveLength(1);
		const registrations = await app.db
			.selectFrom('registration')
			.select('id')
			.where('contest_id', '=', copy.id)
			.execute();
		expect(registrations).toHaveLength(0);
	} finally {
		await app.db.destroy();
	}
});

test('an organizer creates weekly rounds from a template round, copies one, and prints its question paper', async ({
	page
}) => {
	test.setTimeout(120_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026');
	const title = 'Cuộc thi các tuần năm 2031';
	await duplicateDemo(page, title, `cac-tuan-2031-${Date.now()}`);

	await page.getByRole('link', { name: 'Tạo các tuần thi' }).click();
	await expect(page.getByRole('heading', { name: 'Tạo các tuần thi' })).toBeVisible();
	await expect(page.getByLabel('Đợt thi mẫu')).toHaveValue(/.+/);
	await expect(page.getByLabel('Số thứ tự của tuần đầu tiên')).toHaveValue('4');
	// the defaults follow the copied rounds: named like them, from the Monday their last one ends
	await expect(page.getByLabel('Thứ Hai của tuần đầu tiên')).toHaveValue('2031-01-27');
	await expect(page.getByLabel('Tên các đợt thi')).toHaveValue('Tuần thi thứ');
	await page.getByLabel('Tên các đợt thi').fill('Tuần');

	// a Tuesday and 60 weeks: refused, with what is wrong beside each field
	await page.getByLabel('Thứ Hai của tuần đầu tiên').fill('2031-02-04');
	await page.getByLabel('Số tuần (1–52)').fill('60');
	await page.getByRole('button', { name: 'Tạo các tuần thi' }).click();
	await expect(page.getByText('Ngày bắt đầu phải là một ngày thứ Hai có trên lịch.')).toBeVisible();
	await expect(page.getByText('Số tuần phải là số nguyên từ 1 đến 52.')).toBeVisible();

	// a week that overlaps the copied rounds: refused as a whole, naming the round and the clash
	await page.getByLabel('Thứ Hai của tuần đầu tiên').fill('2031-01-20');
	await page.getByLabel('Số tuần (1–52)').fill('3');
	await page.getByRole('button', { name: 'Tạo các tuần thi' }).click();
	await expect(page.getByRole('alert')).toContainText('Không tạo được đợt thi "Tuần 4"');
	await expect(page.getByRole('alert')).toContainText('Thời gian trùng với Tuần thi thứ 3.');

	await page.getByLabel('Thứ Hai của tuần đầu tiên').fill('2031-02-03');
	await page.getByRole('button', { name: 'Tạo các tuần thi' }).click();
	await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Đã tạo 3 tuần thi.' })).toBeVisible();
	const rounds = page.locator('ul.rounds > li');
	await expect(rounds).toHaveCount(6);
	await expect(rounds.nth(3)).toContainText('Tuần 4');
	await expect(rounds.nth(3)).toContainText('03/02/2031 00:00 – 10/02/2031 00:00');
	await expect(rounds.nth(5)).toContainText('Tuần 6');
	await expect(rounds.nth(5)).toContainText('17/02/2031 00:00 – 24/02/2031 00:00');

	// each week stays editable: its editor shows the template's settings
	await page.getByRole('link', { name: 'Tuần 6', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Tuần 6', level: 1 })).toBeVisible();
	await expect(page.getByLabel('Thời gian làm bài (phút)')).toHaveValue('15');

	// a copy of the round, right after it by default
	await page.getByRole('link', { name: 'Nhân bản đợt thi' }).click();
	// the editor behind has a "Tên đợt thi" too: wait for the copy's form before typing
	await expect(page.getByRole('heading', { name: 'Nhân bản đợt thi "Tuần 6"' })).toBeVisible();
	await page.getByLabel('Tên đợt thi').fill('Tuần bù');
	await expect(page.getByLabel('Mở lúc')).toHaveValue('2031-02-24T00:00');
	await page.getByRole('button', { name: 'Nhân bản đợt thi' }).click();
	await expect(page.getByRole('heading', { name: 'Tuần bù', level: 1 })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Đã nhân bản đợt thi.' })).toBeVisible();

	// its question paper: a new code is drawn, the PDF holds the questions and, last, the key
	await page.getByLabel('Đối tượng', { exact: true }).selectOption({ label: 'Người dân' });
	// a plain download: the client router does not try the PDF's address as a page (no console error)
	const consoleErrors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});
	const downloading = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Tải đề thi giấy (PDF)' }).click();
	const download = await downloading;
	await expect(page.getByRole('heading', { name: 'Tuần bù', level: 1 })).toBeVisible();
	expect(consoleErrors).toEqual([]);
	expect(download.suggestedFilename()).toMatch(/^de-thi-dot-7-[0-9A-F]{10}\.pdf$/);
	const pdf = await readPdf(readFileSync((await download.path())!));
	const seed = /Mã đề: ([0-9A-F]{10})/.exec(pdf.pages[0])?.[1];
	expect(download.suggestedFilename()).toContain(seed);
	expect(pdf.pages[0]).toContain('Tuần bù');
	expect(pdf.pages[0]).toContain('Đối tượng: Người dân');
	expect(pdf.text).toMatch(/Câu 1\. .+ A\. .+ B\. /);
	expect(pdf.pages.at(-1)).toContain('ĐÁP ÁN — CHỈ DÀNH CHO BAN TỔ CHỨC');
	expect(pdf.pages.slice(0, -1).join(' ')).not.toContain('ĐÁP ÁN');

	// the round editor's own form as consecutive weeks: a new round, two weeks from one form
	await page.getByRole('link', { name: '← Về cuộc thi' }).click();
	await page.getByRole('link', { name: 'Thêm đợt thi' }).click();
	await expect(page.getByRole('heading', { name: 'Thêm đợt thi', level: 1 })).toBeVisible();
	// other specs add banks of their own: draw from the demo's, as its rounds do
	const app = openServerDatabase();
	const bank = await app.db
		.selectFrom('question_bank')
		.select('id')
		.where('name', '=', 'Ngân hàng câu hỏi cải cách hành chính')
		.executeTakeFirstOrThrow()
		.finally(() => app.db.destroy());
	await page.goto(`${page.url()}?bank=${bank.id}`);
	await expect(page.getByLabel('Ngân hàng câu hỏi')).toHaveValue(bank.id);
	await page.getByLabel('Tên đợt thi').fill('Tuần ôn tập');
	await page.getByLabel('Mở lúc').fill('2031-03-10T00:00');
	await page.getByLabel('Đóng lúc').fill('2031-03-17T00:00');
	await page.getByLabel('Dùng chung cho mọi đối tượng · Cải cách thể chế · Dễ').fill('3');
	await page.getByLabel('Số tuần liên tiếp').fill('2');
	await page.getByRole('button', { name: 'Lưu đợt thi' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã tạo 2 tuần thi.' })).toBeVisible();
	await expect(rounds).toHaveCount(9);
	await expect(rounds.nth(7)).toContainText('Tuần ôn tập 1');
	await expect(rounds.nth(8)).toContainText('Tuần ôn tập 2');
	await expect(rounds.nth(8)).toContainText('17/03/2031 00:00 – 24/03/2031 00:00');
});
