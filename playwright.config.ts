import { defineConfig, devices } from '@playwright/test';

// Browser tests run the production build on a fresh SQLite file, in Debian's Chromium
// (/usr/bin/chromium): no browser is ever downloaded.
// E2E_PORT lets several checkouts run their browser tests side by side.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
const port = E2E_PORT;
export const E2E_DATABASE = 'tests/.tmp/e2e.sqlite';

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
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: `node -e "require('fs').rmSync('tests/.tmp',{recursive:true,force:true})" && node scripts/start.js`,
		url: `http://localhost:${port}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: E2E_DATABASE, SWEEP_INTERVAL_MS: '1000' }
	}
});
