import { afterEach, describe, expect, it } from 'vitest';
import { liveCriteria, pickBestAttempt, rankEntries } from '../../src/lib/domain/ranking';
import type { RankCriterion } from '../../src/lib/domain/types';
import { createLoginLimiter, memoryLimitStore } from '../../src/lib/server/auth/rate-limit';
import { roundPhase } from '../../src/lib/server/contests/contest.service';
import { demoAccounts, seedDemo } from '../../src/lib/server/demo/seed';
import { getLeaderboard } from '../../src/lib/server/ranking/ranking.service';
import { rowKeyer } from '../../src/lib/server/secrets/row-key';
import { logIn } from '../../src/lib/server/users/user.service';
import { MINUTE } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The default test clock: Monday 2026-11-16 10:00 in Vietnam (03:00 UTC).
const MONDAY_MIDNIGHT_VN = Date.UTC(2026, 10, 15, 17, 0, 0);
const WEEK = 7 * 24 * 60 * MINUTE;

let ctx: TestContext | null = null;

afterEach(async () => {
	await ctx?.dispose();
	ctx = null;
});

async function count(
	c: TestContext,
	table:
		| 'app_user'
		| 'registration'
		| 'question'
		| 'topic'
		| 'unit'
		| 'round'
		| 'attempt'
		| 'round_result'
		| 'contest'
		| 'live_game_question'
) {
	const row = await c.db
		.selectFrom(table)
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function rounds(c: TestContext) {
	return c.db.selectFrom('round').selectAll().orderBy('ordinal').execute();
}

describe('seedDemo', () => {
	it('loads the demo contest: questions over six topics, three weekly rounds, the unit tree', async () => {
		ctx = await createTestContext();
		const now = ctx.clock.now();
		expect(await seedDemo(ctx)).toBe(true);

		expect(await count(ctx, 'contest')).toBe(1);
		expect(await count(ctx, 'question')).toBeGreaterThanOrEqual(60);
		// a live game in its lobby, hosted by the demo organizer, with eight questions
		const game = await ctx.db
			.selectFrom('live_game')
			.innerJoin('app_user', 'app_user.id', 'live_game.host_user_id')
			.select(['live_game.id', 'live_game.phase', 'live_game.pin', 'app_user.phone'])
			.executeTakeFirstOrThrow();
		expect(game).toMatchObject({ phase: 'lobby', phone: '0900000002' });
		expect(game.pin).toMatch(/^\d{6}$/);
		expect(await count(ctx, 'live_game_question')).toBe(8);
		const topics = await ctx.db
			.selectFrom('topic')
			.leftJoin('question', 'question.topic_id', 'topic.id')
			.select(['topic.name', (eb) => eb.fn.count<number>('question.id').as('n')])
			.groupBy('topic.id')
			.execute();
		expect(topics).toHaveLength(6);
		expect(topics.every((t) => Number(t.n) > 0)).toBe(true);
		// Every question has a current version with at least one right option.
		const versions = await ctx.db
			.selectFrom('question')
			.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
			.select('question_version.options_json')
			.execute();
		expect(versions).toHaveLength(await count(ctx, 'question'));
		for (const v of versions) {
			expect((JSON.parse(v.options_json) as { correct: boolean }[]).some((o) => o.correct)).toBe(true);
		}

		const all = await rounds(ctx);
		expect(all).toHaveLength(3);
		expect(all.map((r) => roundPhase(r, now))).toEqual(['closed', 'open', 'upcoming']);
		// Weekly windows from Monday 00:00 in Asia/Ho_Chi_Minh.
		expect(all.map((r) => [r.opens_at, r.closes_at])).toEqual([
			[MONDAY_MIDNIGHT_VN - WEEK, MONDAY_MIDNIGHT_VN],
			[MONDAY_MIDNIGHT_VN, MONDAY_MIDNIGHT_VN + WEEK],
			[MONDAY_MIDNIGHT_VN + WEEK, MONDAY_MIDNIGHT_VN + 2 * WEEK]
		]);

		expect(await count(ctx, 'unit')).toBeGreaterThanOrEqual(12);
		const unitNames = (await ctx.db.selectFrom('unit').select('name').execute()).map((u) => u.name);
		expect(unitNames).toContain('Phường Hà Khánh');
		expect(unitNames).toContain('Xã Phong Hải');

		const staff = await ctx.db
			.selectFrom('app_user')
			.select(['phone', 'role'])
			.where('role', '!=', 'contestant')
			.orderBy('phone')
			.execute();
		expect(staff).toEqual([
			{ phone: demoAccounts.admin.phone, role: 'admin' },
			{ phone: demoAccounts.organizer.phone, role: 'organizer' }
		]);
		const contestants = await ctx.db.selectFrom('app_user').select('id').where('role', '=', 'contestant').execute();
		expect(contestants.length).toBeGreaterThan(0);
		expect(await count(ctx, 'registration')).toBe(contestants.length);
	});

	it('simulates finished attempts in the past round, each contestant’s best one as their result', async () => {
		ctx = await createTestContext();
		const now = ctx.clock.now();
		expect(await seedDemo(ctx)).toBe(true);
		const [past, open, future] = await rounds(ctx);

		const pastAttempts = await ctx.db.selectFrom('attempt').selectAll().where('round_id', '=', past.id).execute();
		expect(pastAttempts.length).toBeGreaterThan(0);
		for (const a of pastAttempts) {
			expect(a.status).toBe('finished');
			expect(a.score).not.toBeNull();
			expect(a.started_at).toBeGreaterThanOrEqual(past.opens_at);
			expect(a.submitted_at!).toBeLessThan(past.closes_at);
			expect(a.duration_ms!).toBeGreaterThan(0);
			expect(a.duration_ms!).toBeLessThanOrEqual(past.time_limit_ms);
		}
		expect(new Set(pastAttempts.map((a) => a.score)).size).toBeGreaterThan(1);

		const results = await ctx.db.selectFrom('round_result').selectAll().where('round_id', '=', past.id).execute();
		expect(results).toHaveLength(new Set(pastAttempts.map((a) => a.user_id)).size);
		for (const r of results) {
			const own = pastAttempts
				.filter((a) => a.user_id === r.user_id)
				.map((a) => ({
					attemptId: a.id,
					score: a.score!,
					durationMs: a.duration_ms!,
					submittedAt: a.submitted_at!,
					prediction: a.prediction
				}));
			expect(r.attempt_id).toBe(pickBestAttempt(own)!.attemptId);
		}

		// Nothing is left in progress, nothing is in the future, and no attempt ends after now.
		expect(await ctx.db.selectFrom('attempt').select('id').where('status', '=', 'in_progress').execute()).toHaveLength(
			0
		);
		expect(await ctx.db.selectFrom('attempt').select('id').where('round_id', '=', future.id).execute()).toHaveLength(0);
		const latest = await ctx.db
			.selectFrom('attempt')
			.select((eb) => eb.fn.max('submitted_at').as('t'))
			.executeTakeFirstOrThrow();
		expect(Number(latest.t)).toBeLessThan(now);
		const openAttempts = await ctx.db
			.selectFrom('attempt')
			.select(['started_at'])
			.where('round_id', '=', open.id)
			.execute();
		expect(openAttempts.every((a) => a.started_at >= open.opens_at)).toBe(true);

		// The seeded leaderboard is ranked like any other.
		const criteria = JSON.parse(past.ranking_criteria_json) as RankCriterion[];
		const board = await getLeaderboard(ctx, past, null, null);
		const groupResults = results
			.filter((r) => r.group_id === board.groupId)
			.map((r) => ({
				attemptId: r.attempt_id,
				score: r.score,
				durationMs: r.duration_ms,
				submittedAt: r.submitted_at,
				prediction: r.prediction,
				userId: r.user_id
			}));
		expect(board.rows.length).toBeGreaterThan(0);
		const key = await rowKeyer(ctx.db, ctx.clock.now());
		expect(board.rows.map((r) => r.key)).toEqual(
			rankEntries(groupResults, liveCriteria(criteria), null).map((e) => key(past.id, e.userId))
		);
	});

	it('leaves the open round without attempts when it opened less than an hour ago', async () => {
		ctx = await createTestContext(MONDAY_MIDNIGHT_VN + 30 * MINUTE);
		expect(await seedDemo(ctx)).toBe(true);
		const [past, open] = await rounds(ctx);
		expect(roundPhase(open, ctx.clock.now())).toBe('open');
		expect(await ctx.db.selectFrom('attempt').select('id').where('round_id', '=', open.id).execute()).toHaveLength(0);
		expect(
			(await ctx.db.selectFrom('round_result').select('user_id').where('round_id', '=', past.id).execute()).length
		).toBeGreaterThan(0);
	});

	it('gives demo contestants a working password', async () => {
		ctx = await createTestContext();
		await seedDemo(ctx);
		const someone = await ctx.db
			.selectFrom('app_user')
			.select(['id', 'phone'])
			.where('role', '=', 'contestant')
			.orderBy('phone')
			.executeTakeFirstOrThrow();
		expect(
			await logIn(
				ctx.db,
				createLoginLimiter(memoryLimitStore()),
				'127.0.0.1',
				someone.phone,
				demoAccounts.contestantPassword
			)
		).toEqual({
			ok: true,
			userId: someone.id
		});
	});

	it('does nothing when data is already there', async () => {
		ctx = await createTestContext();
		expect(await seedDemo(ctx)).toBe(true);
		const tables = ['contest', 'app_user', 'question', 'round', 'attempt', 'round_result'] as const;
		const before = await Promise.all(tables.map((t) => count(ctx!, t)));
		ctx.clock.advance(2 * 24 * 60 * MINUTE);
		expect(await seedDemo(ctx)).toBe(false);
		expect(await Promise.all(tables.map((t) => count(ctx!, t)))).toEqual(before);
	});
});
