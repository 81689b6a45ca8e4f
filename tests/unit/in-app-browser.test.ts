import { describe, expect, it } from 'vitest';
import { androidBrowserIntent, detectInAppBrowser } from '../../src/lib/domain/in-app-browser';
import { UA } from '../helpers/user-agents';

describe('detectInAppBrowser', () => {
	it.each([
		['zaloAndroid', 'zalo', 'android'],
		['zaloIos', 'zalo', 'ios'],
		['facebookAndroid', 'facebook', 'android'],
		['facebookIos', 'facebook', 'ios'],
		['messengerAndroid', 'messenger', 'android'],
		['messengerIos', 'messenger', 'ios'],
		['instagramAndroid', 'instagram', 'android'],
		['tiktokAndroid', 'tiktok', 'android'],
		['tiktokIos', 'tiktok', 'ios']
	] as const)('%s is %s on %s', (name, app, os) => {
		expect(detectInAppBrowser(UA[name])).toEqual({ app, os });
	});

	it.each(['chromeAndroid', 'samsungInternet', 'safariIos', 'coccoc', 'desktopChrome'] as const)(
		'%s is an ordinary browser',
		(name) => {
			expect(detectInAppBrowser(UA[name])).toBeNull();
		}
	);

	it('no user agent is no in-app browser', () => {
		expect(detectInAppBrowser(null)).toBeNull();
		expect(detectInAppBrowser('')).toBeNull();
	});

	it('Zalo’s theme and language marks alone do not make a Zalo user agent', () => {
		expect(detectInAppBrowser(`${UA.chromeAndroid} ZaloTheme/light`)).toBeNull();
	});
});

describe('androidBrowserIntent', () => {
	it('asks Chrome for the same https page, falling back to the page itself', () => {
		const page = 'https://thi.example.gov.vn/cuoc-thi/cchc/dot-thi/1/giai-thuong?x=1';
		expect(androidBrowserIntent(page)).toBe(
			'intent://thi.example.gov.vn/cuoc-thi/cchc/dot-thi/1/giai-thuong?x=1#Intent;scheme=https;package=com.android.chrome;' +
				`S.browser_fallback_url=${encodeURIComponent(page)};end`
		);
	});

	it('keeps the port and plain http of a local server', () => {
		expect(androidBrowserIntent('http://localhost:3331/tai-khoan')).toMatch(
			/^intent:\/\/localhost:3331\/tai-khoan#Intent;scheme=http;/
		);
	});
});
