import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import { buildLiveState } from '../../src/lib/server/realtime/live-state';
import { setAttemptDisqualified } from '../../src/lib/server/results/close.service';
import { moveUnitReferences } from '../../src/lib/server/units/unit.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

// The live screens read a round's counters from tallies that triggers keep (migration 0010), not
// from a recount of every attempt and result. Whatever writes the rows, the tallies must say what
// a recount says.

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

/** The counters as a full recount of the rows gives them. */
async function recount() {
	const results = await ctx.db
		.selectFrom('round_result')
		.select(['group_id', 'unit_id', 'score', 'max_score'])
		.where('round_id', '=', fixture.roundId)
		.execute();
	const attempts = await ctx.db
		.selectFrom('attempt')
		.select(['status'])
		.where('round_id', '=', fixture.roundId)
		.where('is_preview', '=', 0)
		.execute();
	const perUnit = new Map<string, { n: number; fractions: number }>();
	for (const r of results) {
		const u = perUnit.get(r.unit_id) ?? { n: 0, fractions: 0 };
		u.n += 1;
		u.fractions += r.score / r.max_score;
		perUnit.set(r.unit_id, u);
	}
	const from = Math.floor(ctx.clock.now() / MINUTE) * MINUTE - 59 * MINUTE;
	const perMinute = new Array<number>(60).fill(0);
	const finished = await ctx.db
		.selectFrom('attempt')
		.select('finished_at')
		.where('round_id', '=', fixture.roundId)
		.where('status', '=', 'finished')
		.where('is_preview', '=', 0)
		.execute();
	for (const { finished_at } of finished) {
		const minute = Math.floor((finished_at! - from) / MINUTE);
		if (minute >= 0 && minute < 60) perMinute[minute] += 1;
	}
	return {
		activity: { from, perMinute },
		counters: {
			contestants: results.length,
			attempts: attempts.filter((a) => a.status === 'finished').length,
			inProgress: attempts.filter((a) => a.status === 'in_progress').length,
			perfect: results.filter((r) => r.score >= r.max_score).length
		},
		groupTotals: fixture.groupIds.map((g) => results.filter((r) => r.group_id === g).length),
		unitParticipants: fixture.unitIds.map((u) => perUnit.get(u)?.n ?? 0),
		unitMeans: fixture.unitIds.map((u) => {
			const t = perUnit.get(u);
			return t ? Math.round((1000 * t.fractions) / t.n) / 10 : null;
		})
	};
}

async function live() {
	const state = await buildLiveState(ctx, { kind: 'dashboard', id: fixture.roundId }, 'test', 1);
	if (!state) throw new Error('expected a live state');
	const unit = (id: string) => state.units.flatMap((u) => [u]).find((u) => u.id === id);
	return {
		activity: state.activity,
		counters: state.counters,
		groupTotals: fixture.groupIds.map((g) => state.groups.find((x) => x.id === g)?.total ?? -1),
		unitParticipants: fixture.unitIds.map((u) => unit(u)?.participants ?? 0),
		unitMeans: fixture.unitIds.map((u) => unit(u)?.meanPercent ?? null)
	};
}

describe('live counters kept by triggers', () => {
	it('agree with a recount through starts, better and worse attempts, disqualification and a unit merge', async () => {
		const people: string[] = [];
		for (let i = 0; i < 6; i++) {
			people.push(
				await createContestant(ctx, fixture, {
					phone: `09150000${String(i).padStart(2, '0')}`,
					unit: (i % 2) as 0 | 1,
					group: (Math.floor(i / 2) % 2) as 0 | 1
				})
			);
		}
		const t = (minutes: number) => start + minutes * MINUTE;
		const attempts: string[] = [];
		for (const [i, userId] of people.entries()) {
			attempts.push(
				await runAttempt(ctx, userId, fixture.roundId, { startAt: t(i), correct: i % 6, durationMs: 30_000 })
			);
		}
		const first = await live();
		expect(first).toEqual(await recount());
		expect(first.activity!.perMinute.reduce((a, b) => a + b, 0)).toBe(6);

		// a better second attempt replaces a result, a worse one (in the same minute) does not; one
		// more is left running
		await runAttempt(ctx, people[0], fixture.roundId, { startAt: t(10), correct: 5, durationMs: 20_000 });
		await runAttempt(ctx, people[5], fixture.roundId, { startAt: t(10) + 5_000, correct: 0, durationMs: 20_000 });
		ctx.clock.set(t(12));
		expect((await startAttempt(ctx, people[1], fixture.roundId)).ok).toBe(true);
		const mid = await live();
		expect(mid).toEqual(await recount());
		expect(mid.counters).toMatchObject({ contestants: 6, attempts: 8, inProgress: 1 });

		// disqualifying a best attempt moves the result to the next best, or removes it
		const admin = await insertAdmin(ctx, '0900000001');
		expect((await setAttemptDisqualified(ctx, attempts[3], admin.id, 'Gian lận')).ok).toBe(true);
		expect(await live()).toEqual(await recount());

		// merging one unit into the other moves its results' tallies along
		await moveUnitReferences(ctx.db, fixture.unitIds[1], fixture.unitIds[0]);
		const merged = await live();
		expect(merged).toEqual(await recount());
		expect(merged.unitParticipants[1]).toBe(0);
	});
});
