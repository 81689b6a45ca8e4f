import { describe, expect, it } from 'vitest';
import {
	emptyRosterLog,
	hostCounts,
	noteJoined,
	noteLeft,
	rosterPage,
	takeChanges
} from '../../src/lib/domain/live-game-roster';
import { GameState, type GameRecord, type Player } from '../../src/lib/domain/live-game-state';
import { ROSTER_CHANGES_MAX } from '../../src/lib/domain/live-game-views';

// The host console's roster, sized for ten thousand players: bounded changes, counts, pages.

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
	phase: 'lobby',
	question_index: -1,
	question_started_at: null,
	deadline_at: null,
	paused_remaining_ms: null,
	updated_at: 0,
	locked: 0,
	max_players: null,
	identifier_label: null,
	generated_names: 0,
	question_extra_ms: 0
};

function player(n: number, extra: Partial<Player> = {}): Player {
	return {
		id: `p${n}`,
		userId: null,
		name: `Người chơi ${n}`,
		unitId: n % 2 ? 'u1' : 'u2',
		unitName: n % 2 ? 'Phường Hà Khánh' : 'Xã Phong Hải',
		standingUnitId: null,
		joinedAt: n,
		removed: false,
		score: 0,
		correctCount: 0,
		streak: 0,
		correctTimeMs: 0,
		tokenHash: `t${n}`,
		identifier: null,
		sockets: new Set(n % 3 ? [`s${n}`] : []),
		bestRtt: null,
		rank: null,
		lastResult: null,
		...extra
	};
}

function game(count: number): GameState {
	const g = new GameState({ ...record }, [], new Map(), new Map());
	for (let n = 1; n <= count; n++) g.players.set(`p${n}`, player(n));
	return g;
}

describe('the roster log', () => {
	it('names at most ROSTER_CHANGES_MAX players each way, the newest, and counts the rest; taking empties it', () => {
		const log = emptyRosterLog();
		for (let n = 1; n <= ROSTER_CHANGES_MAX + 7; n++) noteJoined(log, player(n));
		noteLeft(log, player(3));
		const changes = takeChanges(log);
		expect(changes.joined.length).toBe(ROSTER_CHANGES_MAX);
		expect(changes.joined.at(-1)).toEqual({
			playerId: `p${ROSTER_CHANGES_MAX + 7}`,
			name: `Người chơi ${ROSTER_CHANGES_MAX + 7}`
		});
		expect(changes.joined[0].playerId).toBe('p8');
		expect(changes.joinedMore).toBe(7);
		expect(changes.left).toEqual([{ playerId: 'p3', name: 'Người chơi 3' }]);
		expect(takeChanges(log)).toEqual({ joined: [], left: [], joinedMore: 0, leftMore: 0 });
	});
});

describe('the roster pages', () => {
	it('counts players, connections and answers without the removed', () => {
		const g = game(9);
		g.players.get('p1')!.removed = true;
		g.answers.set('p2', { choice: [0], share: 1, correct: true, elapsedMs: 1, points: 1, bonus: 0, streak: 1 });
		expect(hostCounts(g)).toEqual({ players: 8, connected: 5, answered: 1 });
	});

	it('pages in join order in the lobby, clamps a page past the end, and finds by folded name or unit', () => {
		const g = game(120);
		const first = rosterPage(g, { page: 0, query: '' }, 7, 50);
		expect(first).toMatchObject({ page: 0, pageSize: 50, total: 120, query: '', version: 7 });
		expect(first.rows.map((r) => r.playerId)).toEqual(Array.from({ length: 50 }, (_, i) => `p${i + 1}`));
		const past = rosterPage(g, { page: 99, query: '' }, 7, 50);
		expect(past.page).toBe(2);
		expect(past.rows.length).toBe(20);
		expect(rosterPage(g, { page: 0, query: '  NGUOI choi 42 ' }, 7, 50)).toMatchObject({
			total: 1,
			query: 'NGUOI choi 42',
			rows: [{ playerId: 'p42', name: 'Người chơi 42', connected: false, answered: false }]
		});
		expect(rosterPage(g, { page: 0, query: 'ha khanh' }, 7, 50).total).toBe(60);
	});

	it('ranks once the game has started, players who joined since the last reveal after the ranked ones', () => {
		const g = game(5);
		g.clock = { ...g.clock, phase: 'reveal', index: 0 };
		g.players.get('p4')!.rank = 1;
		g.players.get('p2')!.rank = 2;
		g.players.get('p5')!.rank = 3;
		expect(rosterPage(g, { page: 0, query: '' }, 1).rows.map((r) => [r.playerId, r.rank])).toEqual([
			['p4', 1],
			['p2', 2],
			['p5', 3],
			['p1', null],
			['p3', null]
		]);
	});
});
