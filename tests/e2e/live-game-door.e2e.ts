import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { logInThroughUi, openServerDatabase } from './support';

// The live game's door and the host's extra time in real browsers (issue 16): the host locks the
// door (a phone is refused, then gets in once it is unlocked), asks for an employee number that
// only the console shows, and gives everyone 30 seconds more during a question.

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
	return context.newPage();
}

async function fillJoin(page: Page, pin: string, nickname: string, identifier?: string): Promise<void> {
	await page.goto(`/choi?pin=${pin}`);
	await expect(page).toHaveURL(/\/choi\/[a-z0-9]+$/);
	await page.getByLabel('Biệt danh').fill(nickname);
	const form = page.locator('form', { has: page.getByLabel('Biệt danh') });
	if (identifier !== undefined) await form.getByLabel('Mã nhân viên').fill(identifier);
	await form.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await form
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.filter({ hasText: 'Tỉnh Quảng Ninh' })
		.first()
		.click();
	await form.getByRole('button', { name: 'Vào chơi' }).click();
}

async function gameRow(gameId: string) {
	const ctx = openServerDatabase();
	try {
		return await ctx.db.selectFrom('live_game').selectAll().where('id', '=', gameId).executeTakeFirstOrThrow();
	} finally {
		await ctx.db.destroy();
	}
}

test('the host locks the door, asks for an employee number and gives everyone more time', async ({ browser }) => {
	test.setTimeout(120_000);
	const host = await (await browser.newContext()).newPage();
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	await host.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await host
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
	await host.getByRole('link', { name: 'Trò chơi trực tiếp' }).first().click();
	await host.getByLabel('Tên trò chơi').fill('Trò chơi cửa vào E2E');
	await host.getByLabel('Chọn ngẫu nhiên trong ngân hàng câu hỏi').check();
	await host.getByLabel('Số câu hỏi').fill('1');
	await host.getByLabel('Thời gian mỗi câu (giây)').fill('60');
	await host.getByRole('button', { name: 'Tạo trò chơi' }).click();
	await expect(host).toHaveURL(/\/tro-choi\/[a-z0-9]+$/);
	const gameId = host.url().split('/').pop()!;
	const { pin } = await gameRow(gameId);
	await host.getByRole('link', { name: 'Mở bảng điều khiển' }).click();
	const door = host.getByRole('region', { name: 'Cửa vào' });
	await expect(door).toBeVisible();

	// Locked: a phone is told so; the console counts the refusal.
	await door.getByRole('button', { name: 'Khóa cửa vào' }).click();
	await expect(door.getByText('Đã khóa: không ai vào thêm được.')).toBeVisible();
	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	await expect(screen.getByText('Đã khóa cửa vào')).toBeVisible();
	const lan = await phone(browser);
	await fillJoin(lan, pin, 'Hoa Lan');
	await expect(lan.getByText('Người dẫn đã khóa cửa vào')).toBeVisible();
	await expect(door.getByText(/Đã từ chối: 1 khi khóa/)).toBeVisible();

	// Unlocked, with an employee number asked: the phone (reloaded) asks for it; only the console shows it.
	await door.getByRole('button', { name: 'Mở khóa' }).click();
	await expect(door.getByText('Đang mở: người chơi mới vào được.')).toBeVisible();
	await door.getByLabel('Hỏi mã định danh khi vào').fill('Mã nhân viên');
	await door.getByRole('button', { name: 'Lưu' }).nth(1).click();
	await expect(door.getByText('Đã lưu.')).toBeVisible();
	await fillJoin(lan, pin, 'Hoa Lan', '');
	await expect(lan.getByText('Vui lòng nhập Mã nhân viên.')).toBeVisible();
	await lan.getByLabel('Mã nhân viên').fill('NV-0042');
	await lan.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(lan.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
	await expect(host.getByRole('columnheader', { name: 'Mã nhân viên' })).toBeVisible();
	await expect(host.getByRole('cell', { name: 'NV-0042' })).toBeVisible();
	await expect(door.getByText('Vào trong một phút qua: 1')).toBeVisible();
	await expect(screen.getByText('Hoa Lan')).toBeVisible();
	await expect(screen.getByText('NV-0042')).toHaveCount(0);
	expect((await new AxeBuilder({ page: host }).analyze()).violations).toEqual([]);
	expect((await new AxeBuilder({ page: lan }).analyze()).violations).toEqual([]);

	// A question: 30 seconds more for everyone, the server's deadline moves, the phone follows.
	await host.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(lan.getByRole('heading', { name: 'Câu 1/1' })).toBeVisible();
	const before = (await gameRow(gameId)).deadline_at!;
	await host.getByRole('button', { name: '+30 giây' }).click();
	await expect.poll(async () => (await gameRow(gameId)).deadline_at).toBe(before + 30_000);
	// the phone's countdown now shows more than the question's own minute
	await expect
		.poll(async () => Number((await lan.getByRole('timer').first().textContent())?.match(/\d+/)?.[0] ?? 0))
		.toBeGreaterThan(60);

	// The screen reads the question aloud on request (or says the device has no Vietnamese voice).
	await screen.getByRole('button', { name: 'Đọc câu hỏi' }).click();
	await expect(
		screen.getByRole('button', { name: 'Dừng đọc' }).or(screen.getByText('Máy này không có giọng đọc tiếng Việt.'))
	).toBeVisible();
});
