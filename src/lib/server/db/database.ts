import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { foldVietnamese } from '../../domain/text';
import type { Database } from './schema';

export type Db = Kysely<Database>;

// The better-sqlite3 handle behind each Kysely instance, for the few stores that need the driver
// itself (rate-limiter-flexible's SQLite store). Kysely does not expose it.
const handles = new WeakMap<Db, SQLite.Database>();
const caches = new WeakMap<Db, StatementCache>();
// The pg pool behind each PostgreSQL Kysely instance, for rate-limiter-flexible's PostgreSQL store.
const pools = new WeakMap<Db, pg.Pool>();

/** The driver handle of a database made by createDatabase. */
export function sqliteHandle(db: Db): SQLite.Database {
	const handle = handles.get(db);
	if (!handle) throw new Error('This database was not opened by createDatabase');
	return handle;
}

/** The pg pool of a PostgreSQL database made by createDatabase. */
export function postgresPool(db: Db): pg.Pool {
	const pool = pools.get(db);
	if (!pool) throw new Error('This database is not a PostgreSQL database opened by createDatabase');
	return pool;
}

/** The pg pool behind a PostgreSQL database made by createDatabase, or undefined (a transaction, SQLite). */
export function postgresPoolOf(db: Db): pg.Pool | undefined {
	return pools.get(db);
}

/** Whether DATABASE_URL names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
	return /^postgres(ql)?:\/\//.test(url);
}

/** Resolves DATABASE_URL forms: `file:./data/x.sqlite`, `sqlite:…`, a plain path or `:memory:`. */
export function sqlitePathFromUrl(url: string): string {
	if (isPostgresUrl(url)) throw new Error('DATABASE_URL points at PostgreSQL, not at a SQLite file.');
	return url.replace(/^(file|sqlite):(\/\/)?/, '');
}

/** Which engine a database (or one of its transactions) runs on: the few dialect-specific queries ask. */
export function isPostgres(db: Kysely<any>): boolean {
	return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** How many statements a database keeps prepared; the app's distinct queries are a few hundred. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * What Kysely's SqliteDriver sees instead of the better-sqlite3 handle: the same database, but
 * prepare() hands back a statement prepared earlier for the same SQL text. The driver prepares on
 * every query (9 % of a save's self time); SQLite compiles a statement once and runs it many times.
 * The driver only calls `reader`, all(), run() and iterate(); a statement still iterating (a
 * stream left open) is busy, and then the caller gets a fresh one rather than the shared one.
 */
class StatementCache implements SqliteDatabase {
	readonly #sqlite: SQLite.Database;
	readonly #statements = new Map<string, SQLite.Statement>();
	readonly #capacity: number;
	/** statements actually compiled by SQLite through this cache (for tests and benches) */
	compiled = 0;

	constructor(sqlite: SQLite.Database, capacity: number) {
		this.#sqlite = sqlite;
		this.#capacity = capacity;
	}

	prepare(text: string): SQLite.Statement {
		const cached = this.#statements.get(text);
		if (cached) {
			if (cached.busy) return this.#compile(text);
			// least recently used first: move this one to the end
			this.#statements.delete(text);
			this.#statements.set(text, cached);
			return cached;
		}
		const statement = this.#compile(text);
		this.#statements.set(text, statement);
		if (this.#statements.size > this.#capacity) {
			this.#statements.delete(this.#statements.keys().next().value as string);
		}
		return statement;
	}

	/** whether a transaction is open on the connection (statements run now would join it) */
	get inTransaction(): boolean {
		return this.#sqlite.inTransaction;
	}

	get size(): number {
		return this.#statements.size;
	}

	close(): void {
		this.#statements.clear();
		this.#sqlite.close();
	}

	#compile(text: string): SQLite.Statement {
		this.compiled++;
		return this.#sqlite.prepare(text);
	}
}

/**
 * The prepared statement for `text`, to run at once outside Kysely, or null when that is not safe
 * or not possible: a database not opened here (another dialect), or a transaction open on the one
 * connection (Kysely holds it across awaits; a statement run now would join that transaction and
 * could be rolled back with it, so the caller must queue through Kysely instead). A better-sqlite3
 * statement runs synchronously, so nothing can interleave with it.
 */
export function statementOutsideTransaction(db: Db, text: string): SQLite.Statement | null {
	const cache = caches.get(db);
	if (!cache || cache.inTransaction) return null;
	return cache.prepare(text);
}

/** The transactions opened by ownTransaction, each with its database's statement cache. */
const ownedTransactions = new WeakMap<Db, StatementCache>();

/**
 * Runs `work` in a Kysely transaction whose queries may also run the cached statements directly
 * (statementInTransaction): on SQLite the transaction holds the one connection (Kysely's mutex)
 * from begin to commit, so a statement run synchronously inside `work` joins this transaction and
 * nothing else can. For the few hot transactions (a submit's scoring) where Kysely's executor
 * around each of ten statements costs more than SQLite's work.
 */
export function ownTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
	const cache = caches.get(db);
	return db.transaction().execute((trx) => {
		if (cache) ownedTransactions.set(trx, cache);
		return work(trx);
	});
}

/**
 * The prepared statement for `text` to run at once inside a transaction opened by ownTransaction
 * (`trx` is its handle), or null: another dialect, or a handle that is not such a transaction.
 */
export function statementInTransaction(trx: Db, text: string): SQLite.Statement | null {
	const cache = ownedTransactions.get(trx);
	if (!cache || !cache.inTransaction) return null;
	return cache.prepare(text);
}

/** Statements SQLite compiled for this database's queries so far, and how many are kept. */
export function statementCacheStats(db: Db): { compiled: number; kept: number } {
	const cache = caches.get(db);
	if (!cache) throw new Error('This database was not opened by createDatabase');
	return { compiled: cache.compiled, kept: cache.size };
}

export type SqliteSynchronous = 'full' | 'normal';

export interface DatabaseOptions {
	/**
	 * See SQLITE_SYNCHRONOUS in config.ts: what an acknowledged write survives. The app passes its
	 * setting; without one (tests, benches, whose files are thrown away) it is `normal`.
	 */
	synchronous?: SqliteSynchronous;
	/** prepared statements kept, least recently used dropped first (tests set a small one) */
	statementCacheSize?: number;
	/** PostgreSQL: connections in the pool (DATABASE_POOL_SIZE) */
	poolSize?: number;
}

// pg hands 64-bit integers (`bigint` columns: every ms timestamp, count(*)) and numerics (sum,
// avg) over as strings, so `start + limit` would concatenate. Every such value here is an ms time
// or a count far below 2^53: parse them to numbers at the driver, for this pool only.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
	getTypeParser(oid: number, format?: 'text' | 'binary') {
		if (oid === INT8_OID) return (value: string) => parseInt8(value);
		if (oid === NUMERIC_OID) return (value: string) => Number(value);
		return pg.types.getTypeParser(oid, format);
	}
} as pg.CustomTypesConfig;

function parseInt8(value: string): number {
	const n = Number(value);
	if (!Number.isSafeInteger(n)) throw new Error(`A 64-bit integer beyond 2^53 came from PostgreSQL: ${value}`);
	return n;
}

function createPostgresDatabase(url: string, options: DatabaseOptions): Db {
	const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
	// an idle client that loses its connection must not take the process down
	pool.on('error', () => {});
	const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
	pools.set(db, pool);
	return db;
}

export function createDatabase(url: string, options: DatabaseOptions = {}): Db {
	if (isPostgresUrl(url)) return createPostgresDatabase(url, options);
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
	// Diacritic-insensitive search (fold.ts): SQLite's lower() folds ASCII only.
	sqlite.function('fold_vi', { deterministic: true }, (value: unknown) =>
		value === null || value === undefined ? null : foldVietnamese(String(value))
	);
	const cache = new StatementCache(sqlite, options.statementCacheSize ?? STATEMENT_CACHE_SIZE);
	const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cache }) });
	handles.set(db, sqlite);
	caches.set(db, cache);
	return db;
}

/** One trivial query: the database answers. */
export async function pingDatabase(db: Db): Promise<void> {
	await sql`select 1`.execute(db);
}
