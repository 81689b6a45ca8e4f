import { standingUnitOf } from '../../domain/live-game';
import { rankTeams } from '../../domain/live-game-teams';
import type { Db } from '../db/database';
import type { TableColumn } from '../results/export-format';
import { listContestUnits } from '../units/contest-units';
import { listGamePlayers, type GameRow } from './game.repository';
import { listGameTeams } from './teams.repository';

// The results workbook's team sheet (issue 16): every team ranked as the screen ranked it, the
// stage teams apart from the hall's, from the players' final totals (removed players left out).

export interface GameTeamResult {
	/** 'Sân khấu' or 'Khán giả' */
	group: string;
	rank: number;
	name: string;
	players: number;
	score: number;
}

export const TEAM_COLUMNS: TableColumn<GameTeamResult>[] = [
	{ header: 'Nhóm', width: 12, value: (t) => t.group },
	{ header: 'Hạng', width: 8, value: (t) => t.rank },
	{ header: 'Đội', width: 40, value: (t) => t.name },
	{ header: 'Số người chơi', width: 14, value: (t) => t.players },
	{ header: 'Điểm đội', width: 12, numFmt: '0.0', value: (t) => t.score }
];

/** The teams of a team game, ranked; empty for a game without teams. */
export async function gameTeamResults(db: Db, game: GameRow): Promise<GameTeamResult[]> {
	if (game.team_mode === 'off') return [];
	const players = (await listGamePlayers(db, game.id)).filter((p) => p.removed_at === null);
	if (game.team_mode === 'unit') {
		const units = await listContestUnits(db, game.contest_id);
		const tree = new Map(units.map((u) => [u.id, { parentId: u.parentId }]));
		const names = new Map(units.map((u) => [u.id, u.name]));
		const members = players.map((p) => ({ teamId: standingUnitOf(tree, p.unit_id), score: p.score }));
		return rankTeams(members, game.team_scoring).map((t) => ({
			group: 'Khán giả',
			rank: t.rank,
			name: names.get(t.teamId) ?? '',
			players: t.players,
			score: t.score
		}));
	}
	const teams = await listGameTeams(db, game.id);
	const members = players.map((p) => ({ teamId: p.team_id, score: p.score }));
	const names = new Map(teams.map((t) => [t.id, t.name]));
	return [true, false].flatMap((stage) => {
		const ids = teams.filter((t) => (t.stage === 1) === stage).map((t) => t.id);
		if (ids.length === 0) return [];
		return rankTeams(members, game.team_scoring, ids).map((t) => ({
			group: stage ? 'Sân khấu' : 'Khán giả',
			rank: t.rank,
			name: names.get(t.teamId) ?? '',
			players: t.players,
			score: t.score
		}));
	});
}

/** How the team game was scored, for the workbook's information sheet; null without teams. */
export function teamModeText(game: GameRow): string | null {
	if (game.team_mode === 'off') return null;
	const mode = game.team_mode === 'unit' ? 'Theo đơn vị' : 'Các đội do ban tổ chức đặt tên';
	const score = game.team_scoring === 'mean' ? 'trung bình điểm các thành viên' : 'điểm của thành viên cao nhất';
	return `${mode}; điểm đội là ${score}`;
}
