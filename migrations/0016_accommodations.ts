import type { Kysely } from 'kysely';

// Issue 14, accommodations: per contestant (per contest, or one round of it) extra time as a
// percentage of the round's time limit and/or extra attempts, granted by an organizer with a
// reason (audit log). The start reads it: deadline = start + limit × (1 + pct/100), still capped
// by the round's close; attempts allowed = round's max + extra. A round-specific grant wins over
// the contest-wide one (round_id null). Unique per contest, user and round ('' stands for "every
// round" in the key, since a unique index treats nulls as distinct on both engines).
// (The answer events of migration 0015's attempt_event are written by the app in batches,
// src/lib/server/attempts/answer-events.ts: a trigger in the save's own statement was measured
// and cost too much.)

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('accommodation')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		/** null: every round of the contest */
		.addColumn('round_id', 'text', (c) => c.references('round.id').onDelete('cascade'))
		/** the key's stand-in for round_id: the round's id, or '' for every round */
		.addColumn('round_key', 'text', (c) => c.notNull())
		/** extra time, percent of the round's time limit (0–300) */
		.addColumn('extra_time_pct', 'integer', (c) => c.notNull())
		/** extra attempts over the round's max (0–20) */
		.addColumn('extra_attempts', 'integer', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull())
		.addColumn('granted_by', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('accommodation_unique_idx')
		.on('accommodation')
		.columns(['contest_id', 'user_id', 'round_key'])
		.unique()
		.execute();
	await db.schema.createIndex('accommodation_user_idx').on('accommodation').columns(['user_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('accommodation').execute();
}
