import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareByCriteria, predictionDistance } from '../../src/lib/domain/ranking';
import type { RankCriterion } from '../../src/lib/domain/types';
import { closeRound, listRoundsToClose, setAttemptDisqualified } from '../../src/lib/server/results/close.service';
import {
	findCloseRecord,
	listFinalResults,
	listUnitResults,
	listWinners,
	unitSubtree
} from '../../src/lib/server/results/results.service';
import { foldVietnamese } from '../../src/lib/domain/text';
import { newId } from '../../src/lib/server/ids';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let fixture: Fixture;
let admin: string;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, maxAttempts: 2 });
	admin = await createContestant(ctx, fixture, { phone: '0900000009', fullName: 'Quản trị' });
	await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', admin).execute();
	await ctx.db.deleteFrom('registration').where('user_id', '=', admin).execute();
	// Prizes for the first group only; the second group ("Người dân") will have nobody.
	await ctx.db
		.updateTable('round')
		.set({
			prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 1, third: 2, consolation: 2 } }),
			collective_prize_json: JSON.stringify({ by: 'participation_rate', count: 1, minRate: 0.01 })
		})
		.execute();
});

afterEach(async () => {
	await ctx.dispose();
});

/** A finished attempt whose answers (and so score) depend on `salt`. */
async function finish(userId: string, salt: number, prediction: number | null): Promise<string> {
	return finishVariedAttempt(ctx, fixture.roundId, userId, salt, prediction);
}

async function populate(): Promise<{ users: string[]; attempts: string[] }> {
	const users: string[] = [];
	const attempts: string[] = [];
	for (let i = 0; i < 12; i++) {
		const userId = await createContestant(ctx, fixture, {
			phone: `09140000${String(i).padStart(2, '0')}`,
			fullName: `Thí sinh ${i}`,
			unit: i % 3 === 0 ? 1 : 0
		});
		users.push(userId);
		attempts.push(await finish(userId, i, i % 4 === 0 ? null : i));
	}
	return { users, attempts };
}

async function afterClosing(): Promise<void> {
	ctx.clock.set(
		(await ctx.db.selectFrom('round').select('closes_at').executeTakeFirstOrThrow()).closes_at + 10 * MINUTE
	);
}

describe('closing a round', () => {
	it('refuses to close before the round is over, and the sweeper finds it once it is', async () => {
		expect(await closeRound(ctx, fixture.roundId, admin)).toEqual({ ok: false, reason: 'round_not_over' });
		expect(await listRoundsToClose(ctx)).toEqual([]);
		await afterClosing();
		expect(await listRoundsToClose(ctx)).toEqual([fixture.roundId]);
		expect((await closeRound(ctx, fixture.roundId, null)).ok).toBe(true);
		expect(await listRoundsToClose(ctx)).toEqual([]);
	});

	it('ranks each group by the criteria with the prediction, gives prizes, and leaves a group without contestants empty', async () => {
		const { users } = await populate();
		await afterClosing();
		const closed = await closeRound(ctx, fixture.roundId, admin);
		if (!closed.ok) throw new Error(closed.reason);

		const results = await ctx.db.selectFrom('round_result').selectAll().execute();
		const perfect = results.filter((r) => r.score >= r.max_score).length;
		expect(closed.summary).toMatchObject({ participants: 12, actualValue: perfect, runs: 1 });
		const record = await findCloseRecord(ctx.db, fixture.roundId);
		expect(record).toMatchObject({ computedBy: 'Quản trị', actualValue: perfect, participants: 12 });

		const { rows, total } = await listFinalResults(ctx.db, fixture.roundId, {
			groupId: fixture.groupIds[0],
			offset: 0,
			limit: 100
		});
		expect(total).toBe(12);
		const round = await ctx.db.selectFrom('round').selectAll().executeTakeFirstOrThrow();
		const compare = compareByCriteria(JSON.parse(round.ranking_criteria_json) as RankCriterion[], perfect);
		const expected = results
			.map((r) => ({
				userId: r.user_id,
				attemptId: r.attempt_id,
				score: r.score,
				durationMs: r.duration_ms,
				submittedAt: r.submitted_at,
				prediction: r.prediction
			}))
			.sort(compare);
		expect(rows.map((r) => r.userId)).toEqual(expected.map((e) => e.userId));
		expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
		for (const row of rows) expect(row.distance).toBe(predictionDistance(row.prediction, perfect));
		expect(rows.map((r) => r.prize)).toEqual([
			'first',
			'second',
			'third',
			'third',
			'consolation',
			'consolation',
			...Array(6).fill(null)
		]);
		expect(users).toContain(rows[0].userId);

		const empty = await listFinalResults(ctx.db, fixture.roundId, {
			groupId: fixture.groupIds[1],
			offset: 0,
			limit: 100
		});
		expect(empty).toEqual({ rows: [], total: 0 });
		const winners = await listWinners(ctx.db, fixture.roundId);
		expect(winners).toHaveLength(6);
		expect(JSON.stringify(winners)).not.toMatch(/09140000|thisinh@example\.vn|1990-01-01/);
	});

	it('gives the same result when closed twice', async () => {
		await populate();
		await afterClosing();
		await closeRound(ctx, fixture.roundId, admin);
		const read = async () => ({
			finals: await ctx.db.selectFrom('final_result').selectAll().orderBy('user_id').execute(),
			units: await ctx.db.selectFrom('unit_result').selectAll().orderBy('unit_id').execute()
		});
		const first = await read();
		ctx.clock.advance(MINUTE);
		const again = await closeRound(ctx, fixture.roundId, null);
		expect(again.ok && again.summary.runs).toBe(2);
		expect(await read()).toEqual(first);
		expect(await findCloseRecord(ctx.db, fixture.roundId)).toMatchObject({ computedBy: null, runs: 2 });
	});

	it('re-ranks without a disqualified attempt, falling back to the contestant’s other attempt', async () => {
		const { users, attempts } = await populate();
		await afterClosing();
		await closeRound(ctx, fixture.roundId, admin);
		const before = await listFinalResults(ctx.db, fixture.roundId, {
			groupId: fixture.groupIds[0],
			offset: 0,
			limit: 100
		});
		const winner = before.rows[0];
		const winnerAttempt = attempts[users.indexOf(winner.userId)];
		expect((await setAttemptDisqualified(ctx, winnerAttempt, admin, 'Thi hộ')).ok).toBe(true);
		await closeRound(ctx, fixture.roundId, admin);
		const after = await listFinalResults(ctx.db, fixture.roundId, {
			groupId: fixture.groupIds[0],
			offset: 0,
			limit: 100
		});
		expect(after.total).toBe(11);
		expect(after.rows.map((r) => r.userId)).not.toContain(winner.userId);
		expect(after.rows[0].userId).toBe(before.rows[1].userId);
		expect(after.rows[0].prize).toBe('first');
		const audit = await ctx.db.selectFrom('audit_log').select('action').execute();
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['attempt.disqualify', 'round.close']));
	});

	it('rolls units up the tree, with a zero headcount unit never winning under a minimum rate', async () => {
		await populate();
		await ctx.db.updateTable('unit').set({ headcount: 0 }).where('id', '=', fixture.unitIds[1]).execute();
		await afterClosing();
		await closeRound(ctx, fixture.roundId, admin);
		const top = await listUnitResults(ctx.db, fixture.roundId, true);
		const zero = top.find((u) => u.unitId === fixture.unitIds[1])!;
		const other = top.find((u) => u.unitId === fixture.unitIds[0])!;
		expect(zero).toMatchObject({ participants: 4, headcount: 0, rate: null, prize: null });
		expect(other).toMatchObject({ participants: 8, headcount: 50, rate: 8 / 50, prize: 1, rank: 1 });
		const all = await listUnitResults(ctx.db, fixture.roundId, false);
		// The root (a province) stands for its own staff; the top level adds up to everyone.
		const root = all.find((u) => u.parentId === null)!;
		expect(root).toMatchObject({ topLevel: true, participants: 0, headcount: 100, prize: null });
		expect(top.reduce((sum, u) => sum + u.participants, 0)).toBe(12);
		const subtree = await unitSubtree(ctx.db, root.unitId);
		const inRoot = await listFinalResults(ctx.db, fixture.roundId, {
			groupId: fixture.groupIds[0],
			unitIds: subtree,
			offset: 0,
			limit: 100
		});
		expect(inRoot.total).toBe(12);
	});

	it('orders the units that share a place by their Vietnamese names, the same on every engine', async () => {
		await populate();
		const { parent_id: rootId } = await ctx.db
			.selectFrom('unit')
			.select('parent_id')
			.where('id', '=', fixture.unitIds[0])
			.executeTakeFirstOrThrow();
		// byte order (SQLite) and a server's collation (PostgreSQL) would each put these elsewhere
		for (const [i, name] of ['Đông Hải', 'Ánh Dương', 'Bình Minh', 'Ấp Mới'].entries()) {
			await ctx.db
				.insertInto('unit')
				.values({
					id: newId(),
					code: `order-${i}`,
					name,
					name_folded: foldVietnamese(name),
					parent_id: rootId,
					kind: 'ward',
					headcount: 0,
					created_at: ctx.clock.now()
				})
				.execute();
		}
		await afterClosing();
		await closeRound(ctx, fixture.roundId, admin);
		const all = await listUnitResults(ctx.db, fixture.roundId, false);
		const place = (u: (typeof all)[number]) => `${u.topLevel ? 0 : 1}:${u.rank ?? 0}`;
		const extras = all.filter(
			(u) => u.name !== 'Tỉnh Thử Nghiệm' && place(u) === place(all.find((x) => x.name === 'Đông Hải')!)
		);
		expect(extras.map((u) => u.name)).toEqual(['Ánh Dương', 'Ấp Mới', 'Bình Minh', 'Đông Hải']);
	});

	it('passes over contestants who won in an earlier round when the round says so', async () => {
		const { users } = await populate();
		await afterClosing();
		await closeRound(ctx, fixture.roundId, admin);
		const first = (await listWinners(ctx.db, fixture.roundId))[0];
		const firstUser = (
			await ctx.db.selectFrom('final_result').select('user_id').where('prize', '=', 'first').executeTakeFirstOrThrow()
		).user_id;
		// An earlier round of the same contest in which that contestant won.
		const round = await ctx.db.selectFrom('round').selectAll().executeTakeFirstOrThrow();
		await ctx.db
			.insertInto('round')
			.values({ ...round, id: 'earlier', ordinal: 0, name: 'Tuần trước' })
			.execute();
		const row = await ctx.db
			.selectFrom('final_result')
			.selectAll()
			.where('user_id', '=', firstUser)
			.executeTakeFirstOrThrow();
		await ctx.db
			.insertInto('final_result')
			.values({ ...row, round_id: 'earlier' })
			.execute();
		await ctx.db.updateTable('round').set({ exclude_previous_winners: 1 }).where('id', '=', fixture.roundId).execute();

		await closeRound(ctx, fixture.roundId, admin);
		const again = await listWinners(ctx.db, fixture.roundId);
		expect(again.map((w) => w.fullName)).not.toContain(first.fullName);
		expect(again).toHaveLength(6);
		const excluded = await ctx.db
			.selectFrom('final_result')
			.selectAll()
			.where('round_id', '=', fixture.roundId)
			.where('user_id', '=', firstUser)
			.executeTakeFirstOrThrow();
		expect(excluded).toMatchObject({ rank: 1, prize: null });
		expect(users).toContain(firstUser);
	});
});
