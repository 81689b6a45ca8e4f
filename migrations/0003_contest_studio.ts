import type { Kysely } from 'kysely';

// Contest and round authoring: who may organize which contest, what registration asks,
// prizes per round, and preview attempts ("thi thử") that never count.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('organizer_grant')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		// null: every contest of the installation
		.addColumn('contest_id', 'text', (c) => c.references('contest.id').onDelete('cascade'))
		.addColumn('granted_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('organizer_grant_user_idx').on('organizer_grant').column('user_id').execute();

	// {"birthDate":"required"|"optional"|"off","email":…}; name, phone, unit and group are always asked.
	await db.schema
		.alterTable('contest')
		.addColumn('registration_fields_json', 'text', (c) =>
			c.notNull().defaultTo('{"birthDate":"required","email":"optional"}')
		)
		.execute();

	// The banner image, base64 in a text column so both dialects store it alike (≤ 400 kB).
	await db.schema.alterTable('contest').addColumn('banner_mime', 'text').execute();
	await db.schema.alterTable('contest').addColumn('banner_b64', 'text').execute();
	await db.schema
		.alterTable('contest')
		.addColumn('banner_version', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();

	// {"<groupId>":{"first":1,"second":2,"third":3,"consolation":5}}
	await db.schema
		.alterTable('round')
		.addColumn('prize_counts_json', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute();

	await db.schema
		.alterTable('attempt')
		.addColumn('is_preview', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('attempt').dropColumn('is_preview').execute();
	await db.schema.alterTable('round').dropColumn('prize_counts_json').execute();
	await db.schema.alterTable('contest').dropColumn('banner_version').execute();
	await db.schema.alterTable('contest').dropColumn('banner_b64').execute();
	await db.schema.alterTable('contest').dropColumn('banner_mime').execute();
	await db.schema.alterTable('contest').dropColumn('registration_fields_json').execute();
	await db.schema.dropTable('organizer_grant').execute();
}
