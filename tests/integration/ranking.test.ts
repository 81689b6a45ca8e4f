import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { liveCriteria, rankEntries, type RankEntry } from '../../src/lib/domain/ranking';
import { DEFAULT_CRITERIA, type RankCriterion } from '../../src/lib/domain/types';
import { findRound } from '../../src/lib/server/contests/contest.repository';
import { newId } from '../../src/lib/server/ids';
import { getLeaderboard, getStanding, LEADERBOARD_SIZE } from '../../src/lib/server/ranking/ranking.service';
import { rowKeyer } from '../../src/lib/server/secrets/row-key';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

// The live leaderboard is ranked in SQL; its order must be exactly the domain comparator's.

let ctx: TestContext;
let fixture: Fixture;
let T0: number;

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, {
		opensAt: T0 - 60 * MINUTE,
		closesAt: T0 + 7 * 24 * 60 * MINUTE,
		maxAttempts: 3
	});
});

afterEach(async () => {
	await ctx.dispose();
});

/** A contestant's public row key in the fixture round. */
async function keyOf(userId: string): Promise<string> {
	return (await rowKeyer(ctx.db, 0))(fixture.roundId, userId);
}

/** The users behind a board's rows, found by their public keys (rows carry no user id). */
async function usersOf(rows: readonly { key: string }[]): Promise<string[]> {
	const key = await rowKeyer(ctx.db, 0);
	const results = await ctx.db
		.selectFrom('round_result')
		.select('user_id')
		.where('round_id', '=', fixture.roundId)
		.execute();
	const byKey = new Map(results.map((r) => [key(fixture.roundId, r.user_id), r.user_id]));
	return rows.map((r) => byKey.get(r.key) ?? `unknown key ${r.key}`);
}

interface ResultEntry extends RankEntry {
	userId: string;
	unitId: string;
	groupId: string;
}

async function resultEntries(groupId: string): Promise<ResultEntry[]> {
	const rows = await ctx.db
		.selectFrom('round_result')
		.selectAll()
		.where('round_id', '=', fixture.roundId)
		.where('group_id', '=', groupId)
		.execute();
	return rows.map((r) => ({
		attemptId: r.attempt_id,
		score: r.score,
		durationMs: r.duration_ms,
		submittedAt: r.submitted_at,
		prediction: r.prediction,
		userId: r.user_id,
		unitId: r.unit_id,
		groupId: r.group_id
	}));
}

async function round() {
	return (await findRound(ctx.db, fixture.roundId))!;
}

async function setCriteria(criteria: RankCriterion[]): Promise<void> {
	await ctx.db
		.updateTable('round')
		.set({ ranking_criteria_json: JSON.stringify(criteria) })
		.where('id', '=', fixture.roundId)
		.execute();
}

/** The live order the domain gives for a group, as user ids. */
async function domainOrder(
	groupId: string,
	criteria: readonly RankCriterion[]
): Promise<(ResultEntry & { rank: number })[]> {
	return rankEntries(await resultEntries(groupId), liveCriteria(criteria), null);
}

async function expectStandingsMatchDomain(groupId: string, criteria: readonly RankCriterion[]): Promise<void> {
	const ordered = await domainOrder(groupId, criteria);
	for (const [i, entry] of ordered.entries()) {
		const sameUnit = ordered.filter((e) => e.unitId === entry.unitId);
		expect(await getStanding(ctx, fixture.roundId, entry.userId)).toEqual({
			rank: i + 1,
			total: ordered.length,
			unitRank: sameUnit.findIndex((e) => e.userId === entry.userId) + 1,
			unitTotal: sameUnit.length
		});
	}
}

describe('leaderboard of contestants who took real attempts', () => {
	const users: Record<string, string> = {};

	beforeEach(async () => {
		// name, group, unit, start offset, correct answers, duration, prediction
		const plan: [string, 0 | 1, 0 | 1, number, number, number, number | null][] = [
			['u1', 0, 0, 0, 5, 4 * MINUTE, 3],
			['u2', 0, 1, 2 * MINUTE, 5, 3 * MINUTE, 7],
			['u3', 0, 0, 0, 4, 2 * MINUTE, null],
			['u4', 0, 1, 10 * MINUTE, 4, 2 * MINUTE, 1],
			['u5', 0, 0, 20 * MINUTE, 4, 1 * MINUTE, 9],
			['u6', 0, 1, 5 * MINUTE, 3, 6 * MINUTE, 2],
			['u7', 0, 0, 5 * MINUTE, 3, 6 * MINUTE, 2],
			['u8', 0, 1, 30 * MINUTE, 0, 30_000, null],
			['u9', 1, 0, 0, 5, 1 * MINUTE, 4],
			['u10', 1, 1, 0, 2, 1 * MINUTE, 4]
		];
		for (const [i, [name, group, unit, offset, correct, durationMs, prediction]] of plan.entries()) {
			const userId = await createContestant(ctx, fixture, {
				phone: `09140000${String(i).padStart(2, '0')}`,
				fullName: `Thí sinh ${name}`,
				group,
				unit
			});
			users[name] = userId;
			await runAttempt(ctx, userId, fixture.roundId, { startAt: T0 + offset, correct, durationMs, prediction });
		}
		// A worse second attempt must not change anything.
		await runAttempt(ctx, users.u2, fixture.roundId, { startAt: T0 + 40 * MINUTE, correct: 1, durationMs: MINUTE });
	});

	it('orders the default criteria exactly as the domain does', async () => {
		const expected = await domainOrder(fixture.groupIds[0], DEFAULT_CRITERIA);
		const board = await getLeaderboard(ctx, await round(), fixture.groupIds[0], null);

		expect(board.groupId).toBe(fixture.groupIds[0]);
		expect(await usersOf(board.rows)).toEqual(expected.map((e) => e.userId));
		expect(board.rows.map((r) => r.rank)).toEqual(expected.map((e) => e.rank));
		expect(board.viewerRow).toBeNull();
		// Sanity: the case the data was built for.
		const name = Object.fromEntries(Object.entries(users).map(([k, v]) => [v, k]));
		const names = (await usersOf(board.rows)).map((id) => name[id]);
		expect(names.slice(0, 5)).toEqual(['u2', 'u1', 'u5', 'u3', 'u4']);
		expect(names.slice(5, 7).sort()).toEqual(['u6', 'u7']);
		expect(names[7]).toBe('u8');
		expect(board.rows[0]).toMatchObject({
			fullName: 'Thí sinh u2',
			unitName: 'Xã Phong Hải',
			score: 5,
			maxScore: 5,
			durationMs: 3 * MINUTE
		});
	});

	it('orders score, submittedAt, duration exactly as the domain does', async () => {
		const criteria: RankCriterion[] = ['score', 'submittedAt', 'duration'];
		await setCriteria(criteria);
		const expected = await domainOrder(fixture.groupIds[0], criteria);
		const board = await getLeaderboard(ctx, await round(), fixture.groupIds[0], null);

		expect(await usersOf(board.rows)).toEqual(expected.map((e) => e.userId));
		// The data tells the two orders apart, so the round's criteria were really used.
		const defaultOrder = await domainOrder(fixture.groupIds[0], DEFAULT_CRITERIA);
		expect(expected.map((e) => e.userId)).not.toEqual(defaultOrder.map((e) => e.userId));
		expect(board.rows[0].key).toBe(await keyOf(users.u1));
		await expectStandingsMatchDomain(fixture.groupIds[0], criteria);
	});

	it('keeps groups apart and opens on the viewer’s group', async () => {
		const own = await getLeaderboard(ctx, await round(), null, users.u10);
		expect(own.groupId).toBe(fixture.groupIds[1]);
		expect(await usersOf(own.rows)).toEqual([users.u9, users.u10]);
		expect(own.rows.map((r) => r.isViewer)).toEqual([false, true]);
		expect(own.groups.map((g) => g.id)).toEqual(fixture.groupIds);

		const anonymous = await getLeaderboard(ctx, await round(), null, null);
		expect(anonymous.groupId).toBe(fixture.groupIds[0]);
		expect(anonymous.rows).toHaveLength(8);
		expect(await usersOf(anonymous.rows)).not.toContain(users.u9);

		// Asking for the other group shows that group, without a viewer row from elsewhere.
		const other = await getLeaderboard(ctx, await round(), fixture.groupIds[0], users.u10);
		expect(other.groupId).toBe(fixture.groupIds[0]);
		expect(other.viewerRow).toBeNull();
		expect(other.rows.every((r) => !r.isViewer)).toBe(true);
	});

	it('gives standings (rank, unit rank, totals) that match the domain order', async () => {
		await expectStandingsMatchDomain(fixture.groupIds[0], DEFAULT_CRITERIA);
		await expectStandingsMatchDomain(fixture.groupIds[1], DEFAULT_CRITERIA);
		expect(await getStanding(ctx, fixture.roundId, users.u2)).toEqual({ rank: 1, total: 8, unitRank: 1, unitTotal: 4 });
		expect(await getStanding(ctx, fixture.roundId, users.u5)).toEqual({ rank: 3, total: 8, unitRank: 2, unitTotal: 4 });
		expect(await getStanding(ctx, fixture.roundId, users.u8)).toEqual({ rank: 8, total: 8, unitRank: 4, unitTotal: 4 });
	});

	it('has no standing for someone without a finished attempt', async () => {
		const newcomer = await createContestant(ctx, fixture, { phone: '0914000099' });
		expect(await getStanding(ctx, fixture.roundId, newcomer)).toBeNull();
	});

	it('shows names and units only, never phone, email or birth date', async () => {
		const board = await getLeaderboard(ctx, await round(), fixture.groupIds[0], users.u8);
		const payload = JSON.stringify(board);
		for (const i of Array.from({ length: 10 }, (_, k) => k)) {
			expect(payload).not.toContain(`09140000${String(i).padStart(2, '0')}`);
		}
		expect(payload).not.toContain('thisinh@example.vn');
		expect(payload).not.toContain('1990-01-01');
		expect(payload).not.toContain('password');
		for (const row of board.rows) {
			expect(Object.keys(row).sort()).toEqual([
				'durationMs',
				'fullName',
				'isViewer',
				'key',
				'maxScore',
				'rank',
				'score',
				'submittedAt',
				'unitName'
			]);
		}
	});
});

describe('leaderboard of a crowded round', () => {
	const COUNT = 55;
	const ids: string[] = [];

	beforeEach(async () => {
		ids.length = 0;
		// Many deliberate ties: 3 scores × 4 durations × 3 submit times over 55 rows.
		for (let i = 0; i < COUNT; i++) {
			const userId = newId();
			ids.push(userId);
			await ctx.db
				.insertInto('app_user')
				.values({
					id: userId,
					phone: `0915${String(i).padStart(6, '0')}`,
					full_name: `Người thi ${i}`,
					birth_date: '1985-05-05',
					email: `nguoithi${i}@example.vn`,
					password_hash: 'not-a-real-hash',
					role: 'contestant',
					created_at: T0
				})
				.execute();
			const last = i === COUNT - 1;
			await ctx.db
				.insertInto('round_result')
				.values({
					round_id: fixture.roundId,
					user_id: userId,
					group_id: fixture.groupIds[0],
					unit_id: fixture.unitIds[i % 2],
					attempt_id: newId(),
					score: last ? 0 : 1 + (i % 3) + 2,
					max_score: 5,
					duration_ms: last ? 10 * MINUTE : (1 + ((i * 7) % 4)) * MINUTE,
					submitted_at: T0 + ((i * 5) % 3) * MINUTE,
					prediction: i % 5 === 0 ? null : i
				})
				.execute();
		}
	});

	it('returns the top rows in the domain order with ranks, and the viewer’s own row below them', async () => {
		const expected = await domainOrder(fixture.groupIds[0], DEFAULT_CRITERIA);
		const worst = ids[COUNT - 1];
		expect(expected.at(-1)!.userId).toBe(worst);

		const board = await getLeaderboard(ctx, await round(), null, worst);
		expect(board.rows).toHaveLength(LEADERBOARD_SIZE);
		expect(await usersOf(board.rows)).toEqual(expected.slice(0, LEADERBOARD_SIZE).map((e) => e.userId));
		expect(board.rows.map((r) => r.rank)).toEqual(Array.from({ length: LEADERBOARD_SIZE }, (_, i) => i + 1));
		expect(board.rows.some((r) => r.isViewer)).toBe(false);
		expect(board.viewerRow).toEqual({
			key: await keyOf(worst),
			fullName: `Người thi ${COUNT - 1}`,
			unitName: 'Phường Hà Khánh',
			score: 0,
			maxScore: 5,
			durationMs: 10 * MINUTE,
			submittedAt: expected.at(-1)!.submittedAt,
			rank: COUNT,
			isViewer: true
		});
	});

	it('gives a viewer just outside the top the exact rank', async () => {
		const expected = await domainOrder(fixture.groupIds[0], DEFAULT_CRITERIA);
		const viewer = expected[LEADERBOARD_SIZE].userId;
		const board = await getLeaderboard(ctx, await round(), null, viewer);
		expect(board.viewerRow).toMatchObject({ key: await keyOf(viewer), rank: LEADERBOARD_SIZE + 1, isViewer: true });
	});

	it('marks the viewer inside the top rows instead of adding a row', async () => {
		const expected = await domainOrder(fixture.groupIds[0], DEFAULT_CRITERIA);
		const viewer = expected[3].userId;
		const board = await getLeaderboard(ctx, await round(), null, viewer);
		expect(board.viewerRow).toBeNull();
		expect(board.rows.filter((r) => r.isViewer).map((r) => [r.key, r.rank])).toEqual([[await keyOf(viewer), 4]]);
	});

	it('gives every contestant the standing of their domain position, under both criteria orders', async () => {
		await expectStandingsMatchDomain(fixture.groupIds[0], DEFAULT_CRITERIA);
		const criteria: RankCriterion[] = ['score', 'submittedAt', 'duration'];
		await setCriteria(criteria);
		await expectStandingsMatchDomain(fixture.groupIds[0], criteria);
		const board = await getLeaderboard(ctx, await round(), null, null);
		expect(await usersOf(board.rows)).toEqual(
			(await domainOrder(fixture.groupIds[0], criteria)).slice(0, LEADERBOARD_SIZE).map((e) => e.userId)
		);
	});

	it('leaks no phone, email, birth date or user id, including in the viewer row', async () => {
		const board = await getLeaderboard(ctx, await round(), null, ids[COUNT - 1]);
		const payload = JSON.stringify(board);
		expect(board.viewerRow).not.toBeNull();
		expect(board.viewerKey).toBe(board.viewerRow!.key);
		// Row keys mean nothing outside the round: no user id, and not the same key in another round.
		for (const id of ids) expect(payload).not.toContain(id);
		expect(board.rows.every((r) => /^[\w-]{16}$/.test(r.key))).toBe(true);
		const key = await rowKeyer(ctx.db, 0);
		expect(key('another-round', ids[0])).not.toBe(key(fixture.roundId, ids[0]));
		for (let i = 0; i < COUNT; i++) {
			expect(payload).not.toContain(`0915${String(i).padStart(6, '0')}`);
			expect(payload).not.toContain(`nguoithi${i}@example.vn`);
		}
		expect(payload).not.toContain('1985-05-05');
		expect(payload).not.toContain('not-a-real-hash');
	});
});
