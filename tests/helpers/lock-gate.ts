import pg from 'pg';
import type { TestContext } from './test-context';

/**
 * A lock held by a third session of the test's PostgreSQL database, to stop the app's own
 * transactions at a chosen statement until the test has lined up the race it wants, then let
 * them go. On SQLite (one connection, one writer) there is nothing to hold: the gate is open.
 */
export interface LockGate {
	/** Resolves once `count` other sessions of the database wait for a lock, or `done()` is true. */
	waiting(count: number, done?: () => boolean): Promise<void>;
	release(): Promise<void>;
}

/** Holds the lock `statement` takes (in a transaction) until release(). */
export async function holdLock(ctx: TestContext, statement: string, parameters: unknown[] = []): Promise<LockGate> {
	if (!ctx.postgresUrl) return { waiting: async () => {}, release: async () => {} };
	const client = new pg.Client({ connectionString: ctx.postgresUrl });
	// a test that fails before release() leaves it to the database's drop, which ends this session
	client.on('error', () => {});
	await client.connect();
	await client.query('begin');
	await client.query(statement, parameters);
	let released = false;
	return {
		async waiting(count, done = () => false) {
			for (;;) {
				// (the activity view is read once per transaction unless told to forget it)
				await client.query('select pg_stat_clear_snapshot()');
				const { rows } = await client.query<{ n: number }>(
					`select count(*)::int as n from pg_stat_activity
					 where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`
				);
				if (rows[0].n >= count || done()) return;
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
		},
		async release() {
			if (released) return;
			released = true;
			await client.query('commit');
			await client.end();
		}
	};
}

/** Whether a promise has settled, read synchronously. */
export function settled(promise: Promise<unknown>): () => boolean {
	let done = false;
	promise.then(
		() => (done = true),
		() => (done = true)
	);
	return () => done;
}
