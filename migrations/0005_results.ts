import { sql, type Kysely } from 'kysely';

// Closing a round: its final ranking, prizes and unit standings, computed by the server and kept
// until the round is closed again (after a disqualification). Rounds say how collective prizes are
// given and whether earlier winners may win again; attempts say why they were disqualified.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('round')
		.addColumn('exclude_previous_winners', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	// {"by":"participation_rate"|"participants"|"mean_score","count":3,"minRate":0}
	await db.schema
		.alterTable('round')
		.addColumn('collective_prize_json', 'text', (c) =>
			c.notNull().defaultTo('{"by":"participation_rate","count":3,"minRate":0}')
		)
		.execute();
	await db.schema.alterTable('attempt').addColumn('disqualified_reason', 'text').execute();
	await db.schema.alterTable('attempt').addColumn('disqualified_by', 'text').execute();
	await db.schema.alterTable('attempt').addColumn('disqualified_at', 'bigint').execute();

	await db.schema
		.createTable('round_close')
		.addColumn('round_id', 'text', (c) => c.primaryKey().references('round.id').onDelete('cascade'))
		// the prediction question's answer: perfect scores or participants, as the round says
		.addColumn('actual_value', 'integer', (c) => c.notNull())
		.addColumn('participants', 'integer', (c) => c.notNull())
		.addColumn('computed_at', 'bigint', (c) => c.notNull())
		// null: closed automatically at its closing time
		.addColumn('computed_by', 'text', (c) => c.references('app_user.id'))
		.addColumn('runs', 'integer', (c) => c.notNull().defaultTo(1))
		.execute();

	await db.schema
		.createTable('final_result')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.notNull())
		.addColumn('attempt_id', 'text', (c) => c.notNull())
		.addColumn('score', 'integer', (c) => c.notNull())
		.addColumn('max_score', 'integer', (c) => c.notNull())
		.addColumn('duration_ms', 'bigint', (c) => c.notNull())
		.addColumn('submitted_at', 'bigint', (c) => c.notNull())
		.addColumn('prediction', 'bigint')
		.addColumn('distance', 'bigint')
		// place in the group, 1-based, total order
		.addColumn('rank', 'integer', (c) => c.notNull())
		// 'first' | 'second' | 'third' | 'consolation' | null
		.addColumn('prize', 'text')
		.addPrimaryKeyConstraint('final_result_pk', ['round_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('final_result_rank_idx')
		.on('final_result')
		.columns(['round_id', 'group_id', 'rank'])
		.execute();
	await db.schema
		.createIndex('final_result_unit_idx')
		.on('final_result')
		.columns(['round_id', 'unit_id', 'group_id', 'rank'])
		.execute();
	// Winners only (earlier-winner exclusion, certificates): an index of every contestant would
	// cost a random insert per row when a round of 500,000 closes.
	await db.schema
		.createIndex('final_result_winner_idx')
		.on('final_result')
		.column('user_id')
		.where(sql.ref('prize'), 'is not', null)
		.execute();

	await db.schema
		.createTable('unit_result')
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('unit_id', 'text', (c) => c.notNull())
		// 1 for the units a standings table shows (the first level under the root), 0 for the others
		.addColumn('top_level', 'integer', (c) => c.notNull())
		.addColumn('participants', 'integer', (c) => c.notNull())
		.addColumn('headcount', 'integer', (c) => c.notNull())
		// participants ÷ headcount, null without headcount
		.addColumn('rate', 'real')
		.addColumn('mean_percent', 'real')
		.addColumn('perfect', 'integer', (c) => c.notNull())
		// place among top-level units by the round's collective criterion, null for the others
		.addColumn('rank', 'integer')
		// 1, 2, 3…: the collective prize won, null for none
		.addColumn('prize', 'integer')
		.addPrimaryKeyConstraint('unit_result_pk', ['round_id', 'unit_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('unit_result').execute();
	await db.schema.dropTable('final_result').execute();
	await db.schema.dropTable('round_close').execute();
	for (const column of ['disqualified_at', 'disqualified_by', 'disqualified_reason']) {
		await db.schema.alterTable('attempt').dropColumn(column).execute();
	}
	await db.schema.alterTable('round').dropColumn('collective_prize_json').execute();
	await db.schema.alterTable('round').dropColumn('exclude_previous_winners').execute();
}
