import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, sqliteHandle, statementCacheStats, type Db } from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';

// The statement cache under Kysely, on a real SQLite file: a query's SQL is compiled by SQLite
// once, then the same prepared statement runs with each new set of parameters.

let dir: string;
let db: Db;

beforeEach(async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-stmt-'));
	db = createDatabase(path.join(dir, 'test.sqlite'), { statementCacheSize: 3 });
	await migrateToLatest(db, bundledMigrations);
});

afterEach(async () => {
	await db.destroy();
	rmSync(dir, { recursive: true, force: true });
});

function insertUnit(id: string) {
	return db
		.insertInto('unit')
		.values({
			id,
			code: id,
			name: `Đơn vị ${id}`,
			name_folded: `don vi ${id}`,
			parent_id: null,
			kind: 'xa',
			headcount: 0,
			created_at: 0
		})
		.execute();
}

const findUnit = (id: string) => db.selectFrom('unit').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

describe('statement cache', () => {
	it('compiles a query once and runs it again with new parameters', async () => {
		await insertUnit('u1');
		await insertUnit('u2');
		const before = statementCacheStats(db).compiled;
		expect((await findUnit('u1'))?.name).toBe('Đơn vị u1');
		const once = statementCacheStats(db).compiled;
		expect(once).toBe(before + 1);
		expect((await findUnit('u2'))?.name).toBe('Đơn vị u2');
		expect(await findUnit('u3')).toBeUndefined();
		expect(statementCacheStats(db).compiled).toBe(once);
	});

	it('writes through cached statements and reports their changes', async () => {
		await insertUnit('u1');
		await insertUnit('u2');
		const compiled = statementCacheStats(db).compiled;
		const rename = (id: string, name: string) =>
			db.updateTable('unit').set({ name }).where('id', '=', id).executeTakeFirst();
		expect(Number((await rename('u1', 'Một')).numUpdatedRows)).toBe(1);
		expect(Number((await rename('u2', 'Hai')).numUpdatedRows)).toBe(1);
		expect(Number((await rename('u9', 'Chín')).numUpdatedRows)).toBe(0);
		expect(statementCacheStats(db).compiled).toBe(compiled + 1);
		expect((await findUnit('u2'))?.name).toBe('Hai');
	});

	it('keeps at most its capacity, dropping the least recently used', async () => {
		const queries = [
			() => findUnit('a'),
			() => db.selectFrom('unit').select('id').where('name', '=', 'a').execute(),
			() => db.selectFrom('unit').select('name').where('parent_id', '=', 'a').execute(),
			() => db.selectFrom('unit').select('headcount').where('id', '=', 'a').execute()
		];
		for (const query of queries) await query();
		expect(statementCacheStats(db).kept).toBe(3);
		const compiled = statementCacheStats(db).compiled;
		await queries[3](); // still kept
		expect(statementCacheStats(db).compiled).toBe(compiled);
		await queries[0](); // dropped as the least recently used: compiled again
		expect(statementCacheStats(db).compiled).toBe(compiled + 1);
	});

	it('lets a query run again after a stream of the same query stopped early', async () => {
		for (const id of ['u1', 'u2', 'u3']) await insertUnit(id);
		const all = db.selectFrom('unit').select('id').orderBy('id');
		for await (const row of all.stream()) {
			expect(row.id).toBe('u1');
			break;
		}
		expect((await all.execute()).map((row) => row.id)).toEqual(['u1', 'u2', 'u3']);
	});

	it('keeps handing out the real better-sqlite3 handle', () => {
		const handle = sqliteHandle(db);
		expect(handle.open).toBe(true);
		expect(handle.prepare('select 1 as one').get()).toEqual({ one: 1 });
	});
});
