import type { GameState, Player } from './live-game-state';
import type { GameStandingRow } from './live-game-views';

// Teams in a live game (issue 16). A team's score comes from the points its members already got
// per question (the game's scoring is not touched): the mean of its members' points, so a big unit
// is not favoured, or its best member's. Removed players leave their team. Named teams may be
// stage teams: 3–6 panels answering on tablets on stage, ranked apart from the hall, joined only
// with a code the host reads out (so the hall cannot join them). Pure: the server loads the teams
// and asks these rules.

export type TeamMode = 'off' | 'unit' | 'named';
export type TeamScoring = 'mean' | 'best';
export const TEAM_MODES: readonly TeamMode[] = ['off', 'unit', 'named'];
export const TEAM_SCORINGS: readonly TeamScoring[] = ['mean', 'best'];

/** Named teams in a game, at least and at most. */
export const TEAMS_MIN = 2;
export const TEAMS_MAX = 20;
/** Stage teams, when there are any. */
export const STAGE_TEAMS_MIN = 3;
export const STAGE_TEAMS_MAX = 6;
export const TEAM_NAME_MAX = 40;
/** Digits of a stage team's code. */
export const TEAM_CODE_LENGTH = 4;
/** Hall teams on the screen, at most (the rest are ranked, and each phone knows its place). */
export const TEAMS_SHOWN = 10;

/** A team the host named. */
export interface TeamDef {
	id: string;
	name: string;
	stage: boolean;
	/** a stage team's code; null for a hall team */
	code: string | null;
}

export interface TeamStanding {
	teamId: string;
	players: number;
	/** mean (rounded to one decimal) or best of the members' points; 0 for an empty team */
	score: number;
	/** 1-based; equal scores share a place; empty teams come after every team with players */
	rank: number;
}

/**
 * Teams ranked by score (exact mean or best), equal scores sharing a place (1, 1, 3). `teams` are
 * listed even when empty (named teams), after the teams with players; members whose team is not
 * in `teams` (when given) or who were removed are left out. Ties are listed by `order`, then id.
 */
export function rankTeams(
	members: readonly { teamId: string | null; score: number; removed?: boolean }[],
	scoring: TeamScoring,
	teams?: readonly string[]
): TeamStanding[] {
	const known = teams ? new Set(teams) : null;
	const by = new Map<string, { players: number; total: number; best: number }>();
	for (const id of teams ?? []) by.set(id, { players: 0, total: 0, best: 0 });
	for (const m of members) {
		if (m.removed || !m.teamId || (known && !known.has(m.teamId))) continue;
		const t = by.get(m.teamId) ?? { players: 0, total: 0, best: 0 };
		t.best = t.players === 0 ? m.score : Math.max(t.best, m.score);
		t.players++;
		t.total += m.score;
		by.set(m.teamId, t);
	}
	const order = new Map((teams ?? []).map((id, i) => [id, i]));
	const rows = [...by.entries()].map(([teamId, t]) => ({ teamId, ...t }));
	// compared exactly (total × players, no division), so rounding never splits or merges a tie
	const compare = (a: (typeof rows)[number], b: (typeof rows)[number]): number => {
		if (a.players > 0 !== b.players > 0) return a.players > 0 ? -1 : 1;
		if (scoring === 'best') return b.best - a.best;
		return b.total * Math.max(1, a.players) - a.total * Math.max(1, b.players);
	};
	rows.sort(
		(a, b) =>
			compare(a, b) ||
			(order.get(a.teamId) ?? Infinity) - (order.get(b.teamId) ?? Infinity) ||
			(a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0)
	);
	let rank = 0;
	return rows.map((r, i) => {
		if (i === 0 || compare(rows[i - 1], r) !== 0) rank = i + 1;
		const score = r.players === 0 ? 0 : scoring === 'best' ? r.best : Math.round((r.total / r.players) * 10) / 10;
		return { teamId: r.teamId, players: r.players, score, rank };
	});
}

// ─── The teams of a running game ─────────────────────────────────────────────────────────────

/** A game's teams as its state holds them (null on GameState: no teams). */
export interface GameTeams {
	mode: 'unit' | 'named';
	scoring: TeamScoring;
	/** named teams, in the host's order (none in unit mode: the players' units are the teams) */
	list: TeamDef[];
	/** from the last ranking (each reveal, each removal): the board, and each team's place */
	board: GameTeamBoard | null;
	places: Map<string, { rank: number; of: number }>;
}

export interface GameTeamRow {
	teamId: string;
	name: string;
	players: number;
	score: number;
	rank: number;
}

/** What the screen and the host console show of the teams. Names and numbers only. */
export interface GameTeamBoard {
	mode: 'unit' | 'named';
	scoring: TeamScoring;
	/** the stage teams, ranked among themselves (empty: the game has none) */
	stage: GameTeamRow[];
	/** the hall's teams, ranked among themselves: the top TEAMS_SHOWN */
	hall: GameTeamRow[];
	/** hall teams ranked in all */
	hallTeams: number;
	/** with stage teams: the hall's own top players (the stage's contestants left out); else null */
	hallPlayers: GameStandingRow[] | null;
}

/** The player's team line, on their phone. */
export interface GamePlayerTeam {
	name: string;
	stage: boolean;
	/** the team's place among the stage teams or the hall's, from the last ranking; null before one */
	rank: number | null;
	/** teams in that ranking */
	of: number;
}

export function teamOf(game: GameState, p: Player): string | null {
	if (!game.teams) return null;
	return game.teams.mode === 'unit' ? p.standingUnitId : (p.teamId ?? null);
}

function isStage(teams: GameTeams, teamId: string): boolean {
	return teams.list.some((t) => t.id === teamId && t.stage);
}

function teamName(game: GameState, teams: GameTeams, teamId: string): string {
	if (teams.mode === 'unit') return game.unitNames.get(teamId) ?? '';
	return teams.list.find((t) => t.id === teamId)?.name ?? '';
}

/** The board from the players' totals now: O(players), built at each ranking (and in the lobby). */
export function buildTeamBoard(game: GameState, top: number = TEAMS_SHOWN): GameTeamBoard | null {
	const teams = game.teams;
	if (!teams) return null;
	const active = game.activePlayers();
	const members = active.map((p) => ({ teamId: teamOf(game, p), score: p.score }));
	const row = (s: TeamStanding): GameTeamRow => ({ ...s, name: teamName(game, teams, s.teamId) });
	if (teams.mode === 'unit') {
		const hall = rankTeams(members, teams.scoring);
		return {
			mode: 'unit',
			scoring: teams.scoring,
			stage: [],
			hall: hall.slice(0, top).map(row),
			hallTeams: hall.length,
			hallPlayers: null
		};
	}
	const stageIds = teams.list.filter((t) => t.stage).map((t) => t.id);
	const hallIds = teams.list.filter((t) => !t.stage).map((t) => t.id);
	const stage = stageIds.length ? rankTeams(members, teams.scoring, stageIds) : [];
	const hall = rankTeams(members, teams.scoring, hallIds);
	let hallPlayers: GameStandingRow[] | null = null;
	if (stageIds.length) {
		const onStage = new Set(stageIds);
		// the players' places are the game's (rankGame): the hall's top, renumbered among the hall
		hallPlayers = active
			.filter((p) => p.rank !== null && !onStage.has(p.teamId ?? ''))
			.sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
			.slice(0, 10)
			.map((p, i) => ({ playerId: p.id, name: p.name, unit: p.unitName, score: p.score, rank: i + 1 }));
	}
	return {
		mode: 'named',
		scoring: teams.scoring,
		stage: stage.map(row),
		hall: hall.slice(0, top).map(row),
		hallTeams: hall.length,
		hallPlayers
	};
}

/** Ranks the teams again (called with each ranking of the players): the board and every team's place. */
export function rankGameTeams(game: GameState): void {
	const teams = game.teams;
	if (!teams) return;
	const board = buildTeamBoard(game, Infinity)!;
	teams.places = new Map();
	for (const list of [board.stage, board.hall]) {
		for (const r of list) teams.places.set(r.teamId, { rank: r.rank, of: list.length });
	}
	teams.board = { ...board, hall: board.hall.slice(0, TEAMS_SHOWN) };
}

/** The teams for a screen packet: the last ranking's, or counts only in the lobby (nobody has points). */
export function teamBoardView(game: GameState): GameTeamBoard | null {
	if (!game.teams) return null;
	if (game.clock.phase === 'lobby') return buildTeamBoard(game);
	return game.teams.board ?? buildTeamBoard(game);
}

export function playerTeam(game: GameState, p: Player): GamePlayerTeam | null {
	const teams = game.teams;
	const id = teamOf(game, p);
	if (!teams || !id) return null;
	// nobody has points in the lobby: no place yet
	const place = game.clock.phase === 'lobby' ? undefined : teams.places.get(id);
	return {
		name: teamName(game, teams, id),
		stage: teams.mode === 'named' && isStage(teams, id),
		rank: place?.rank ?? null,
		of: place?.of ?? 0
	};
}

/** The stage teams' codes, for the host console only. */
export function stageCodes(game: GameState): { teamId: string; name: string; code: string }[] {
	return (game.teams?.list ?? []).flatMap((t) =>
		t.stage && t.code ? [{ teamId: t.id, name: t.name, code: t.code }] : []
	);
}

// ─── Joining a team ──────────────────────────────────────────────────────────────────────────

export type TeamJoinRefusal = 'team_required' | 'team_code_invalid';

/**
 * The named team a new player joins: a hall team by its id, a stage team only by its code (a code
 * wins over an id). Null in a game without named teams (unit teams follow the player's unit).
 */
export function teamForJoin(
	teams: Pick<GameTeams, 'mode' | 'list'> | null,
	input: { teamId?: string; teamCode?: string }
): { ok: true; teamId: string | null } | { ok: false; reason: TeamJoinRefusal } {
	if (!teams || teams.mode !== 'named') return { ok: true, teamId: null };
	const code = (input.teamCode ?? '').replace(/\s+/g, '');
	if (code) {
		const team = teams.list.find((t) => t.stage && t.code === code);
		return team ? { ok: true, teamId: team.id } : { ok: false, reason: 'team_code_invalid' };
	}
	const team = teams.list.find((t) => t.id === input.teamId);
	if (!team) return { ok: false, reason: 'team_required' };
	if (team.stage) return { ok: false, reason: 'team_code_invalid' };
	return { ok: true, teamId: team.id };
}

// ─── Setting the teams up ────────────────────────────────────────────────────────────────────

export type TeamSetupProblem =
	'too_few_teams' | 'too_many_teams' | 'name_empty' | 'name_too_long' | 'name_duplicate' | 'stage_count';

/** What is wrong with the host's named teams, and where (the team's 0-based position), or null. */
export function teamSetupProblem(
	teams: readonly { name: string; stage: boolean }[]
): { problem: TeamSetupProblem; at: number | null } | null {
	if (teams.length < TEAMS_MIN) return { problem: 'too_few_teams', at: null };
	if (teams.length > TEAMS_MAX) return { problem: 'too_many_teams', at: null };
	const seen = new Set<string>();
	for (const [i, t] of teams.entries()) {
		const name = cleanTeamName(t.name);
		if (!name) return { problem: 'name_empty', at: i };
		if ([...name].length > TEAM_NAME_MAX) return { problem: 'name_too_long', at: i };
		const key = name.toLocaleLowerCase('vi');
		if (seen.has(key)) return { problem: 'name_duplicate', at: i };
		seen.add(key);
	}
	const stage = teams.filter((t) => t.stage).length;
	if (stage > 0 && (stage < STAGE_TEAMS_MIN || stage > STAGE_TEAMS_MAX)) return { problem: 'stage_count', at: null };
	// the hall needs a team of its own to join
	if (stage > 0 && stage === teams.length) return { problem: 'stage_count', at: null };
	return null;
}

export function cleanTeamName(name: string): string {
	return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Distinct codes of TEAM_CODE_LENGTH digits, one per stage team, from a random integer source. */
export function makeTeamCodes(count: number, randomInt: (maxExclusive: number) => number): string[] {
	const codes = new Set<string>();
	const span = 10 ** TEAM_CODE_LENGTH;
	while (codes.size < count) codes.add(String(randomInt(span)).padStart(TEAM_CODE_LENGTH, '0'));
	return [...codes];
}
