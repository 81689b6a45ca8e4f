import type { Kysely } from 'kysely';

// The live game's door (issue 16): the host locks the lobby, caps the number of players, asks
// each player for an identifier (employee number, last digits of a phone) that only the host
// sees, and hands out generated nicknames instead of typed ones; and gives everyone more time on
// the running question. Set from the host console at any
// time and kept in the game's row, so a resumed game (restart, another node) keeps its door.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('live_game')
		.addColumn('locked', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('live_game').addColumn('max_players', 'integer').execute();
	/** the label of the identifier asked at the door ("Mã nhân viên"); null: none asked */
	await db.schema.alterTable('live_game').addColumn('identifier_label', 'text').execute();
	await db.schema
		.alterTable('live_game')
		.addColumn('generated_names', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	/** time the host added to the current question for everyone, ms (0 at each new question) */
	await db.schema
		.alterTable('live_game')
		.addColumn('question_extra_ms', 'integer', (c) => c.notNull().defaultTo(0))
		.execute();
	await db.schema.alterTable('live_game_player').addColumn('identifier', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('live_game_player').dropColumn('identifier').execute();
	for (const column of ['question_extra_ms', 'generated_names', 'identifier_label', 'max_players', 'locked']) {
		await db.schema.alterTable('live_game').dropColumn(column).execute();
	}
}
