import { PostgresAdapter, type Kysely } from 'kysely';

// Pictures and sound on questions (issue 15, "Questions with pictures (and sound)"):
// - media: one row per re-encoded file, its id the sha256 of its bytes (so a URL names the
//   content, never a question or an option, and the same picture is stored once); the bytes sit
//   in the database (BLOB on SQLite, bytea on PostgreSQL) so backups and several nodes need
//   nothing more;
// - question_version: the question's picture with its alt text and its sound, per version (an
//   attempt shows the version it drew); an option's picture rides in options_json.

export async function up(db: Kysely<any>): Promise<void> {
	const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
	await db.schema
		.createTable('media')
		.addColumn('id', 'text', (c) => c.primaryKey())
		/** 'image' | 'audio' */
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('mime', 'text', (c) => c.notNull())
		.addColumn('width', 'integer')
		.addColumn('height', 'integer')
		.addColumn('size', 'integer', (c) => c.notNull())
		.addColumn('bytes', postgres ? 'bytea' : 'blob', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('question_version').addColumn('image_media_id', 'text').execute();
	await db.schema.alterTable('question_version').addColumn('image_alt', 'text').execute();
	await db.schema.alterTable('question_version').addColumn('audio_media_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('question_version').dropColumn('audio_media_id').execute();
	await db.schema.alterTable('question_version').dropColumn('image_alt').execute();
	await db.schema.alterTable('question_version').dropColumn('image_media_id').execute();
	await db.schema.dropTable('media').execute();
}
