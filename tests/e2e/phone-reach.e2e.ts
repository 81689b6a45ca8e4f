import { parse, type Token } from 'acorn';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { flushAnswerEvents } from '../../src/lib/server/attempts/answer-events';
import { closeRound } from '../../src/lib/server/results/close.service';
import { newId } from '../../src/lib/server/ids';
import { insertRegistration } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, finishVariedAttempt, type Fixture } from '../helpers/fixtures';
import { eventProperty, icsUtcToMs, unescapeIcsText } from '../helpers/ical';
import { UA } from '../helpers/user-agents';
import { answerCurrent, freshPhone, logInThroughUi, openServerDatabase, startAttempt } from './support';

// Issue 17, the phone: the app added to the home screen, its shell kept by a service worker, the
// in-app browsers of Zalo and Facebook told to open the phone's browser for downloads, calendar
// reminders, and the attempt on an old, slow phone.

const CLIENT = path.resolve('build', 'client');
const HOUR = 3_600_000;
const PHONE = { width: 360, height: 740 };

function builtFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? builtFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]
	);
}

/** A URL path of the build (`/_app/immutable/…`) whose file name matches. */
function builtPath(match: RegExp): string {
	const file = builtFiles(path.join(CLIENT, '_app', 'immutable')).find((f) => match.test(f) && !/\.(gz|br)$/.test(f));
	if (!file) throw new Error(`no built file matches ${match}`);
	return `/${path.relative(CLIENT, file).split(path.sep).join('/')}`;
}

/** A fixture round and a contestant registered in it (password matkhau123). */
async function roundWithContestant(times: {
	opensAt: number;
	closesAt: number;
}): Promise<{ fixture: Fixture; phone: string; userId: string }> {
	const ctx = openServerDatabase();
	try {
		const fixture = await createFixtureContest(ctx, times);
		const phone = freshPhone();
		const userId = await createContestant(ctx, fixture, { phone, fullName: 'Lê Văn Thành' });
		return { fixture, phone, userId };
	} finally {
		await ctx.db.destroy();
	}
}

async function phoneContext(browser: Browser, userAgent: string): Promise<BrowserContext> {
	return browser.newContext({ userAgent, viewport: PHONE, isMobile: true, hasTouch: true });
}

test('the built client code is no newer than Chrome 90 and Safari 14 read', () => {
	const files = builtFiles(CLIENT).filter((f) => f.endsWith('.js'));
	expect(files.length).toBeGreaterThan(10);
	expect(files.some((f) => f.endsWith('service-worker.js'))).toBe(true);
	// Built-ins those browsers lack, which no bundled code may call without a supplied one
	// (src/lib/client/old-browsers.ts supplies Object.hasOwn; the slow-phone test below removes it).
	const missing = [
		/\bstructuredClone\(/,
		/\.findLast(Index)?\(/,
		/\.randomUUID\(/,
		/\.at\(-?\d/,
		/\.(toSorted|toReversed|toSpliced)\(/,
		/\b(Object|Map)\.groupBy\(/,
		/Promise\.withResolvers\(/,
		/Array\.fromAsync\(/,
		/AbortSignal\.(timeout|any)\(/
	];
	const problems: string[] = [];
	for (const file of files) {
		const code = readFileSync(file, 'utf8');
		const name = path.relative(CLIENT, file);
		const regexps: Token[] = [];
		try {
			// ES2021: logical assignment yes; class fields, private methods, static blocks and
			// top-level await (ES2022, Safari 14.1–16.4) no.
			parse(code, {
				ecmaVersion: 2021,
				sourceType: 'module',
				onToken: (t) => void (t.type.label === 'regexp' && regexps.push(t))
			});
		} catch (e) {
			problems.push(`${name}: ${(e as Error).message}`);
			continue;
		}
		for (const token of regexps) {
			const { pattern, flags } = (token as unknown as { value: { pattern: string; flags: string } }).value;
			// Look-behind (Safari 16.4) fails the whole file at parse time on an older iPhone.
			if (/\(\?<[=!]/.test(pattern)) problems.push(`${name}: look-behind in /${pattern}/`);
			if (flags.includes('d') || flags.includes('v')) problems.push(`${name}: regexp flag ${flags}`);
		}
		for (const api of missing) if (api.test(code)) problems.push(`${name}: calls ${api.source}`);
	}
	expect(problems).toEqual([]);
});

test('the web app manifest names the app, its colours and its icons, and every page links it', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(href!, page.url());
	expect(manifestUrl.pathname).toBe('/manifest.webmanifest');
	const response = await request.get(manifestUrl.href);
	expect(response.ok()).toBe(true);
	expect(response.headers()['content-type']).toMatch(/application\/(manifest\+)?json/);
	const manifest = (await response.json()) as {
		name: string;
		short_name: string;
		start_url: string;
		display: string;
		lang: string;
		theme_color: string;
		background_color: string;
		icons: { src: string; sizes: string; type: string; purpose: string }[];
	};
	expect(manifest).toMatchObject({ short_name: 'CuộcThi', start_url: '/', display: 'standalone', lang: 'vi' });
	expect(manifest.name).toContain('CuộcThi');
	// The theme colour is the header's (--brand in app.css), as the page's own meta says.
	const css = readFileSync(path.resolve('src', 'app.css'), 'utf8');
	expect(css).toContain(`--brand: ${manifest.theme_color};`);
	expect(css).toContain(`--bg: ${manifest.background_color};`);
	await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', manifest.theme_color);

	const appleIcon = new URL((await page.locator('link[rel="apple-touch-icon"]').getAttribute('href'))!, page.url());
	const icons = [
		...manifest.icons,
		{
			src: appleIcon.pathname,
			sizes: '180x180',
			type: 'image/png',
			purpose: 'any'
		}
	];
	for (const icon of icons) {
		const png = await request.get(icon.src);
		expect(png.ok(), icon.src).toBe(true);
		const meta = await sharp(await png.body()).metadata();
		expect(`${meta.format} ${meta.width}x${meta.height}`, icon.src).toBe(`png ${icon.sizes}`);
	}
	expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual([
		'192x192 any',
		'512x512 any',
		'512x512 maskable'
	]);
});

test('the service worker serves the app shell offline but never a page with personal data', async ({
	page,
	context
}) => {
	const { phone } = await roundWithContestant({ opensAt: Date.now() - HOUR, closesAt: Date.now() + HOUR });
	await logInThroughUi(page, phone);
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
	await page.goto('/tai-khoan');
	await expect(page.getByText(`Đăng nhập với số ${phone}`)).toBeVisible();

	const chunk = builtPath(/[/\\]entry[/\\]start\.[^/\\]+\.js$/);
	const font = builtPath(/be-vietnam-pro-700\.[^/\\]+\.woff2$/);
	const fetchStatus = (url: string): Promise<string> =>
		page.evaluate(
			(u) =>
				fetch(u, { credentials: 'same-origin' }).then(
					(r) => String(r.status),
					() => 'failed'
				),
			url
		);

	await context.setOffline(true);
	try {
		expect(await fetchStatus(chunk)).toBe('200');
		expect(await fetchStatus(font)).toBe('200');
		// The account page (a phone number, a name) and the answer API go to the network only.
		expect(await fetchStatus('/tai-khoan')).toBe('failed');
		expect(await fetchStatus('/tai-khoan/__data.json')).toBe('failed');
		expect(await fetchStatus('/api/attempts/none/answers')).toBe('failed');
	} finally {
		await context.setOffline(false);
	}
	// What the worker keeps is built files only: no page, no data, no API answer.
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const key of await caches.keys()) {
			for (const request of await (await caches.open(key)).keys()) urls.push(new URL(request.url).pathname);
		}
		return urls;
	});
	expect(cached).toContain(chunk);
	expect(cached).toContain(font);
	expect(cached.filter((u) => !u.startsWith('/_app/immutable/'))).toEqual([]);
});

/** A round that closed with one contestant, who won its first prize. */
async function roundWithWinner(): Promise<{ fixture: Fixture; phone: string }> {
	const ctx = openServerDatabase();
	try {
		const now = Date.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + HOUR });
		await ctx.db
			.updateTable('round')
			.set({ prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1 } }) })
			.where('id', '=', fixture.roundId)
			.execute();
		const phone = freshPhone();
		const userId = await createContestant(ctx, fixture, { phone, fullName: 'Đỗ Thị Hoa', group: 0 });
		let clock = now;
		const timed = { ...ctx, clock: { now: () => clock, advance: (ms: number) => void (clock += ms) } };
		await finishVariedAttempt(timed, fixture.roundId, userId, 3, 1);
		await flushAnswerEvents(ctx.db); // the saves' fair-play events, before this connection closes
		await ctx.db
			.updateTable('round')
			.set({ opens_at: now - 2 * HOUR, closes_at: Date.now() - 60_000 })
			.where('id', '=', fixture.roundId)
			.execute();
		const closed = await closeRound(ctx, fixture.roundId, null);
		expect(closed.ok).toBe(true);
		return { fixture, phone };
	} finally {
		await ctx.db.destroy();
	}
}

const HINT = /không tải được tệp\. Hãy mở trang này bằng trình duyệt của điện thoại\./;

test('in Zalo and Facebook the certificate link says how to open the phone’s browser; in Chrome it does not', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const { fixture, phone } = await roundWithWinner();
	const roundPath = `/cuoc-thi/${fixture.slug}/dot-thi/1`;

	const zalo = await phoneContext(browser, UA.zaloAndroid);
	try {
		const page = await zalo.newPage();
		await logInThroughUi(page, phone);
		await page.goto(roundPath);
		await expect(page.getByRole('link', { name: 'Tải giấy chứng nhận' })).toBeVisible();
		const hint = page.getByRole('note');
		await expect(hint).toContainText('Trình duyệt trong Zalo không tải được tệp.');
		const open = hint.getByRole('link', { name: 'Mở bằng trình duyệt Chrome' });
		const origin = new URL(page.url()).host;
		await expect(open).toHaveAttribute(
			'href',
			`intent://${origin}${roundPath}#Intent;scheme=http;package=com.android.chrome;S.browser_fallback_url=${encodeURIComponent(page.url())};end`
		);
		await expect(hint.getByRole('textbox', { name: 'Liên kết của trang này' })).toHaveValue(page.url());
		// In the server's HTML itself, before any script: a web view that runs none still shows it.
		const html = await (await zalo.request.get(roundPath, { headers: { 'user-agent': UA.zaloAndroid } })).text();
		expect(html).toMatch(HINT);
	} finally {
		await zalo.close();
	}

	const facebook = await phoneContext(browser, UA.facebookIos);
	try {
		const page = await facebook.newPage();
		await logInThroughUi(page, phone);
		await page.goto(`${roundPath}/giai-thuong`);
		await expect(page.getByRole('link', { name: 'Tải giấy chứng nhận' })).toBeVisible();
		const hint = page.getByRole('note');
		await expect(hint).toContainText('Trình duyệt trong Facebook không tải được tệp.');
		// On an iPhone no link can leave the web view: the steps, and the link to copy.
		await expect(hint).toContainText('Mở bằng trình duyệt');
		await expect(hint.getByRole('link', { name: 'Mở bằng trình duyệt Chrome' })).toHaveCount(0);
		await expect(hint.getByRole('button', { name: 'Chép liên kết' })).toBeVisible();
	} finally {
		await facebook.close();
	}

	const chrome = await phoneContext(browser, UA.chromeAndroid);
	try {
		const page = await chrome.newPage();
		await logInThroughUi(page, phone);
		await page.goto(roundPath);
		await expect(page.getByRole('link', { name: 'Tải giấy chứng nhận' })).toBeVisible();
		await expect(page.getByText(HINT)).toHaveCount(0);
		await page.goto(`${roundPath}/giai-thuong`);
		await expect(page.getByRole('link', { name: 'Thông báo kết quả (PDF)' })).toBeVisible();
		await expect(page.getByText(HINT)).toHaveCount(0);
	} finally {
		await chrome.close();
	}
});

test('"Nhắc tôi" downloads the round’s opening as a calendar event, and the account page lists the rounds to take', async ({
	page
}) => {
	// Whole seconds: iCalendar times have no milliseconds.
	const opensAt = Math.ceil((Date.now() + 2 * 24 * HOUR) / 1000) * 1000;
	const { fixture, phone, userId } = await roundWithContestant({ opensAt, closesAt: opensAt + 7 * 24 * HOUR });
	// The same person is registered in a second contest whose round is open now.
	const ctx = openServerDatabase();
	const open = await createFixtureContest(ctx, { opensAt: Date.now() - HOUR, closesAt: Date.now() + 24 * HOUR });
	await insertRegistration(ctx.db, {
		id: newId(),
		contest_id: open.contestId,
		user_id: userId,
		unit_id: open.unitIds[0],
		group_id: open.groupIds[0],
		consented_at: Date.now(),
		created_at: Date.now()
	});
	await ctx.db.destroy();

	await logInThroughUi(page, phone);
	await page.goto(`/cuoc-thi/${fixture.slug}/dot-thi/1`);
	await expect(page.getByText('Đợt thi này chưa mở.')).toBeVisible();
	const remind = page.getByRole('link', { name: /^Nhắc tôi khi Tuần thi thứ 1 mở/ });
	const downloadPromise = page.waitForEvent('download');
	await remind.click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toMatch(/\.ics$/);
	const ics = readFileSync(await download.path(), 'utf8');
	expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
	expect(icsUtcToMs(eventProperty(ics, 'DTSTART')!)).toBe(opensAt);
	expect(unescapeIcsText(eventProperty(ics, 'SUMMARY')!)).toContain('Tuần thi thứ 1');
	expect(eventProperty(ics, 'URL')).toBe(new URL(`/cuoc-thi/${fixture.slug}/dot-thi/1`, page.url()).href);
	expect(ics).toContain('TRIGGER:-PT60M');
	expect(ics).not.toContain(phone);

	await page.goto('/tai-khoan');
	const rounds = page.locator('section', { has: page.getByRole('heading', { name: 'Đợt thi bạn chưa thi' }) });
	const items = rounds.getByRole('listitem');
	await expect(items).toHaveCount(2);
	// Soonest first: the open round, with its way in, then the upcoming one.
	await expect(items.nth(0)).toContainText('Đang mở đến');
	await expect(items.nth(0).getByRole('link', { name: /^Vào thi/ })).toHaveAttribute(
		'href',
		`/cuoc-thi/${open.slug}/dot-thi/1`
	);
	await expect(items.nth(1)).toContainText('Mở lúc');
	await expect(items.nth(1).getByRole('link', { name: /^Vào thi/ })).toHaveCount(0);
	await expect(items.nth(1).getByRole('link', { name: /^Nhắc tôi/ })).toHaveAttribute(
		'href',
		`/cuoc-thi/${fixture.slug}/dot-thi/1/nhac-toi.ics`
	);
});

/** Chrome 90 on an older Android phone, in its own browser. */
const CHROME_90 =
	'Mozilla/5.0 (Linux; Android 8.1.0; SM-J710F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.91 Mobile Safari/537.36';

test('on a slow old phone (CPU ×6, Chrome 90, without newer built-ins) an attempt is answered in full and submitted', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const { fixture, phone } = await roundWithContestant({ opensAt: Date.now() - HOUR, closesAt: Date.now() + 2 * HOUR });
	const context = await phoneContext(browser, CHROME_90);
	try {
		// What Chrome 90 does not have, taken away before any of the app's code runs.
		await context.addInitScript(() => {
			const gone: [object, string][] = [
				[Object, 'hasOwn'],
				[Array.prototype, 'at'],
				[Array.prototype, 'findLast'],
				[Array.prototype, 'findLastIndex'],
				[String.prototype, 'at'],
				[globalThis, 'structuredClone'],
				[Crypto.prototype, 'randomUUID']
			];
			for (const [owner, name] of gone) delete (owner as Record<string, unknown>)[name];
		});
		const page: Page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });

		await logInThroughUi(page, phone);
		await startAttempt(page, `/cuoc-thi/${fixture.slug}/dot-thi/1`);
		const attemptId = page.url().split('/lam-bai/')[1];
		for (let n = 1; n <= 5; n++) {
			await expect(page.getByText(new RegExp(`^Câu ${n}/5$`))).toBeVisible();
			await answerCurrent(page);
			if (n < 5) await page.getByRole('button', { name: /Câu sau/ }).click();
		}
		await page.getByRole('button', { name: 'Nộp bài' }).first().click();
		const dialog = page.getByRole('dialog', { name: 'Nộp bài?' });
		await dialog.getByLabel(/bao nhiêu người/i).fill('3');
		await dialog.getByRole('button', { name: 'Nộp bài' }).click();
		await expect(page).toHaveURL(/\/ket-qua\//);
		await expect(page.getByRole('heading', { name: /Kết quả lượt thi/ })).toBeVisible();
		expect(errors).toEqual([]);

		const ctx = openServerDatabase();
		try {
			const attempt = await ctx.db
				.selectFrom('attempt')
				.select(['status', 'finish_reason'])
				.where('id', '=', attemptId)
				.executeTakeFirstOrThrow();
			expect(attempt).toEqual({ status: 'finished', finish_reason: 'submitted' });
			const answered = await ctx.db
				.selectFrom('attempt_item')
				.select('position')
				.where('attempt_id', '=', attemptId)
				.where('answer_json', 'is not', null)
				.execute();
			expect(answered).toHaveLength(5);
		} finally {
			await ctx.db.destroy();
		}
	} finally {
		await context.close();
	}
});
