import { randomInt } from 'node:crypto';
import {
	cleanTeamName,
	makeTeamCodes,
	teamSetupProblem,
	type GameTeams,
	type TeamMode,
	type TeamScoring,
	type TeamSetupProblem
} from '../../domain/live-game-teams';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { canManageContest, type Actor } from '../contests/contest-access';
import type { Db } from '../db/database';
import { newId } from '../ids';
import { findGame, type GameRow } from './game.repository';
import { countGamePlayers, listGameTeams, replaceGameTeams } from './teams.repository';

// The organizer's side of a live game's teams (issue 16): chosen in the studio while the game waits
// in the lobby, before anyone has joined (a player's team is part of their join). The running game
// reads them with loadGameTeams (at load, and when the studio announces an edit).

export interface GameTeamsInput {
	mode: TeamMode;
	scoring: TeamScoring;
	/** named teams, in order (ignored unless mode is 'named') */
	teams: { name: string; stage: boolean }[];
}

export type SaveTeamsFailure = 'game_not_found' | 'forbidden' | 'not_in_lobby' | 'players_joined' | TeamSetupProblem;
export type SaveTeamsResult = { ok: true } | { ok: false; reason: SaveTeamsFailure; at: number | null };

export async function saveGameTeams(
	ctx: AppContext,
	actor: Actor,
	gameId: string,
	input: GameTeamsInput
): Promise<SaveTeamsResult> {
	const game = await findGame(ctx.db, gameId);
	if (!game) return { ok: false, reason: 'game_not_found', at: null };
	if (!(await canManageContest(ctx.db, actor, game.contest_id))) return { ok: false, reason: 'forbidden', at: null };
	if (game.phase !== 'lobby') return { ok: false, reason: 'not_in_lobby', at: null };
	if ((await countGamePlayers(ctx.db, gameId)) > 0) return { ok: false, reason: 'players_joined', at: null };
	const named = input.mode === 'named' ? input.teams : [];
	if (input.mode === 'named') {
		const problem = teamSetupProblem(named);
		if (problem) return { ok: false, reason: problem.problem, at: problem.at };
	}
	const codes = makeTeamCodes(named.filter((t) => t.stage).length, randomInt);
	const rows = named.map((t, position) => ({
		id: newId(),
		game_id: gameId,
		position,
		name: cleanTeamName(t.name),
		stage: t.stage ? 1 : 0,
		code: t.stage ? codes.shift()! : null
	}));
	const now = ctx.clock.now();
	const saved = await ctx.db
		.transaction()
		.execute(async (trx) => {
			const settings = { team_mode: input.mode, team_scoring: input.scoring };
			if (!(await replaceGameTeams(trx, gameId, settings, rows, now))) return false;
			// a player who joined between the check above and now would lose their team
			if ((await countGamePlayers(trx, gameId)) > 0) throw new PlayersJoined();
			await recordAudit(
				trx,
				{
					actorId: actor.id,
					action: 'live_game.teams',
					entity: 'live_game',
					entityId: gameId,
					summary: `Chia đội trò chơi "${game.title}": ${modeText(input.mode)}${
						rows.length ? ` (${rows.map((r) => r.name).join(', ')})` : ''
					}`,
					detail: { ...settings, teams: rows.map((r) => ({ name: r.name, stage: r.stage === 1 })) }
				},
				now
			);
			return true;
		})
		.catch((error: unknown) => {
			if (error instanceof PlayersJoined) return 'players_joined' as const;
			throw error;
		});
	if (saved === 'players_joined') return { ok: false, reason: 'players_joined', at: null };
	if (!saved) return { ok: false, reason: 'not_in_lobby', at: null };
	ctx.events.emit('game:edited', { gameId });
	return { ok: true };
}

class PlayersJoined extends Error {}

function modeText(mode: TeamMode): string {
	return mode === 'off' ? 'không chia đội' : mode === 'unit' ? 'theo đơn vị' : 'các đội đặt tên';
}

/** The running game's teams, from its row and its named teams; null without teams. */
export async function loadGameTeams(db: Db, row: GameRow): Promise<GameTeams | null> {
	if (row.team_mode === 'off') return null;
	const list =
		row.team_mode === 'named'
			? (await listGameTeams(db, row.id)).map((t) => ({ id: t.id, name: t.name, stage: t.stage === 1, code: t.code }))
			: [];
	return { mode: row.team_mode, scoring: row.team_scoring, list, board: null, places: new Map() };
}

/** The studio's view of the teams: the stage teams' codes included (the organizer's eyes only). */
export async function getTeamSetup(db: Db, row: GameRow) {
	const teams = await listGameTeams(db, row.id);
	return {
		mode: row.team_mode,
		scoring: row.team_scoring,
		teams: teams.map((t) => ({ id: t.id, name: t.name, stage: t.stage === 1, code: t.code }))
	};
}

/** What a phone needs to join a team: the hall's named teams (never the stage's, never a code). */
export async function listJoinTeams(
	db: Db,
	row: GameRow
): Promise<{ mode: 'unit' | 'named'; teams: { id: string; name: string }[]; stage: boolean } | null> {
	if (row.team_mode === 'off') return null;
	if (row.team_mode === 'unit') return { mode: 'unit', teams: [], stage: false };
	const teams = await listGameTeams(db, row.id);
	return {
		mode: 'named',
		teams: teams.filter((t) => t.stage === 0).map((t) => ({ id: t.id, name: t.name })),
		stage: teams.some((t) => t.stage === 1)
	};
}
