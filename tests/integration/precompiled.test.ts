import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createDatabase,
	isPostgres,
	ownTransaction,
	statementCacheStats,
	type Db
} from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { precompiled } from '../../src/lib/server/db/precompiled';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Queries compiled once and run with new parameters (the answer save's), on a real SQLite file,
// and beside it on the test's database (PostgreSQL on the PostgreSQL pass).

let dir: string;
let db: Db;

async function insertUnits(into: Db): Promise<void> {
	for (const id of ['u1', 'u2']) {
		await into
			.insertInto('unit')
			.values({ id, code: id, name: id, name_folded: id, parent_id: null, kind: 'xa', headcount: 1, created_at: 0 })
			.execute();
	}
}

beforeEach(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-precompiled-'));
	db = createDatabase(path.join(dir, 'test.sqlite'));
	await migrateToLatest(db, bundledMigrations);
	await insertUnits(db);
});

afterEach(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

const findUnit = precompiled(
	(d, p) => d.selectFrom('unit').select(['id', 'headcount']).where('id', '=', p.id).where('kind', '=', 'xa'),
	{ id: '\u0000id' }
);
const setHeadcount = precompiled(
	(d, p) =>
		d.updateTable('unit').set({ headcount: p.headcount }).where('id', '=', p.id).where('headcount', '<', p.headcount),
	{ id: '\u0000id', headcount: -1_000_001 }
);

describe('precompiled queries', () => {
	it('run with each call’s parameters and keep the constants of the query', async () => {
		expect(await findUnit.first(db, { id: 'u2' })).toEqual({ id: 'u2', headcount: 1 });
		expect(await findUnit.rows(db, { id: 'u1' })).toEqual([{ id: 'u1', headcount: 1 }]);
		expect(await findUnit.first(db, { id: 'khong-co' })).toBeUndefined();
		// the parameter used twice (set and where) takes the same value in both places
		expect(await setHeadcount.changes(db, { id: 'u1', headcount: 7 })).toBe(1);
		expect(await setHeadcount.changes(db, { id: 'u1', headcount: 5 })).toBe(0);
		expect(await findUnit.first(db, { id: 'u1' })).toEqual({ id: 'u1', headcount: 7 });
	});

	it('compile their SQL once', async () => {
		await findUnit.first(db, { id: 'u1' });
		const compiled = statementCacheStats(db).compiled;
		for (const id of ['u1', 'u2', 'u3']) await findUnit.first(db, { id });
		expect(statementCacheStats(db).compiled).toBe(compiled);
	});

	it('refuse a build that leaves a parameter out', async () => {
		const broken = precompiled((d) => d.selectFrom('unit').select('id').where('id', '=', 'u1'), { id: '\u0000id' });
		await expect(async () => broken.first(db, { id: 'u1' })).rejects.toThrow(/parameter id/);
	});

	it('wait for an open transaction instead of joining it, so its rollback cannot take them along', async () => {
		let written: Promise<number> | null = null;
		await db
			.transaction()
			.execute(async (trx) => {
				await trx.updateTable('unit').set({ headcount: 2 }).where('id', '=', 'u2').execute();
				// a save arriving while the transaction is open, on the database (not the transaction)
				written = setHeadcount.changes(db, { id: 'u1', headcount: 9 });
				await trx.selectFrom('unit').select('id').execute();
				throw new Error('rolled back');
			})
			.catch(() => undefined);
		expect(await written).toBe(1);
		expect(await findUnit.first(db, { id: 'u1' })).toEqual({ id: 'u1', headcount: 9 });
		expect(await findUnit.first(db, { id: 'u2' })).toEqual({ id: 'u2', headcount: 1 });
	});

	it('run inside their own transaction (ownTransaction) as part of it: rolled back with it, nothing else joins', async () => {
		let outside: Promise<number> | null = null;
		await ownTransaction(db, async (trx) => {
			expect(await setHeadcount.changes(trx, { id: 'u2', headcount: 5 })).toBe(1);
			// read back inside, before the commit: the direct statement is in this transaction
			expect(await findUnit.first(trx, { id: 'u2' })).toEqual({ id: 'u2', headcount: 5 });
			// a query on the database meanwhile waits for the transaction's end
			outside = setHeadcount.changes(db, { id: 'u1', headcount: 7 });
			throw new Error('rolled back');
		}).catch(() => undefined);
		expect(await outside).toBe(1);
		expect(await findUnit.first(db, { id: 'u2' })).toEqual({ id: 'u2', headcount: 1 });
		expect(await findUnit.first(db, { id: 'u1' })).toEqual({ id: 'u1', headcount: 7 });
		await ownTransaction(db, async (trx) => {
			await setHeadcount.changes(trx, { id: 'u2', headcount: 6 });
		});
		expect(await findUnit.first(db, { id: 'u2' })).toEqual({ id: 'u2', headcount: 6 });
	});
});

describe('precompiled queries on two databases', () => {
	let ctx: TestContext;

	beforeEach(async () => {
		ctx = await createTestContext();
		await insertUnits(ctx.db);
	});

	afterEach(async () => {
		await ctx.dispose();
	});

	it('compile once per database, and never run one database’s SQL on another', async () => {
		let builds = 0;
		// SQL that differs by dialect, chosen when the query is built
		const dialectOf = precompiled(
			(d, p) => {
				builds++;
				const dialect = isPostgres(d) ? sql<string>`'postgres'` : sql<string>`'sqlite'`;
				return d
					.selectFrom('unit')
					.select(['id', dialect.as('dialect')])
					.where('id', '=', p.id);
			},
			{ id: '\u0000id' }
		);
		const expected = isPostgres(ctx.db) ? 'postgres' : 'sqlite';
		for (let i = 0; i < 3; i++) {
			expect(await dialectOf.first(db, { id: 'u1' })).toEqual({ id: 'u1', dialect: 'sqlite' });
			expect(await dialectOf.first(ctx.db, { id: 'u2' })).toEqual({ id: 'u2', dialect: expected });
		}
		// a transaction is its database's: the query compiled for the database serves it
		await ctx.db.transaction().execute(async (trx) => {
			expect(await dialectOf.first(trx, { id: 'u1' })).toEqual({ id: 'u1', dialect: expected });
		});
		expect(builds).toBe(2);
	});

	it('run inside a transaction through its connection: they see its writes and go with its rollback', async () => {
		await ctx.db
			.transaction()
			.execute(async (trx) => {
				expect(await setHeadcount.changes(trx, { id: 'u1', headcount: 4 })).toBe(1);
				expect(await findUnit.first(trx, { id: 'u1' })).toEqual({ id: 'u1', headcount: 4 });
				throw new Error('rolled back');
			})
			.catch(() => undefined);
		expect(await findUnit.first(ctx.db, { id: 'u1' })).toEqual({ id: 'u1', headcount: 1 });
		expect(await setHeadcount.changes(ctx.db, { id: 'u1', headcount: 3 })).toBe(1);
		expect(await findUnit.first(ctx.db, { id: 'u1' })).toEqual({ id: 'u1', headcount: 3 });
	});

	it('run outside a transaction as a prepared statement: parsed and planned once per connection', async () => {
		// one connection, so its prepared statements are the ones this session can list
		const single = createDatabase(ctx.url, { poolSize: 1 });
		try {
			for (const id of ['u1', 'u2', 'u1']) expect((await findUnit.first(single, { id }))?.id).toBe(id);
			if (ctx.postgresUrl) {
				const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(single);
				// one named statement for the three calls, holding the query's SQL
				expect(prepared.rows.filter((row) => row.statement.includes('"headcount"'))).toHaveLength(1);
			} else {
				// SQLite: the cached statement, compiled once
				const compiled = statementCacheStats(single).compiled;
				await findUnit.first(single, { id: 'u2' });
				expect(statementCacheStats(single).compiled).toBe(compiled);
			}
		} finally {
			await single.destroy();
		}
	});
});
