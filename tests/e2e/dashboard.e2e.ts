import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_SLUG, freshPhone, logInThroughUi, openServerDatabase, registerThroughUi, startAttempt } from './support';

// The organizer's live dashboard of a round: counters and unit bars that move while contestants
// take the round in another browser, without a reload.

const DEMO_TITLE = 'Tìm hiểu cải cách hành chính tỉnh Quảng Ninh năm 2026';

function counter(page: Page, label: string): Locator {
	return page
		.getByRole('list', { name: 'Số liệu chính' })
		.getByRole('listitem')
		.filter({ hasText: label })
		.locator('strong');
}

async function readCounter(page: Page, label: string): Promise<number> {
	const text = (await counter(page, label).textContent()) ?? '';
	return Number(text.replace(/\./g, ''));
}

/** The participation rate (percent) a unit row shows, "3/175 người · 1,7%". */
function rateOf(text: string): number {
	const match = /người · ([\d.,]+)%/.exec(text);
	return match ? Number(match[1].replace(/\./g, '').replace(',', '.')) : Infinity;
}

async function demoRoundPath(): Promise<string> {
	const ctx = openServerDatabase();
	const contest = await ctx.db
		.selectFrom('contest')
		.select('id')
		.where('slug', '=', DEMO_SLUG)
		.executeTakeFirstOrThrow();
	const round = await ctx.db
		.selectFrom('round')
		.select('id')
		.where('contest_id', '=', contest.id)
		.where('ordinal', '=', 2)
		.executeTakeFirstOrThrow();
	await ctx.db.destroy();
	return `/studio/cuoc-thi/${contest.id}/dot-thi/${round.id}`;
}

test('the organizer watches the open round: an attempt started and submitted elsewhere moves the counters live', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio/cuoc-thi');
	await page.getByRole('link', { name: DEMO_TITLE }).click();
	await page.getByRole('link', { name: 'Tuần thi thứ 2' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tuần thi thứ 2');
	await page.getByRole('link', { name: 'Theo dõi trực tiếp' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Theo dõi trực tiếp: Tuần thi thứ 2');
	await expect(page.getByRole('status').filter({ hasText: 'Trực tiếp' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Màn hình trình chiếu/ })).toHaveAttribute(
		'href',
		`/cuoc-thi/${DEMO_SLUG}/dot-thi/2/man-hinh`
	);
	await expect(page.getByRole('link', { name: /Màn hình trình chiếu/ })).toHaveAttribute('target', '_blank');
	await expect(page.getByRole('link', { name: 'Bảng xếp hạng' })).toHaveAttribute(
		'href',
		`/cuoc-thi/${DEMO_SLUG}/dot-thi/2/bang-xep-hang`
	);
	await expect(page.getByRole('img', { name: 'Số bài nộp mỗi phút' })).toBeVisible();
	await expect(page.getByRole('table', { name: /Cán bộ, công chức, viên chức/ })).toContainText(/\d+\/20/);

	// Units: every first-level unit, the lowest participation rate on top, laggards marked.
	const units = page.getByRole('list', { name: 'Tỷ lệ tham gia của các đơn vị' }).getByRole('listitem');
	await expect(units.filter({ hasText: 'Phường Hà Khánh' })).toBeVisible();
	const rates = (await units.allTextContents()).map(rateOf);
	expect(rates.length).toBeGreaterThan(5);
	expect(rates).toEqual([...rates].sort((a, b) => a - b));
	await expect(units.first()).toContainText('Dưới 50%');
	// the province's row is its whole tree, as the caption says, and says so
	await expect(units.filter({ hasText: 'Tỉnh Quảng Ninh' })).toContainText('tổng của toàn bộ đơn vị');
	await expect(page.getByText('Vạch dọc: mốc 50%')).toBeVisible();
	const haKhanh = units.filter({ hasText: 'Phường Hà Khánh' });
	const haKhanhBefore = Number(/(\d+)\/[\d.]+ người/.exec((await haKhanh.textContent()) ?? '')?.[1]);

	const inProgress = await readCounter(page, 'Đang làm bài');
	const finished = await readCounter(page, 'Lượt thi đã nộp');
	const contestants = await readCounter(page, 'Thí sinh đã thi');
	// A full page load would drop this marker: the numbers below must arrive over the socket.
	await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

	const contestantContext = await browser.newContext();
	const other = await contestantContext.newPage();
	await registerThroughUi(other, freshPhone(), 'Hoàng Thị Dung');
	await startAttempt(other, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	await expect(counter(page, 'Đang làm bài')).toHaveText(String(inProgress + 1));
	await expect(counter(page, 'Lượt thi đã nộp')).toHaveText(String(finished));

	await other.getByRole('button', { name: 'Nộp bài' }).first().click();
	const dialog = other.getByRole('dialog', { name: 'Nộp bài?' });
	await dialog.getByLabel(/bao nhiêu người/).fill('7');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(other).toHaveURL(/\/ket-qua\//);
	await contestantContext.close();

	await expect(counter(page, 'Lượt thi đã nộp')).toHaveText(String(finished + 1));
	await expect(counter(page, 'Đang làm bài')).toHaveText(String(inProgress));
	await expect(counter(page, 'Thí sinh đã thi')).toHaveText(String(contestants + 1));
	await expect(haKhanh).toContainText(new RegExp(`\\b${haKhanhBefore + 1}/[\\d.]+ người`));
	await expect(page.getByRole('img', { name: 'Số bài nộp mỗi phút' })).toHaveAccessibleDescription(/có [\d.]+ bài nộp/);
	expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('a contestant is refused the dashboard; an unknown round is not found', async ({ page, browser }) => {
	const path = await demoRoundPath();
	await logInThroughUi(page, '0912000101', 'thisinh2026');
	const refused = await page.goto(`${path}/truc-tiep`);
	expect(refused?.status()).toBe(403);

	const organizerContext = await browser.newContext();
	const organizer = await organizerContext.newPage();
	await logInThroughUi(organizer, '0900000002', 'bantochuc2026', '/studio/cuoc-thi');
	const contestPath = path.slice(0, path.indexOf('/dot-thi/'));
	const missing = await organizer.goto(`${contestPath}/dot-thi/khong-co-dot-nay/truc-tiep`);
	expect(missing?.status()).toBe(404);
	await organizerContext.close();
});
