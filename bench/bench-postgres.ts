// A PostgreSQL database of a bench's own on a shared server: made for the run, dropped after it,
// and dropped too when the bench ends early (an error, Ctrl-C, a kill), so that none is left behind.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { repoRoot } from './prod-server';

/** The administrative URL benches connect to: PG_URL, TEST_DATABASE_URL, or the local `test` database. */
export const defaultPgAdminUrl = (): string =>
	process.env.PG_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** One statement on the server's administrative database. */
export async function onPgServer(adminUrl: string, statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

export interface BenchPgDatabase {
	name: string;
	/** the database's URL (the admin URL with its name) */
	url: string;
	create(): Promise<void>;
	/** drops it now (once); a run that ends before calling it has it dropped on exit, unless kept */
	drop(): Promise<void>;
	dropped: boolean;
}

/** A database named `name` on the server of `adminUrl`; `keep` leaves it there at the end. */
export function benchPgDatabase(adminUrl: string, name: string, options: { keep?: boolean } = {}): BenchPgDatabase {
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const database: BenchPgDatabase = {
		name,
		url: url.toString(),
		dropped: false,
		create: () => onPgServer(adminUrl, `create database "${name}"`),
		drop: async () => {
			if (database.dropped) return;
			await onPgServer(adminUrl, `drop database if exists "${name}" with (force)`);
			database.dropped = true;
		}
	};
	process.on('exit', () => {
		if (database.dropped || options.keep) return;
		// exit handlers are synchronous: a short child process does the drop
		const drop = `const pg = require('pg'); const c = new pg.Client({ connectionString: process.argv[1] });
			c.connect().then(() => c.query('drop database if exists "${name}" with (force)')).finally(() => c.end());`;
		spawnSync(process.execPath, ['-e', drop, adminUrl], { cwd: repoRoot, stdio: 'ignore', timeout: 10_000 });
	});
	return database;
}
