// What a contestant's phone downloads and how soon it can answer: the attempt page (/lam-bai/:id)
// and a live game's player page (/choi/:gameId, a question open) from the production build, in
// Debian's Chromium (/usr/bin/chromium), cold cache (a fresh browser context each load), under
// slow-4G emulation: 150 ms round trip, 1.6 Mbps down, 750 kbps up, CPU ×4 (CDP
// Network.emulateNetworkConditions and Emulation.setCPUThrottlingRate).
//
// "Usable" means: the first answer of the first question is visible (it has a box on screen) and
// its handler is attached — the page has hydrated, so a tap registers an answer. Svelte 5 attaches
// delegated handlers on the element (an own symbol 'events': { change | click }); the time is the page's own
// performance.now() (ms since navigation start) when both hold.
//
// The baseline, in the same run and under the same throttle: the same page with scripts disabled.
// The attempt page's question is in its server-rendered HTML, so its baseline is the time until
// that HTML, the stylesheet and the fonts let the first option show — the floor any script can
// only add to. The player page gets its question over Socket.IO, so without scripts it shows only
// the shell: its baseline is the first contentful paint of that shell.
//
// Bytes are the encoded body sizes the browser received (compressed where the server compressed),
// by type, summed over one load; the budgets are those of issue 12 (goal 4).
// Run: npm run build && npx tsx bench/page-weight.ts
// Settings: PAGE_FILES=1 (list each script file and its bytes) RUNS=3 PAGE_PORT=3561 PAGE_ENCODING=gzip (the budgets' unit; 'browser' lets Chromium
//           ask for brotli as it does by itself) PAGE_TARGETS=attempt,player,player joining (by
//           name prefix; all by default)
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { io } from 'socket.io-client';
import { startAttempt } from '../src/lib/server/attempts/attempt.service';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import type { GameCommandReply, GameJoinReply, GameWatchReply } from '../src/lib/schemas/game-socket';
import { createContestant, createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createFixtureGame, createSignedInUser } from '../tests/helpers/live-game';
import { requireBuild, startProdServer } from './prod-server';
import { createBenchContext } from './support';

const runs = Number(process.env.RUNS ?? 3);
const port = Number(process.env.PAGE_PORT ?? 3561);
const encoding = process.env.PAGE_ENCODING ?? 'gzip';
const KB = 1000;
/** PAGE_FILES=1: print each JavaScript file a load fetched, with its bytes (to see what to trim) */
const listFiles = process.env.PAGE_FILES === '1';
const BUDGET = { js: 60 * KB, font: 60 * KB, usableMs: 2500 };

requireBuild();

type Kind = 'js' | 'css' | 'font' | 'html' | 'data' | 'other';
interface Load {
	bytes: Record<Kind, number>;
	files: Record<Kind, number>;
	usableMs: number;
	encodings: Set<string>;
}

// ─── Fixtures: a contestant with an attempt in progress; a live game with a question open ───

const now = Date.now();
const ctx = await createBenchContext(now);
const fixture = await createFixtureContest(ctx, {
	opensAt: now - MINUTE,
	closesAt: now + 600 * MINUTE,
	timeLimitMs: 300 * MINUTE
});
const contestant = await createContestant(ctx, fixture, { phone: '0912345678', fullName: 'Nguyễn Thị Hương' });
const started = await startAttempt(ctx, contestant, fixture.roundId);
if (!started.ok) throw new Error(started.reason);
const sessionToken = generateSessionToken();
await createSession(ctx.db, sessionToken, contestant, now);
const host = await createSignedInUser(ctx);
const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 3, timeLimitMs: 30 * MINUTE });
await ctx.db.destroy();

const server = await startProdServer({ port, database: ctx.file });
const origin = server.url;

/** Joins one player over Socket.IO (its rejoin token is what a phone keeps) and opens question 1. */
async function openQuestion(): Promise<string> {
	const player = io(origin, { path: '/socket.io', transports: ['websocket'], forceNew: true });
	const joined = await new Promise<GameJoinReply>((resolve) =>
		player.once('connect', () =>
			player.emit('game:join', { gameId: game.gameId, nickname: 'Hoa Sen', unitId: fixture.unitIds[0] }, resolve)
		)
	);
	player.close();
	if (!joined.ok) throw new Error(`join refused: ${joined.reason}`);
	const hostSocket = io(origin, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		extraHeaders: { cookie: host.cookie }
	});
	await new Promise<void>((resolve) => hostSocket.once('connect', () => resolve()));
	const watched = await new Promise<GameWatchReply>((resolve) =>
		hostSocket.emit('game:watch', { gameId: game.gameId, role: 'host' }, resolve)
	);
	if (!watched.ok) throw new Error(`host watch refused: ${watched.reason}`);
	const reply = await new Promise<GameCommandReply>((resolve) =>
		hostSocket.emit('game:command', { gameId: game.gameId, command: 'start' }, resolve)
	);
	hostSocket.close();
	if (!reply.ok) throw new Error(`start refused: ${reply.reason}`);
	return joined.token;
}

// ─── One cold, throttled load ───

function kindOf(type: string, mime: string): Kind {
	if (type === 'Script' || mime.includes('javascript')) return 'js';
	if (type === 'Stylesheet' || mime === 'text/css') return 'css';
	if (type === 'Font' || mime.startsWith('font/')) return 'font';
	if (type === 'Document') return 'html';
	if (type === 'Fetch' || type === 'XHR' || type === 'WebSocket') return 'data';
	return 'other';
}

async function throttle(cdp: CDPSession): Promise<void> {
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 150,
		downloadThroughput: (1.6e6 / 8) | 0,
		uploadThroughput: (750e3 / 8) | 0
	});
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
	// The budgets are in gzip; Chromium would ask for brotli too (smaller), which the build also has.
	if (encoding === 'gzip') await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'accept-encoding': 'gzip' } });
}

interface Target {
	name: string;
	url: string;
	/** the first answer's element and the delegated event Svelte hangs its handler on (none: the
	 * element exists only once the page's script runs, so its box on screen is enough) */
	selector: string;
	event: 'change' | 'click' | null;
	cookie?: string;
	localStorage?: Record<string, string>;
}

async function load(browser: Browser, target: Target, scripts: boolean): Promise<Load> {
	const context = await browser.newContext({
		javaScriptEnabled: scripts,
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 1,
		locale: 'vi-VN'
	});
	if (target.cookie) {
		const [name, value] = target.cookie.split('=');
		await context.addCookies([{ name, value, url: origin }]);
	}
	if (target.localStorage) {
		await context.addInitScript((entries: Record<string, string>) => {
			for (const [k, v] of Object.entries(entries)) localStorage.setItem(k, v);
		}, target.localStorage);
	}
	const page = await context.newPage();
	const cdp = await context.newCDPSession(page);
	await throttle(cdp);
	const bytes: Record<Kind, number> = { js: 0, css: 0, font: 0, html: 0, data: 0, other: 0 };
	const files: Record<Kind, number> = { js: 0, css: 0, font: 0, html: 0, data: 0, other: 0 };
	const encodings = new Set<string>();
	const requests = new Map<string, { kind: Kind; headerBytes: number; url: string; length: number }>();
	cdp.on('Network.responseReceived', (e) => {
		const kind = kindOf(e.type, e.response.mimeType);
		const length = Number(
			Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? 0
		);
		requests.set(e.requestId, { kind, headerBytes: e.response.encodedDataLength, url: e.response.url, length });
		const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1];
		if (kind === 'js' || kind === 'css' || kind === 'html') encodings.add(`${kind}:${encoding ?? 'identity'}`);
	});
	cdp.on('Network.loadingFinished', (e) => {
		const request = requests.get(e.requestId);
		if (!request) return;
		// A small file fetched late can arrive with its headers, so that "bytes at the response"
		// already hold its body and the difference reads 0: its Content-Length (the bytes sent,
		// compressed) counts then.
		const body = Math.max(0, e.encodedDataLength - request.headerBytes) || request.length;
		bytes[request.kind] += body;
		files[request.kind] += 1;
		if (listFiles && request.kind === 'js') console.log(`    ${(body / KB).toFixed(1).padStart(6)} kB  ${request.url}`);
	});
	await page.goto(target.url, { waitUntil: 'commit' });
	const usableMs = scripts ? await usable(page, target) : await baseline(page, target);
	// let the fonts and anything the page fetches after hydration finish
	await page.waitForLoadState('load');
	await page.waitForTimeout(1500);
	await context.close();
	return { bytes, files, usableMs, encodings };
}

async function usable(page: Page, target: Target): Promise<number> {
	const handle = await page.waitForFunction(
		({ selector, event }) => {
			const el = document.querySelector(selector);
			if (!el) return false;
			const box = el.getBoundingClientRect();
			if (box.width === 0 || box.height === 0) return false;
			// Svelte 5 keeps delegated handlers under an own symbol 'events' (older: `__change`)
			if (event === null) return performance.now();
			const events = Object.getOwnPropertySymbols(el).find((s) => s.description === 'events');
			const bag = (events ? (el as unknown as Record<symbol, Record<string, unknown>>)[events] : undefined) ?? {};
			const attached = event in bag || `__${event}` in el;
			return attached ? performance.now() : false;
		},
		{ selector: target.selector, event: target.event },
		{ polling: 20, timeout: 60_000 }
	);
	return (await handle.jsonValue()) as number;
}

/** Without scripts: when the first answer shows (attempt), or the first contentful paint (player, join form). */
async function baseline(page: Page, target: Target): Promise<number> {
	if (target.event === 'change') {
		await page.locator(target.selector).first().waitFor({ state: 'visible', timeout: 60_000 });
	}
	await page.waitForLoadState('load');
	// the paint entry may land a frame after the load event
	for (let i = 0; i < 100; i++) {
		const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
		if (fcp !== null) return fcp;
		await page.waitForTimeout(50);
	}
	return Number.NaN;
}

// ─── Runs, alternating app and baseline ───

const token = await openQuestion();
const allTargets: Target[] = [
	{
		name: 'attempt /lam-bai/:id',
		url: `${origin}/lam-bai/${started.attemptId}`,
		selector: 'fieldset label.option input',
		event: 'change',
		cookie: `${SESSION_COOKIE}=${sessionToken}`
	},
	{
		name: 'player /choi/:gameId',
		url: `${origin}/choi/${game.gameId}`,
		selector: '.answers button.answer',
		event: 'click',
		localStorage: { [`cuocthi.game.${game.gameId}`]: token }
	},
	{
		// a phone that has not joined: the join section's content (its own chunk since i12-choi), once the
		// socket is connected (the fixture's game has started: a form, or the notice that it is closed)
		name: 'player joining /choi/:gameId',
		url: `${origin}/choi/${game.gameId}`,
		selector: 'section.join form.join-form, section.join .alert',
		event: null
	}
];
const targets = allTargets.filter(
	(t) => !process.env.PAGE_TARGETS || process.env.PAGE_TARGETS.split(',').some((n) => t.name.startsWith(n))
);

const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
});
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n: number): string => `${(n / KB).toFixed(1)} KB`;
const verdict = (ok: boolean): string => (ok ? 'pass' : 'FAIL');

process.stdout.write(
	`page weight: ${runs} cold loads each, slow 4G (150 ms, 1.6/0.75 Mbps, CPU ×4), load ${loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')}\n`
);
try {
	for (const target of targets) {
		const app: Load[] = [];
		const bare: number[] = [];
		for (let r = 0; r < runs; r++) {
			app.push(await load(browser, target, true));
			bare.push((await load(browser, target, false)).usableMs);
		}
		const last = app[app.length - 1];
		const js = median(app.map((l) => l.bytes.js));
		const font = median(app.map((l) => l.bytes.font));
		const usableMs = median(app.map((l) => l.usableMs));
		const bareMs = median(bare);
		process.stdout.write(`\n${target.name}  (${[...last.encodings].sort().join(', ')})\n`);
		const row = (label: string, value: string, budget: string, result: string): void =>
			void process.stdout.write(`  ${label.padEnd(30)} ${value.padStart(12)}  ${budget.padStart(10)}  ${result}\n`);
		row('measure', 'app (median)', 'budget', '');
		row(`JavaScript (${last.files.js} files)`, kb(js), kb(BUDGET.js), verdict(js <= BUDGET.js));
		row(`fonts (${last.files.font} files)`, kb(font), kb(BUDGET.font), verdict(font <= BUDGET.font));
		row(`CSS (${last.files.css} files)`, kb(median(app.map((l) => l.bytes.css))), '', '');
		row('HTML', kb(median(app.map((l) => l.bytes.html))), '', '');
		row('socket / fetch', kb(median(app.map((l) => l.bytes.data))), '', '');
		row(
			'first question usable',
			`${Math.round(usableMs)} ms`,
			`${BUDGET.usableMs} ms`,
			`${verdict(usableMs <= BUDGET.usableMs)}  (runs ${app.map((l) => Math.round(l.usableMs)).join(', ')})`
		);
		row(
			'baseline: no script, FCP',
			`${Math.round(bareMs)} ms`,
			'',
			`app / baseline ${(usableMs / bareMs).toFixed(2)}  (runs ${bare.map(Math.round).join(', ')})`
		);
	}
} finally {
	await browser.close();
	await server.stop();
	rmSync(path.dirname(ctx.file), { recursive: true, force: true });
}
