import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createContestant, createFixtureContest, type Fixture } from '../helpers/fixtures';
import { DEMO_SLUG, freshPhone, logInThroughUi, openServerDatabase, startAttempt } from './support';

// The pages a contestant opens from a Zalo link, on a 360×740 phone.
const PHONE = { width: 360, height: 740 };

const FILLER =
	'Theo quy định hiện hành về thủ tục hành chính, cán bộ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính ' +
	'công phải kiểm tra tính đầy đủ, hợp lệ của hồ sơ, hướng dẫn người dân bổ sung một lần duy nhất bằng ' +
	'văn bản, cập nhật trạng thái trên Hệ thống thông tin giải quyết thủ tục hành chính và trả kết quả đúng ' +
	'hẹn; trường hợp quá hạn phải có văn bản xin lỗi nêu rõ lý do và thời hạn trả kết quả mới. ';

/** A fixture round whose questions, options and prediction question fill several screens. */
async function longQuestionRound(): Promise<{ fixture: Fixture; phone: string }> {
	const ctx = openServerDatabase();
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - 60_000, closesAt: now + 3_600_000 });
	const bankIds = ctx.db.selectFrom('blueprint_item').select('bank_id').where('round_id', '=', fixture.roundId);
	const versions = await ctx.db
		.selectFrom('question_version')
		.innerJoin('question', 'question.id', 'question_version.question_id')
		.select(['question_version.id', 'question_version.options_json'])
		.where('question.bank_id', 'in', bankIds)
		.execute();
	for (const [i, version] of versions.entries()) {
		const options = (JSON.parse(version.options_json) as { text: string }[]).map((o) => ({
			...o,
			text: `${o.text}: ${FILLER.slice(0, 160)}`
		}));
		await ctx.db
			.updateTable('question_version')
			.set({ text: `Câu hỏi dài ${i + 1}. ${FILLER.repeat(2)}`, options_json: JSON.stringify(options) })
			.where('id', '=', version.id)
			.execute();
	}
	await ctx.db
		.updateTable('round')
		.set({ prediction_question: `${FILLER}Bao nhiêu người trả lời đúng tất cả các câu hỏi của đợt thi này?` })
		.where('id', '=', fixture.roundId)
		.execute();
	const phone = freshPhone();
	await createContestant(ctx, fixture, { phone, fullName: 'Nguyễn Thị Thanh Hương' });
	await ctx.db.destroy();
	return { fixture, phone };
}

/** The new question starts below the pinned timer bar, on screen, and its heading has the focus. */
async function expectQuestionShown(page: Page, start: Locator, heading: Locator): Promise<void> {
	const bar = page.locator('.topbar');
	const barBottom = async (): Promise<number> => {
		const box = await bar.boundingBox();
		return box!.y + box!.height;
	};
	// Where the new question starts, relative to the bar's bottom edge: ≥ 0 is below it.
	await expect.poll(async () => (await start.boundingBox())!.y - (await barBottom())).toBeGreaterThanOrEqual(0);
	expect((await start.boundingBox())!.y).toBeLessThan(PHONE.height - 40);
	await expect(heading).toBeFocused();
	const box = await heading.boundingBox();
	expect(box!.y).toBeGreaterThanOrEqual(await barBottom());
	expect(box!.y).toBeLessThan(PHONE.height);
}

test('on a phone, the next question, a jump from the navigator and the prediction open at their heading', async ({
	page
}) => {
	await page.setViewportSize(PHONE);
	const { fixture, phone } = await longQuestionRound();
	await logInThroughUi(page, phone);
	await startAttempt(page, `/cuoc-thi/${fixture.slug}/dot-thi/1`);

	// "Câu sau" lies below a long question: reaching it scrolls the page well past the bar.
	await page.getByRole('button', { name: /Câu sau/ }).click();
	await expectQuestionShown(
		page,
		page.getByText(/^Câu 2\/5$/),
		page.getByRole('heading', { level: 2, name: /^Câu 2\/5/ })
	);

	// The navigator sits below the question on a phone.
	await page.getByRole('button', { name: /^Câu 5\/5/ }).click();
	await expectQuestionShown(
		page,
		page.getByText(/^Câu 5\/5$/),
		page.getByRole('heading', { level: 2, name: /^Câu 5\/5/ })
	);

	await page.getByRole('button', { name: /Đến câu dự đoán/ }).click();
	const prediction = page.getByRole('heading', { level: 2, name: 'Câu hỏi dự đoán' });
	await expectQuestionShown(page, prediction, prediction);

	await page.getByRole('button', { name: /^Câu 3\/5/ }).click();
	await expectQuestionShown(
		page,
		page.getByText(/^Câu 3\/5$/),
		page.getByRole('heading', { level: 2, name: /^Câu 3\/5/ })
	);

	// The attempt page has one h1 (the round), visually the bar's title.
	await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tuần thi thứ 1');
});

async function expectNoA11yViolations(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page }).analyze();
	expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/**
 * Nothing scrolls sideways (page and table containers) and every cell shows all its content inside
 * its table: the time column is neither cut off nor behind a scroll region.
 */
async function expectTablesFit(page: Page): Promise<void> {
	const problems = await page.evaluate(async () => {
		// Measured in the page's own font, not a fallback with other widths.
		await document.fonts.ready;
		const found: string[] = [];
		const root = document.documentElement;
		if (root.scrollWidth > root.clientWidth) found.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
		for (const table of document.querySelectorAll('main table')) {
			const wrap = table.parentElement!;
			if (wrap.scrollWidth > wrap.clientWidth) found.push(`container ${wrap.scrollWidth} > ${wrap.clientWidth}`);
			const edge = wrap.getBoundingClientRect();
			for (const cell of table.querySelectorAll('tbody td')) {
				// A column a page folds into another on a phone (the winners' unit under the name).
				if (getComputedStyle(cell).display === 'none') continue;
				const box = cell.getBoundingClientRect();
				const text = cell.textContent?.trim() ?? '';
				if (text && (box.width === 0 || box.left < edge.left - 0.5 || box.right > edge.right + 0.5)) {
					found.push(`cell "${text}" outside ${Math.round(box.left)}–${Math.round(box.right)}`);
				}
				if (cell.scrollWidth > cell.clientWidth + 1) found.push(`cell "${text}" clipped`);
			}
		}
		return found;
	});
	expect(problems).toEqual([]);
}

/** Lines of text a cell takes. */
async function lineCount(cell: Locator): Promise<number> {
	return cell.evaluate((el) => {
		const style = getComputedStyle(el);
		return Math.round(
			(el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) /
				parseFloat(style.lineHeight)
		);
	});
}

test('at 360 px the leaderboard, the attempt history and the winners fit the phone, axe clean', async ({ page }) => {
	await page.setViewportSize(PHONE);
	// Nguyễn Văn Hùng, a demo contestant ranked in last week's round.
	await logInThroughUi(page, '0912000101', 'thisinh2026');
	const round = `/cuoc-thi/${DEMO_SLUG}/dot-thi/1`;

	await page.goto(`${round}/bang-xep-hang`);
	const board = page.getByRole('table');
	await expect(board.getByRole('row', { name: /Nguyễn Văn Hùng/ })).toBeVisible();
	await expectTablesFit(page);
	// Still a table to assistive technology, with its five column headers.
	await expect(board.getByRole('columnheader')).toHaveCount(5);
	for (const row of await board.locator('tbody tr').all()) {
		expect(await lineCount(row.locator('td').nth(1))).toBeLessThanOrEqual(2);
		expect(await lineCount(row.locator('td').nth(2))).toBeLessThanOrEqual(3);
	}
	await expectNoA11yViolations(page);

	// The round page lists the viewer's attempts; the result page does too.
	await page.goto(round);
	await expectTablesFit(page);
	await expectNoA11yViolations(page);
	await page.getByRole('link', { name: '#1' }).click();
	await expect(page).toHaveURL(/\/ket-qua\//);
	await expect(page.getByRole('table').getByRole('cell', { name: /Lượt được tính/ })).toBeVisible();
	await expectTablesFit(page);
	await expectNoA11yViolations(page);

	await page.goto(`${round}/giai-thuong`);
	await expect(page.getByRole('heading', { name: 'Giải cá nhân' })).toBeVisible();
	await expectTablesFit(page);
	await expectNoA11yViolations(page);
});

/** Rows of the site header: distinct tops of the brand, the links and the language switch. */
async function headerRows(page: Page): Promise<{ rows: number; height: number }> {
	return page.locator('header.site').evaluate(async (header) => {
		await document.fonts.ready;
		const items = [...header.querySelectorAll('a, button')].map((el) => el.getBoundingClientRect());
		const tops: number[] = [];
		for (const box of items) {
			const middle = box.top + box.height / 2;
			if (!tops.some((t) => Math.abs(t - middle) < 12)) tops.push(middle);
		}
		return { rows: tops.length, height: header.getBoundingClientRect().height };
	});
}

test('at 360 px the header of a signed-in organizer takes two rows, in English no taller than in Vietnamese', async ({
	page
}) => {
	await page.setViewportSize(PHONE);
	// The demo organizer: four header items and a long account name ("Ban Tổ chức cuộc thi").
	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio');
	await page.goto('/');
	const vi = await headerRows(page);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toBeVisible();
	const en = await headerRows(page);
	expect(vi.rows).toBeLessThanOrEqual(2);
	expect(en.rows).toBeLessThanOrEqual(2);
	expect(en.height).toBeLessThanOrEqual(vi.height);
	// The account link keeps its full name for assistive technology when it is cut short.
	await expect(page.getByRole('link', { name: 'Ban Tổ chức cuộc thi' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Organizers' })).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Log out' })).toBeInViewport();
	await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toBeInViewport();
	await page.getByRole('button', { name: 'Tiếng Việt' }).click();
	await expect(page.getByRole('button', { name: 'English' })).toBeVisible();
});
