import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { insertQuestionBank } from '../../src/lib/server/demo/builders';
import { createGame } from '../../src/lib/server/live-games/game.service';
import { saveGameTeams } from '../../src/lib/server/live-games/teams.service';
import { demoContestId, logInThroughUi, openServerDatabase } from './support';

// The kinds beyond options in a team game (issue 16), in four browser contexts: the host's console,
// the screen and two phones, each in its own team. An ordering question and a typed one are
// answered on the phones (the answer forms load when their question arrives), the reveal shows the
// right order and the accepted answers on the phones and the screen, and the screen ranks the
// teams and ends on the team podium.

const RIGHT_ORDER = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Trình lãnh đạo ký', 'Trả kết quả'];

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
	return context.newPage();
}

async function joinWithNickname(page: Page, pin: string, nickname: string, team: string): Promise<void> {
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
	await nicknameForm.getByLabel('Đội của bạn').selectOption({ label: team });
	await nicknameForm.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(page.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
	await expect(page.getByText(`Đội: ${team}`)).toBeVisible();
}

/** A team game of the demo contest, hosted by the demo organizer: an ordering question, then a typed one. */
async function createKindsGame(): Promise<{ gameId: string; pin: string; contestId: string }> {
	const contestId = await demoContestId();
	const ctx = openServerDatabase();
	try {
		const organizer = await ctx.db
			.selectFrom('app_user')
			.select('id')
			.where('phone', '=', '0900000002')
			.executeTakeFirstOrThrow();
		const base = { topic: 'k', difficulty: 'easy' as const, explanation: '', legalReference: null, tags: [] };
		const bank = await insertQuestionBank(
			ctx.db,
			{
				name: `Các loại câu hỏi E2E ${Date.now()}`,
				topics: [{ code: 'k', name: 'Các loại' }],
				questions: [
					{
						...base,
						type: 'ordering',
						text: 'Sắp xếp các bước giải quyết thủ tục hành chính',
						options: RIGHT_ORDER.map((text) => ({ text, correct: false })),
						settings: { ordering: { scoring: 'all' } }
					},
					{
						...base,
						type: 'short_text',
						text: 'Cơ chế tiếp nhận và trả kết quả tại một nơi gọi là gì?',
						options: [{ text: 'Một cửa liên thông', correct: true }],
						settings: { text: { ignoreCase: true, ignoreDiacritics: true } }
					}
				]
			},
			Date.now()
		);
		const ids = await ctx.db
			.selectFrom('question')
			.select('id')
			.where('bank_id', '=', bank.bankId)
			.orderBy('position')
			.execute();
		// the studio's own service copies the questions (the organizer would pick them in its form)
		const created = await createGame(ctx, { id: organizer.id, role: 'admin' }, contestId, {
			title: 'Hội thi các loại câu hỏi E2E',
			scoring: 'speed',
			streakBonus: false,
			joinMode: 'nickname',
			lateJoin: true,
			screenOnly: false,
			timeLimitSeconds: 120,
			source: { kind: 'bank', bankId: bank.bankId, questionIds: ids.map((r) => r.id) }
		});
		if (!created.ok) throw new Error(`game refused: ${created.reason}`);
		// two named teams, scored by their members' mean (the studio's "Chia đội" card saves the same)
		const teams = await saveGameTeams(ctx, { id: organizer.id, role: 'admin' }, created.gameId, {
			mode: 'named',
			scoring: 'mean',
			teams: [
				{ name: 'Sông Hồng', stage: false },
				{ name: 'Sông Đà', stage: false }
			]
		});
		if (!teams.ok) throw new Error(`teams refused: ${teams.reason}`);
		return { gameId: created.gameId, pin: created.pin, contestId };
	} finally {
		await ctx.db.destroy();
	}
}

/** Taps the ordering's items in this order (each tap puts the item next), then sends. */
async function order(page: Page, items: readonly string[]): Promise<void> {
	const list = page.getByRole('list', { name: 'Thứ tự của bạn' });
	for (const text of items) await list.getByRole('button', { name: new RegExp(`^\\S* ?${text}$`) }).click();
	await expect(list.getByRole('listitem').first()).toContainText(items[0]);
	await page.getByRole('button', { name: 'Gửi', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Đã gửi câu trả lời' })).toBeVisible();
}

async function type(page: Page, text: string): Promise<void> {
	await page.getByLabel('Nhập câu trả lời').fill(text);
	await page.getByRole('button', { name: 'Gửi', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Đã gửi câu trả lời' })).toBeVisible();
	await expect(page.getByText(text, { exact: true })).toBeVisible();
}

test('a team game: an ordering and a typed question on two phones and the screen, then the team standings and podium', async ({
	browser
}) => {
	test.setTimeout(180_000);
	const { gameId, pin, contestId } = await createKindsGame();

	const host = await (await browser.newContext()).newPage();
	await logInThroughUi(host, '0900000002', 'bantochuc2026', '/studio');
	await host.goto(`/studio/cuoc-thi/${contestId}/tro-choi/${gameId}/dieu-khien`);
	await expect(host.getByRole('heading', { name: /Điều khiển trò chơi/ })).toBeVisible();

	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	await expect(screen.getByText(pin.slice(0, 3)).first()).toBeVisible();

	const hoa = await phone(browser);
	const ca = await phone(browser);
	await joinWithNickname(hoa, pin, 'Hoa Sữa', 'Sông Hồng');
	await joinWithNickname(ca, pin, 'Cá Chép', 'Sông Đà');
	await expect(screen.getByText('Cá Chép')).toBeVisible();

	// ── the ordering: items shown shuffled; Hoa taps them in the right order, Cá in the reverse one
	await host.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Câu 1/2' })).toBeVisible();
	await expect(screen.getByText('Sắp xếp các mục theo đúng thứ tự')).toBeVisible();
	await expect(hoa.getByText('Chạm các mục theo đúng thứ tự', { exact: false })).toBeVisible();
	expect((await new AxeBuilder({ page: hoa }).analyze()).violations).toEqual([]);
	// the Up/Down buttons move an item, and starting again puts the list back
	const items = hoa.getByRole('list', { name: 'Thứ tự của bạn' }).getByRole('listitem');
	const first = (await items.first().locator('.text').innerText()).trim();
	await items
		.first()
		.getByRole('button', { name: `Đưa “${first}” xuống dưới` })
		.click();
	await expect(items.nth(1)).toContainText(first);
	await hoa.getByRole('button', { name: 'Sắp lại từ đầu' }).click();
	await expect(items.first()).toContainText(first);
	await order(hoa, RIGHT_ORDER);
	await order(ca, [...RIGHT_ORDER].reverse());
	await expect(screen.getByText(/^2$/).first()).toBeVisible();

	await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Chính xác!' })).toBeVisible();
	await expect(ca.getByRole('heading', { name: 'Chưa chính xác' })).toBeVisible();
	const rightOrder = ca.locator('.key-list li');
	await expect(rightOrder).toHaveText(RIGHT_ORDER);
	await expect(screen.getByRole('heading', { name: 'Thứ tự đúng' })).toBeVisible();
	await expect(screen.locator('ol.order li')).toHaveText(RIGHT_ORDER);
	await expect(screen.getByText('1 người chơi sắp xếp đúng hoàn toàn (50%)')).toBeVisible();

	// ── the typed answer: compared folded on the server
	await host.getByRole('button', { name: 'Câu tiếp theo', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Câu 2/2' })).toBeVisible();
	await expect(screen.getByText('Nhập câu trả lời')).toBeVisible();
	await type(hoa, 'mot cua lien thong');
	await type(ca, 'Không biết');
	await host.getByRole('button', { name: 'Hiện đáp án', exact: true }).click();
	await expect(hoa.getByRole('heading', { name: 'Chính xác!' })).toBeVisible();
	await expect(ca.getByRole('heading', { name: 'Chưa chính xác' })).toBeVisible();
	await expect(ca.getByText('Một cửa liên thông')).toBeVisible();
	await expect(screen.getByRole('heading', { name: 'Đáp án được chấp nhận' })).toBeVisible();
	// the most typed answers, counted folded and shown as typed, the accepted one marked
	await expect(screen.locator('ul.typed li.right')).toContainText('mot cua lien thong');
	await expect(screen.locator('ul.typed li:not(.right)')).toContainText('Không biết');
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);

	// ── the teams: Hoa's Sông Hồng answered both right, Cá's Sông Đà neither
	await host.getByRole('button', { name: 'Bảng xếp hạng', exact: true }).click();
	const standings = screen.getByRole('table', { name: 'Xếp hạng đội' });
	await expect(standings.getByRole('row').nth(1)).toContainText('Sông Hồng');
	await expect(standings.getByRole('row').nth(2)).toContainText('Sông Đà');
	await host.getByRole('button', { name: /Đến phần vinh danh/ }).click();
	const podium = screen.getByRole('region', { name: 'Đội dẫn đầu' });
	await expect(podium.getByRole('listitem').filter({ hasText: 'Sông Hồng' })).toContainText('Hạng 1');
	await expect(hoa.getByText('Đội Sông Hồng xếp thứ 1/2')).toBeVisible();
	await expect(ca.getByText('Đội Sông Đà xếp thứ 2/2')).toBeVisible();
	expect((await new AxeBuilder({ page: screen }).analyze()).violations).toEqual([]);
});
