import { describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/lib/server/security-headers';

describe('securityHeaders', () => {
	it('asks browsers to keep to https (HSTS) when the request came over https', () => {
		expect(securityHeaders('https:')['Strict-Transport-Security']).toBe('max-age=31536000');
	});

	it('sends no HSTS over plain http, where browsers ignore it', () => {
		expect(securityHeaders('http:')).not.toHaveProperty('Strict-Transport-Security');
	});

	it('keeps the other headers on both', () => {
		for (const protocol of ['http:', 'https:']) {
			expect(securityHeaders(protocol)).toMatchObject({
				'X-Content-Type-Options': 'nosniff',
				'Referrer-Policy': 'same-origin',
				'X-Frame-Options': 'DENY'
			});
		}
	});
});
