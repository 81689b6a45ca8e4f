import type { Server as HttpServer } from 'node:http';
import { finalizeOverdueAttempts } from './attempts/finalize';
import { installSaveFastPath } from './attempts/save-fast-path';
import { installStartFastPath } from './attempts/start-fast-path';
import { runExclusive } from './cluster/exclusive';
import { beginShutdown, drainHttp, runShutdownHooks } from './cluster/lifecycle';
import { createCluster, type Cluster } from './cluster/redis';
import { createRateLimits, databaseLimitStore, redisLimitStore, type RateLimits } from './auth/rate-limit';
import { systemClock } from './clock';
import { readConfig } from './config';
import type { AppContext } from './context';
import { createDatabase, isPostgres } from './db/database';
import { bundledMigrations } from './db/migrations';
import { migrateToLatest } from './db/migrator';
import { demoContestants } from './demo/demo-content';
import { demoExposureWarning, demoPasswordsWork, isPublicHttpsOrigin } from './demo/exposure';
import { demoAccounts, seedDemo } from './demo/seed';
import { createAppEvents } from './events';
import { announceOpenedRounds } from './announcements/automatic';
import { log } from './logger';
import { createMailer, type Mailer } from './mail/mailer';
import { createPendingImports, type PendingImports } from './questions/pending-imports';
import { attachRealtime, type RealtimeServer } from './realtime/attach';
import { purgeExpiredContests } from './privacy/purge.service';
import { flushAnswerEvents } from './attempts/answer-events';
import { closeRound, listRoundsToClose } from './results/close.service';
import { analyzeClosedRounds, stopAnalyses } from './fair-play/runner';

export interface App extends AppContext {
	/** throttles for login, registration and PIN guesses, kept in Redis or the database */
	limits: RateLimits;
	pendingImports: PendingImports;
	/** the other nodes, through Redis (REDIS_URL); null on a single node */
	cluster: Cluster | null;
	/** announcements by e-mail (SMTP_URL); null when no SMTP server is configured */
	mailer: Mailer | null;
}

// The HTTP server is handed over by the production entry (scripts/server.js) or by the Vite
// plugin in dev and preview, through this one global, so Socket.IO shares the app's port.
type ServerGlobals = {
	__cuocthiHttpServer?: HttpServer;
	__cuocthiApp?: Promise<App>;
	/** the Socket.IO server, for the entry to close its sockets on shutdown */
	__cuocthiRealtime?: RealtimeServer;
	/** SIGTERM: drains and closes the app (scripts/server.js calls it) */
	__cuocthiShutdown?: () => Promise<void>;
};
const globals = globalThis as ServerGlobals;

async function createApp(): Promise<App> {
	const config = readConfig();
	const db = createDatabase(config.DATABASE_URL, {
		synchronous: config.SQLITE_SYNCHRONOUS,
		poolSize: config.DATABASE_POOL_SIZE
	});
	const applied = await migrateToLatest(db, bundledMigrations);
	if (applied.length) log.info(`Applied migrations: ${applied.join(', ')}`);
	const cluster = config.REDIS_URL ? createCluster(config.REDIS_URL, config.REDIS_PREFIX) : null;
	const app: App = {
		db,
		clock: systemClock,
		events: cluster ? cluster.events : createAppEvents(),
		// shared by every node: in Redis with several nodes, else in the database
		limits: createRateLimits(
			cluster ? redisLimitStore(cluster.redis, `${config.REDIS_PREFIX}:rl:`) : databaseLimitStore(db, systemClock)
		),
		pendingImports: createPendingImports(db),
		cluster,
		mailer: config.SMTP_URL ? createMailer(config.SMTP_URL, config.SMTP_FROM) : null
	};
	if (config.DEMO_DATA === 'on' && (await seedDemo(app))) printDemoAccounts();
	// whatever DEMO_DATA says now: demo accounts seeded by an earlier start are just as open
	if (isPublicHttpsOrigin(config.ORIGIN)) {
		const warning = demoExposureWarning(config.ORIGIN, await demoPasswordsWork(db));
		if (warning) log.warn(warning);
	}
	// one node sweeps at a time (a PostgreSQL advisory lock), and this one never twice at once
	let sweeping: Promise<unknown> | null = null;
	const sweeper = setInterval(() => {
		sweeping ??= runExclusive(app.db, 'cuocthi:sweeper', () => sweep(app))
			.catch((error: unknown) => log.error('Sweeper failed', error))
			.finally(() => (sweeping = null));
	}, config.SWEEP_INTERVAL_MS);
	sweeper.unref();
	// several nodes on PostgreSQL: the live games' leases are renewed on a connection of their own,
	// never queued behind the answers' writes in the app's pool (live-games.ts, LiveGamesOptions.leaseDb)
	const leaseDb = cluster && isPostgres(db) ? createDatabase(config.DATABASE_URL, { poolSize: 1 }) : null;
	if (globals.__cuocthiHttpServer) {
		globals.__cuocthiRealtime = attachRealtime(globals.__cuocthiHttpServer, app, {
			origin: config.ORIGIN,
			cluster,
			gameLeaseDb: leaseDb ?? undefined,
			gameJoinsPerMinute: config.GAME_JOINS_PER_MINUTE
		});
		// answer saves skip SvelteKit's pipeline (save-fast-path.ts); after Socket.IO, so in front of it
		installSaveFastPath(globals.__cuocthiHttpServer, app, { origin: config.ORIGIN });
		// a start that succeeds answers its 303 without SvelteKit too; any other is the form action's
		installStartFastPath(globals.__cuocthiHttpServer, app, { origin: config.ORIGIN });
	}
	globals.__cuocthiShutdown = async () => {
		beginShutdown(); // readiness answers 503 from now on
		clearInterval(sweeper);
		const server = globals.__cuocthiHttpServer;
		// stop accepting and let the requests in flight (saves, submits) finish, while the hooks
		// hand work over (live games release their lease to another node)
		const drained = server ? drainHttp(server, config.SHUTDOWN_TIMEOUT_MS) : Promise.resolve(true);
		// a fair-play analysis stops at its next slice, storing nothing (the sweeper runs it again)
		await Promise.all([sweeping, stopAnalyses(db), runShutdownHooks(config.SHUTDOWN_TIMEOUT_MS)]);
		// sockets are closed at the transport: clients reconnect, through the balancer to another node
		await new Promise<void>((resolve) =>
			globals.__cuocthiRealtime ? globals.__cuocthiRealtime.close(() => resolve()) : resolve()
		);
		if (!(await drained)) log.warn('Shutdown: requests still running were cut');
		await cluster?.close();
		await flushAnswerEvents(db);
		await leaseDb?.destroy();
		await db.destroy();
	};
	return app;
}

/** Redis when REDIS_URL is set (every node shares it), otherwise the database's own table. */
/**
 * Finishes abandoned attempts past their deadline, then closes the rounds whose time is over,
 * then purges the personal data of contests whose retention period ended.
 */
async function sweep(app: App): Promise<void> {
	await finalizeOverdueAttempts(app);
	await announceOpenedRounds(app);
	for (const roundId of await listRoundsToClose(app)) {
		const closed = await closeRound(app, roundId, null, { unlessClosed: true });
		if (closed.ok) log.info(`Closed round ${roundId}: ${closed.summary.participants} participants`);
	}
	for (const contestId of await purgeExpiredContests(app)) {
		log.info(`Purged the personal data of contest ${contestId}: its retention period ended`);
	}
	// the fair-play analysis of closed rounds runs beside the sweeps, in slices, never holding them up
	analyzing ??= analyzeClosedRounds(app)
		.catch((error: unknown) => log.error('Fair-play analysis failed', error))
		.finally(() => (analyzing = null));
}

let analyzing: Promise<unknown> | null = null;

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
