import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOverdue } from '../../src/lib/domain/timing';
import { findAttempt } from '../../src/lib/server/attempts/attempt.repository';
import { finalizeOverdueAttempts } from '../../src/lib/server/attempts/finalize';
import { findRound } from '../../src/lib/server/contests/contest.repository';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { startFresh } from './support';

// The timing rules on the values the database gives back: every time is a 64-bit integer of ms
// (`bigint`), which PostgreSQL's driver would hand over as a string, so that `start + limit`
// concatenates and a deadline compares as text. Runs on both passes.

const GRACE = 5000;
let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});

afterEach(async () => {
	await ctx.dispose();
});

describe('an attempt’s deadline, read back from the database', () => {
	it('is start + limit as a number, overdue only after its grace, and finished by the sweeper', async () => {
		const t0 = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, {
			opensAt: t0 - 60 * MINUTE,
			closesAt: t0 + 7 * 24 * 60 * MINUTE,
			timeLimitMs: 10 * MINUTE,
			graceMs: GRACE
		});
		const userId = await createContestant(ctx, fixture, { phone: '0916000001' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const attempt = (await findAttempt(ctx.db, attemptId))!;
		const round = (await findRound(ctx.db, fixture.roundId))!;

		for (const value of [attempt.started_at, attempt.deadline, round.time_limit_ms, round.grace_ms, round.closes_at]) {
			expect(typeof value).toBe('number');
		}
		expect(attempt.started_at + round.time_limit_ms).toBe(t0 + 10 * MINUTE);
		expect(attempt.deadline).toBe(t0 + 10 * MINUTE);

		const deadline = attempt.deadline;
		expect(isOverdue(deadline, round.grace_ms, deadline + GRACE)).toBe(false);
		expect(isOverdue(deadline, round.grace_ms, deadline + GRACE + 1)).toBe(true);

		// the sweeper's own query compares deadline + grace in SQL
		ctx.clock.set(deadline + GRACE);
		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
		expect((await findAttempt(ctx.db, attemptId))!.status).toBe('in_progress');
		ctx.clock.set(deadline + GRACE + 1);
		expect(await finalizeOverdueAttempts(ctx)).toBe(1);
		const finished = (await findAttempt(ctx.db, attemptId))!;
		expect(finished).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			submitted_at: deadline,
			finished_at: deadline + GRACE + 1,
			duration_ms: 10 * MINUTE
		});
		expect(typeof finished.duration_ms).toBe('number');
		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
	});

	it('ends at the round’s close when that comes before the limit', async () => {
		const t0 = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, {
			opensAt: t0 - 60 * MINUTE,
			closesAt: t0 + 3 * MINUTE,
			timeLimitMs: 10 * MINUTE,
			graceMs: GRACE
		});
		const userId = await createContestant(ctx, fixture, { phone: '0916000002' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		expect((await findAttempt(ctx.db, attemptId))!.deadline).toBe(t0 + 3 * MINUTE);
		ctx.clock.set(t0 + 3 * MINUTE + GRACE + 1);
		expect(await finalizeOverdueAttempts(ctx)).toBe(1);
		expect((await findAttempt(ctx.db, attemptId))!).toMatchObject({ status: 'finished', duration_ms: 3 * MINUTE });
	});
});
