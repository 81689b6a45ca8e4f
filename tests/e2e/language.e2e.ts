import { expect, test, type Page } from '@playwright/test';
import { en } from '../../src/lib/i18n/en';
import { vi } from '../../src/lib/i18n/vi';
import type { Fixture } from '../helpers/fixtures';
import { createFixtureGame, createSignedInUser } from '../helpers/live-game';
import { DEMO_SLUG, demoContestId, freshPhone, logInThroughUi, openServerDatabase, registerThroughUi } from './support';

// Each page gets only its route's messages, in the chosen language (src/lib/i18n/areas.ts). In
// English every area must still read in English, and no page may show a bare catalogue key
// (what a message left out of its route would look like), after a full load or a client-side
// navigation alike.

const KEYS = Object.keys(vi);

/** Catalogue keys written on the page as text: messages its route was not given. */
async function bareKeys(page: Page): Promise<string[]> {
	const text = await page.locator('body').innerText();
	return KEYS.filter((key) => text.includes(key));
}

async function toEnglish(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toBeVisible();
}

async function expectEnglishPage(page: Page, path: string, heading: string | RegExp): Promise<void> {
	await page.goto(path);
	await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
	await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toBeVisible();
	expect(await bareKeys(page), path).toEqual([]);
}

test('a contestant in English: public pages, an attempt, its result, in English and without bare keys', async ({
	page
}) => {
	test.setTimeout(90_000);
	await registerThroughUi(page, freshPhone(), 'Đỗ Minh Anh');
	await toEnglish(page);
	await expectEnglishPage(page, '/', en['home.title']);
	await expectEnglishPage(page, `/cuoc-thi/${DEMO_SLUG}/dot-thi/1/bang-xep-hang`, /^Leaderboard/);
	await expectEnglishPage(page, '/tai-khoan', en['account.title']);

	await page.goto(`/cuoc-thi/${DEMO_SLUG}/dot-thi/2`);
	await page.getByRole('button', { name: en['round.start'] }).click();
	await expect(page).toHaveURL(/\/lam-bai\//);
	await expect(page.getByText(/^Question 1\/\d+$/)).toBeVisible();
	await page.locator('fieldset label.option input').first().check();
	await expect(page.getByRole('status').filter({ hasText: en['attempt.save.saved'] })).toBeVisible();
	await page.getByRole('button', { name: new RegExp(en['attempt.next']) }).click();
	await expect(page.getByText(/^Question 2\/\d+$/)).toBeVisible();
	expect(await bareKeys(page)).toEqual([]);
	await page.getByRole('button', { name: en['attempt.finish'] }).click();
	const dialog = page.getByRole('dialog', { name: en['attempt.confirm_title'] });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('textbox').fill('12');
	await dialog.getByRole('button', { name: en['attempt.confirm_submit'] }).click();
	// the result page comes by a client-side navigation: its messages come with its data
	await expect(page.getByRole('heading', { level: 1, name: en['result.title'] })).toBeVisible();
	expect(await bareKeys(page)).toEqual([]);
});

test('an organizer in English: the studio and the live game player page, in English and without bare keys', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	await logInThroughUi(page, '0900000002', 'bantochuc2026', '/studio');
	await toEnglish(page);
	const contestId = await demoContestId();
	await expectEnglishPage(page, '/studio/cuoc-thi', en['studio.contests']);
	await expectEnglishPage(page, '/studio/ngan-hang', en['studio.banks']);
	await expectEnglishPage(page, '/studio/don-vi', en['units.title']);
	await expectEnglishPage(page, `/studio/cuoc-thi/${contestId}/tro-choi`, /.+/);
	await expectEnglishPage(page, `/studio/cuoc-thi/${contestId}`, /.+/);
	// client-side navigation between studio areas keeps English and brings the next page's messages
	await page.getByRole('link', { name: en['nav.studio'] }).click();
	await expect(page.getByRole('button', { name: 'Tiếng Việt' })).toBeVisible();
	expect(await bareKeys(page)).toEqual([]);

	// A player's phone, in English: the PIN page and a game's join form.
	// A lobby game of the demo contest (no fixture contest: its units would double the demo's
	// names in other tests' unit pickers); createFixtureGame reads only the contest's id.
	const ctx = openServerDatabase();
	const host = await createSignedInUser(ctx);
	const demo = { contestId } as Fixture;
	const game = await createFixtureGame(ctx, demo, host.userId, { joinMode: 'nickname' });
	await ctx.db.destroy();
	const player = await browser.newPage();
	await player.goto('/choi');
	await toEnglish(player);
	await expect(player.getByRole('heading', { level: 1, name: en['game_play.pin_title'] })).toBeVisible();
	expect(await bareKeys(player)).toEqual([]);
	await player.goto(`/choi/${game.gameId}`);
	await expect(player.getByRole('heading', { name: en['game_play.join_title'] })).toBeVisible();
	await expect(player.getByLabel(en['game_play.nickname'])).toBeVisible();
	expect(await bareKeys(player)).toEqual([]);
	await player.close();
});
