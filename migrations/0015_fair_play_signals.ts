import type { Kysely } from 'kysely';

// What the platform records for fair play (issue 14), declared in each contest's rules and kept
// for the contest's retention period:
// - attempt_event: per attempt, from the server's clock, when each question was first shown, each
//   change of answer, and the page losing / regaining focus. Written off the answer save's hot path
//   (answer changes ride along with the save; the rest arrives in batches from the page).
// - the device cookie (random, per browser), the address as a keyed hash (never the address
//   itself) and the user agent, on the attempt when it starts and on the account when it registers.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('attempt_event')
		.addColumn('attempt_id', 'text', (c) => c.notNull().references('attempt.id').onDelete('cascade'))
		/** 'shown' | 'answer' | 'hidden' | 'visible' | 'blur' | 'focus' */
		.addColumn('kind', 'text', (c) => c.notNull())
		/** the item's position in the attempt; null for page-level events (focus) */
		.addColumn('position', 'integer')
		/** for 'answer': the answer as saved (JSON text); otherwise null */
		.addColumn('value_json', 'text')
		/** ms since the epoch, the server's clock on receipt */
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('attempt_event_attempt_idx').on('attempt_event').columns(['attempt_id', 'at']).execute();

	for (const table of ['attempt', 'app_user']) {
		await db.schema.alterTable(table).addColumn('device_id', 'text').execute();
		await db.schema.alterTable(table).addColumn('ip_hash', 'text').execute();
		await db.schema.alterTable(table).addColumn('user_agent', 'text').execute();
	}
	await db.schema.createIndex('attempt_device_idx').on('attempt').columns(['round_id', 'device_id']).execute();
	await db.schema.createIndex('attempt_ip_idx').on('attempt').columns(['round_id', 'ip_hash']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('attempt_ip_idx').execute();
	await db.schema.dropIndex('attempt_device_idx').execute();
	for (const table of ['app_user', 'attempt']) {
		await db.schema.alterTable(table).dropColumn('user_agent').execute();
		await db.schema.alterTable(table).dropColumn('ip_hash').execute();
		await db.schema.alterTable(table).dropColumn('device_id').execute();
	}
	await db.schema.dropTable('attempt_event').execute();
}
