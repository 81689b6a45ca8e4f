import type { Kysely } from 'kysely';

// Bulk actions on a question bank (issue 15, "Banks in bulk"): the last one an organizer took on a
// bank can be undone. Each row keeps, per question touched, the fields the action wrote before and
// after it (JSON), so an undo restores exactly those and refuses when a question changed since.
// One row per bank and user (a new action replaces the one before); undone_at: when it was undone.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('bulk_action')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.addColumn('target_bank_id', 'text')
		.addColumn('snapshot_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('undone_at', 'bigint')
		.execute();
	await db.schema
		.createIndex('bulk_action_bank_user_uq')
		.on('bulk_action')
		.columns(['bank_id', 'user_id'])
		.unique()
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('bulk_action').execute();
}
