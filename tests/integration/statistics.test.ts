import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SCORE_BUCKETS, scoreBucket } from '../../src/lib/domain/statistics';
import { startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { startPreviewAttempt } from '../../src/lib/server/contests/contest-admin.service';
import { setAttemptDisqualified } from '../../src/lib/server/results/close.service';
import { getRoundStatistics, type RoundStatistics } from '../../src/lib/server/results/statistics.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, insertStaff, type TestContext } from '../helpers/test-context';
import { answerItems, runAttempt } from './support';

// The statistics read the database in slices of sums; here they must equal the textbook formulas
// computed the long way from the raw rows, and count only finished, real, valid attempts.

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let ctx: TestContext;
let fixture: Fixture;
let T0: number;

beforeEach(async () => {
	// 16/11/2026 10:00 in Vietnam (03:00 UTC); the round runs 09:00 that day to 10:00 a week later.
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - HOUR, closesAt: T0 + 7 * DAY, maxAttempts: 2 });
});

afterEach(async () => {
	await ctx.dispose();
});

/** Pearson's r of pairs, two-pass: means first, then deviations. */
function pearson(pairs: readonly [number, number][]): number | null {
	const n = pairs.length;
	const mx = pairs.reduce((s, [x]) => s + x, 0) / n;
	const my = pairs.reduce((s, [, y]) => s + y, 0) / n;
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (const [x, y] of pairs) {
		sxy += (x - mx) * (y - my);
		sxx += (x - mx) ** 2;
		syy += (y - my) ** 2;
	}
	return n < 2 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Sample variance, n − 1: alpha's ratio must not depend on the denominator. */
function variance(values: readonly number[]): number {
	const mean = values.reduce((a, b) => a + b, 0) / values.length;
	return values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
}

/** The counted attempts' items, straight from the tables. */
async function rawItems() {
	return ctx.db
		.selectFrom('attempt_item as ai')
		.innerJoin('attempt as a', 'a.id', 'ai.attempt_id')
		.innerJoin('question_version as qv', 'qv.id', 'ai.question_version_id')
		.select(['a.id as attemptId', 'a.score', 'ai.position', 'ai.is_correct', 'qv.question_id'])
		.where('a.round_id', '=', fixture.roundId)
		.where('a.status', '=', 'finished')
		.where('a.is_preview', '=', 0)
		.where('a.disqualified', '=', 0)
		.execute();
}

/** A day of the round in Vietnam: day 0 is 16/11/2026; `hour` is Vietnam's wall clock. */
const vnTime = (day: number, hour: number, minute = 0): number => Date.UTC(2026, 10, 16 + day, hour - 7, minute);

const organizer = async (phone: string): Promise<string> => (await insertStaff(ctx, phone, 'organizer')).id;

/**
 * Eight contestants over three days, one of them twice; plus what must not count: a preview, an
 * attempt still in progress, and an attempt disqualified after it finished.
 */
async function playRound(): Promise<{ disqualifiedUser: string; staffId: string }> {
	const plays: { phone: string; unit: 0 | 1; at: number; correct: number }[] = [
		{ phone: '0912000001', unit: 0, at: vnTime(0, 10), correct: 5 },
		{ phone: '0912000002', unit: 0, at: vnTime(0, 11), correct: 4 },
		{ phone: '0912000003', unit: 0, at: vnTime(0, 23, 40), correct: 3 },
		// 00:05 on 17/11 in Vietnam is still 16/11 in UTC: it must count on the 17th.
		{ phone: '0912000004', unit: 1, at: vnTime(1, 0, 5), correct: 2 },
		{ phone: '0912000005', unit: 1, at: vnTime(1, 9), correct: 1 },
		{ phone: '0912000006', unit: 1, at: vnTime(1, 15), correct: 0 },
		{ phone: '0912000007', unit: 0, at: vnTime(2, 8), correct: 3 }
	];
	const users = new Map<string, string>();
	for (const play of plays) {
		const userId = await createContestant(ctx, fixture, { phone: play.phone, unit: play.unit });
		users.set(play.phone, userId);
		await runAttempt(ctx, userId, fixture.roundId, { startAt: play.at, correct: play.correct, durationMs: 2 * MINUTE });
	}
	// A second attempt of the weakest contestant, two days later: an attempt, not a new contestant.
	await runAttempt(ctx, users.get('0912000006')!, fixture.roundId, {
		startAt: vnTime(3, 9),
		correct: 4,
		durationMs: 3 * MINUTE
	});

	// Disqualified by the organizers after it finished: its contestant has no other attempt.
	const staffId = await organizer('0900000222');
	const cheater = await createContestant(ctx, fixture, { phone: '0912000008', unit: 1 });
	const cheated = await runAttempt(ctx, cheater, fixture.roundId, {
		startAt: vnTime(3, 10),
		correct: 5,
		durationMs: MINUTE
	});
	expect(await setAttemptDisqualified(ctx, cheated, staffId, 'Thi hộ')).toMatchObject({ ok: true });
	ctx.clock.set(vnTime(3, 11));
	const preview = await startPreviewAttempt(
		ctx,
		{ id: staffId, role: 'organizer' },
		fixture.roundId,
		fixture.groupIds[0]
	);
	if (!preview.ok) throw new Error(preview.reason);
	await answerItems(ctx, preview.attemptId, staffId, 5);
	await submitAttempt(ctx, preview.attemptId, staffId, null);

	const unfinished = await createContestant(ctx, fixture, { phone: '0912000009' });
	ctx.clock.set(vnTime(3, 12));
	const started = await startAttempt(ctx, unfinished, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	await answerItems(ctx, started.attemptId, unfinished, 5);
	ctx.clock.set(vnTime(3, 12, 5));
	return { disqualifiedUser: cheater, staffId };
}

async function statistics(options?: { batchSize: number; fresh: boolean }): Promise<RoundStatistics> {
	const stats = await getRoundStatistics(ctx, fixture.roundId, options);
	if (!stats) throw new Error('no statistics');
	return stats;
}

describe('round statistics on a real database', () => {
	it('equal the formulas computed from the raw rows', async () => {
		await playRound();
		const stats = await statistics();
		const items = await rawItems();
		const attempts = new Map<string, { score: number; items: number[] }>();
		for (const item of items) {
			const attempt = attempts.get(item.attemptId) ?? { score: item.score!, items: [0, 0, 0, 0, 0] };
			attempt.items[item.position - 1] = item.is_correct!;
			attempts.set(item.attemptId, attempt);
		}
		expect(attempts.size).toBe(8);
		expect(stats.attempts).toBe(8);

		const byQuestion = new Map<string, [number, number][]>();
		for (const item of items) {
			const pairs = byQuestion.get(item.question_id) ?? [];
			pairs.push([item.is_correct!, item.score! - item.is_correct!]);
			byQuestion.set(item.question_id, pairs);
		}
		expect(stats.questions.map((q) => q.questionId).sort()).toEqual([...byQuestion.keys()].sort());
		for (const question of stats.questions) {
			const pairs = byQuestion.get(question.questionId)!;
			expect(question.n).toBe(pairs.length);
			expect(question.correct).toBe(pairs.filter(([x]) => x === 1).length);
			expect(question.facility).toBeCloseTo(question.correct / pairs.length, 12);
			const r = pearson(pairs);
			if (r === null) expect(question.discrimination).toBeNull();
			else expect(question.discrimination).toBeCloseTo(r, 10);
			expect(question.text.length).toBeGreaterThan(5);
			expect(['Chủ đề A', 'Chủ đề B']).toContain(question.topic);
		}

		// Cronbach's alpha, textbook form over the five slots.
		const rows = [...attempts.values()];
		const k = 5;
		const slotVariances = Array.from({ length: k }, (_, i) => variance(rows.map((a) => a.items[i])));
		const alpha = (k / (k - 1)) * (1 - slotVariances.reduce((a, b) => a + b, 0) / variance(rows.map((a) => a.score)));
		expect(stats.reliability.items).toBe(5);
		expect(stats.reliability.attempts).toBe(8);
		expect(stats.reliability.alpha).toBeCloseTo(alpha, 10);
	});

	it('count best attempts per band and per unit, without the disqualified one', async () => {
		await playRound();
		const stats = await statistics();
		// Best scores of the seven valid contestants: 5, 4, 3, 2, 1, 4 (second attempt), 3.
		expect(stats.contestants).toBe(7);
		const expected = new Map(SCORE_BUCKETS.map((b) => [b, 0]));
		for (const score of [5, 4, 3, 2, 1, 4, 3]) {
			expected.set(scoreBucket(score, 5), expected.get(scoreBucket(score, 5))! + 1);
		}
		expect(stats.distribution.map((d) => [d.bucket, d.count])).toEqual([...expected]);
		expect(stats.distribution.map((d) => d.bucket)).toEqual(['zero', 'low', 'middle', 'high', 'perfect']);
		expect(stats.distribution.reduce((s, d) => s + d.share, 0)).toBeCloseTo(1, 12);

		// Phường Hà Khánh (headcount 50): 4 contestants; Xã Phong Hải (40): 3, the disqualified one left out.
		const units = new Map(stats.units.map((u) => [u.name, u]));
		expect(units.get('Phường Hà Khánh')).toMatchObject({ participants: 4, headcount: 50, rate: 8 });
		expect(units.get('Phường Hà Khánh')!.meanPercent).toBe(75);
		expect(units.get('Xã Phong Hải')).toMatchObject({ participants: 3, headcount: 40, rate: 7.5 });
		expect(units.get('Xã Phong Hải')!.meanPercent).toBe(46.7);
	});

	it('counts attempts and new contestants per day in Vietnam’s time zone', async () => {
		await playRound();
		const stats = await statistics();
		expect(stats.perDay).toHaveLength(8);
		expect(stats.perDay[0].start).toBe(vnTime(0, 0));
		expect(stats.perDay[7].start).toBe(vnTime(7, 0));
		expect(stats.perDay.map((d) => d.attempts)).toEqual([3, 3, 1, 1, 0, 0, 0, 0]);
		expect(stats.perDay.map((d) => d.newContestants)).toEqual([3, 3, 1, 0, 0, 0, 0, 0]);
	});

	it('gives the same figures read in slices of two', async () => {
		await playRound();
		const whole = await statistics({ batchSize: 10_000, fresh: true });
		const sliced = await statistics({ batchSize: 2, fresh: true });
		expect(sliced).toEqual(whole);
	});

	it('reads the attempts again once one more finishes or is disqualified or reinstated', async () => {
		const { disqualifiedUser, staffId } = await playRound();
		const before = await statistics();
		// Kept: a change behind the services' back (no attempt finished) is not seen until asked afresh.
		const right = await ctx.db
			.selectFrom('attempt_item')
			.select(['attempt_id', 'position'])
			.where('is_correct', '=', 1)
			.executeTakeFirstOrThrow();
		const flip = (value: number) =>
			ctx.db
				.updateTable('attempt_item')
				.set({ is_correct: value })
				.where('attempt_id', '=', right.attempt_id)
				.where('position', '=', right.position)
				.execute();
		await flip(0);
		expect(await statistics()).toEqual(before);
		expect((await statistics({ batchSize: 10_000, fresh: true })).questions).not.toEqual(before.questions);
		await flip(1);

		const late = await createContestant(ctx, fixture, { phone: '0912000011', unit: 1 });
		const attemptId = await runAttempt(ctx, late, fixture.roundId, {
			startAt: vnTime(4, 9),
			correct: 2,
			durationMs: MINUTE
		});
		const after = await statistics();
		expect(after.attempts).toBe(before.attempts + 1);
		expect(after.perDay[4].attempts).toBe(1);
		expect(after.reliability.attempts).toBe(before.reliability.attempts + 1);

		await setAttemptDisqualified(ctx, attemptId, staffId, 'Thi hộ');
		expect((await statistics()).attempts).toBe(before.attempts);
		const cheated = await ctx.db
			.selectFrom('attempt')
			.select('id')
			.where('user_id', '=', disqualifiedUser)
			.executeTakeFirstOrThrow();
		await setAttemptDisqualified(ctx, cheated.id, staffId, null);
		const reinstated = await statistics();
		expect(reinstated.attempts).toBe(before.attempts + 1);
		expect(reinstated.contestants).toBe(before.contestants + 1);
	});

	it('ranks the most-missed questions and flags what needs review', async () => {
		await playRound();
		const stats = await statistics();
		expect(stats.mostMissed.length).toBeLessThanOrEqual(10);
		const ranked = stats.mostMissed.map((id) => stats.questions.find((q) => q.questionId === id)!);
		ranked.forEach((q, i) => {
			expect(q.missedRank).toBe(i + 1);
			expect(q.n).toBeGreaterThanOrEqual(5);
			if (i > 0) expect(q.facility!).toBeGreaterThanOrEqual(ranked[i - 1].facility!);
		});
		for (const q of stats.questions) {
			if (q.n < 5) expect(q.review).toEqual([]);
			if (q.missedRank === null) expect(stats.mostMissed).not.toContain(q.questionId);
		}
	});

	it('works on a round nobody has finished', async () => {
		const contestant = await createContestant(ctx, fixture, { phone: '0912000010' });
		const started = await startAttempt(ctx, contestant, fixture.roundId);
		expect(started.ok).toBe(true);
		const stats = await statistics();
		expect(stats).toMatchObject({ attempts: 0, contestants: 0, questions: [], mostMissed: [] });
		expect(stats.reliability).toEqual({ alpha: null, level: null, items: 0, attempts: 0 });
		expect(stats.distribution.every((d) => d.count === 0 && d.share === 0)).toBe(true);
		expect(stats.perDay.every((d) => d.attempts === 0 && d.newContestants === 0)).toBe(true);
		expect(stats.units.every((u) => u.participants === 0 && u.meanPercent === null)).toBe(true);
	});

	it('answers null for an unknown round', async () => {
		expect(await getRoundStatistics(ctx, 'khong-co')).toBeNull();
	});
});
