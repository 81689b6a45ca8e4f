import { expect, type Page } from '@playwright/test';
import { systemClock } from '../../src/lib/server/clock';
import type { AppContext } from '../../src/lib/server/context';
import { createDatabase } from '../../src/lib/server/db/database';
import { createAppEvents } from '../../src/lib/server/events';
import { E2E_DATABASE_URL } from '../../playwright.config';

export const DEMO_SLUG = 'cai-cach-hanh-chinh-2026';

/**
 * The server's own database, opened beside it to add fixtures: its SQLite file (WAL allows both)
 * or, on the PostgreSQL pass, its PostgreSQL database (E2E_DATABASE_URL, playwright.config.ts).
 */
export function openServerDatabase(): AppContext {
	return { db: createDatabase(E2E_DATABASE_URL, { poolSize: 2 }), clock: systemClock, events: createAppEvents() };
}

/** The demo contest's id, read from the server's database. */
export async function demoContestId(): Promise<string> {
	const ctx = openServerDatabase();
	try {
		const contest = await ctx.db
			.selectFrom('contest')
			.select('id')
			.where('slug', '=', DEMO_SLUG)
			.executeTakeFirstOrThrow();
		return contest.id;
	} finally {
		await ctx.db.destroy();
	}
}

let counter = 0;
/** A fresh valid phone per call, distinct across runs of the same database. */
export function freshPhone(): string {
	counter += 1;
	const tail = String((Date.now() % 1_000_000) * 10 + counter)
		.slice(-7)
		.padStart(7, '0');
	return `098${tail}`;
}

export async function registerThroughUi(page: Page, phone: string, fullName = 'Trần Thị Mai'): Promise<void> {
	await page.goto(`/cuoc-thi/${DEMO_SLUG}/dang-ky`);
	await page.getByLabel('Họ và tên').fill(fullName);
	await page.getByLabel('Ngày sinh').fill('1988-05-20');
	await page.getByLabel('Số điện thoại').fill(phone);
	await page.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	// Other tests add fixture contests with their own "Phường Hà Khánh": pick the demo province's.
	await page
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.filter({ hasText: 'Tỉnh Quảng Ninh' })
		.click();
	await page.getByLabel('Người dân').check();
	await page.getByLabel('Mật khẩu', { exact: true }).fill('matkhau123');
	await page.getByLabel('Nhập lại mật khẩu').fill('matkhau123');
	await page.getByRole('checkbox', { name: /Tôi đồng ý/ }).check();
	await page.getByRole('button', { name: 'Đăng ký' }).click();
	await expect(page).toHaveURL(new RegExp(`/cuoc-thi/${DEMO_SLUG}$`));
}

export async function logInThroughUi(page: Page, phone: string, password = 'matkhau123', next = '/'): Promise<void> {
	await page.goto(`/dang-nhap?next=${encodeURIComponent(next)}`);
	await page.getByLabel('Số điện thoại').fill(phone);
	await page.getByLabel('Mật khẩu').fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(new RegExp(next === '/' ? '/$' : next));
}

/** From a round's confirm screen, starts the attempt and waits for the first question. */
export async function startAttempt(page: Page, roundPath: string): Promise<void> {
	await page.goto(roundPath);
	await page.getByRole('button', { name: /Bắt đầu làm bài|Tiếp tục làm bài/ }).click();
	await expect(page).toHaveURL(/\/lam-bai\//);
	await expect(page.getByText(/^Câu 1\/\d+$/)).toBeVisible();
}

/** Picks the first option of the question on screen and waits until the server acknowledged it. */
export async function answerCurrent(page: Page): Promise<void> {
	const first = page.locator('fieldset label.option input').first();
	await first.check();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
}
