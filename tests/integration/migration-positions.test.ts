import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect, it, inject } from 'vitest';
import { createDatabase, type Db } from '../../src/lib/server/db/database';
import { isUniqueViolation } from '../../src/lib/server/db/errors';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { insertQuestionBank } from '../../src/lib/server/demo/builders';
import { fixtureQuestions } from '../helpers/fixtures';
import { databaseUrl, onServer, testPostgresUrl } from '../helpers/postgres';

// Migration 0011 makes a question's position unique in its bank. Databases made before 0002
// hold every older question at position 0, and racing writers could share one: each bank with a
// tie is renumbered 1…n in the order the exports read (position, then id); other banks keep
// their numbers. On the pass's engine, from an empty database migrated to 0010.

let db: Db | null = null;
let drop: () => Promise<void> = async () => {};

afterEach(async () => {
	await db?.destroy();
	db = null;
	await drop();
});

/** An empty database on the pass's engine (a SQLite file, or a PostgreSQL database of this run). */
async function openEmpty(): Promise<Db> {
	const server = testPostgresUrl();
	if (!server) {
		const dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-migration-'));
		drop = async () => rmSync(dir, { recursive: true, force: true });
		return createDatabase(path.join(dir, 'old.sqlite'));
	}
	// named like the run's clones, so a crashed run's leftovers are dropped with them
	const name = `cuocthi_t_${inject('pgRunId')}_positions_${process.pid}`;
	await onServer(server, (c) => c.query(`create database "${name}"`));
	drop = () => onServer(server, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {});
	return createDatabase(databaseUrl(server, name));
}

it('renumbers the banks whose questions share a position, and leaves the others alone', async () => {
	db = await openEmpty();
	const before = await new Migrator({ db, provider: bundledMigrations }).migrateTo('0010_live_tallies');
	expect(before.error).toBeUndefined();
	const now = Date.UTC(2026, 0, 5);
	const topics = [
		{ code: 'a', name: 'Chủ đề A' },
		{ code: 'b', name: 'Chủ đề B' }
	];
	const old = await insertQuestionBank(db, { name: 'Từ trước 0002', topics, questions: fixtureQuestions }, now);
	const kept = await insertQuestionBank(db, { name: 'Đã đánh số', topics, questions: fixtureQuestions }, now);
	await db.updateTable('question').set({ position: 0 }).where('bank_id', '=', old.bankId).execute();
	// gaps are fine: only ties are renumbered
	await db
		.updateTable('question')
		.set((eb) => ({ position: eb('position', '*', 10) }))
		.where('bank_id', '=', kept.bankId)
		.execute();
	const keptBefore = await positions(db, kept.bankId);

	await migrateToLatest(db, bundledMigrations);

	const oldIds = (await db.selectFrom('question').select('id').where('bank_id', '=', old.bankId).execute())
		.map((q) => q.id)
		.sort();
	expect(await positions(db, old.bankId)).toEqual(oldIds.map((id, i) => [id, i + 1]));
	expect(await positions(db, kept.bankId)).toEqual(keptBefore);
	// from now on the database itself refuses a second question at a taken position
	const [[, taken], [otherId]] = await positions(db, kept.bankId);
	const clash = db.updateTable('question').set({ position: taken }).where('id', '=', otherId);
	await expect(clash.execute()).rejects.toSatisfy(isUniqueViolation);
});

async function positions(db: Db, bankId: string): Promise<[string, number][]> {
	const rows = await db
		.selectFrom('question')
		.select(['id', 'position'])
		.where('bank_id', '=', bankId)
		.orderBy('position')
		.orderBy('id')
		.execute();
	return rows.map((r) => [r.id, r.position]);
}
