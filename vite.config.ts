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

export default defineConfig({
	plugins: [socketServer(), sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		// *.redis.test.ts need a real Redis: selected on the PostgreSQL + Redis pass (scripts/test-pg.js
		// sets REDIS_URL), left out of the SQLite pass
		exclude: [...configDefaults.exclude, ...(process.env.REDIS_URL ? [] : ['**/*.redis.test.ts'])],
		environment: 'node',
		globalSetup: ['tests/helpers/global-setup.ts'],
		pool: 'forks',
		testTimeout: 20000
	}
});
