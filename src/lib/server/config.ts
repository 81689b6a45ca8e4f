import { z } from 'zod';

// The one place that reads the environment: validated once, with defaults that let
// `npm start` work with no variable set.
const envSchema = z.object({
	DATABASE_URL: z.string().min(1).default('file:./data/cuocthi.sqlite'),
	/** Loads the demo contest into an empty database on start. */
	DEMO_DATA: z.enum(['on', 'off']).default('on'),
	/** How often the sweeper finalizes abandoned attempts, ms. */
	SWEEP_INTERVAL_MS: z.coerce.number().int().positive().default(5000),
	/** The app's public origin behind a proxy (adapter-node reads it too); Socket.IO accepts browsers from it only. */
	ORIGIN: z.url().optional(),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info')
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
