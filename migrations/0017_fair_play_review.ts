import type { Kysely } from 'kysely';

// The fair-play analysis and its review (issue 14). The analysis reads what 0015 records and
// writes its findings here; a person decides on each.
// - attempt_flag: one row per attempt and signal the analysis found ('too_fast', 'shared_device',
//   'shared_address', 'copying', 'focus_loss'), with a score (the signal's own scale: z for
//   copying, seconds per question for too_fast, accounts for shared device/address, seconds lost
//   for focus) and the evidence as JSON. A run replaces the round's flags; decisions stay.
// - attempt_review: an organizer's decision on a flagged attempt, 'cleared' or 'disqualified',
//   with a note (the reason of a disqualification); the latest row per attempt counts.
// - fair_play_run: when a round's analysis last ran, how long it took and its longest slice.
// - attempt (round_id, id): the analysis's paging.
// - round.fast_floor_ms: the organizer's floor of time per question (ms); null: from the round's
//   own distribution.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('attempt_flag')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('attempt_id', 'text', (c) => c.notNull().references('attempt.id').onDelete('cascade'))
		.addColumn('signal', 'text', (c) => c.notNull())
		.addColumn('score', 'double precision', (c) => c.notNull())
		.addColumn('detail_json', 'text', (c) => c.notNull())
		/** ms since the epoch */
		.addColumn('computed_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('attempt_flag_pk', ['round_id', 'attempt_id', 'signal'])
		.execute();
	await db.schema
		.createTable('attempt_review')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('attempt_id', 'text', (c) => c.notNull().references('attempt.id').onDelete('cascade'))
		/** 'cleared' | 'disqualified' */
		.addColumn('decision', 'text', (c) => c.notNull())
		.addColumn('note', 'text', (c) => c.notNull())
		.addColumn('reviewer_id', 'text', (c) => c.references('app_user.id').onDelete('set null'))
		/** ms since the epoch */
		.addColumn('at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('attempt_review_attempt_idx')
		.on('attempt_review')
		.columns(['attempt_id', 'at'])
		.execute();
	await db.schema
		.createTable('fair_play_run')
		.addColumn('round_id', 'text', (c) => c.primaryKey().references('round.id').onDelete('cascade'))
		.addColumn('computed_at', 'bigint', (c) => c.notNull())
		.addColumn('attempts', 'integer', (c) => c.notNull())
		.addColumn('flags', 'integer', (c) => c.notNull())
		.addColumn('elapsed_ms', 'integer', (c) => c.notNull())
		.addColumn('longest_slice_ms', 'integer', (c) => c.notNull())
		.addColumn('floor_ms', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.alterTable('round').addColumn('fast_floor_ms', 'integer').execute();
	// the analysis reads a round's attempts in id order, a page at a time (keyset paging): without
	// this index each page sorts the whole round again, and 100,000 attempts take minutes
	await db.schema.createIndex('attempt_round_id_idx').on('attempt').columns(['round_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('attempt_round_id_idx').execute();
	await db.schema.alterTable('round').dropColumn('fast_floor_ms').execute();
	await db.schema.dropTable('fair_play_run').execute();
	await db.schema.dropIndex('attempt_review_attempt_idx').execute();
	await db.schema.dropTable('attempt_review').execute();
	await db.schema.dropTable('attempt_flag').execute();
}
