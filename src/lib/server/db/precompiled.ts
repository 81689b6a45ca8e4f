import type { CompiledQuery, Compilable, QueryResult } from 'kysely';
import { statementCacheKey, statementInTransaction, statementOutsideTransaction, type Db } from './database';

/**
 * A Kysely query built and compiled once per database, then run with new parameters: for the few
 * queries on a hot path (the answer save and its session lookup). Building a query and compiling
 * it to SQL costs more CPU than SQLite's work for a lookup by primary key, and so does Kysely's
 * executor around a query (its connection mutex and a chain of promises, each one dearer since
 * SvelteKit's AsyncLocalStorage turns on promise hooks). The SQL stays Kysely's, so the query is
 * as portable as any other (SQLite now, PostgreSQL next):
 * - on SQLite outside a transaction it runs the cached prepared statement at once
 *   (database.ts: statementOutsideTransaction), and so it does inside a transaction opened by
 *   ownTransaction when given that transaction's handle (statementInTransaction);
 * - otherwise (a transaction open, another dialect) it goes through Kysely's executor as usual.
 * No Kysely plugin may transform these results (the app configures none).
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
	// by statement cache (a database and its own transactions compile alike), else by database
	const templates = new WeakMap<object, { query: CompiledQuery<R>; slots: (keyof P | null)[] }>();
	const keys = Object.keys(sentinels) as (keyof P)[];
	const prepare = (db: Db, params: P) => {
		const key = statementCacheKey(db);
		let template = templates.get(key);
		if (!template) {
			const query = build(db, sentinels).compile();
			const slots = query.parameters.map((value) => keys.find((key) => sentinels[key] === value) ?? null);
			for (const key of keys) {
				if (!slots.includes(key)) throw new Error(`precompiled: parameter ${String(key)} is not in the query`);
			}
			template = { query, slots };
			templates.set(key, template);
		}
		const { query, slots } = template;
		const parameters = slots.map((key, i) => (key === null ? query.parameters[i] : params[key]));
		return { query, parameters };
	};
	const execute = (db: Db, params: P): Promise<QueryResult<R>> => {
		const { query, parameters } = prepare(db, params);
		return db.executeQuery<R>({ ...query, parameters });
	};
	const statementFor = (db: Db, sql: string) => statementOutsideTransaction(db, sql) ?? statementInTransaction(db, sql);
	return {
		/** The rows of a select. */
		rows(db: Db, params: P): Promise<R[]> {
			const { query, parameters } = prepare(db, params);
			const statement = statementFor(db, query.sql);
			if (statement) return Promise.resolve(statement.all(parameters) as R[]);
			return execute(db, params).then((result) => result.rows);
		},
		/** The first row of a select, if any. */
		first(db: Db, params: P): Promise<R | undefined> {
			const { query, parameters } = prepare(db, params);
			const statement = statementFor(db, query.sql);
			if (statement) return Promise.resolve(statement.get(parameters) as R | undefined);
			return execute(db, params).then((result) => result.rows[0]);
		},
		/** How many rows an insert, update or delete changed. */
		changes(db: Db, params: P): Promise<number> {
			const { query, parameters } = prepare(db, params);
			const statement = statementFor(db, query.sql);
			if (statement) return Promise.resolve(statement.run(parameters).changes);
			return execute(db, params).then((result) => Number(result.numAffectedRows ?? 0));
		}
	};
}
