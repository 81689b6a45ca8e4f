import { defineConfig, devices } from '@playwright/test';

// Browser tests run the production build on a fresh SQLite file, in Debian's Chromium
// (/usr/bin/chromium): no browser is ever downloaded.
// E2E_PORT lets several checkouts run their browser tests side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const port = E2E_PORT;
/**
 * The database of the server under test, which tests/e2e/support.ts also opens to add fixtures:
 * a fresh SQLite file by default; on the second pass (scripts/test-pg.js) E2E_DATABASE_URL names a
 * fresh PostgreSQL database, created before and dropped after the run, and REDIS_URL a Redis.
 */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL || 'tests/.tmp/e2e.sqlite';
/**
 * Specs named `*.cluster.e2e.ts` start several app nodes against one PostgreSQL and one Redis:
 * they run in the `cluster` project, which exists only on the second pass (a PostgreSQL
 * E2E_DATABASE_URL and a REDIS_URL); the `chromium` project runs every other spec, on both passes.
 */
export const E2E_CLUSTER = /^postgres(ql)?:\/\//.test(E2E_DATABASE_URL) && Boolean(process.env.REDIS_URL);
const CLUSTER_SPECS = '**/*.cluster.e2e.ts';
const browser = { ...devices['Desktop Chrome'], channel: undefined };

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'off',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		}
	},
	projects: [
		{ name: 'chromium', testIgnore: CLUSTER_SPECS, use: browser },
		...(E2E_CLUSTER ? [{ name: 'cluster', testMatch: CLUSTER_SPECS, use: browser }] : [])
	],
	webServer: {
		command: `node -e "require('fs').rmSync('tests/.tmp',{recursive:true,force:true})" && node scripts/start.js`,
		url: `http://localhost:${port}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: E2E_DATABASE_URL,
			SWEEP_INTERVAL_MS: '1000',
			...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {})
		}
	}
});
