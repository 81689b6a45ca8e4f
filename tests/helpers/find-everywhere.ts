import { sql } from 'kysely';
import { isPostgres, type Db } from '../../src/lib/server/db/database';

// Where a piece of personal data still stands in a database: every text column of every table
// searched for it (the purge and deletion tests' proof that nothing is left).

/** Every (table, column) of text type in the database. */
export async function textColumns(db: Db): Promise<[string, string][]> {
	if (isPostgres(db)) {
		const { rows } = await sql<{ table_name: string; column_name: string }>`
			select c.table_name, c.column_name from information_schema.columns c
			join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
			where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
			and c.data_type in ('text', 'character varying')`.execute(db);
		return rows.map((r) => [r.table_name, r.column_name]);
	}
	const { rows: tables } = await sql<{
		name: string;
	}>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
	const out: [string, string][] = [];
	for (const t of tables) {
		const { rows } = await sql<{
			name: string;
			type: string;
		}>`select name, type from pragma_table_info(${t.name})`.execute(db);
		for (const c of rows) if (/text|char|clob/i.test(c.type)) out.push([t.name, c.name]);
	}
	return out;
}

/** Where in the database `needle` appears: "table.column" for each hit. */
export async function findEverywhere(db: Db, needle: string): Promise<string[]> {
	const hits: string[] = [];
	for (const [table, column] of await textColumns(db)) {
		const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
			where ${sql.ref(column)} like ${'%' + needle + '%'}`.execute(db);
		if (Number(rows[0].n) > 0) hits.push(`${table}.${column}`);
	}
	return hits;
}
