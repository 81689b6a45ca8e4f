import type { Kysely } from 'kysely';

// Migration 0015 indexed attempt (round_id, device_id) and (round_id, ip_hash), but no query
// looks attempts up by device or address: the fair-play analysis reads a round's attempts in
// id pages (0017's (round_id, id)) and groups them in memory. Each index was two more B-tree
// inserts at every start, on random keys (a device id, a keyed hash), so on SQLite two more
// pages in most starts' commits (bench/start-signals.ts measures the difference).

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('attempt_ip_idx').ifExists().execute();
	await db.schema.dropIndex('attempt_device_idx').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.createIndex('attempt_device_idx').on('attempt').columns(['round_id', 'device_id']).execute();
	await db.schema.createIndex('attempt_ip_idx').on('attempt').columns(['round_id', 'ip_hash']).execute();
}
