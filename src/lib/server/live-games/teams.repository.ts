import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/database';
import type { LiveGameTeamTable } from '../db/schema';

// The teams of a live game (migration 0027): the game row's mode and scoring, and the named teams.

export type GameTeamRow = Selectable<LiveGameTeamTable>;

export function listGameTeams(db: Db, gameId: string): Promise<GameTeamRow[]> {
	return db.selectFrom('live_game_team').selectAll().where('game_id', '=', gameId).orderBy('position').execute();
}

export async function countGamePlayers(db: Db, gameId: string): Promise<number> {
	const row = await db
		.selectFrom('live_game_player')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('game_id', '=', gameId)
		.executeTakeFirst();
	return Number(row?.n ?? 0);
}

/**
 * The game's team settings and its named teams, replaced at once; only while the game waits in the
 * lobby (false when it has started meanwhile).
 */
export async function replaceGameTeams(
	db: Db,
	gameId: string,
	settings: { team_mode: 'off' | 'unit' | 'named'; team_scoring: 'mean' | 'best' },
	teams: Insertable<LiveGameTeamTable>[],
	at: number
): Promise<boolean> {
	const updated = await db
		.updateTable('live_game')
		.set({ ...settings, updated_at: at })
		.where('id', '=', gameId)
		.where('phase', '=', 'lobby')
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) === 0) return false;
	await db.deleteFrom('live_game_team').where('game_id', '=', gameId).execute();
	if (teams.length) await db.insertInto('live_game_team').values(teams).execute();
	return true;
}
