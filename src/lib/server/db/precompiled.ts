import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import { isPostgres, postgresPoolOf, statementInTransaction, statementOutsideTransaction, type Db } from './database';

/** Names of the PostgreSQL prepared statements, one per precompiled query (the same SQL on every PostgreSQL database). */
let statementNames = 0;

/**
 * A Kysely query built and compiled once per database, then run with new parameters: for the few
 * queries on a hot path (the answer save and its session lookup). Building a query and compiling
 * it to SQL costs more CPU than SQLite's work for a lookup by primary key, and so does Kysely's
 * executor around a query (its connection mutex and a chain of promises, each one dearer since
 * SvelteKit's AsyncLocalStorage turns on promise hooks). The SQL stays Kysely's, so the query is
 * as portable as any other:
 * - on SQLite outside a transaction it runs the cached prepared statement at once
 *   (database.ts: statementOutsideTransaction), and so it does inside a transaction opened by
 *   ownTransaction when given that transaction's handle (statementInTransaction);
 * - on PostgreSQL outside a transaction it runs as a named prepared statement straight on the
 *   pool (pg prepares it once per connection): the server then parses and plans it once per
 *   connection instead of on every call, which was most of PostgreSQL's CPU for the answer save's
 *   lookup and write (0.5 → 0.19 ms of backend CPU for the pair, /tmp experiment in bench/README);
 * - otherwise (a transaction open) it goes through Kysely's executor.
 * A query is compiled once per database: its templates are keyed by the database's Kysely adapter,
 * which the database's transactions share and no other database does, so a query compiled for
 * one dialect never runs on another, and `build` may choose dialect-specific SQL
 * (isPostgres(db)) once, here, instead of on every call. Whether the direct statements can be
 * tried at all is decided then too, so PostgreSQL pays no lookup for them per call.
 * No Kysely plugin may transform these queries or their results (the app configures none).
 *
 * `build` receives sentinel values for the parameters (`sentinels`, each distinct from any
 * constant in the query); in the compiled SQL's parameter list every sentinel is replaced by the
 * caller's value at run time, the other parameters (constants) are kept. A parameter may be null
 * at run time (a nullable column), never its sentinel.
 */
export function precompiled<P extends Record<string, string | number | null>, R>(
	build: (db: Db, params: P) => Compilable<R>,
	sentinels: P
) {
	type Template = { query: CompiledQuery<R>; slots: (keyof P | null)[]; direct: boolean; postgres: boolean };
	const name = `cuocthi_q${++statementNames}`;
	const templates = new WeakMap<object, Template>();
	const keys = Object.keys(sentinels) as (keyof P)[];
	const templateFor = (db: Db): Template => {
		const key = db.getExecutor().adapter;
		let template = templates.get(key);
		if (!template) {
			const query = build(db, sentinels).compile();
			const slots = query.parameters.map((value) => keys.find((key) => sentinels[key] === value) ?? null);
			for (const key of keys) {
				if (!slots.includes(key)) throw new Error(`precompiled: parameter ${String(key)} is not in the query`);
			}
			const postgres = isPostgres(db);
			template = { query, slots, direct: !postgres, postgres };
			templates.set(key, template);
		}
		return template;
	};
	const parametersOf = ({ query, slots }: Template, params: P) =>
		slots.map((key, i) => (key === null ? query.parameters[i] : params[key]));
	const execute = async (db: Db, template: Template, parameters: unknown[]): Promise<QueryResult<R>> => {
		const pool = template.postgres && !db.isTransaction ? postgresPoolOf(db) : undefined;
		if (pool) {
			const result = await pool.query({ name, text: template.query.sql, values: parameters });
			return { rows: result.rows as R[], numAffectedRows: BigInt(result.rowCount ?? 0) };
		}
		return db.executeQuery<R>({ ...template.query, parameters });
	};
	const statementFor = (db: Db, { query, direct }: Template) =>
		direct ? (statementOutsideTransaction(db, query.sql) ?? statementInTransaction(db, query.sql)) : null;
	return {
		/** The rows of a select. */
		rows(db: Db, params: P): Promise<R[]> {
			const template = templateFor(db);
			const parameters = parametersOf(template, params);
			const statement = statementFor(db, template);
			if (statement) return Promise.resolve(statement.all(parameters) as R[]);
			return execute(db, template, parameters).then((result) => result.rows);
		},
		/** The first row of a select, if any. */
		first(db: Db, params: P): Promise<R | undefined> {
			const template = templateFor(db);
			const parameters = parametersOf(template, params);
			const statement = statementFor(db, template);
			if (statement) return Promise.resolve(statement.get(parameters) as R | undefined);
			return execute(db, template, parameters).then((result) => result.rows[0]);
		},
		/** How many rows an insert, update or delete changed. */
		changes(db: Db, params: P): Promise<number> {
			const template = templateFor(db);
			const parameters = parametersOf(template, params);
			const statement = statementFor(db, template);
			if (statement) return Promise.resolve(statement.run(parameters).changes);
			return execute(db, template, parameters).then((result) => Number(result.numAffectedRows ?? 0));
		}
	};
}
