import { sql, type Kysely } from 'kysely';

// Live games (stage events): a host-paced quiz. The game row holds the server's state machine
// (phase, current question, its clock), written at every phase change, so a restarted server
// resumes where it was. Questions are copied into the game when it is created: editing the bank
// later does not change a game already played. Players and their answers are written as they come.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('live_game')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('contest_id', 'text', (c) => c.notNull().references('contest.id').onDelete('cascade'))
		.addColumn('title', 'text', (c) => c.notNull())
		// six digits; unique among games not yet finished (partial index below)
		.addColumn('pin', 'text', (c) => c.notNull())
		// the one user whose console may run the game
		.addColumn('host_user_id', 'text', (c) => c.notNull().references('app_user.id'))
		// 'accuracy' | 'speed'
		.addColumn('scoring', 'text', (c) => c.notNull())
		.addColumn('streak_bonus', 'integer', (c) => c.notNull().defaultTo(0))
		// 'account' | 'nickname' | 'both'
		.addColumn('join_mode', 'text', (c) => c.notNull())
		.addColumn('late_join', 'integer', (c) => c.notNull().defaultTo(1))
		// 1: the question's text is on the screen only, the phones show the answer buttons
		.addColumn('screen_only', 'integer', (c) => c.notNull().defaultTo(0))
		// 'bank' | 'round': where the questions came from, for the organizer's record
		.addColumn('source', 'text', (c) => c.notNull())
		// the state machine: 'lobby' | 'question' | 'reveal' | 'leaderboard' | 'podium'
		.addColumn('phase', 'text', (c) => c.notNull().defaultTo('lobby'))
		.addColumn('question_index', 'integer', (c) => c.notNull().defaultTo(-1))
		.addColumn('question_started_at', 'bigint')
		.addColumn('deadline_at', 'bigint')
		.addColumn('paused_remaining_ms', 'bigint')
		.addColumn('created_by', 'text', (c) => c.notNull().references('app_user.id'))
		.addColumn('created_at', 'bigint', (c) => c.notNull())
		.addColumn('started_at', 'bigint')
		.addColumn('ended_at', 'bigint')
		// the last time the state or an answer was written: a restart resumes the clock from here
		.addColumn('updated_at', 'bigint', (c) => c.notNull())
		.execute();
	await db.schema.createIndex('live_game_contest_idx').on('live_game').columns(['contest_id', 'created_at']).execute();
	await sql`CREATE UNIQUE INDEX live_game_pin_idx ON live_game (pin) WHERE phase <> 'podium'`.execute(db);

	await db.schema
		.createTable('live_game_question')
		.addColumn('game_id', 'text', (c) => c.notNull().references('live_game.id').onDelete('cascade'))
		// 0-based order in the game
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('question_id', 'text', (c) => c.notNull())
		.addColumn('question_version_id', 'text', (c) => c.notNull())
		.addColumn('type', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		// [{"text":"…","correct":true}, …] in the order shown on the screen and the phones
		.addColumn('options_json', 'text', (c) => c.notNull())
		.addColumn('time_limit_ms', 'integer', (c) => c.notNull())
		// full points of a correct answer under speed scoring
		.addColumn('points', 'integer', (c) => c.notNull())
		// 1: the host skipped it; nobody scores on it
		.addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
		.addPrimaryKeyConstraint('live_game_question_pk', ['game_id', 'position'])
		.execute();

	await db.schema
		.createTable('live_game_player')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('game_id', 'text', (c) => c.notNull().references('live_game.id').onDelete('cascade'))
		// a signed-in contestant, or null for a nickname
		.addColumn('user_id', 'text', (c) => c.references('app_user.id'))
		.addColumn('nickname', 'text', (c) => c.notNull())
		// folded nickname: unique in the game
		.addColumn('nickname_key', 'text', (c) => c.notNull())
		.addColumn('unit_id', 'text', (c) => c.references('unit.id'))
		// SHA-256 of the rejoin token kept in the player's browser
		.addColumn('token_hash', 'text', (c) => c.notNull())
		.addColumn('joined_at', 'bigint', (c) => c.notNull())
		.addColumn('removed_at', 'bigint')
		// totals as of the last reveal
		.addColumn('score', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('correct_count', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('streak', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('correct_time_ms', 'bigint', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema
		.createIndex('live_game_player_nick_idx')
		.on('live_game_player')
		.columns(['game_id', 'nickname_key'])
		.unique()
		.execute();
	await db.schema
		.createIndex('live_game_player_token_idx')
		.on('live_game_player')
		.column('token_hash')
		.unique()
		.execute();

	await db.schema
		.createTable('live_game_answer')
		.addColumn('game_id', 'text', (c) => c.notNull().references('live_game.id').onDelete('cascade'))
		.addColumn('player_id', 'text', (c) => c.notNull().references('live_game_player.id').onDelete('cascade'))
		.addColumn('position', 'integer', (c) => c.notNull())
		// JSON array of chosen option indexes, sorted
		.addColumn('choice_json', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		// measured on the server from the question's sending, less the latency allowance
		.addColumn('elapsed_ms', 'integer', (c) => c.notNull())
		.addColumn('points', 'integer', (c) => c.notNull())
		.addColumn('received_at', 'bigint', (c) => c.notNull())
		// one answer per player and question
		.addPrimaryKeyConstraint('live_game_answer_pk', ['game_id', 'position', 'player_id'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('live_game_answer').execute();
	await db.schema.dropTable('live_game_player').execute();
	await db.schema.dropTable('live_game_question').execute();
	await db.schema.dropTable('live_game').execute();
}
