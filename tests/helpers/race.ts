import { sql } from 'kysely';
import { createDatabase, isPostgres, type Db } from '../../src/lib/server/db/database';
import type { TestContext } from './test-context';

// Two app nodes running the same use case at the same moment, each through its own connection
// pool to one database. On PostgreSQL the two calls are made to overlap for certain, not by
// luck: a third connection holds `table` in SHARE mode (reads go on, writes wait), both calls
// are started, and only once both wait on a lock (that one, or one the other holds) is the
// table let go. A check-then-insert that is not guarded then sees both checks pass before
// either write lands. On SQLite (one node: one connection, one transaction at a time) the two
// calls simply run concurrently on the test's database.

/** How many sessions of this database are waiting on a lock (table, row, advisory). */
async function waiting(db: Db): Promise<number> {
	const { rows } = await sql<{ n: number }>`
		select count(*) as n from pg_stat_activity
		where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
	return Number(rows[0].n);
}

export async function raceTwo<A, B>(
	ctx: TestContext,
	table: string,
	first: (db: Db) => Promise<A>,
	second: (db: Db) => Promise<B>
): Promise<[PromiseSettledResult<A>, PromiseSettledResult<B>]> {
	if (!isPostgres(ctx.db)) return Promise.allSettled([first(ctx.db), second(ctx.db)]);
	const [nodeA, nodeB, holder] = [createDatabase(ctx.url), createDatabase(ctx.url), createDatabase(ctx.url)];
	try {
		let release!: () => void;
		const released = new Promise<void>((resolve) => (release = resolve));
		let locked!: () => void;
		const isLocked = new Promise<void>((resolve) => (locked = resolve));
		const holding = holder.transaction().execute(async (trx) => {
			await sql`lock table ${sql.table(table)} in share mode`.execute(trx);
			locked();
			await released;
		});
		await isLocked;
		let finished = 0;
		const track = <T>(call: Promise<T>) => call.finally(() => (finished += 1));
		const calls = Promise.allSettled([track(first(nodeA)), track(second(nodeB))]);
		// each call blocked, or already finished (a call that was refused before it wrote)
		while (finished + (await waiting(holder)) < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		release();
		await holding;
		return await calls;
	} finally {
		await Promise.all([nodeA.destroy(), nodeB.destroy(), holder.destroy()]);
	}
}

/** The value of a fulfilled call; a rejected one fails the test with its error. */
export function valueOf<T>(result: PromiseSettledResult<T>): T {
	if (result.status === 'rejected') throw result.reason;
	return result.value;
}
