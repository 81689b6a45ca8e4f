import { expect, test, type Browser, type Page, type Response } from '@playwright/test';
import { DEMO_SLUG, freshPhone, logInThroughUi, openServerDatabase, registerThroughUi, startAttempt } from './support';

// The Content-Security-Policy is on, and the pages still work under it: every main page, public
// and studio, and a live game with its screen and a phone, without one CSP violation or console
// error in Chromium.

type Problems = string[];

/** Collects CSP violations (reported by the page itself) and console errors of one page. */
async function watch(page: Page, problems: Problems): Promise<Page> {
	await page.exposeFunction('__reportCspViolation', (text: string) => problems.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { __reportCspViolation: (text: string) => void }).__reportCspViolation;
			void report(`CSP ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
		});
	});
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console on ${new URL(page.url()).pathname}: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error on ${new URL(page.url()).pathname}: ${error.message}`));
	return page;
}

async function newWatchedPage(browser: Browser, problems: Problems, mobile = false): Promise<Page> {
	const context = await browser.newContext(
		mobile ? { viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true } : {}
	);
	return watch(await context.newPage(), problems);
}

function expectPolicy(response: Response | null): void {
	expect(response?.status()).toBe(200);
	const policy = response?.headers()['content-security-policy'] ?? '';
	expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
	expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
	expect(policy).toContain("connect-src 'self'");
	expect(policy).toContain("frame-ancestors 'none'");
	// Served over plain http here: no HSTS (see tests/unit/security-headers.test.ts for https).
	expect(response?.headers()['strict-transport-security']).toBeUndefined();
}

/** Opens a page, checks its policy header and waits for its main heading (the app has hydrated). */
async function visit(page: Page, path: string): Promise<void> {
	expectPolicy(await page.goto(path));
	await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

async function demoIds(): Promise<{ contestId: string; roundIds: string[]; bankId: string; questionId: string }> {
	const ctx = openServerDatabase();
	try {
		const contest = await ctx.db
			.selectFrom('contest')
			.select('id')
			.where('slug', '=', DEMO_SLUG)
			.executeTakeFirstOrThrow();
		const rounds = await ctx.db
			.selectFrom('round')
			.select('id')
			.where('contest_id', '=', contest.id)
			.orderBy('ordinal')
			.execute();
		const question = await ctx.db
			.selectFrom('question')
			.select(['id', 'bank_id'])
			.orderBy('created_at')
			.executeTakeFirstOrThrow();
		return {
			contestId: contest.id,
			roundIds: rounds.map((r) => r.id),
			bankId: question.bank_id,
			questionId: question.id
		};
	} finally {
		await ctx.db.destroy();
	}
}

test('the public pages and an attempt carry the policy and break none of it', async ({ browser }) => {
	test.setTimeout(120_000);
	const problems: Problems = [];
	const page = await newWatchedPage(browser, problems, true);

	await visit(page, '/');
	await visit(page, `/cuoc-thi/${DEMO_SLUG}`);
	await visit(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/1/bang-xep-hang`);
	await visit(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/1/giai-thuong`);
	await visit(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2/bang-xep-hang`);
	await visit(page, '/dang-nhap');
	expectPolicy(await page.goto(`/cuoc-thi/${DEMO_SLUG}/dang-ky`));

	// Registering (the unit picker's list), an attempt with its saves, and the result page.
	await registerThroughUi(page, freshPhone(), 'Lê Thị Thu');
	await startAttempt(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	const first = page.locator('fieldset label.option input').first();
	await first.check();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu' })).toBeVisible();
	await page.getByRole('button', { name: /Câu sau/ }).click();
	await expect(page.getByText(/^Câu 2\/\d+$/)).toBeVisible();
	await visit(page, '/tai-khoan');

	// The audience screens, live over Socket.IO (a websocket under connect-src).
	const screen = await newWatchedPage(browser, problems);
	await visit(screen, `/cuoc-thi/${DEMO_SLUG}/dot-thi/2/man-hinh`);
	await expect(screen.getByText('Đang cập nhật trực tiếp')).toBeVisible();
	await visit(screen, `/cuoc-thi/${DEMO_SLUG}/man-hinh`);
	await expect(screen.getByText('Đang cập nhật trực tiếp')).toBeVisible();

	await visit(page, '/');
	expect(problems).toEqual([]);
});

test('the studio pages carry the policy and break none of it', async ({ browser }) => {
	test.setTimeout(120_000);
	const problems: Problems = [];
	const page = await newWatchedPage(browser, problems);
	const ids = await demoIds();
	const contest = `/studio/cuoc-thi/${ids.contestId}`;

	await logInThroughUi(page, '0900000001', 'quantri2026', '/studio');
	for (const path of [
		'/studio/cuoc-thi',
		'/studio/cuoc-thi/moi',
		contest,
		`${contest}/dot-thi/${ids.roundIds[1]}`,
		`${contest}/dot-thi/${ids.roundIds[1]}/truc-tiep`,
		`${contest}/dot-thi/${ids.roundIds[0]}/ket-qua`,
		`${contest}/dot-thi/${ids.roundIds[0]}/thong-ke`,
		`${contest}/tong-hop`,
		`${contest}/tro-choi`,
		'/studio/ngan-hang',
		`/studio/ngan-hang/${ids.bankId}`,
		`/studio/ngan-hang/${ids.bankId}/cau-hoi/${ids.questionId}`,
		`/studio/ngan-hang/${ids.bankId}/nhap`,
		'/studio/don-vi',
		'/studio/don-vi/nhap',
		'/studio/nguoi-dung',
		'/studio/nhat-ky'
	]) {
		await visit(page, path);
	}
	await visit(page, '/studio/cuoc-thi');
	expect(problems).toEqual([]);
});

test('a live game runs under the policy: console, screen with its QR code and moving standings, a phone', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const problems: Problems = [];
	const host = await newWatchedPage(browser, problems);
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	const ids = await demoIds();
	expectPolicy(await host.goto(`/studio/cuoc-thi/${ids.contestId}/tro-choi`));
	await host.getByLabel('Tên trò chơi').fill('Trò chơi kiểm tra CSP');
	await host.getByLabel('Chọn ngẫu nhiên trong ngân hàng câu hỏi').check();
	await host.getByLabel('Số câu hỏi').fill('1');
	await host.getByLabel('Thời gian mỗi câu (giây)').fill('60');
	await host.getByRole('button', { name: 'Tạo trò chơi' }).click();
	await expect(host).toHaveURL(/\/tro-choi\/[a-z0-9]+$/);
	const gameId = host.url().split('/').pop()!;
	const ctx = openServerDatabase();
	const { pin } = await ctx.db.selectFrom('live_game').select('pin').where('id', '=', gameId).executeTakeFirstOrThrow();
	const { type } = await ctx.db
		.selectFrom('live_game_question')
		.select('type')
		.where('game_id', '=', gameId)
		.executeTakeFirstOrThrow();
	await ctx.db.destroy();
	await host.getByRole('link', { name: 'Mở bảng điều khiển' }).click();
	await expect(host.getByRole('heading', { name: /Điều khiển trò chơi/ })).toBeVisible();

	const screen = await newWatchedPage(browser, problems);
	expectPolicy(await screen.goto(`/tro-choi/${gameId}/man-hinh`));
	await expect(screen.getByText(pin.slice(0, 3)).first()).toBeVisible();
	// the join QR code: inline SVG, drawn on the server
	await expect(screen.locator('svg path').first()).toBeAttached();

	const player = await newWatchedPage(browser, problems, true);
	expectPolicy(await player.goto(`/choi?pin=${pin}`));
	await expect(player).toHaveURL(/\/choi\/[a-z0-9]+$/);
	await player.getByLabel('Biệt danh').fill('Sao Mai');
	const form = player.locator('form', { has: player.getByLabel('Biệt danh') });
	await form.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await form
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.first()
		.click();
	await form.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(player.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
	await expect(screen.getByText('Sao Mai')).toBeVisible();

	await host.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(player.getByRole('heading', { name: 'Câu 1/1' })).toBeVisible();
	await player.getByRole('button', { name: 'Đáp án A' }).click();
	if (type === 'multiple') await player.getByRole('button', { name: 'Gửi' }).click();
	await expect(player.getByRole('heading', { name: 'Đã gửi câu trả lời' })).toBeVisible();
	await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
	await expect(player.getByRole('heading', { name: /Chính xác!|Chưa chính xác/ })).toBeVisible();
	// the answer bars (style attributes) and then the standings that slide (animate:flip)
	await host.getByRole('button', { name: 'Bảng xếp hạng', exact: true }).click();
	await expect(screen.getByText('Sao Mai')).toBeVisible();
	await host.getByRole('button', { name: /Đến phần vinh danh|Câu tiếp theo/ }).click();
	await expect(player.getByRole('heading', { name: 'Trò chơi kết thúc' })).toBeVisible();
	await expect(screen.getByText('Sao Mai').first()).toBeVisible();

	await visit(host, `/studio/cuoc-thi/${ids.contestId}/tro-choi/${gameId}`);
	expect(problems).toEqual([]);
});
