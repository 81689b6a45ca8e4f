import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;

/** Resolves DATABASE_URL forms: `file:./data/x.sqlite`, `sqlite:…`, a plain path or `:memory:`. */
export function sqlitePathFromUrl(url: string): string {
	if (/^postgres(ql)?:\/\//.test(url)) {
		throw new Error('DATABASE_URL points at PostgreSQL, which this release does not support yet; use a SQLite path.');
	}
	return url.replace(/^(file|sqlite):(\/\/)?/, '');
}

export function createDatabase(url: string): Db {
	const path = sqlitePathFromUrl(url);
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('synchronous = NORMAL');
	// Up to 128 MiB of page cache (grown on demand): closing a round writes its whole final
	// ranking, and with the default 2 MiB every index insert went to disk.
	sqlite.pragma('cache_size = -131072');
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

/** One trivial query: the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}
