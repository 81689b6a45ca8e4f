import { expect, test, type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import { newId } from '../../src/lib/server/ids';
import { insertGame } from '../../src/lib/server/live-games/game.repository';
import { writeXlsx } from '../../src/lib/server/questions/xlsx';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';
import { logInThroughUi, openServerDatabase } from './support';

// A question with a picture, from the organizer's workbook to a contestant's phone and the stage:
// imported from the Excel template with the picture placed in its row, given an option picture in
// the editor (refused without its description first), drawn in an attempt, shown in a live game.

const QUESTION = 'Biểu trưng nào dưới đây là của ứng dụng định danh điện tử quốc gia?';
const ALT = 'Biểu trưng ứng dụng VNeID màu đỏ';
const OPTION_ALT = 'Biểu trưng hình khiên màu xanh';

const picture = (r: number, g: number, b: number, width: number, height: number) =>
	sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
		.png()
		.toBuffer();

/** The workbook an organizer fills in: one multiple-choice question, its picture in its row. */
async function workbook(): Promise<Buffer> {
	const question: ImportedQuestion = {
		topic: 'Chủ đề B',
		type: 'multiple',
		text: QUESTION,
		options: [
			{ text: 'Biểu trưng thứ nhất', correct: true },
			{ text: 'Biểu trưng thứ hai', correct: true },
			{ text: 'Biểu trưng thứ ba', correct: false }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: [],
		image: { name: 'vneid.png', alt: ALT, media: 'vneid', line: 0 }
	};
	const png = await picture(200, 20, 20, 2400, 1200);
	return writeXlsx([question], new Map([['vneid', { png, width: 2400, height: 1200 }]]));
}

/** A picture on the page that the browser loaded and decoded, served by its content hash. */
async function expectPicture(page: Page, alt: string): Promise<void> {
	const img = page.getByRole('img', { name: alt }).first();
	await expect(img).toBeVisible();
	await expect(img).toHaveAttribute('src', /^\/media\/[0-9a-f]{64}$/);
	await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
}

async function phone(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 360, height: 720 }, isMobile: true, hasTouch: true });
	return context.newPage();
}

test('a question with a picture goes from the workbook and the editor to a contestant, the screen and a phone', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	const contestantPhone = `097${String(now % 10_000_000).padStart(7, '0')}`;
	await createContestant(ctx, fixture, { phone: contestantPhone });
	const bank = await ctx.db
		.selectFrom('blueprint_item')
		.innerJoin('round', 'round.id', 'blueprint_item.round_id')
		.select('blueprint_item.bank_id')
		.where('round.id', '=', fixture.roundId)
		.executeTakeFirstOrThrow();
	const bankId = bank.bank_id;

	// The organizer imports the workbook: the picture comes along with its description.
	await logInThroughUi(page, '0900000001', 'quantri2026', '/studio');
	await page.goto(`/studio/ngan-hang/${bankId}/nhap`);
	await page
		.getByLabel('Tệp câu hỏi')
		.setInputFiles({ name: 'cau-hoi-co-anh.xlsx', mimeType: 'application/octet-stream', buffer: await workbook() });
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByRole('heading', { name: 'Kết quả kiểm tra' })).toBeVisible();
	await page.getByRole('button', { name: 'Nhập 1 câu hỏi' }).click();
	await expect(page.getByText('Đã nhập 1 câu hỏi.')).toBeVisible();
	const imported = await ctx.db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question.id', 'question_version.image_media_id', 'question_version.image_alt'])
		.where('question.bank_id', '=', bankId)
		.where('question_version.text', '=', QUESTION)
		.executeTakeFirstOrThrow();
	expect(imported.image_alt).toBe(ALT);
	// the round's one medium question of topic B is drawn from this one alone
	await ctx.db
		.updateTable('question')
		.set({ status: 'retired' })
		.where('bank_id', '=', bankId)
		.where('type', '=', 'multiple')
		.where('id', '!=', imported.id)
		.execute();

	// In the editor: the imported picture, and a picture for option B, refused until it is described.
	await page.goto(`/studio/ngan-hang/${bankId}/cau-hoi/${imported.id}`);
	await expectPicture(page, ALT);
	await page.getByText('Ảnh cho phương án B').first().click();
	await page
		.getByLabel('Ảnh cho phương án B', { exact: true })
		.setInputFiles({ name: 'khien.png', mimeType: 'image/png', buffer: await picture(20, 60, 200, 300, 300) });
	// the phone preview shows it before it is uploaded
	await expect(page.locator('figure.phone img').nth(1)).toHaveAttribute('src', /^blob:/);
	await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
	await expect(page.getByText('Ảnh của một phương án chưa có mô tả: hãy nhập mô tả cho ảnh đó.').first()).toBeVisible();
	// the upload was kept: only the description is missing
	const optionImage = page.locator('#option-image-1-alt');
	await optionImage.fill(OPTION_ALT);
	await page.getByRole('button', { name: 'Lưu câu hỏi' }).click();
	await expect(page.getByText(/Đã lưu \(phiên bản 2\)/)).toBeVisible();
	await expectPicture(page, OPTION_ALT);
	// the studio's field layout: each description under its label, as wide as the picture's file
	// field; "Bỏ ảnh" a small checkbox on its label's line
	for (const id of ['image', 'option-image-1']) {
		const label = (await page.locator(`label[for="${id}-alt"]`).boundingBox())!;
		const input = (await page.locator(`#${id}-alt`).boundingBox())!;
		const file = (await page.locator(`#${id}`).boundingBox())!;
		expect(input.y).toBeGreaterThanOrEqual(label.y + label.height - 1);
		expect(input.width).toBeGreaterThan(file.width - 2);
	}
	const remove = page.getByRole('checkbox', { name: 'Bỏ ảnh' }).nth(1);
	const removeBox = (await remove.boundingBox())!;
	const removeLabel = (await remove.locator('xpath=..').boundingBox())!;
	expect(removeBox.width).toBeLessThan(30);
	expect(removeLabel.height).toBeLessThan(60);

	// A contestant's attempt: the question with its picture, option B with its own.
	const contestant = await phone(browser);
	await logInThroughUi(contestant, contestantPhone);
	await contestant.goto(`/cuoc-thi/${fixture.slug}/dot-thi/1`);
	await contestant.getByRole('button', { name: /Bắt đầu làm bài/ }).click();
	await expect(contestant).toHaveURL(/\/lam-bai\//);
	for (let i = 0; i < 5; i++) {
		if (await contestant.getByText(QUESTION).isVisible()) break;
		await contestant.getByRole('button', { name: /Câu sau/ }).click();
	}
	await expect(contestant.getByText(QUESTION)).toBeVisible();
	await expectPicture(contestant, ALT);
	await expectPicture(contestant, OPTION_ALT);

	// A live game with the question: the screen and a phone show both pictures.
	const version = await ctx.db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(['question_version.id', 'question_version.options_json'])
		.where('question.id', '=', imported.id)
		.executeTakeFirstOrThrow();
	const admin = await ctx.db
		.selectFrom('app_user')
		.select('id')
		.where('phone', '=', '0900000001')
		.executeTakeFirstOrThrow();
	const gameId = newId();
	const pin = String(100000 + (now % 900000));
	await insertGame(
		ctx.db,
		{
			id: gameId,
			contest_id: fixture.contestId,
			title: 'Hội thi có ảnh',
			pin,
			host_user_id: admin.id,
			scoring: 'accuracy',
			join_mode: 'both',
			source: 'bank',
			created_by: admin.id,
			created_at: now,
			updated_at: now
		},
		[
			{
				game_id: gameId,
				position: 0,
				question_id: imported.id,
				question_version_id: version.id,
				type: 'multiple',
				text: QUESTION,
				options_json: version.options_json,
				time_limit_ms: 60_000,
				points: 1000
			}
		]
	);
	await ctx.db.destroy();
	await page.goto(`/studio/cuoc-thi/${fixture.contestId}/tro-choi/${gameId}/dieu-khien`);
	const screen = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
	await screen.goto(`/tro-choi/${gameId}/man-hinh`);
	const player = await phone(browser);
	await player.goto(`/choi?pin=${pin}`);
	const nicknameForm = player.locator('form', { has: player.getByLabel('Biệt danh') });
	await player.getByLabel('Biệt danh').fill('Hoa Sen');
	await nicknameForm.getByRole('combobox', { name: 'Đơn vị' }).fill('Hà Khánh');
	await nicknameForm
		.getByRole('option', { name: /^Phường Hà Khánh/ })
		.first()
		.click();
	await nicknameForm.getByRole('button', { name: 'Vào chơi' }).click();
	await expect(player.getByRole('heading', { name: 'Bạn đã vào!' })).toBeVisible();
	await page.getByRole('button', { name: 'Bắt đầu', exact: true }).click();
	await expect(screen.getByText(QUESTION)).toBeVisible();
	await expectPicture(screen, ALT);
	await expectPicture(screen, OPTION_ALT);
	await expect(player.getByText(QUESTION)).toBeVisible();
	await expectPicture(player, ALT);
	await expectPicture(player, OPTION_ALT);
});
