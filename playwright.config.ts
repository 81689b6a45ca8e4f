import { defineConfig, devices } from '@playwright/test';

// Browser tests run the production build on a fresh SQLite file, in Debian's Chromium
// (/usr/bin/chromium): no browser is ever downloaded.
const port = 3210;
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
