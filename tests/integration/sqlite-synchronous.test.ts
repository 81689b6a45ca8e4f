import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/lib/server/config';
import { createDatabase } from '../../src/lib/server/db/database';

// SQLITE_SYNCHRONOUS: read from the environment with the config's other settings, and applied to
// the connection the app opens.

let dir: string;

beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-sync-'));
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

async function synchronousOf(setting: 'full' | 'normal'): Promise<number> {
	const db = createDatabase(path.join(dir, `${setting}.sqlite`), { synchronous: setting });
	try {
		const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
		return rows[0].synchronous;
	} finally {
		await db.destroy();
	}
}

describe('SQLITE_SYNCHRONOUS', () => {
	it('defaults to normal, the choice bench/durability.ts measured, and accepts full', () => {
		expect(readConfig({}).SQLITE_SYNCHRONOUS).toBe('normal');
		expect(readConfig({ SQLITE_SYNCHRONOUS: 'full' }).SQLITE_SYNCHRONOUS).toBe('full');
	});

	it('refuses anything else, naming the variable', () => {
		expect(() => readConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
	});

	it('sets the pragma on the connection: FULL is 2, NORMAL is 1', async () => {
		expect(await synchronousOf('full')).toBe(2);
		expect(await synchronousOf('normal')).toBe(1);
	});
});
