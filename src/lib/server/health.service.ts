import type { AppContext } from './context';
import { pingDatabase } from './db/database';

/** Throws when the app cannot serve: its database does not answer. */
export async function checkHealth(ctx: AppContext): Promise<void> {
	await pingDatabase(ctx.db);
}
