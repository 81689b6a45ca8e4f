import { sql, type Kysely } from 'kysely';

// Portable across SQLite and PostgreSQL: text ids made by the app, integer ms timestamps,
// JSON stored as text, booleans as 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('unit')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('code', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('name_folded', 'text', (c) => c.notNull())
		.addColumn('parent_id', 'text', (c) => c.references('unit.id'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('headcount', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('unit_parent_idx').on('unit').column('parent_id').execute();

	await db.schema
		.createTable('app_user')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('phone', 'text', (c) => c.notNull().unique())
		.addColumn('full_name', 'text', (c) => c.notNull())
		.addColumn('birth_date', 'text')
		.addColumn('email', 'text')
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('role', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('expires_at', 'bigint', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

	await db.schema
		.createTable('contest')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('slug', 'text', (c) => c.notNull().unique())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('summary', 'text', (c) => c.notNull())
		.addColumn('rules_md', 'text', (c) => c.notNull())
		.addColumn('consent_text', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('contest_group')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addUniqueConstraint('contest_group_code_uq', ['contest_id', 'code'])
		.execute();

	await db.schema
		.createTable('registration')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
		.addColumn('group_id', 'text', (c) => c.notNull().references('contest_group.id'))
		.addColumn('consented_at', 'bigint', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('registration_contest_user_uq', ['contest_id', 'user_id'])
		.execute();

	await db.schema
		.createTable('question_bank')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();

	await db.schema
		.createTable('topic')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id').onDelete('cascade'))
		.addColumn('parent_id', 'text', (c) => c.references('topic.id'))
		.addColumn('code', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('position', 'integer', (c) => c.notNull())
		.addUniqueConstraint('topic_bank_code_uq', ['bank_id', 'code'])
		.execute();

	await db.schema
		.createTable('question')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id').onDelete('cascade'))
		.addColumn('topic_id', 'text', (c) => c.notNull().references('topic.id'))
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('difficulty', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('current_version_id', 'text')
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema
		.createIndex('question_pick_idx')
		.on('question')
		.columns(['bank_id', 'topic_id', 'difficulty', 'status'])
		.execute();

	// A question's content is versioned: attempts point at the version they drew, so an edit
	// never rewrites a contestant's history.
	await db.schema
		.createTable('question_version')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('question_id', 'text', (c) => c.notNull().references('question.id').onDelete('cascade'))
		.addColumn('version', 'integer', (c) => c.notNull())
		// The type is part of what an attempt drew: changing it makes a new version.
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('options_json', 'text', (c) => c.notNull())
		.addColumn('explanation', 'text', (c) => c.notNull())
		.addColumn('legal_reference', 'text')
		.addColumn('tags_json', 'text', (c) => c.notNull())
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('question_version_uq', ['question_id', 'version'])
		.execute();

	await db.schema
		.createTable('round')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('opens_at', 'bigint', (c) => c.notNull())
		.addColumn('closes_at', 'bigint', (c) => c.notNull())
		.addColumn('time_limit_ms', 'integer', (c) => c.notNull())
		.addColumn('max_attempts', 'integer', (c) => c.notNull())
		.addColumn('grace_ms', 'integer', (c) => c.notNull())
		.addColumn('prediction_question', 'text', (c) => c.notNull())
		.addColumn('prediction_kind', 'text', (c) => c.notNull())
		.addColumn('ranking_criteria_json', 'text', (c) => c.notNull())
		.addColumn('leaderboard_visibility', 'text', (c) => c.notNull())
		.addColumn('show_answers_after_close', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('leaderboard_version', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addUniqueConstraint('round_contest_ordinal_uq', ['contest_id', 'ordinal'])
		.execute();

	await db.schema
		.createTable('blueprint_item')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.references('contest_group.id'))
		.addColumn('bank_id', 'text', (c) => c.notNull().references('question_bank.id'))
		.addColumn('topic_id', 'text', (c) => c.notNull().references('topic.id'))
		.addColumn('difficulty', 'text', (c) => c.notNull())
		.addColumn('count', 'integer', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('blueprint_round_idx').on('blueprint_item').column('round_id').execute();

	await db.schema
		.createTable('attempt')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('round_id', 'text', (c) => c.notNull().references('round.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('group_id', 'text', (c) => c.notNull().references('contest_group.id'))
		.addColumn('unit_id', 'text', (c) => c.notNull().references('unit.id'))
		.addColumn('ordinal', 'integer', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('seed', 'text', (c) => c.notNull())
		.addColumn('started_at', 'bigint', (c) => c.notNull())
		.addColumn('deadline', 'bigint', (c) => c.notNull())
		.addColumn('submitted_at', 'bigint')
		.addColumn('finished_at', 'bigint')
		.addColumn('finish_reason', 'text')
		.addColumn('score', 'integer')
		.addColumn('max_score', 'integer', (c) => c.notNull())
		.addColumn('correct_count', 'integer')
		.addColumn('duration_ms', 'bigint')
		.addColumn('prediction', 'bigint')
		.addColumn('disqualified', 'integer', (c) => c.notNull().defaultTo(0))
		// The unique ordinal per contestant and round makes the attempt limit race-free.
		.addUniqueConstraint('attempt_round_user_ordinal_uq', ['round_id', 'user_id', 'ordinal'])
		.execute();
	// At most one attempt in progress per contestant, enforced by the database itself.
	await sql`create unique index attempt_one_in_progress_uq on attempt (user_id) where status = 'in_progress'`.execute(
		db
	);
	await db.schema.createIndex('attempt_due_idx').on('attempt').columns(['status', 'deadline']).execute();

	await db.schema
		.createTable('attempt_item')
		.addColumn('attempt_id', 'text', (c) => c.notNull().references('attempt.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('question_version_id', 'text', (c) => c.notNull().references('question_version.id'))
		.addColumn('option_keys_json', 'text', (c) => c.notNull())
		.addColumn('option_ids_json', 'text', (c) => c.notNull())
		.addColumn('answer_json', 'text')
		.addColumn('answer_rev', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('answered_at', 'bigint')
		.addColumn('is_correct', 'integer')
		.addPrimaryKeyConstraint('attempt_item_pk', ['attempt_id', 'position'])
		.execute();

	// Each contestant's best attempt per round, kept current when an attempt finishes, so the
	// leaderboard and rank lookups read one indexed table instead of re-ranking every attempt.
	await db.schema
		.createTable('round_result')
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
		.addPrimaryKeyConstraint('round_result_pk', ['round_id', 'user_id'])
		.execute();
	await db.schema
		.createIndex('round_result_rank_idx')
		.on('round_result')
		.columns(['round_id', 'group_id', 'score desc', 'duration_ms', 'submitted_at', 'attempt_id'])
		.execute();
	await db.schema
		.createIndex('round_result_unit_rank_idx')
		.on('round_result')
		.columns(['round_id', 'group_id', 'unit_id', 'score desc', 'duration_ms', 'submitted_at', 'attempt_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'round_result',
		'attempt_item',
		'attempt',
		'blueprint_item',
		'round',
		'question_version',
		'question',
		'topic',
		'question_bank',
		'registration',
		'contest_group',
		'contest',
		'session',
		'app_user',
		'unit'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
