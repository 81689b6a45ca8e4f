import pg from 'pg';

// The second pass of the suite runs on PostgreSQL (TEST_DATABASE_URL=postgres://…, see .ci/run).
// Every test context gets its own database, cloned from a template migrated once per run
// (tests/helpers/global-setup.ts), so tests stay isolated and a clone costs one CREATE DATABASE.

/** The PostgreSQL server the suite runs on, or null for the SQLite pass. */
export function testPostgresUrl(): string | null {
	const url = process.env.TEST_DATABASE_URL;
	return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/** The same server, another database. */
export function databaseUrl(serverUrl: string, database: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

/** Runs statements on the server's administrative database (the one TEST_DATABASE_URL names). */
export async function onServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

/** The template of this run: named after the run so checkouts on one server do not meet. */
export function templateName(runId: string): string {
	return `cuocthi_tpl_${runId}`;
}

let clones = 0;
/** A fresh database cloned from the run's template; returns its URL and a drop. */
export async function cloneTemplate(
	serverUrl: string,
	runId: string
): Promise<{ url: string; drop: () => Promise<void> }> {
	clones += 1;
	const name = `cuocthi_t_${runId}_${process.pid}_${clones}`;
	await onServer(serverUrl, async (c) => {
		await c.query(`create database "${name}" template "${templateName(runId)}"`);
		// a test's database is thrown away: its commits need not wait for the disk
		await c.query(`alter database "${name}" set synchronous_commit = off`);
	});
	return {
		url: databaseUrl(serverUrl, name),
		drop: () => onServer(serverUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => {})
	};
}

/** Drops every database of a run (its template and clones a crashed test left behind). */
export async function dropRun(serverUrl: string, runId: string): Promise<void> {
	await onServer(serverUrl, async (c) => {
		const { rows } = await c.query<{ datname: string }>(
			`select datname from pg_database where datname like $1 or datname = $2`,
			[`cuocthi\\_t\\_${runId}\\_%`, templateName(runId)]
		);
		for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
	});
}
