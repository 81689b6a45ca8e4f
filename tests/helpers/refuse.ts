import { sql } from 'kysely';
import { isPostgres, type Db } from '../../src/lib/server/db/database';

// A stand-in for any failure while writing: the database itself refuses some inserts into a
// table, with `message` in the error. SQLite takes a trigger with RAISE(ABORT); PostgreSQL a
// trigger running a plpgsql function that raises.

/** Refuses inserts into `table` (those where `when` holds, a condition on `new`) until dropped. */
export async function refuseInserts(
	db: Db,
	options: { name: string; table: string; message: string; when?: string }
): Promise<void> {
	const { name, table, message, when } = options;
	if (!isPostgres(db)) {
		const condition = when ? sql.raw(`when ${when}`) : sql``;
		await sql`create trigger ${sql.id(name)} before insert on ${sql.table(table)} ${condition}
			begin select raise(abort, ${sql.lit(message)}); end`.execute(db);
		return;
	}
	const test = sql.raw(when ?? 'true');
	await sql`create function ${sql.id(name)}() returns trigger language plpgsql as $$
		begin if ${test} then raise exception ${sql.lit(message)}; end if; return new; end $$`.execute(db);
	await sql`create trigger ${sql.id(name)} before insert on ${sql.table(table)}
		for each row execute function ${sql.id(name)}()`.execute(db);
}

/** Drops what refuseInserts made. */
export async function stopRefusing(db: Db, name: string, table: string): Promise<void> {
	if (!isPostgres(db)) {
		await sql`drop trigger ${sql.id(name)}`.execute(db);
		return;
	}
	await sql`drop trigger ${sql.id(name)} on ${sql.table(table)}`.execute(db);
	await sql`drop function ${sql.id(name)}()`.execute(db);
}
