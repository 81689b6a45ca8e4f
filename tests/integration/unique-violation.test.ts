import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../src/lib/server/db/errors';

// Unique violations are told by the driver's code, not by the message: on a real SQLite file the
// UNIQUE index and the primary key count, NOT NULL and foreign keys do not, and a message that only
// says "UNIQUE" is not a violation.
const dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-unique-'));
const sqlite = new SQLite(path.join(dir, 'unique.sqlite'));
sqlite.pragma('foreign_keys = ON');
sqlite.exec(`
	create table parent (id integer primary key);
	create table child (id integer primary key, name text not null unique, parent_id integer references parent(id));
	insert into parent (id) values (1);
	insert into child (id, name, parent_id) values (1, 'a', 1);
`);
afterAll(() => {
	sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});

function errorOf(statement: string): unknown {
	try {
		sqlite.exec(statement);
	} catch (error) {
		return error;
	}
	throw new Error(`no error from: ${statement}`);
}

describe('isUniqueViolation', () => {
	it('is true for a UNIQUE index and a primary key on SQLite', () => {
		expect(isUniqueViolation(errorOf(`insert into child (id, name) values (2, 'a')`))).toBe(true);
		expect(isUniqueViolation(errorOf(`insert into child (id, name) values (1, 'b')`))).toBe(true);
	});

	it('is false for other constraints', () => {
		expect(isUniqueViolation(errorOf(`insert into child (id, name) values (3, null)`))).toBe(false);
		expect(isUniqueViolation(errorOf(`insert into child (id, name, parent_id) values (4, 'c', 9)`))).toBe(false);
	});

	it("is PostgreSQL's SQLSTATE 23505, and never the message text", () => {
		expect(isUniqueViolation(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(true);
		expect(isUniqueViolation(Object.assign(new Error('null value'), { code: '23502' }))).toBe(false);
		expect(isUniqueViolation(new Error('UNIQUE constraint failed: child.name'))).toBe(false);
		expect(isUniqueViolation('UNIQUE')).toBe(false);
		expect(isUniqueViolation(null)).toBe(false);
	});
});
