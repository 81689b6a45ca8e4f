import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { logInThroughUi, openServerDatabase } from './support';

// A team game in real browsers (issue 16): the organizer names two teams in the studio, two phones
// join one team each, the screen ranks the teams after the question and ends on the team podium,
// each phone learns its team's place, and the results workbook has a team sheet.

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
	return context.newPage();
}

async function joinTeam(page: Page, pin: string, nickname: string, team: string): Promise<void> {
	await page.goto(`/choi?pin=${pin}`);
	await expect(page).toHaveURL(/\/choi\/[a-z0-9]+$/);
	await page.getByLabel('Biệt danh').fill(nickname);
	const form = page.locator('form', { has: page.getByLabel('Biệt danh') });
	await form.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await form
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.filter({ hasText: 'Tỉnh Quảng Ninh' })
		.first()
		.click();
	await form.getByLabel('Đội của bạn').selectOption({ label: team });
	await form.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(page.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
	await expect(page.getByText(`Đội: ${team}`)).toBeVisible();
}

async function answerKey(gameId: string): Promise<{ correct: number[]; multiple: boolean; pin: string }> {
	const ctx = openServerDatabase();
	try {
		const q = await ctx.db
			.selectFrom('live_game_question')
			.select(['options_json', 'type'])
			.where('game_id', '=', gameId)
			.where('position', '=', 0)
			.executeTakeFirstOrThrow();
		const { pin } = await ctx.db
			.selectFrom('live_game')
			.select('pin')
			.where('id', '=', gameId)
			.executeTakeFirstOrThrow();
		const correct = (JSON.parse(q.options_json) as { correct: boolean }[]).flatMap((o, i) => (o.correct ? [i] : []));
		return { correct, multiple: q.type === 'multiple', pin };
	} finally {
		await ctx.db.destroy();
	}
}

async function answer(page: Page, choice: number[], multiple: boolean): Promise<void> {
	for (const i of choice) await page.getByRole('button', { name: `Đáp án ${'ABCDEFGH'[i]}` }).click();
	if (multiple) await page.getByRole('button', { name: 'Gửi' }).click();
	await expect(page.getByRole('heading', { name: 'Đã gửi câu trả lời' })).toBeVisible();
}

test('a team game: two phones in two teams, the screen ranks the teams and ends on the team podium', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const host = await (await browser.newContext()).newPage();
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	await host.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await host
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
	await host.getByRole('link', { name: 'Trò chơi trực tiếp' }).first().click();
	await host.getByLabel('Tên trò chơi').fill('Hội thi đồng đội E2E');
	await host.getByLabel('Chọn ngẫu nhiên trong ngân hàng câu hỏi').check();
	await host.getByLabel('Số câu hỏi').fill('1');
	await host.getByLabel('Thời gian mỗi câu (giây)').fill('60');
	await host.getByRole('button', { name: 'Tạo trò chơi' }).click();
	await expect(host).toHaveURL(/\/tro-choi\/[a-z0-9]+$/);
	const gameUrl = host.url();
	const gameId = gameUrl.split('/').pop()!;
	const { correct, multiple, pin } = await answerKey(gameId);

	// The studio: named teams, scored by the mean of their members.
	const teams = host.getByRole('region', { name: 'Chia đội' });
	await teams.getByRole('radio', { name: /^Các đội do ban tổ chức đặt tên/ }).check();
	await teams.getByRole('radio', { name: /^Trung bình điểm các thành viên/ }).check();
	await teams.getByRole('textbox', { name: 'Tên đội 1' }).fill('Sông Hồng');
	await teams.getByRole('textbox', { name: 'Tên đội 2' }).fill('Sông Đà');
	await teams.getByRole('button', { name: 'Lưu cách chia đội' }).click();
	await expect(teams.getByText('Đã lưu cách chia đội.')).toBeVisible();
	expect((await new AxeBuilder({ page: host }).include('main').analyze()).violations).toEqual([]);

	await host.getByRole('link', { name: 'Mở bảng điều khiển' }).click();
	const console_ = host.getByRole('region', { name: 'Xếp hạng đội' });
	await expect(console_).toBeVisible();

	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	const hoa = await phone(browser);
	const ca = await phone(browser);
	await joinTeam(hoa, pin, 'Hoa Sen', 'Sông Hồng');
	await joinTeam(ca, pin, 'Cá Heo', 'Sông Đà');
	await expect(screen.getByText('Cá Heo')).toBeVisible();
	// the console counts each team's players from the lobby on
	await expect(console_.getByRole('row', { name: /Sông Hồng\s*1/ })).toBeVisible();
	await expect(console_.getByRole('row', { name: /Sông Đà\s*1/ })).toBeVisible();

	// One question: Hoa answers right, Cá Heo wrong; then the standings between questions.
	await host.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Câu 1/1' })).toBeVisible();
	await answer(hoa, correct, multiple);
	await answer(ca, [[0, 1, 2, 3].find((i) => !correct.includes(i))!], multiple);
	await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Chính xác!' })).toBeVisible();
	await host.getByRole('button', { name: 'Bảng xếp hạng', exact: true }).click();
	const standings = screen.getByRole('table', { name: 'Xếp hạng đội' });
	await expect(standings).toBeVisible();
	await expect(standings.getByRole('row').nth(1)).toContainText('Sông Hồng');
	await expect(standings.getByRole('row').nth(2)).toContainText('Sông Đà');
	await expect(screen.getByText('Điểm đội là trung bình điểm các thành viên.')).toBeVisible();
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);

	// The podium: the teams on the steps; each phone learns its team's place.
	await host.getByRole('button', { name: /Đến phần vinh danh|Câu tiếp theo/ }).click();
	const podium = screen.getByRole('region', { name: 'Đội dẫn đầu' });
	await expect(podium.getByRole('listitem').filter({ hasText: 'Sông Hồng' })).toContainText('Hạng 1');
	await expect(podium.getByRole('listitem').filter({ hasText: 'Sông Đà' })).toContainText('Hạng 2');
	await expect(hoa.getByText('Đội Sông Hồng xếp thứ 1/2')).toBeVisible();
	await expect(ca.getByText('Đội Sông Đà xếp thứ 2/2')).toBeVisible();
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);
	expect((await new AxeBuilder({ page: hoa }).analyze()).violations).toEqual([]);

	// The results workbook has the team sheet.
	await host.goto(gameUrl);
	const [download] = await Promise.all([
		host.waitForEvent('download'),
		host.getByRole('link', { name: 'Tải kết quả (Excel)' }).click()
	]);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('Đội')!;
	expect(sheet.getRow(2).values!.toString()).toContain('Sông Hồng');
	expect(sheet.getRow(3).values!.toString()).toContain('Sông Đà');
});

test('a stage panel: a contestant joins a stage team with the code the console shows, the screen ranks the stage apart from the hall', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const host = await (await browser.newContext()).newPage();
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	await host.getByRole('link', { name: 'Cuộc thi', exact: true }).click();
	await host
		.getByRole('link', { name: /Tìm hiểu cải cách hành chính/ })
		.first()
		.click();
	await host.getByRole('link', { name: 'Trò chơi trực tiếp' }).first().click();
	await host.getByLabel('Tên trò chơi').fill('Hội thi sân khấu E2E');
	await host.getByLabel('Chọn ngẫu nhiên trong ngân hàng câu hỏi').check();
	await host.getByLabel('Số câu hỏi').fill('1');
	await host.getByLabel('Thời gian mỗi câu (giây)').fill('60');
	await host.getByRole('button', { name: 'Tạo trò chơi' }).click();
	await expect(host).toHaveURL(/\/tro-choi\/[a-z0-9]+$/);
	const gameId = host.url().split('/').pop()!;
	const { correct, multiple, pin } = await answerKey(gameId);

	// Three stage teams and one team for the hall.
	const teams = host.getByRole('region', { name: 'Chia đội' });
	await teams.getByRole('radio', { name: /^Các đội do ban tổ chức đặt tên/ }).check();
	await teams.getByRole('button', { name: 'Thêm đội' }).click();
	await teams.getByRole('button', { name: 'Thêm đội' }).click();
	for (const [i, name] of ['Đội Bạch Đằng', 'Đội Chi Lăng', 'Đội Đống Đa', 'Khán giả'].entries()) {
		await teams.getByRole('textbox', { name: `Tên đội ${i + 1}` }).fill(name);
		if (i < 3) await teams.getByRole('checkbox', { name: 'Thi trên sân khấu' }).nth(i).check();
	}
	await teams.getByRole('button', { name: 'Lưu cách chia đội' }).click();
	await expect(teams.getByText('Đã lưu cách chia đội.')).toBeVisible();

	// The console lists the codes; the contestant of Bạch Đằng types the first one.
	await host.getByRole('link', { name: 'Mở bảng điều khiển' }).click();
	const codes = host.getByRole('list', { name: 'Mã đội trên sân khấu' });
	await expect(codes.getByRole('listitem')).toHaveCount(3);
	const code = (await codes
		.getByRole('listitem')
		.filter({ hasText: 'Đội Bạch Đằng' })
		.locator('strong')
		.textContent())!;
	expect(code).toMatch(/^\d{4}$/);

	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	const tablet = await phone(browser);
	await tablet.goto(`/choi?pin=${pin}`);
	await expect(tablet).toHaveURL(/\/choi\/[a-z0-9]+$/);
	await tablet.getByLabel('Biệt danh').fill('Bạch Đằng');
	const form = tablet.locator('form', { has: tablet.getByLabel('Biệt danh') });
	await form.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await form
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.filter({ hasText: 'Tỉnh Quảng Ninh' })
		.first()
		.click();
	// the stage teams are not in the hall's list
	await expect(form.getByLabel('Đội của bạn').getByRole('option')).toHaveText(['— Chọn đội —', 'Khán giả']);
	await form.getByLabel(/^Mã đội trên sân khấu/).fill('0000' === code ? '0001' : '0000');
	await form.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(tablet.getByText('Mã đội trên sân khấu không đúng.', { exact: false })).toBeVisible();
	await form.getByLabel(/^Mã đội trên sân khấu/).fill(code);
	await form.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(tablet.getByText('Đội: Đội Bạch Đằng')).toBeVisible();
	const hall = await phone(browser);
	await joinTeam(hall, pin, 'Người Xem', 'Khán giả');

	await host.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(tablet.getByRole('heading', { name: 'Câu 1/1' })).toBeVisible();
	await answer(tablet, correct, multiple);
	await answer(hall, correct, multiple);
	await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
	await host.getByRole('button', { name: 'Bảng xếp hạng', exact: true }).click();
	const stage = screen.getByRole('table', { name: 'Các đội thi trên sân khấu' });
	await expect(stage.getByRole('row').nth(1)).toContainText('Đội Bạch Đằng');
	await expect(stage.getByRole('row')).toHaveCount(4);
	await expect(screen.getByRole('table', { name: 'Khán giả: xếp hạng đội' })).toContainText('Khán giả');
	// the hall's own players: the stage contestant is not among them
	const hallPlayers = screen.getByRole('region', { name: 'Khán giả: cá nhân' });
	await expect(hallPlayers).toContainText('Người Xem');
	await expect(hallPlayers).not.toContainText('Bạch Đằng');
	await expect(screen.getByText(code)).toHaveCount(0);
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);

	await host.getByRole('button', { name: /Đến phần vinh danh|Câu tiếp theo/ }).click();
	const podium = screen.getByRole('region', { name: 'Các đội trên sân khấu' });
	await expect(podium.getByRole('listitem').filter({ hasText: 'Đội Bạch Đằng' })).toContainText('Hạng 1');
	await expect(tablet.getByText('Đội Đội Bạch Đằng xếp thứ 1/3')).toBeVisible();
	await expect(hall.getByText('Đội Khán giả xếp thứ 1/1')).toBeVisible();
});
