import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	makeTeamCodes,
	rankTeams,
	teamForJoin,
	teamSetupProblem,
	type GameTeams
} from '../../src/lib/domain/live-game-teams';
import {
	GameState,
	playerSelf,
	rankGame,
	screenView,
	type GameRecord,
	type Player
} from '../../src/lib/domain/live-game-state';

// Team standings (issue 16): mean or best of the members' points, ties sharing a place, removed
// players out, empty teams last; joining a hall team by id and a stage team only by its code.

describe('rankTeams', () => {
	const members = [
		{ teamId: 'a', score: 100 },
		{ teamId: 'a', score: 300 },
		{ teamId: 'b', score: 250 },
		{ teamId: 'c', score: 0 },
		{ teamId: 'c', score: 900 },
		{ teamId: 'c', score: 0 }
	];

	it('ranks by the mean of the members: a big team is not favoured', () => {
		expect(rankTeams(members, 'mean')).toEqual([
			{ teamId: 'c', players: 3, score: 300, rank: 1 },
			{ teamId: 'b', players: 1, score: 250, rank: 2 },
			{ teamId: 'a', players: 2, score: 200, rank: 3 }
		]);
	});

	it('ranks by the best member when the host chose it', () => {
		expect(rankTeams(members, 'best').map((r) => [r.teamId, r.score, r.rank])).toEqual([
			['c', 900, 1],
			['a', 300, 2],
			['b', 250, 3]
		]);
	});

	it('gives equal scores one place (1, 1, 3), compared exactly, listed in the host order', () => {
		const tied = [
			{ teamId: 'x', score: 1 },
			{ teamId: 'x', score: 2 },
			{ teamId: 'y', score: 3 },
			{ teamId: 'y', score: 0 },
			{ teamId: 'z', score: 1 }
		];
		expect(rankTeams(tied, 'mean', ['y', 'x', 'z']).map((r) => [r.teamId, r.score, r.rank])).toEqual([
			['y', 1.5, 1],
			['x', 1.5, 1],
			['z', 1, 3]
		]);
		// 1/3 and 2/6 are the same mean; 0.33 rounded is not what decides
		const thirds = [
			{ teamId: 'p', score: 1 },
			{ teamId: 'p', score: 0 },
			{ teamId: 'p', score: 0 },
			...[1, 1, 0, 0, 0, 0].map((score) => ({ teamId: 'q', score }))
		];
		expect(rankTeams(thirds, 'mean').map((r) => r.rank)).toEqual([1, 1]);
	});

	it('leaves removed players out of their team', () => {
		const rows = rankTeams(
			[
				{ teamId: 'a', score: 500 },
				{ teamId: 'a', score: 0, removed: true },
				{ teamId: 'b', score: 1000, removed: true },
				{ teamId: 'b', score: 100 }
			],
			'mean'
		);
		expect(rows).toEqual([
			{ teamId: 'a', players: 1, score: 500, rank: 1 },
			{ teamId: 'b', players: 1, score: 100, rank: 2 }
		]);
	});

	it('lists empty named teams after every team with players, and players of unknown teams nowhere', () => {
		const rows = rankTeams(
			[
				{ teamId: 'b', score: 0 },
				{ teamId: 'zz', score: 1000 },
				{ teamId: null, score: 1000 }
			],
			'mean',
			['a', 'b', 'c']
		);
		expect(rows).toEqual([
			{ teamId: 'b', players: 1, score: 0, rank: 1 },
			{ teamId: 'a', players: 0, score: 0, rank: 2 },
			{ teamId: 'c', players: 0, score: 0, rank: 2 }
		]);
	});

	it('property: a team’s mean lies within its members’ lowest and highest points, and best is the highest', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ teamId: fc.constantFrom('a', 'b', 'c', 'd'), score: fc.nat(5000) }), { minLength: 1 }),
				(list) => {
					const mean = rankTeams(list, 'mean');
					const best = rankTeams(list, 'best');
					for (const row of mean) {
						const scores = list.filter((m) => m.teamId === row.teamId).map((m) => m.score);
						expect(row.players).toBe(scores.length);
						expect(row.score).toBeGreaterThanOrEqual(Math.min(...scores) - 0.05);
						expect(row.score).toBeLessThanOrEqual(Math.max(...scores) + 0.05);
						expect(best.find((b) => b.teamId === row.teamId)!.score).toBe(Math.max(...scores));
					}
					// places never go down the list, and the first is 1
					for (const rows of [mean, best]) {
						expect(rows[0].rank).toBe(1);
						rows.forEach((r, i) => i > 0 && expect(r.rank).toBeGreaterThanOrEqual(rows[i - 1].rank));
					}
				}
			)
		);
	});
});

describe('teamForJoin', () => {
	const teams: Pick<GameTeams, 'mode' | 'list'> = {
		mode: 'named',
		list: [
			{ id: 't1', name: 'Đội Sen', stage: false, code: null },
			{ id: 't2', name: 'Đội Mai', stage: false, code: null },
			{ id: 's1', name: 'Sân khấu 1', stage: true, code: '0427' }
		]
	};

	it('puts a hall player in the hall team they chose', () => {
		expect(teamForJoin(teams, { teamId: 't2' })).toEqual({ ok: true, teamId: 't2' });
	});

	it('needs a team, and a stage team only by its code', () => {
		expect(teamForJoin(teams, {})).toEqual({ ok: false, reason: 'team_required' });
		expect(teamForJoin(teams, { teamId: 'nope' })).toEqual({ ok: false, reason: 'team_required' });
		expect(teamForJoin(teams, { teamId: 's1' })).toEqual({ ok: false, reason: 'team_code_invalid' });
		expect(teamForJoin(teams, { teamCode: '9999' })).toEqual({ ok: false, reason: 'team_code_invalid' });
		expect(teamForJoin(teams, { teamId: 't1', teamCode: ' 04 27 ' })).toEqual({ ok: true, teamId: 's1' });
	});

	it('asks nothing without named teams', () => {
		expect(teamForJoin(null, { teamId: 'x' })).toEqual({ ok: true, teamId: null });
		expect(teamForJoin({ mode: 'unit', list: [] }, {})).toEqual({ ok: true, teamId: null });
	});
});

describe('teamSetupProblem and codes', () => {
	const named = (n: number, stage = 0) =>
		Array.from({ length: n }, (_, i) => ({ name: `Đội ${i + 1}`, stage: i < stage }));

	it('wants 2–20 named teams with distinct names, and 0 or 3–6 stage teams beside the hall', () => {
		expect(teamSetupProblem(named(1))?.problem).toBe('too_few_teams');
		expect(teamSetupProblem(named(21))?.problem).toBe('too_many_teams');
		expect(teamSetupProblem(named(20))).toBeNull();
		expect(teamSetupProblem([...named(2), { name: '  đội 1 ', stage: false }])).toEqual({
			problem: 'name_duplicate',
			at: 2
		});
		expect(teamSetupProblem([{ name: ' ', stage: false }, ...named(2)])).toEqual({ problem: 'name_empty', at: 0 });
		expect(teamSetupProblem(named(5, 2))?.problem).toBe('stage_count');
		expect(teamSetupProblem(named(8, 7))?.problem).toBe('stage_count');
		expect(teamSetupProblem(named(4, 4))?.problem).toBe('stage_count');
		expect(teamSetupProblem(named(5, 3))).toBeNull();
	});

	it('makes distinct four-digit codes', () => {
		let n = 0;
		// a source that repeats itself: the codes stay distinct
		const codes = makeTeamCodes(4, () => [7, 7, 42, 7, 9999, 3][n++ % 6]);
		expect(codes).toEqual(['0007', '0042', '9999', '0003']);
	});
});

describe('team standings in a game’s views', () => {
	const record: GameRecord = {
		id: 'g1',
		contest_id: 'c1',
		title: 'Trò chơi',
		pin: '123456',
		host_user_id: 'h1',
		scoring: 'speed',
		streak_bonus: 0,
		join_mode: 'both',
		late_join: 1,
		screen_only: 0,
		phase: 'leaderboard',
		question_index: 0,
		question_started_at: null,
		deadline_at: null,
		paused_remaining_ms: null,
		updated_at: 0,
		locked: 0,
		max_players: null,
		identifier_label: 'Mã nhân viên',
		generated_names: 0,
		question_extra_ms: 0
	};
	function player(n: number, teamId: string, score: number): Player {
		return {
			id: `p${n}`,
			userId: null,
			name: `Người chơi ${n}`,
			unitId: 'u1',
			unitName: 'Phường Hà Khánh',
			standingUnitId: 'u1',
			joinedAt: n,
			removed: false,
			score,
			correctCount: 0,
			streak: 0,
			correctTimeMs: 0,
			tokenHash: `t${n}`,
			identifier: `NV-${n}`,
			teamId,
			sockets: new Set(),
			bestRtt: null,
			rank: null,
			lastResult: null
		};
	}

	it('shows stage teams apart from the hall, the hall’s own top players, and no code or identifier', () => {
		const g = new GameState({ ...record }, [], new Map([['u1', 'Phường Hà Khánh']]), new Map());
		g.teams = {
			mode: 'named',
			scoring: 'mean',
			list: [
				{ id: 'h1', name: 'Đội Sen', stage: false, code: null },
				{ id: 'h2', name: 'Đội Mai', stage: false, code: null },
				{ id: 's1', name: 'Đội A', stage: true, code: '1111' },
				{ id: 's2', name: 'Đội B', stage: true, code: '2222' },
				{ id: 's3', name: 'Đội C', stage: true, code: '3333' }
			],
			board: null,
			places: new Map()
		};
		const players = [player(1, 'h1', 100), player(2, 'h2', 300), player(3, 's1', 900), player(4, 's2', 500)];
		for (const p of players) g.players.set(p.id, p);
		rankGame(g);
		const view = screenView(g, 0);
		expect(view.teams?.stage.map((r) => [r.name, r.rank, r.players])).toEqual([
			['Đội A', 1, 1],
			['Đội B', 2, 1],
			['Đội C', 3, 0]
		]);
		expect(view.teams?.hall.map((r) => [r.name, r.rank])).toEqual([
			['Đội Mai', 1],
			['Đội Sen', 2]
		]);
		expect(view.teams?.hallPlayers?.map((r) => [r.name, r.rank])).toEqual([
			['Người chơi 2', 1],
			['Người chơi 1', 2]
		]);
		const text = JSON.stringify(view);
		for (const secret of ['1111', '2222', 'NV-', 'Mã nhân viên']) expect(text).not.toContain(secret);
		expect(playerSelf(g, players[2]).team).toEqual({ name: 'Đội A', stage: true, rank: 1, of: 3 });
		expect(playerSelf(g, players[0]).team).toEqual({ name: 'Đội Sen', stage: false, rank: 2, of: 2 });

		// the host removes the stage leader: the team is empty and goes last
		players[2].removed = true;
		rankGame(g);
		expect(screenView(g, 0).teams?.stage.map((r) => r.name)).toEqual(['Đội B', 'Đội A', 'Đội C']);
	});

	it('sends nothing about teams in a game without them', () => {
		const g = new GameState({ ...record }, [], new Map(), new Map());
		const p = player(1, 'x', 0);
		g.players.set(p.id, p);
		rankGame(g);
		expect('teams' in screenView(g, 0)).toBe(false);
		expect('team' in playerSelf(g, p)).toBe(false);
	});
});
