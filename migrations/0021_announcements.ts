import type { Kysely } from 'kysely';

// Announcements (issue 15, "Notify"): an organizer's notice to a contest's contestants, shown on
// the public contest page and in the accounts of those registered; optionally e-mailed when SMTP
// is configured. kind: 'manual' (written by an organizer), 'round_open' or 'results' (written by
// the platform when a round opens or its results are published). email_*: the sending's progress
// ('none': not asked or no SMTP, 'queued', 'sent', 'failed'), counted in recipients.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('announcement')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('round_id', 'text', (c) => c.references('round.id').onDelete('set null'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('body_md', 'text', (c) => c.notNull())
		.addColumn('created_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('email_status', 'text', (c) => c.notNull().defaultTo('none'))
		.addColumn('email_sent', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('email_failed', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('announcement_contest_idx')
		.on('announcement')
		.columns(['contest_id', 'created_at'])
		.execute();
	// an automatic notice is written once per round and kind, whichever node gets there first
	await db.schema
		.createIndex('announcement_auto_idx')
		.on('announcement')
		.columns(['round_id', 'kind'])
		.unique()
		.where('kind', '<>', 'manual')
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('announcement').execute();
}
