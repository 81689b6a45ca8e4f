import type { Kysely } from 'kysely';

// Teams in live games (issue 16). The host chooses before the game starts: no teams, teams by unit
// (a player's team is the unit they count for in the standings), or teams the host names (2–20),
// scored by the mean of their members' points or by their best member. Named teams may be marked
// as stage teams (3–6, answering on tablets on stage): a player joins one only with its code, which
// the host reads out on stage. Kept in the game's row and its own table, so a resumed game keeps them.

export async function up(db: Kysely<any>): Promise<void> {
	/** 'off' | 'unit' | 'named' */
	await db.schema
		.alterTable('live_game')
		.addColumn('team_mode', 'text', (c) => c.notNull().defaultTo('off'))
		.execute();
	/** 'mean' | 'best' */
	await db.schema
		.alterTable('live_game')
		.addColumn('team_scoring', 'text', (c) => c.notNull().defaultTo('mean'))
		.execute();
	await db.schema
		.createTable('live_game_team')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('game_id', 'text', (c) => c.notNull().references('live_game.id').onDelete('cascade'))
		// the host's order, 0-based
		.addColumn('position', 'integer', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull())
		// 1: a stage team, joined only with its code
		.addColumn('stage', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('code', 'text')
		.execute();
	await db.schema
		.createIndex('live_game_team_position_idx')
		.on('live_game_team')
		.columns(['game_id', 'position'])
		.unique()
		.execute();
	// a named team's player; null in a game without named teams
	await db.schema.alterTable('live_game_player').addColumn('team_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('live_game_player').dropColumn('team_id').execute();
	await db.schema.dropTable('live_game_team').execute();
	await db.schema.alterTable('live_game').dropColumn('team_scoring').execute();
	await db.schema.alterTable('live_game').dropColumn('team_mode').execute();
}
