import { sql, type Kysely } from 'kysely';

// Throttling counters (login, registration and PIN failures) kept in the app's own SQLite file,
// so a restart does not hand an attacker a fresh set of guesses. The layout is the one
// rate-limiter-flexible's RateLimiterSQLite reads and writes (it is told the table exists):
// `key` is the limiter's prefix and a hash of what it counts, `expire` the end of the window in
// epoch milliseconds.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('rate_limit')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('expire', 'integer')
		.execute();
	// pruning deletes the rows whose window ended
	await sql`CREATE INDEX rate_limit_expire_idx ON rate_limit (expire)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('rate_limit').execute();
}
