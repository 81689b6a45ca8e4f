import type { Kysely } from 'kysely';

// A checked question import waits here between its preview and the organizer's confirmation, so
// the preview may be made on one app node and confirmed on another. Rows expire (expires_at,
// epoch ms) and are pruned by the writers; a confirmation deletes its row.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('pending_import')
		// sha256 of the token handed to the browser: the table alone confirms nothing
		.addColumn('token_hash', 'text', (c) => c.primaryKey())
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id').onDelete('cascade'))
		.addColumn('actor_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('source', 'text', (c) => c.notNull())
		/** the parsed questions (ImportedQuestion[]) */
		.addColumn('questions_json', 'text', (c) => c.notNull())
		.addColumn('question_count', 'integer', (c) => c.notNull())
		/** positions in the questions of the likely duplicates the preview flagged */
		.addColumn('duplicates_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('pending_import_expires_idx').on('pending_import').column('expires_at').execute();
	await db.schema
		.createIndex('pending_import_actor_idx')
		.on('pending_import')
		.columns(['actor_id', 'created_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('pending_import').execute();
}
