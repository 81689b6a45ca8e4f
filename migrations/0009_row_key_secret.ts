import type { Kysely } from 'kysely';

// Secrets the application generates for itself and keeps with its data, so every node and every
// restart agrees on them: the key that turns a contestant's id into a public leaderboard row key.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('app_secret')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('app_secret').execute();
}
