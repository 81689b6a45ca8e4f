import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import type { Server as HttpServer } from 'node:http';

/**
 * Hands Vite's HTTP server to the app so the SvelteKit side attaches Socket.IO to it
 * (src/lib/server/realtime/attach.ts), as the production entry (scripts/server.js) does.
 */
function socketServer(): Plugin {
	const share = (server: HttpServer | null): void => {
		if (server) (globalThis as { __cuocthiHttpServer?: HttpServer }).__cuocthiHttpServer = server;
	};
	return {
		name: 'cuocthi-socket-server',
		configureServer(server) {
			share(server.httpServer as HttpServer | null);
		},
		configurePreviewServer(server) {
			share(server.httpServer as HttpServer | null);
		}
	};
}

/**
 * The second pass (`npm run test:pg`, scripts/test-pg.js) sets TEST_DATABASE_URL to a PostgreSQL
 * server and REDIS_URL. Tests named `*.redis.test.ts` need Redis only; tests named
 * `*.cluster.test.ts` start several app nodes on one PostgreSQL and one Redis and need both. The
 * SQLite pass leaves out what it lacks.
 */
const clusterPass = /^postgres(ql)?:\/\//.test(process.env.TEST_DATABASE_URL ?? '') && Boolean(process.env.REDIS_URL);

/**
 * The oldest browsers the built JavaScript and CSS must run in: Chrome/Android WebView 90 (the
 * in-app browsers of Zalo and Facebook on older Android phones use the system WebView) and Safari
 * 14 (iPhones stuck on iOS 14). Syntax newer than that is lowered at build time; tests/e2e
 * phone-reach.e2e.ts parses the built client code to prove it. Server code keeps SvelteKit's own
 * Node target.
 */
export const BROWSER_TARGET = ['chrome90', 'safari14'];

export default defineConfig({
	plugins: [socketServer(), sveltekit()],
	build: { target: BROWSER_TARGET },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		exclude: [
			...configDefaults.exclude,
			// *.redis.test.ts need a real Redis (REDIS_URL)
			...(process.env.REDIS_URL ? [] : ['**/*.redis.test.ts']),
			...(clusterPass ? [] : ['**/*.cluster.test.ts'])
		],
		environment: 'node',
		globalSetup: ['tests/helpers/global-setup.ts'],
		pool: 'forks',
		testTimeout: 20000
	}
});
