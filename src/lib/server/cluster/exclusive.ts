import { sql } from 'kysely';
import { isPostgres, type Db } from '../db/database';

/**
 * Runs `work` on one node at a time across the nodes sharing the database: on PostgreSQL under a
 * session advisory lock named after `name`, held by one connection reserved from the pool for the
 * duration (the work itself uses the pool as usual). A node that dies mid-work drops its connection
 * and with it the lock, so no expiry is needed. On SQLite (one node) the work just runs.
 * Returns false, without running the work, when another node holds the lock.
 */
export async function runExclusive(db: Db, name: string, work: () => Promise<void>): Promise<boolean> {
	if (!isPostgres(db)) {
		await work();
		return true;
	}
	return db.connection().execute(async (conn) => {
		const key = sql`hashtextextended(${name}, 0)`;
		const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
		if (!rows[0]?.locked) return false;
		try {
			await work();
		} finally {
			await sql`select pg_advisory_unlock(${key})`.execute(conn);
		}
		return true;
	});
}
