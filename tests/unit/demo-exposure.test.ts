import { describe, expect, it } from 'vitest';
import { demoExposureWarning, isPublicHttpsOrigin } from '../../src/lib/server/demo/exposure';

describe('isPublicHttpsOrigin', () => {
	it('is true for an https origin on a real host name or address', () => {
		expect(isPublicHttpsOrigin('https://thi.quangninh.gov.vn')).toBe(true);
		expect(isPublicHttpsOrigin('https://203.113.10.5:8443')).toBe(true);
	});

	it('is false for plain http, loopback hosts, nothing or something unreadable', () => {
		for (const origin of [
			'http://thi.quangninh.gov.vn',
			'https://localhost',
			'https://localhost:3000',
			'https://app.localhost',
			'https://127.0.0.1:8443',
			'https://[::1]',
			undefined,
			'',
			'not a url'
		]) {
			expect(isPublicHttpsOrigin(origin), String(origin)).toBe(false);
		}
	});
});

describe('demoExposureWarning', () => {
	it('warns when the published demo passwords open accounts on a public https origin', () => {
		const warning = demoExposureWarning('https://thi.quangninh.gov.vn', true);
		expect(warning).toContain('DEMO ACCOUNTS ARE OPEN ON https://thi.quangninh.gov.vn');
		expect(warning).toContain('DEMO_DATA=off');
		expect(warning).toContain('npm run admin -- create');
	});

	it('stays quiet on a laptop, or once the demo passwords no longer work', () => {
		expect(demoExposureWarning('https://localhost:3000', true)).toBeNull();
		expect(demoExposureWarning(undefined, true)).toBeNull();
		expect(demoExposureWarning('https://thi.quangninh.gov.vn', false)).toBeNull();
	});
});
