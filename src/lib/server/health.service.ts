import type { Cluster } from './cluster/redis';
import { isShuttingDown } from './cluster/lifecycle';
import type { AppContext } from './context';
import { pingDatabase } from './db/database';

/** Throws when the app cannot serve: its database does not answer. */
export async function checkHealth(ctx: AppContext): Promise<void> {
	await pingDatabase(ctx.db);
}

/**
 * Whether a balancer should send this node traffic: not shutting down, the database answers and,
 * with several nodes, Redis answers and this node hears the shared events. Null when ready, else
 * what is missing.
 */
export async function checkReadiness(
	ctx: AppContext & { cluster?: Cluster | null }
): Promise<'shutting_down' | 'database' | 'redis' | null> {
	if (isShuttingDown()) return 'shutting_down';
	try {
		await pingDatabase(ctx.db);
	} catch {
		return 'database';
	}
	if (ctx.cluster && !(await ctx.cluster.ping())) return 'redis';
	return isShuttingDown() ? 'shutting_down' : null;
}
