import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { isPostgres, type Db } from './database';

// Writers that check, then insert or renumber (a unit tree's cycle check, a bank's next
// position, the demo seed's "is the database empty?") must not interleave across app nodes.
// On PostgreSQL they take a transaction-scoped lock; on SQLite the transaction is already the
// lock: Kysely runs every transaction of a process on its one connection, one at a time, and
// SQLite is for a single node.

/** A 64-bit advisory lock key for a name, stable across processes and releases. */
function lockKey(name: string): string {
	return createHash('sha256').update(name).digest().readBigInt64BE(0).toString();
}

/**
 * Holds `name` until the transaction `trx` ends (PostgreSQL's pg_advisory_xact_lock); another
 * transaction asking for the same name waits. Nothing on SQLite (see above).
 */
export async function lockName(trx: Db, name: string): Promise<void> {
	if (!isPostgres(trx)) return;
	await sql`select pg_advisory_xact_lock(${lockKey(name)}::bigint)`.execute(trx);
}

/**
 * Locks one row (`select … for update`) until the transaction ends, so a second writer of the
 * same aggregate reads what the first wrote. Nothing on SQLite (see above).
 */
export async function lockRow(
	trx: Db,
	table: 'contest' | 'question_bank' | 'question' | 'unit',
	id: string
): Promise<void> {
	if (!isPostgres(trx)) return;
	await sql`select 1 from ${sql.table(table)} where id = ${id} for update`.execute(trx);
}
