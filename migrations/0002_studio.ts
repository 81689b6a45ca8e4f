import type { Kysely } from 'kysely';

// The organizer studio: searchable questions, and an audit log of every change.

export async function up(db: Kysely<any>): Promise<void> {
	// Diacritic-folded text of the current version (question, options, explanation, reference),
	// and its tags as '|tag|tag|', so search and tag filters need no join and no JSON parsing.
	await db.schema
		.alterTable('question')
		.addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.alterTable('question')
		.addColumn('tags_text', 'text', (c) => c.notNull().defaultTo(''))
		.execute();
	await db.schema
		.alterTable('question')
		.addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
	// Authored order within a bank (an import keeps its file's order; exports follow it).
	await db.schema
		.alterTable('question')
		.addColumn('position', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.createIndex('question_bank_position_idx').on('question').columns(['bank_id', 'position']).execute();

	await db.schema
		.createTable('audit_log')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('at', 'bigint', (c) => c.notNull())
		.addColumn('actor_id', 'text', (c) => c.references('app_user.id'))
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('detail_json', 'text', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
	await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('audit_log').execute();
	await db.schema.dropIndex('question_bank_position_idx').execute();
	await db.schema.alterTable('question').dropColumn('position').execute();
	await db.schema.alterTable('question').dropColumn('updated_at').execute();
	await db.schema.alterTable('question').dropColumn('tags_text').execute();
	await db.schema.alterTable('question').dropColumn('search_text').execute();
}
