import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLiveState } from '../../src/lib/server/realtime/live-state';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

// The organizers' dashboard chart: finished attempts per minute over the last hour.

let ctx: TestContext;
let fixture: Fixture;
let start: number;

beforeEach(async () => {
	ctx = await createTestContext();
	start = ctx.clock.now();
	fixture = await createFixtureContest(ctx, {
		opensAt: start - MINUTE,
		closesAt: start + 120 * MINUTE,
		maxAttempts: 3
	});
});

afterEach(async () => {
	await ctx.dispose();
});

async function submitAt(phone: string, submittedAt: number): Promise<void> {
	const userId = await createContestant(ctx, fixture, { phone });
	await runAttempt(ctx, userId, fixture.roundId, { startAt: submittedAt - 20_000, correct: 1, durationMs: 20_000 });
}

async function dashboardActivity() {
	const state = await buildLiveState(ctx, { kind: 'dashboard', id: fixture.roundId }, 'test', 1);
	if (!state?.activity) throw new Error('expected the dashboard’s activity');
	return state.activity;
}

describe('submits per minute on the live dashboard', () => {
	it('counts three submits in one minute as 3, and each minute on its own', async () => {
		// minute 10 of the round: three submits at 5 s, 31 s and 59 s; minute 11: one.
		const minute10 = start + 10 * MINUTE;
		await submitAt('0914000001', minute10 + 5_000);
		await submitAt('0914000002', minute10 + 31_000);
		await submitAt('0914000003', minute10 + 59_000);
		await submitAt('0914000004', minute10 + MINUTE + 1_000);
		ctx.clock.set(minute10 + MINUTE + 30_000);

		const activity = await dashboardActivity();
		expect(activity.perMinute).toHaveLength(60);
		const at = (t: number) => Math.floor((t - activity.from) / MINUTE);
		expect(activity.perMinute[at(minute10)]).toBe(3);
		expect(activity.perMinute[at(minute10 + MINUTE)]).toBe(1);
		expect(activity.perMinute.reduce((a, b) => a + b, 0)).toBe(4);
	});
});
