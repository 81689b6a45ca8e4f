import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { logInThroughUi, openServerDatabase } from './support';

// A short live game in four browser contexts: the host's console, the screen and two players'
// phones, from the lobby to the podium; then the host downloads the results and we open them.

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
	return context.newPage();
}

async function joinWithNickname(page: Page, pin: string, nickname: string): Promise<void> {
	await page.goto(`/choi?pin=${pin}`);
	await expect(page).toHaveURL(/\/choi\/[a-z0-9]+$/);
	await page.getByLabel('Biệt danh').fill(nickname);
	const nicknameForm = page.locator('form', { has: page.getByLabel('Biệt danh') });
	await nicknameForm.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await nicknameForm
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.filter({ hasText: 'Tỉnh Quảng Ninh' })
		.first()
		.click();
	await nicknameForm.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(page.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
}

/** The correct option indexes of each question, read where only the server can: its database. */
async function answerKey(gameId: string): Promise<number[][]> {
	const ctx = openServerDatabase();
	try {
		const rows = await ctx.db
			.selectFrom('live_game_question')
			.select(['position', 'options_json'])
			.where('game_id', '=', gameId)
			.orderBy('position')
			.execute();
		return rows.map((r) =>
			(JSON.parse(r.options_json) as { correct: boolean }[]).flatMap((o, i) => (o.correct ? [i] : []))
		);
	} finally {
		await ctx.db.destroy();
	}
}

const LETTERS = 'ABCDEFGH';

async function answer(page: Page, choice: number[], multiple: boolean): Promise<void> {
	for (const i of choice) await page.getByRole('button', { name: `Đáp án ${LETTERS[i]}` }).click();
	if (multiple) await page.getByRole('button', { name: 'Gửi' }).click();
	await expect(page.getByRole('heading', { name: 'Đã gửi câu trả lời' })).toBeVisible();
}

test('a host runs a two-question game for a screen and two phones, then downloads the results', async ({ browser }) => {
	test.setTimeout(120_000);

	// The organizer creates the game in the studio and opens the console.
	const host = await (await browser.newContext()).newPage();
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	await host.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await host
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
	await host.getByRole('link', { name: 'Trò chơi trực tiếp' }).first().click();
	await host.getByLabel('Tên trò chơi').fill('Hội thi tuyên truyền viên E2E');
	await host.getByLabel('Chọn ngẫu nhiên trong ngân hàng câu hỏi').check();
	await host.getByLabel('Số câu hỏi').fill('2');
	await host.getByLabel('Thời gian mỗi câu (giây)').fill('60');
	await host.getByRole('button', { name: 'Tạo trò chơi' }).click();
	await expect(host).toHaveURL(/\/tro-choi\/[a-z0-9]+$/);
	const gameUrl = host.url();
	const gameId = gameUrl.split('/').pop()!;
	const key = await answerKey(gameId);
	expect(key).toHaveLength(2);
	const ctx = openServerDatabase();
	const game = await ctx.db.selectFrom('live_game').select(['pin']).where('id', '=', gameId).executeTakeFirstOrThrow();
	const types = await ctx.db
		.selectFrom('live_game_question')
		.select('type')
		.where('game_id', '=', gameId)
		.orderBy('position')
		.execute();
	await ctx.db.destroy();
	const pin = game.pin;

	await host.getByRole('link', { name: 'Mở bảng điều khiển' }).click();
	await expect(host.getByRole('heading', { name: /Điều khiển trò chơi/ })).toBeVisible();

	// The screen, public, shows the PIN; the players join from their phones.
	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	await expect(screen.getByText(pin.slice(0, 3)).first()).toBeVisible();

	const hoa = await phone(browser);
	const ca = await phone(browser);
	await joinWithNickname(hoa, pin, 'Hoa Sen');
	await joinWithNickname(ca, pin, 'Cá Heo');
	await expect(screen.getByText('Hoa Sen')).toBeVisible();
	await expect(screen.getByText('Cá Heo')).toBeVisible();
	// the host console: counts, who just joined, and the roster a page at a time, searchable
	await expect(host.getByRole('cell', { name: 'Cá Heo', exact: true })).toBeVisible();
	await expect(host.getByText('Vừa vào: Hoa Sen, Cá Heo')).toBeVisible();
	await expect(host.getByText('2 đang kết nối')).toBeVisible();
	await host.getByRole('searchbox', { name: 'Tìm người chơi' }).fill('ca heo');
	await expect(host.getByRole('cell', { name: 'Hoa Sen', exact: true })).toBeHidden();
	await expect(host.getByRole('cell', { name: 'Cá Heo', exact: true })).toBeVisible();
	await host.getByRole('searchbox', { name: 'Tìm người chơi' }).fill('');
	await expect(host.getByRole('cell', { name: 'Hoa Sen', exact: true })).toBeVisible();
	expect((await new AxeBuilder({ page: hoa }).analyze()).violations).toEqual([]);

	for (const [position, correct] of key.entries()) {
		const multiple = types[position].type === 'multiple';
		const command = position === 0 ? 'Bắt đầu' : 'Câu tiếp theo';
		await host.getByRole('button', { name: command, exact: true }).click();
		await expect(hoa.getByRole('heading', { name: `Câu ${position + 1}/2` })).toBeVisible();
		await expect(screen.getByText(new RegExp(`Câu ${position + 1}\\s*/\\s*2`)).first()).toBeVisible();

		// Hoa answers right, Cá Heo picks an option that is not right.
		await answer(hoa, correct, multiple);
		const wrong = [0, 1, 2, 3].find((i) => !correct.includes(i))!;
		await answer(ca, [wrong], multiple);

		await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
		await expect(hoa.getByRole('heading', { name: 'Chính xác!' })).toBeVisible();
		await expect(ca.getByRole('heading', { name: 'Chưa chính xác' })).toBeVisible();
		await host.getByRole('button', { name: 'Bảng xếp hạng', exact: true }).click();
		await expect(screen.getByText('Hoa Sen')).toBeVisible();
	}
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);

	// After the last question the next step is the podium.
	await host.getByRole('button', { name: /Đến phần vinh danh|Câu tiếp theo/ }).click();
	await expect(hoa.getByRole('heading', { name: 'Trò chơi kết thúc' })).toBeVisible();
	await expect(ca.getByRole('heading', { name: 'Trò chơi kết thúc' })).toBeVisible();
	await expect(screen.getByText('Hoa Sen').first()).toBeVisible();

	// The results, as the organizer downloads them.
	await host.goto(gameUrl);
	const [download] = await Promise.all([
		host.waitForEvent('download'),
		host.getByRole('link', { name: 'Tải kết quả (Excel)' }).click()
	]);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
	const ranking = workbook.getWorksheet('Xếp hạng')!;
	const rankingText = (row: number) => ranking.getRow(row).values!.toString();
	expect(rankingText(2)).toContain('Hoa Sen');
	expect(rankingText(3)).toContain('Cá Heo');
	// the studio's game page holds the key: its data is for the contest's organizers only
	const stranger = await browser.newContext();
	const data = await stranger.request.get(`${new URL(gameUrl).pathname}/__data.json?x-sveltekit-invalidated=0001`);
	expect(data.status()).toBe(403);
	const detail = workbook.getWorksheet('Chi tiết')!;
	// a header and one row per player per question
	expect(detail.actualRowCount).toBe(1 + 2 * 2);
});
