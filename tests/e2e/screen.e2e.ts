import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { E2E_PORT } from '../../playwright.config';
import { answerCurrent, DEMO_SLUG, freshPhone, registerThroughUi, startAttempt } from './support';

// The audience screen (màn hình trình chiếu): public, full screen, kept current over Socket.IO.

const ROUND_SCREEN = `/cuoc-thi/${DEMO_SLUG}/dot-thi/2/man-hinh`;
const LIVE = 'Đang cập nhật trực tiếp';
const RECONNECTING = 'Đang kết nối lại…';

async function expectNoSeriousA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The number a live counter shows (digits grouped the Vietnamese way: 1.234). */
async function counter(page: Page, name: 'contestants' | 'attempts'): Promise<number> {
	const text = await page.locator(`[data-counter="${name}"]`).getByRole('definition').textContent();
	return Number((text ?? '').replace(/\D/g, ''));
}

/** Submits the attempt on screen, answering the prediction question, and waits for the result page. */
async function submitThroughUi(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Nộp bài' }).first().click();
	const dialog = page.getByRole('dialog', { name: 'Nộp bài?' });
	await dialog.getByLabel(/bao nhiêu người/).fill('7');
	await dialog.getByRole('button', { name: 'Nộp bài' }).click();
	await expect(page).toHaveURL(/\/ket-qua\//);
}

test('the screen page updates when a contestant submits an attempt in another browser context', async ({
	page,
	browser
}) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(ROUND_SCREEN);
	await expect(page.getByRole('status').filter({ hasText: LIVE })).toBeVisible();
	// No site header or footer: the screen is the whole page.
	await expect(page.getByRole('link', { name: 'Đăng nhập' })).toHaveCount(0);
	await expect(page.getByRole('img', { name: /Mã QR dẫn tới trang cuộc thi/ })).toBeVisible();
	await expect(page.getByText(`localhost:${E2E_PORT}/`)).toBeVisible();

	// Space pauses the rotation, so the counters stay on screen while we watch them.
	await page.keyboard.press(' ');
	await expect(page.getByText('Đã tạm dừng')).toBeVisible();
	await expect(page.getByRole('heading', { level: 2 })).toHaveText('Số liệu trực tiếp');
	await expect(page.getByRole('timer')).toHaveText(/\d\d:\d\d/);
	const attemptsBefore = await counter(page, 'attempts');
	await expectNoSeriousA11yViolations(page);

	const other = await browser.newContext();
	const contestant = await other.newPage();
	const phone = freshPhone();
	const name = `Lý Thị Màn Hình ${phone.slice(-4)}`;
	await registerThroughUi(contestant, phone, name);
	await startAttempt(contestant, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	await answerCurrent(contestant);
	await submitThroughUi(contestant);
	await other.close();

	// No reload: the socket brings the new attempt within a few seconds.
	await expect.poll(() => counter(page, 'attempts'), { timeout: 8_000 }).toBe(attemptsBefore + 1);

	// The group's top list: the new contestant is on it while the group has 20 or fewer results.
	await page.getByRole('button', { name: /Top 20 · Người dân$/ }).click();
	const heading = page.getByRole('heading', { level: 2 });
	await expect(heading).toContainText('Top 20 · Người dân');
	const total = Number(((await heading.textContent()) ?? '').match(/(\d+) thí sinh có kết quả/)?.[1]);
	const table = page.getByRole('table', { name: /Top 20 · Người dân/ });
	if (total <= 20) await expect(table.getByRole('row').filter({ hasText: name })).toContainText('Phường Hà Khánh');
	await expect(table.getByRole('row')).toHaveCount(Math.min(total, 20) + 1);
	expect(await page.content()).not.toContain(phone);
	// Scan once the slide has faded in (axe reads colours through the opacity).
	await expect(page.getByRole('region', { name: /Top 20 · Người dân/ })).toHaveCSS('opacity', '1');
	await expectNoSeriousA11yViolations(page);

	// Arrows step through the slides; the units' page ranks by participation rate.
	await page.getByRole('button', { name: /Đơn vị \(1\/\d\)$/ }).click();
	await expect(heading).toContainText('Tỷ lệ tham gia theo đơn vị');
	await expect(page.getByRole('columnheader', { name: 'Tỷ lệ tham gia' })).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(heading).toContainText('Top 20 · Người dân');
});

test('the screen fits 16:9 and 4:3 without scrollbars, and the contest screen follows the open round', async ({
	page
}) => {
	for (const [width, height] of [
		[1920, 1080],
		[1280, 720],
		[1024, 768]
	]) {
		await page.setViewportSize({ width, height });
		await page.goto(ROUND_SCREEN);
		await expect(page.getByRole('status').filter({ hasText: LIVE })).toBeVisible();
		const dots = page
			.getByRole('navigation', { name: 'Các trang trình chiếu' })
			.getByRole('button', { name: /^Trang/ });
		const slides = await dots.count();
		expect(slides).toBeGreaterThanOrEqual(4);
		for (let i = 0; i < slides; i++) {
			await dots.nth(i).click();
			const fits = await page.evaluate(() => {
				const root = document.documentElement;
				const inside = [...document.querySelectorAll('main *')].every((el) => {
					const box = el.getBoundingClientRect();
					return box.right <= innerWidth + 0.5 && box.bottom <= innerHeight + 0.5;
				});
				return root.scrollWidth <= innerWidth && root.scrollHeight <= innerHeight && inside;
			});
			expect(fits, `slide ${i + 1} at ${width}×${height}`).toBe(true);
		}
	}

	await page.goto(`/cuoc-thi/${DEMO_SLUG}/man-hinh`);
	await expect(page.getByRole('status').filter({ hasText: LIVE })).toBeVisible();
	await expect(page.getByText(/^Tuần thi thứ 2 · Đang diễn ra · còn /)).toBeVisible();

	const missing = await page.goto(`/cuoc-thi/${DEMO_SLUG}/dot-thi/99/man-hinh`);
	expect(missing?.status()).toBe(404);
});

test('the screen recovers after the server restarts', async ({ page, browser }) => {
	test.setTimeout(150_000);
	const port = E2E_PORT + 3;
	const origin = `http://localhost:${port}`;
	const database = 'tests/.tmp/restart.sqlite';
	for (const suffix of ['', '-wal', '-shm']) rmSync(database + suffix, { force: true });

	let server: ChildProcess | null = null;
	const startServer = async (): Promise<void> => {
		// A server of its own on its own SQLite file, on both passes: without the pass's REDIS_URL,
		// which would join it to the main server's shared bus across two different databases.
		const { REDIS_URL: _shared, ...inherited } = process.env;
		server = spawn(process.execPath, ['scripts/server.js'], {
			env: {
				...inherited,
				PORT: String(port),
				HOST: '127.0.0.1',
				DATABASE_URL: database,
				DEMO_DATA: 'on',
				SWEEP_INTERVAL_MS: '1000'
			},
			stdio: 'ignore'
		});
		await expect
			.poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 0, { timeout: 60_000 })
			.toBe(200);
	};
	const stopServer = async (): Promise<void> => {
		const child = server;
		server = null;
		if (!child || child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		child.kill('SIGTERM');
		// scripts/server.js closes gracefully, and an open Socket.IO connection holds that close
		// forever: fall back to SIGKILL so the port is free for the restart.
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		await exited;
		clearTimeout(timer);
	};

	try {
		await startServer();
		await page.goto(`${origin}${ROUND_SCREEN}`);
		await expect(page.getByRole('status').filter({ hasText: LIVE })).toBeVisible();
		await page.keyboard.press(' ');
		const attemptsBefore = await counter(page, 'attempts');

		await stopServer();
		await expect(page.getByRole('status').filter({ hasText: RECONNECTING })).toBeVisible({ timeout: 15_000 });

		await startServer();
		await expect(page.getByRole('status').filter({ hasText: LIVE })).toBeVisible({ timeout: 30_000 });

		// A submission made after the restart reaches the screen that was open before it.
		const other = await browser.newContext({ baseURL: origin });
		const contestant = await other.newPage();
		await registerThroughUi(contestant, freshPhone(), 'Vương Thị Khởi Động');
		await startAttempt(contestant, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
		await answerCurrent(contestant);
		await submitThroughUi(contestant);
		await other.close();
		await expect.poll(() => counter(page, 'attempts'), { timeout: 8_000 }).toBe(attemptsBefore + 1);
	} finally {
		await stopServer();
	}
});
