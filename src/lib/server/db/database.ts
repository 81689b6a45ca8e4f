import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema';

export type Db = Kysely<Database>;

// The better-sqlite3 handle behind each Kysely instance, for the few stores that need the driver
// itself (rate-limiter-flexible's SQLite store). Kysely does not expose it.
const handles = new WeakMap<Db, SQLite.Database>();

/** The driver handle of a database made by createDatabase. */
export function sqliteHandle(db: Db): SQLite.Database {
	const handle = handles.get(db);
	if (!handle) throw new Error('This database was not opened by createDatabase');
	return handle;
}

/** Resolves DATABASE_URL forms: `file:./data/x.sqlite`, `sqlite:…`, a plain path or `:memory:`. */
export function sqlitePathFromUrl(url: string): string {
	if (/^postgres(ql)?:\/\//.test(url)) {
		throw new Error('DATABASE_URL points at PostgreSQL, which this release does not support yet; use a SQLite path.');
	}
	return url.replace(/^(file|sqlite):(\/\/)?/, '');
}

export type SqliteSynchronous = 'full' | 'normal';

export interface DatabaseOptions {
	/**
	 * See SQLITE_SYNCHRONOUS in config.ts: what an acknowledged write survives. The app passes its
	 * setting; without one (tests, benches, whose files are thrown away) it is `normal`.
	 */
	synchronous?: SqliteSynchronous;
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Db {
	const path = sqlitePathFromUrl(url);
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new SQLite(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
	// Up to 128 MiB of page cache (grown on demand): closing a round writes its whole final
	// ranking, and with the default 2 MiB every index insert went to disk.
	sqlite.pragma('cache_size = -131072');
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
	handles.set(db, sqlite);
	return db;
}

/** One trivial query: the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}
