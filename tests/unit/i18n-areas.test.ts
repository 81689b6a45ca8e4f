import { describe, expect, it } from 'vitest';
import { isMappedRoute, routeKeys, routeMessages } from '../../src/lib/i18n/areas';
import { en } from '../../src/lib/i18n/en';
import { vi } from '../../src/lib/i18n/vi';
import { browserPackages, pageRoutes, routeUsage } from '../helpers/i18n-usage';

// A page in the browser has only its route's messages (src/lib/i18n/areas.ts): a key left out
// would show as the bare key. These read every page's source for the keys it can show.

const catalogue = Object.keys(vi);

// Routes whose tr(variable) calls take only values written out in the files read here (the
// player's join refusals, the PIN form's errors); any other route showing run-time reasons needs
// the whole error area.
const REASONS_READ_HERE = new Set(['/choi', '/choi/[gameId]']);

describe('each route carries the messages its pages show', () => {
	const routes = pageRoutes();

	it('finds the pages', () => {
		expect(routes).toContain('/lam-bai/[id]');
		expect(routes).toContain('/choi/[gameId]');
		expect(routes.length).toBeGreaterThan(30);
	});

	for (const route of routes) {
		it(route, () => {
			expect(isMappedRoute(route), `${route} is missing from ROUTES in src/lib/i18n/areas.ts`).toBe(true);
			const given = new Set<string>(routeKeys(route));
			const usage = routeUsage(route, catalogue);
			const missing = [...usage.keys].filter((key) => !given.has(key));
			for (const prefix of usage.prefixes) {
				missing.push(...catalogue.filter((key) => key.startsWith(prefix) && !given.has(key)));
			}
			expect(missing, `${route} shows keys its route is not given`).toEqual([]);
			if (usage.dynamic.size > 0 && !REASONS_READ_HERE.has(route)) {
				const errors = catalogue.filter((key) => key.startsWith('error.'));
				expect(
					errors.filter((key) => !given.has(key)),
					`${route} shows reasons known at run time (${[...usage.dynamic].join(', ')}): give it 'error.'`
				).toEqual([]);
			}
		});
	}
});

describe('routeMessages', () => {
	it('gives the attempt page its own strings in the viewer’s language, not the studio’s', () => {
		const viMessages = routeMessages('vi', '/lam-bai/[id]');
		expect(viMessages['attempt.next']).toBe(vi['attempt.next']);
		expect(viMessages['nav.logout']).toBe(vi['nav.logout']);
		expect(viMessages['studio.search']).toBeUndefined();
		expect(Object.keys(viMessages).some((key) => key.startsWith('game_'))).toBe(false);
		const enMessages = routeMessages('en', '/lam-bai/[id]');
		expect(enMessages['attempt.next']).toBe(en['attempt.next']);
		expect(enMessages['attempt.next']).not.toBe(vi['attempt.next']);
	});

	it('gives an unknown page (a 404) the header and the error page', () => {
		const messages = routeMessages('vi', null);
		expect(messages['error.not_found']).toBe(vi['error.not_found']);
		expect(messages['nav.login']).toBe(vi['nav.login']);
		expect(messages['attempt.next']).toBeUndefined();
	});

	it('gives a route missing from the map the whole catalogue rather than bare keys', () => {
		expect(Object.keys(routeMessages('vi', '/not-mapped-yet'))).toHaveLength(catalogue.length);
	});
});

describe('what the browser downloads', () => {
	// zod stays on the server: in the browser it would be 23 kB (gzip) on a page, and the
	// Content-Security-Policy forbids the eval its fast path probes for.
	it('no page imports zod in the browser', () => {
		const offenders = pageRoutes().filter((route) => [...browserPackages(route)].some((p) => p.startsWith('zod')));
		expect(offenders).toEqual([]);
	});

	it('sees the packages a page does import', () => {
		expect(browserPackages('/studio/cuoc-thi/[contestId]/dot-thi/[roundId]/thong-ke')).toContain('date-fns');
	});

	// Pages speak Socket.IO through src/lib/client/realtime.ts (under 2 kB gzip); socket.io-client
	// would add 12.7 kB, a fifth of a page's budget. (Tests and benches keep the official client.)
	it('no page imports socket.io-client in the browser', () => {
		const offenders = pageRoutes().filter((route) => browserPackages(route).has('socket.io-client'));
		expect(offenders).toEqual([]);
	});
});
