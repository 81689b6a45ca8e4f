import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './database';

/**
 * A Kysely query built and compiled once per database, then run with new parameters. Building a
 * query and compiling it to SQL costs more CPU than SQLite's work for a lookup by primary key, so
 * the few queries on a hot path (the answer save) skip it. The SQL stays Kysely's, so the query is
 * as portable as any other (SQLite now, PostgreSQL next); with the statement cache under Kysely
 * (database.ts) SQLite does not compile it again either.
 *
 * `build` receives sentinel values for the parameters (`sentinels`, each distinct from any
 * constant in the query); in the compiled SQL's parameter list every sentinel is replaced by the
 * caller's value at run time, the other parameters (constants) are kept.
 */
export function precompiled<P extends Record<string, string | number>, R>(
	build: (db: Db, params: P) => Compilable<R>,
	sentinels: P
): (db: Db, params: P) => Promise<QueryResult<R>> {
	const templates = new WeakMap<Db, { query: CompiledQuery<R>; slots: (keyof P | null)[] }>();
	const keys = Object.keys(sentinels) as (keyof P)[];
	const compile = (db: Db) => {
		const query = build(db, sentinels).compile();
		const slots = query.parameters.map((value) => keys.find((key) => sentinels[key] === value) ?? null);
		for (const key of keys) {
			if (!slots.includes(key)) throw new Error(`precompiled: parameter ${String(key)} is not in the query`);
		}
		const template = { query, slots };
		templates.set(db, template);
		return template;
	};
	return (db, params) => {
		const { query, slots } = templates.get(db) ?? compile(db);
		const parameters = slots.map((key, i) => (key === null ? query.parameters[i] : params[key]));
		return db.executeQuery<R>({ ...query, parameters });
	};
}
