import type { Kysely } from 'kysely';

// Contestants' data rights (issue 14, "Personal data"):
// - contest.retention_days: how long after its last round closes the contest keeps contestants'
//   personal data and fair-play signals; contest.privacy_contact: whom to ask (shown on the
//   contest's privacy page); contest.purged_at: when the purge ran (null: not yet).
// - app_user.anonymized_at: when the account's own personal data was replaced (null: never).
// - data_request: a contestant's deletion request, one row per contest they registered for, so
//   each contest's organizers see and decide their own; note and decision are free text.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('contest')
		.addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(365))
		.execute();
	await db.schema.alterTable('contest').addColumn('privacy_contact', 'text').execute();
	await db.schema.alterTable('contest').addColumn('purged_at', 'bigint').execute();
	await db.schema.alterTable('app_user').addColumn('anonymized_at', 'bigint').execute();
	await db.schema
		.createTable('data_request')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		/** 'deletion' (the only kind so far) */
		.addColumn('kind', 'text', (c) => c.notNull())
		/** 'pending' | 'done' | 'declined' */
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('decided_at', 'bigint')
		.addColumn('decided_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('decision_reason', 'text')
		.execute();
	await db.schema
		.createIndex('data_request_contest_idx')
		.on('data_request')
		.columns(['contest_id', 'status'])
		.execute();
	await db.schema.createIndex('data_request_user_idx').on('data_request').columns(['user_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('data_request').execute();
	await db.schema.alterTable('app_user').dropColumn('anonymized_at').execute();
	await db.schema.alterTable('contest').dropColumn('purged_at').execute();
	await db.schema.alterTable('contest').dropColumn('privacy_contact').execute();
	await db.schema.alterTable('contest').dropColumn('retention_days').execute();
}
