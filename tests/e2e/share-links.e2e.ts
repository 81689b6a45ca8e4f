import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import sharp from 'sharp';
import { DEMO_SLUG, openServerDatabase } from './support';

// A link pasted in a Zalo group (issue 17): the contest and winners pages carry Open Graph tags
// whose image is a real 1200 × 630 PNG, nothing personal is in any tag, and "Chia sẻ" copies the
// link where the browser has no share sheet.

const CONTEST = `/cuoc-thi/${DEMO_SLUG}`;
const WINNERS = `${CONTEST}/dot-thi/1/giai-thuong`;

/** Every contestant's phone and e-mail in the server's database: none may show in a tag. */
async function personalData(): Promise<string[]> {
	const ctx = openServerDatabase();
	try {
		const people = await ctx.db
			.selectFrom('app_user')
			.select(['phone', 'email', 'birth_date'])
			.where('role', '=', 'contestant')
			.execute();
		expect(people.length).toBeGreaterThan(5);
		return people.flatMap((p) => [p.phone, p.email, p.birth_date]).filter((v): v is string => Boolean(v));
	} finally {
		await ctx.db.destroy();
	}
}

async function metaContent(page: Page, attribute: 'property' | 'name', key: string): Promise<string> {
	const value = await page.locator(`meta[${attribute}="${key}"]`).getAttribute('content');
	expect(value, `${key} is set`).toBeTruthy();
	return value!;
}

/** The page's share tags, checked for shape; returns them all. */
async function readShareTags(page: Page, path: string): Promise<Record<string, string>> {
	const origin = new URL(page.url()).origin;
	const tags: Record<string, string> = {};
	for (const key of ['og:title', 'og:description', 'og:url', 'og:type', 'og:locale', 'og:image', 'og:image:alt']) {
		tags[key] = await metaContent(page, 'property', key);
	}
	for (const key of ['twitter:card', 'twitter:title', 'twitter:image']) {
		tags[key] = await metaContent(page, 'name', key);
	}
	expect(tags['og:url']).toBe(`${origin}${path}`);
	expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${origin}${path}`);
	expect(tags['og:locale']).toBe('vi_VN');
	expect(tags['og:type']).toBe('website');
	expect(tags['twitter:card']).toBe('summary_large_image');
	expect(await metaContent(page, 'property', 'og:image:width')).toBe('1200');
	expect(await metaContent(page, 'property', 'og:image:height')).toBe('630');
	expect(tags['og:image']).toMatch(new RegExp(`^${origin}${path}/anh-chia-se\\.png\\?v=[\\w-]+$`));
	return tags;
}

async function expectShareImage(request: APIRequestContext, url: string): Promise<void> {
	const response = await request.get(url);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('image/png');
	const etag = response.headers()['etag'];
	expect(etag).toBeTruthy();
	const meta = await sharp(await response.body()).metadata();
	expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({
		format: 'png',
		width: 1200,
		height: 630
	});
	// unchanged: the browser's copy is still good
	const again = await request.get(url, { headers: { 'if-none-match': etag } });
	expect(again.status()).toBe(304);
}

function expectNothingPersonal(tags: Record<string, string>, personal: string[]): void {
	const all = Object.values(tags).join('\n');
	for (const value of personal) expect(all, `a tag shows ${value}`).not.toContain(value);
}

test('the contest and winners pages carry link previews with a 1200 × 630 image and nothing personal', async ({
	page,
	request
}) => {
	const personal = await personalData();

	await page.goto(CONTEST);
	const contest = await readShareTags(page, CONTEST);
	const title = await page.getByRole('heading', { level: 1 }).textContent();
	expect(contest['og:title']).toBe(title?.trim());
	expectNothingPersonal(contest, personal);
	await expectShareImage(request, contest['og:image']);

	await page.goto(WINNERS);
	await expect(page.getByRole('heading', { name: 'Giải cá nhân' })).toBeVisible();
	const winners = await readShareTags(page, WINNERS);
	// the first winner the page shows is named in the preview too, with the unit
	const firstName = (await page.getByRole('table').first().locator('tbody tr td').nth(1).textContent()) ?? '';
	const shownName = firstName.replace((await page.locator('.unit-inline').first().textContent()) ?? '', '').trim();
	expect(shownName.length).toBeGreaterThan(3);
	expect(winners['og:description']).toContain(shownName);
	expectNothingPersonal(winners, personal);
	await expectShareImage(request, winners['og:image']);
});

test('a visitor opening a shared round link sees the round, a way in, and its QR code to save', async ({
	page,
	request
}) => {
	const round = `${CONTEST}/dot-thi/1`;
	await page.goto(round);
	await expect(page).toHaveURL(new RegExp(`${round}$`));
	await readShareTags(page, round);
	await expect(page.getByRole('link', { name: 'Đăng nhập để thi' })).toBeVisible();
	const save = page.getByRole('link', { name: 'Lưu mã QR' });
	const qr = await request.get((await save.getAttribute('href'))!);
	expect(qr.headers()['content-type']).toBe('image/png');
	expect(qr.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.png"$/);
	const meta = await sharp(await qr.body()).metadata();
	expect(meta.format).toBe('png');
	expect(meta.width).toBeGreaterThanOrEqual(300);
});

test('"Chia sẻ" copies the page’s link and says so when the browser has no share sheet', async ({ browser }) => {
	const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
	// Chromium on Linux has no share sheet; take navigator.share away anyway, so the test does not
	// depend on the build it runs in
	await context.addInitScript(() => {
		Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
	});
	const page = await context.newPage();
	try {
		await page.goto(CONTEST);
		const url = await metaContent(page, 'property', 'og:url');
		await page.getByRole('button', { name: 'Chia sẻ' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Đã chép đường dẫn' })).toBeVisible();
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
	} finally {
		await context.close();
	}
});
