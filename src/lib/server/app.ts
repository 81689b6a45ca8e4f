import type { Server as HttpServer } from 'node:http';
import { finalizeOverdueAttempts } from './attempts/finalize';
import { installSaveFastPath } from './attempts/save-fast-path';
import { installStartFastPath } from './attempts/start-fast-path';
import { createCluster, type Cluster } from './cluster/redis';
import { createRateLimits, sqliteLimitStore, type RateLimits } from './auth/rate-limit';
import { systemClock } from './clock';
import { readConfig } from './config';
import type { AppContext } from './context';
import { createDatabase } from './db/database';
import { bundledMigrations } from './db/migrations';
import { migrateToLatest } from './db/migrator';
import { demoContestants } from './demo/demo-content';
import { demoExposureWarning, demoPasswordsWork, isPublicHttpsOrigin } from './demo/exposure';
import { demoAccounts, seedDemo } from './demo/seed';
import { createAppEvents } from './events';
import { log } from './logger';
import { createPendingImports, type PendingImports } from './questions/pending-imports';
import { attachRealtime, type RealtimeServer } from './realtime/attach';
import { closeRound, listRoundsToClose } from './results/close.service';

export interface App extends AppContext {
	/** throttles for login, registration and PIN guesses, kept in the database file */
	limits: RateLimits;
	pendingImports: PendingImports;
	/** the other nodes, through Redis (REDIS_URL); null on a single node */
	cluster: Cluster | null;
}

// The HTTP server is handed over by the production entry (scripts/server.js) or by the Vite
// plugin in dev and preview, through this one global, so Socket.IO shares the app's port.
type ServerGlobals = {
	__cuocthiHttpServer?: HttpServer;
	__cuocthiApp?: Promise<App>;
	/** the Socket.IO server, for the entry to close its sockets on shutdown */
	__cuocthiRealtime?: RealtimeServer;
};
const globals = globalThis as ServerGlobals;

async function createApp(): Promise<App> {
	const config = readConfig();
	const db = createDatabase(config.DATABASE_URL, { synchronous: config.SQLITE_SYNCHRONOUS });
	const applied = await migrateToLatest(db, bundledMigrations);
	if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`);
	const cluster = config.REDIS_URL ? createCluster(config.REDIS_URL, config.REDIS_PREFIX) : null;
	const app: App = {
		db,
		clock: systemClock,
		events: createAppEvents(),
		limits: createRateLimits(sqliteLimitStore(db, systemClock)),
		pendingImports: createPendingImports(),
		cluster
	};
	if (config.DEMO_DATA === 'on' && (await seedDemo(app))) printDemoAccounts();
	// whatever DEMO_DATA says now: demo accounts seeded by an earlier start are just as open
	if (isPublicHttpsOrigin(config.ORIGIN)) {
		const warning = demoExposureWarning(config.ORIGIN, await demoPasswordsWork(db));
		if (warning) log.warn(warning);
	}
	const sweeper = setInterval(() => {
		sweep(app).catch((error: unknown) => log.error('Sweeper failed', error));
	}, config.SWEEP_INTERVAL_MS);
	sweeper.unref();
	if (globals.__cuocthiHttpServer) {
		globals.__cuocthiRealtime = attachRealtime(globals.__cuocthiHttpServer, app, {
			origin: config.ORIGIN,
			cluster
		});
		// answer saves skip SvelteKit's pipeline (save-fast-path.ts); after Socket.IO, so in front of it
		installSaveFastPath(globals.__cuocthiHttpServer, app, { origin: config.ORIGIN });
		// a start that succeeds answers its 303 without SvelteKit too; any other is the form action's
		installStartFastPath(globals.__cuocthiHttpServer, app, { origin: config.ORIGIN });
	}
	return app;
}

/** Finishes abandoned attempts past their deadline, then closes the rounds whose time is over. */
async function sweep(app: App): Promise<void> {
	await finalizeOverdueAttempts(app);
	for (const roundId of await listRoundsToClose(app)) {
		const closed = await closeRound(app, roundId, null);
		if (closed.ok) log.info(`Closed round ${roundId}: ${closed.summary.participants} participants`);
	}
}

/** The one app instance of this process, created on first use (SvelteKit's init hook). */
export function getApp(): Promise<App> {
	globals.__cuocthiApp ??= createApp();
	return globals.__cuocthiApp;
}

function printDemoAccounts(): void {
	log.plain(
		[
			'',
			'Demo data loaded: contest "Tìm hiểu cải cách hành chính" (/cuoc-thi/cai-cach-hanh-chinh-2026)',
			`  admin:       ${demoAccounts.admin.phone} / ${demoAccounts.admin.password}`,
			`  organizer:   ${demoAccounts.organizer.phone} / ${demoAccounts.organizer.password}`,
			`  contestant:  ${demoContestants[0].phone} / ${demoAccounts.contestantPassword} (${demoContestants[0].fullName}; every demo contestant has this password)`,
			''
		].join('\n')
	);
}
