import { z } from 'zod';

// The one place that reads the environment: validated once, with defaults that let
// `npm start` work with no variable set.
const envSchema = z.object({
	DATABASE_URL: z.string().min(1).default('file:./data/cuocthi.sqlite'),
	/** Redis shared by several app nodes (Socket.IO adapter, domain events, throttles); none on one node. */
	REDIS_URL: z.string().min(1).optional(),
	/** PostgreSQL: connections each node keeps in its pool (the server's max_connections is shared by all nodes). */
	DATABASE_POOL_SIZE: z.coerce.number().int().positive().default(10),
	/** Loads the demo contest into an empty database on start. */
	DEMO_DATA: z.enum(['on', 'off']).default('on'),
	/** How often the sweeper finalizes abandoned attempts, ms. */
	SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
	/**
	 * New players joining live games, per address per minute (a hall behind one NAT fits the
	 * default); 0 turns the limit off (a load test from one machine).
	 */
	GAME_JOINS_PER_MINUTE: z.coerce.number().int().min(0).default(600),
	/** The app's public origin behind a proxy (adapter-node reads it too); Socket.IO accepts browsers from it only. */
	ORIGIN: z.url().optional(),
	/**
	 * SQLite's `synchronous` with WAL. `normal`: a crash of the process loses nothing, a power
	 * loss or OS crash may lose the last saves acknowledged before it. `full`: every acknowledged
	 * save survives a power loss too, at the cost of one fsync per write. The default is `normal`
	 * from bench/durability.ts: with `full` the fsync (4.5 ms on our disk) caps one process at
	 * about 200 answer saves a second, a fifth of what a 10,000-contestant deadline needs.
	 */
	SQLITE_SYNCHRONOUS: z.enum(['full', 'normal']).default('normal'),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
	/**
	 * Prefix of every Redis channel and key the nodes share (Socket.IO adapter, domain events,
	 * locks): several deployments, or tests, may share one Redis.
	 */
	REDIS_PREFIX: z.string().min(1).default('cuocthi'),
	/** On SIGTERM: how long in-flight requests and shutdown hooks may take before the process exits anyway, ms. */
	SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
	/**
	 * An SMTP server for announcements by e-mail (smtp://user:pass@host:587, smtps://…:465);
	 * none: announcements are shown on the site only and the studio says e-mail is not configured.
	 */
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'smtp://… or smtps://…')
		.optional(),
	/** The sender of those e-mails. */
	SMTP_FROM: z.string().min(3).default('CuộcThi <no-reply@cuocthi.local>')
});

export type AppConfig = z.infer<typeof envSchema>;

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
	const parsed = envSchema.safeParse(env);
	if (!parsed.success) {
		const where = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid environment: ${where}`);
	}
	return parsed.data;
}
