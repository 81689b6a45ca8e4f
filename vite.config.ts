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

export default defineConfig({
	plugins: [socketServer(), sveltekit()],
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
