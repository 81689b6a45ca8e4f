import type { Kysely } from 'kysely';

// Live leaderboards: a log of every change to a round's best results, one row per leaderboard
// version, so a broadcast can say exactly what moved since the version a viewer has, and counters
// of attempts per round and status that stay index-only at the Sunday-night deadline.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('leaderboard_change')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('version', 'integer', (c) => c.notNull())
		.addColumn('group_id', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.notNull())
		// The contestant's previous best, or nulls when this is their first finished attempt.
		.addColumn('prev_attempt_id', 'text')
		.addColumn('prev_score', 'integer')
		.addColumn('prev_duration_ms', 'bigint')
		.addColumn('prev_submitted_at', 'bigint')
		.addColumn('attempt_id', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('duration_ms', 'bigint', (c) => c.notNull())
		.addColumn('submitted_at', 'bigint', (c) => c.notNull())
		.addPrimaryKeyConstraint('leaderboard_change_pk', ['round_id', 'version'])
		.execute();
	await db.schema
		.createIndex('attempt_round_status_idx')
		.on('attempt')
		.columns(['round_id', 'status', 'finished_at'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('attempt_round_status_idx').execute();
	await db.schema.dropTable('leaderboard_change').execute();
}
