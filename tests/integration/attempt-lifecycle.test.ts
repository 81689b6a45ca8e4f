import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAttemptView, saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { finalizeOverdueAttempts } from '../../src/lib/server/attempts/finalize';
import { getRoundProgress } from '../../src/lib/server/attempts/result.service';
import { newId } from '../../src/lib/server/ids';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { answerItems, answerKey, getAttemptRow, getRoundResult, runAttempt, startFresh } from './support';

const SECOND = 1000;
const GRACE = 5000;

let ctx: TestContext;
let T0: number;

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
});

afterEach(async () => {
	await ctx.dispose();
});

/** A round open from an hour ago for a week, 10-minute limit, 5 s grace, 2 attempts. */
function openFixture(options: { maxAttempts?: number; slug?: string } = {}): Promise<Fixture> {
	return createFixtureContest(ctx, {
		opensAt: T0 - 60 * MINUTE,
		closesAt: T0 + 7 * 24 * 60 * MINUTE,
		timeLimitMs: 10 * MINUTE,
		graceMs: GRACE,
		...options
	});
}

describe('a full attempt: start, view, save, submit', () => {
	it('scores all-or-nothing per item, records duration, result row and a leaderboard event', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000001' });
		const versions: number[] = [];
		ctx.events.on('leaderboard:changed', (e) => {
			expect(e.roundId).toBe(fixture.roundId);
			versions.push(e.version);
		});
		const before = await ctx.db
			.selectFrom('round')
			.select('leaderboard_version')
			.where('id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();

		const started = await startAttempt(ctx, userId, fixture.roundId);
		expect(started).toMatchObject({ ok: true, resumed: false });
		if (!started.ok) return;
		const attemptId = started.attemptId;

		const view = await getAttemptView(ctx, attemptId, userId);
		expect(view).not.toBeNull();
		expect(view!.status).toBe('in_progress');
		expect(view!.startedAt).toBe(T0);
		expect(view!.deadline).toBe(T0 + 10 * MINUTE);
		expect(view!.serverNow).toBe(T0);
		expect(view!.items).toHaveLength(5);
		expect(view!.items.map((i) => i.position)).toEqual([1, 2, 3, 4, 5]);
		expect(view!.items.every((i) => i.chosen.length === 0 && i.rev === 0)).toBe(true);

		const items = await answerKey(ctx, attemptId);
		expect(items.map((i) => i.type).sort()).toEqual(['multiple', 'single', 'single', 'true_false', 'true_false']);
		// singles: right; first true/false right, second wrong; multiple: only one of its two right options.
		const expectedCorrect: number[] = [];
		let trueFalseSeen = 0;
		for (const item of items) {
			let optionIds: string[];
			if (item.type === 'single') {
				optionIds = item.correctIds;
				expectedCorrect.push(item.position);
			} else if (item.type === 'true_false') {
				optionIds = trueFalseSeen++ === 0 ? item.correctIds : item.wrongIds;
				if (trueFalseSeen === 1) expectedCorrect.push(item.position);
			} else {
				expect(item.correctIds).toHaveLength(2);
				optionIds = [item.correctIds[0]];
			}
			ctx.clock.advance(20 * SECOND);
			expect(await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds, rev: 1 })).toEqual({
				ok: true,
				rev: 1
			});
		}

		ctx.clock.set(T0 + 3 * MINUTE + 7 * SECOND);
		expect(await submitAttempt(ctx, attemptId, userId, 42)).toEqual({ ok: true });

		const attempt = await getAttemptRow(ctx, attemptId);
		expect(attempt).toMatchObject({
			status: 'finished',
			finish_reason: 'submitted',
			score: 3,
			correct_count: 3,
			max_score: 5,
			submitted_at: T0 + 3 * MINUTE + 7 * SECOND,
			duration_ms: 3 * MINUTE + 7 * SECOND,
			prediction: 42
		});
		const marked = await ctx.db
			.selectFrom('attempt_item')
			.select(['position', 'is_correct'])
			.where('attempt_id', '=', attemptId)
			.orderBy('position')
			.execute();
		expect(marked.filter((m) => m.is_correct === 1).map((m) => m.position)).toEqual(expectedCorrect.sort());
		expect(marked.every((m) => m.is_correct === 0 || m.is_correct === 1)).toBe(true);

		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: attemptId,
			group_id: fixture.groupIds[0],
			unit_id: fixture.unitIds[0],
			score: 3,
			max_score: 5,
			duration_ms: 3 * MINUTE + 7 * SECOND,
			submitted_at: T0 + 3 * MINUTE + 7 * SECOND,
			prediction: 42
		});
		expect(versions).toEqual([before.leaderboard_version + 1]);
		const after = await ctx.db
			.selectFrom('round')
			.select('leaderboard_version')
			.where('id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		expect(after.leaderboard_version).toBe(before.leaderboard_version + 1);

		// A finished attempt takes no more answers, and a repeated submit changes nothing.
		const late = await saveAnswer(ctx, attemptId, userId, { position: 1, optionIds: items[0].correctIds, rev: 2 });
		expect(late).toEqual({ ok: false, reason: 'attempt_closed' });
		ctx.clock.advance(MINUTE);
		expect(await submitAttempt(ctx, attemptId, userId, 7)).toEqual({ ok: true });
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({
			score: 3,
			duration_ms: 3 * MINUTE + 7 * SECOND,
			prediction: 42
		});
		expect(versions).toHaveLength(1);
		expect((await getAttemptView(ctx, attemptId, userId))!.status).toBe('finished');
	});

	it('hides an attempt from, and refuses writes by, anyone but its owner', async () => {
		const fixture = await openFixture();
		const owner = await createContestant(ctx, fixture, { phone: '0912000002' });
		const other = await createContestant(ctx, fixture, { phone: '0912000003' });
		const attemptId = await startFresh(ctx, owner, fixture.roundId);
		const [item] = await answerKey(ctx, attemptId);

		expect(await getAttemptView(ctx, attemptId, other)).toBeNull();
		expect(
			await saveAnswer(ctx, attemptId, other, { position: item.position, optionIds: item.correctIds, rev: 1 })
		).toEqual({
			ok: false,
			reason: 'attempt_not_found'
		});
		expect(await submitAttempt(ctx, attemptId, other, null)).toEqual({ ok: false, reason: 'attempt_not_found' });
		expect((await getAttemptRow(ctx, attemptId)).status).toBe('in_progress');
	});
});

describe('deadline and grace', () => {
	it('sets deadline = start + time limit when the round stays open longer', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000010' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({ started_at: T0, deadline: T0 + 10 * MINUTE });
	});

	it('sets deadline = round close when the round closes before the time limit runs out', async () => {
		const fixture = await createFixtureContest(ctx, {
			opensAt: T0 - 60 * MINUTE,
			closesAt: T0 + 2 * MINUTE,
			timeLimitMs: 10 * MINUTE
		});
		const userId = await createContestant(ctx, fixture, { phone: '0912000011' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({ started_at: T0, deadline: T0 + 2 * MINUTE });
		expect((await getAttemptView(ctx, attemptId, userId))!.deadline).toBe(T0 + 2 * MINUTE);
	});

	it('accepts a save at exactly deadline + grace, refuses one a second later, and finalizes with what was saved in time', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000012' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const deadline = T0 + 10 * MINUTE;
		const [first, second, third] = await answerKey(ctx, attemptId);

		ctx.clock.set(T0 + MINUTE);
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: first.correctIds, rev: 1 })
		).toEqual({ ok: true, rev: 1 });

		ctx.clock.set(deadline + GRACE);
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: second.position, optionIds: second.correctIds, rev: 1 })
		).toEqual({ ok: true, rev: 1 });
		expect((await getAttemptRow(ctx, attemptId)).status).toBe('in_progress');

		ctx.clock.set(deadline + GRACE + SECOND);
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: third.position, optionIds: third.correctIds, rev: 1 })
		).toEqual({
			ok: false,
			reason: 'attempt_closed'
		});

		const attempt = await getAttemptRow(ctx, attemptId);
		expect(attempt).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			score: 2,
			correct_count: 2,
			submitted_at: deadline,
			duration_ms: deadline - T0
		});
		const refused = await ctx.db
			.selectFrom('attempt_item')
			.select(['answer_json', 'answer_rev'])
			.where('attempt_id', '=', attemptId)
			.where('position', '=', third.position)
			.executeTakeFirstOrThrow();
		expect(refused).toEqual({ answer_json: null, answer_rev: 0 });
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: attemptId,
			score: 2,
			duration_ms: deadline - T0
		});
	});

	it('accepts a submit within the grace after the deadline and caps the duration at the deadline', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000013' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		await answerItems(ctx, attemptId, userId, 4);
		const deadline = T0 + 10 * MINUTE;

		ctx.clock.set(deadline + 3 * SECOND);
		expect(await submitAttempt(ctx, attemptId, userId, 5)).toEqual({ ok: true });

		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({
			status: 'finished',
			score: 4,
			submitted_at: deadline + 3 * SECOND,
			duration_ms: deadline - T0,
			prediction: 5
		});
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			score: 4,
			duration_ms: deadline - T0,
			prediction: 5
		});
	});

	it('finalizes as a timeout, without the late prediction, when the submit comes after deadline + grace', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000014' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		await answerItems(ctx, attemptId, userId, 1);
		const deadline = T0 + 10 * MINUTE;

		ctx.clock.set(deadline + GRACE + SECOND);
		expect(await submitAttempt(ctx, attemptId, userId, 99)).toEqual({ ok: true });
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			score: 1,
			submitted_at: deadline,
			duration_ms: deadline - T0,
			prediction: null
		});
	});
});

describe('one attempt in progress at a time', () => {
	it('resumes the same attempt with the same deadline when started again in the same round', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000020' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);

		ctx.clock.advance(4 * MINUTE);
		const again = await startAttempt(ctx, userId, fixture.roundId);
		expect(again).toEqual({ ok: true, attemptId, resumed: true });
		expect(await ctx.db.selectFrom('attempt').select('id').where('user_id', '=', userId).execute()).toHaveLength(1);
		const view = await getAttemptView(ctx, attemptId, userId);
		expect(view).toMatchObject({ startedAt: T0, deadline: T0 + 10 * MINUTE, serverNow: T0 + 4 * MINUTE });
	});

	it('refuses an attempt in another contest while one is in progress, and allows it once that one is done', async () => {
		const first = await openFixture({ slug: 'cuoc-thi-mot' });
		const second = await openFixture({ slug: 'cuoc-thi-hai' });
		const userId = await createContestant(ctx, first, { phone: '0912000021' });
		await ctx.db
			.insertInto('registration')
			.values({
				id: newId(),
				contest_id: second.contestId,
				user_id: userId,
				unit_id: second.unitIds[1],
				group_id: second.groupIds[1],
				consented_at: T0,
				created_at: T0
			})
			.execute();

		const attemptId = await startFresh(ctx, userId, first.roundId);
		expect(await startAttempt(ctx, userId, second.roundId)).toEqual({ ok: false, reason: 'attempt_in_progress' });
		expect(
			await ctx.db.selectFrom('attempt').select('id').where('round_id', '=', second.roundId).execute()
		).toHaveLength(0);

		ctx.clock.advance(MINUTE);
		expect(await submitAttempt(ctx, attemptId, userId, null)).toEqual({ ok: true });
		const other = await startAttempt(ctx, userId, second.roundId);
		expect(other).toMatchObject({ ok: true, resumed: false });
		if (!other.ok) return;
		// The attempt takes the unit and group of that contest's registration.
		expect(await getAttemptRow(ctx, other.attemptId)).toMatchObject({
			round_id: second.roundId,
			unit_id: second.unitIds[1],
			group_id: second.groupIds[1]
		});
	});

	it('lets an abandoned attempt in another round expire instead of blocking forever', async () => {
		const first = await openFixture({ slug: 'cuoc-thi-ba' });
		const second = await openFixture({ slug: 'cuoc-thi-bon' });
		const userId = await createContestant(ctx, first, { phone: '0912000022' });
		await ctx.db
			.insertInto('registration')
			.values({
				id: newId(),
				contest_id: second.contestId,
				user_id: userId,
				unit_id: second.unitIds[0],
				group_id: second.groupIds[0],
				consented_at: T0,
				created_at: T0
			})
			.execute();
		const abandoned = await startFresh(ctx, userId, first.roundId);

		ctx.clock.set(T0 + 10 * MINUTE + GRACE + 1);
		const started = await startAttempt(ctx, userId, second.roundId);
		expect(started).toMatchObject({ ok: true, resumed: false });
		expect(await getAttemptRow(ctx, abandoned)).toMatchObject({ status: 'finished', finish_reason: 'timeout' });
	});
});

describe('when an attempt may start', () => {
	it('refuses a third attempt when the round allows two', async () => {
		const fixture = await openFixture({ maxAttempts: 2 });
		const userId = await createContestant(ctx, fixture, { phone: '0912000030' });
		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0, correct: 2, durationMs: MINUTE });
		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0 + 2 * MINUTE, correct: 3, durationMs: MINUTE });

		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'attempt_limit' });
		const attempts = await ctx.db
			.selectFrom('attempt')
			.select(['ordinal'])
			.where('user_id', '=', userId)
			.orderBy('ordinal')
			.execute();
		expect(attempts.map((a) => a.ordinal)).toEqual([1, 2]);
		const progress = await getRoundProgress(ctx, fixture.roundId, userId);
		expect(progress).toMatchObject({ attemptsLeft: 0, inProgressId: null });
	});

	it('refuses before the round opens', async () => {
		const fixture = await createFixtureContest(ctx, { opensAt: T0 + 60 * MINUTE, closesAt: T0 + 120 * MINUTE });
		const userId = await createContestant(ctx, fixture, { phone: '0912000031' });
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'round_not_open' });
	});

	it('refuses after the round closes, including at the exact closing instant', async () => {
		const fixture = await createFixtureContest(ctx, { opensAt: T0 - 120 * MINUTE, closesAt: T0 - 60 * MINUTE });
		const userId = await createContestant(ctx, fixture, { phone: '0912000032' });
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'round_closed' });
		ctx.clock.set(T0 - 60 * MINUTE);
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'round_closed' });
	});

	it('refuses a user who is not registered in the contest', async () => {
		const fixture = await openFixture({ slug: 'cuoc-thi-nam' });
		const elsewhere = await openFixture({ slug: 'cuoc-thi-sau' });
		const userId = await createContestant(ctx, elsewhere, { phone: '0912000033' });
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'not_registered' });
		expect(await ctx.db.selectFrom('attempt').select('id').execute()).toHaveLength(0);
	});

	it('reports an unknown round', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000034' });
		expect(await startAttempt(ctx, userId, 'khong-ton-tai')).toEqual({ ok: false, reason: 'round_not_found' });
	});
});

describe('abandoned attempts', () => {
	it('are finalized by the sweeper with the answers saved in time, once', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000040' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const [first, second] = await answerKey(ctx, attemptId);
		ctx.clock.advance(MINUTE);
		await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: first.correctIds, rev: 1 });
		await saveAnswer(ctx, attemptId, userId, { position: second.position, optionIds: [second.wrongIds[0]], rev: 1 });
		const deadline = T0 + 10 * MINUTE;
		let events = 0;
		ctx.events.on('leaderboard:changed', () => void events++);

		ctx.clock.set(deadline + GRACE);
		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
		expect((await getAttemptRow(ctx, attemptId)).status).toBe('in_progress');

		ctx.clock.set(deadline + GRACE + 1);
		expect(await finalizeOverdueAttempts(ctx)).toBe(1);
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			score: 1,
			correct_count: 1,
			submitted_at: deadline,
			finished_at: deadline + GRACE + 1,
			duration_ms: deadline - T0
		});
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({ attempt_id: attemptId, score: 1 });
		expect(events).toBe(1);

		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
		expect(events).toBe(1);
	});

	it('are finalized lazily when the contestant comes back after deadline + grace', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000041' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		await answerItems(ctx, attemptId, userId, 2);

		ctx.clock.set(T0 + 10 * MINUTE + GRACE + SECOND);
		const view = await getAttemptView(ctx, attemptId, userId);
		expect(view!.status).toBe('finished');
		expect(await getAttemptRow(ctx, attemptId)).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			score: 2
		});
		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
	});

	it('are finalized lazily when the round progress is read', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000042' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);

		ctx.clock.set(T0 + 10 * MINUTE + GRACE + SECOND);
		const progress = await getRoundProgress(ctx, fixture.roundId, userId);
		expect(progress!.inProgressId).toBeNull();
		expect(progress!.attempts).toEqual([
			expect.objectContaining({ id: attemptId, status: 'finished', score: 0, finishReason: 'timeout', isBest: true })
		]);
		expect(progress!.standing).toEqual({ rank: 1, total: 1, unitRank: 1, unitTotal: 1 });
	});
});

describe('which attempt counts', () => {
	it('keeps the first attempt when the second scores lower', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000050' });
		let events = 0;
		ctx.events.on('leaderboard:changed', () => void events++);
		const first = await runAttempt(ctx, userId, fixture.roundId, { startAt: T0, correct: 3, durationMs: 5 * MINUTE });
		const second = await runAttempt(ctx, userId, fixture.roundId, {
			startAt: T0 + 10 * MINUTE,
			correct: 2,
			durationMs: MINUTE
		});

		expect((await getAttemptRow(ctx, second)).score).toBe(2);
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: first,
			score: 3,
			duration_ms: 5 * MINUTE
		});
		expect(events).toBe(1);
		const progress = await getRoundProgress(ctx, fixture.roundId, userId);
		expect(progress!.attempts.map((a) => [a.id, a.isBest])).toEqual([
			[first, true],
			[second, false]
		]);
	});

	it('replaces the result with a higher-scoring later attempt', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000051' });
		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0, correct: 2, durationMs: MINUTE });
		const second = await runAttempt(ctx, userId, fixture.roundId, {
			startAt: T0 + 10 * MINUTE,
			correct: 4,
			durationMs: 8 * MINUTE
		});
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: second,
			score: 4,
			duration_ms: 8 * MINUTE
		});
	});

	it('replaces the result with an equal score in a shorter time, but not in a longer one', async () => {
		const fixture = await openFixture({ maxAttempts: 3 });
		const userId = await createContestant(ctx, fixture, { phone: '0912000052' });
		let events = 0;
		ctx.events.on('leaderboard:changed', () => void events++);
		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0, correct: 2, durationMs: 5 * MINUTE });
		const faster = await runAttempt(ctx, userId, fixture.roundId, {
			startAt: T0 + 10 * MINUTE,
			correct: 2,
			durationMs: 2 * MINUTE
		});
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: faster,
			score: 2,
			duration_ms: 2 * MINUTE
		});
		expect(events).toBe(2);

		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0 + 20 * MINUTE, correct: 2, durationMs: 3 * MINUTE });
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({
			attempt_id: faster,
			duration_ms: 2 * MINUTE
		});
		expect(events).toBe(2);
	});

	it('keeps the earlier attempt when score and duration are equal', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000053' });
		const first = await runAttempt(ctx, userId, fixture.roundId, { startAt: T0, correct: 3, durationMs: 2 * MINUTE });
		await runAttempt(ctx, userId, fixture.roundId, { startAt: T0 + 10 * MINUTE, correct: 3, durationMs: 2 * MINUTE });
		expect(await getRoundResult(ctx, fixture.roundId, userId)).toMatchObject({ attempt_id: first });
	});
});

describe('saving answers', () => {
	it('refuses an option id that belongs to another item', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000060' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const [first, second] = await answerKey(ctx, attemptId);
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: [second.ids[0]], rev: 1 })
		).toEqual({
			ok: false,
			reason: 'invalid_answer'
		});
		expect(await saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: ['A'], rev: 1 })).toEqual({
			ok: false,
			reason: 'invalid_answer'
		});
		expect(await saveAnswer(ctx, attemptId, userId, { position: 99, optionIds: [first.ids[0]], rev: 1 })).toEqual({
			ok: false,
			reason: 'invalid_answer'
		});
		const stored = await ctx.db
			.selectFrom('attempt_item')
			.select('answer_json')
			.where('attempt_id', '=', attemptId)
			.execute();
		expect(stored.every((s) => s.answer_json === null)).toBe(true);
	});

	it('refuses two options on a single-choice or true/false item, and accepts them on a multiple-choice one', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000061' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const items = await answerKey(ctx, attemptId);
		const single = items.find((i) => i.type === 'single')!;
		const trueFalse = items.find((i) => i.type === 'true_false')!;
		const multiple = items.find((i) => i.type === 'multiple')!;
		for (const item of [single, trueFalse]) {
			expect(
				await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: item.ids.slice(0, 2), rev: 1 })
			).toEqual({
				ok: false,
				reason: 'invalid_answer'
			});
		}
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: multiple.position, optionIds: multiple.correctIds, rev: 1 })
		).toEqual({
			ok: true,
			rev: 1
		});
		const view = await getAttemptView(ctx, attemptId, userId);
		expect(view!.items.find((i) => i.position === single.position)!.chosen).toEqual([]);
		expect(view!.items.find((i) => i.position === multiple.position)!.chosen.sort()).toEqual(
			[...multiple.correctIds].sort()
		);
	});

	it('does not let a stale revision overwrite a newer answer', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000062' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const single = (await answerKey(ctx, attemptId)).find((i) => i.type === 'single')!;
		const newer = single.correctIds;
		const older = [single.wrongIds[0]];

		expect(await saveAnswer(ctx, attemptId, userId, { position: single.position, optionIds: newer, rev: 2 })).toEqual({
			ok: true,
			rev: 2
		});
		expect(await saveAnswer(ctx, attemptId, userId, { position: single.position, optionIds: older, rev: 1 })).toEqual({
			ok: true,
			rev: 2
		});
		expect(await saveAnswer(ctx, attemptId, userId, { position: single.position, optionIds: older, rev: 2 })).toEqual({
			ok: true,
			rev: 2
		});

		const item = (await getAttemptView(ctx, attemptId, userId))!.items.find((i) => i.position === single.position)!;
		expect(item.chosen).toEqual(newer);
		expect(item.rev).toBe(2);

		ctx.clock.advance(MINUTE);
		await submitAttempt(ctx, attemptId, userId, null);
		expect((await getAttemptRow(ctx, attemptId)).score).toBe(1);
	});

	it('clears an answer with an empty choice, which scores nothing', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000063' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const [item] = await answerKey(ctx, attemptId);
		await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: item.correctIds, rev: 1 });
		expect(await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: [], rev: 2 })).toEqual({
			ok: true,
			rev: 2
		});
		expect((await getAttemptView(ctx, attemptId, userId))!.items[0].chosen).toEqual([]);
		ctx.clock.advance(MINUTE);
		await submitAttempt(ctx, attemptId, userId, null);
		expect((await getAttemptRow(ctx, attemptId)).score).toBe(0);
	});
});

describe('reload and resume', () => {
	it('returns the same questions, options, deadline and saved choices on every load', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000070' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const items = await answerKey(ctx, attemptId);
		ctx.clock.advance(MINUTE);
		await saveAnswer(ctx, attemptId, userId, { position: items[0].position, optionIds: [items[0].ids[1]], rev: 1 });
		await saveAnswer(ctx, attemptId, userId, { position: items[2].position, optionIds: [items[2].ids[0]], rev: 3 });

		ctx.clock.advance(30 * SECOND);
		const firstLoad = await getAttemptView(ctx, attemptId, userId);
		ctx.clock.advance(2 * MINUTE);
		const secondLoad = await getAttemptView(ctx, attemptId, userId);

		expect(firstLoad!.deadline).toBe(T0 + 10 * MINUTE);
		expect(secondLoad!.deadline).toBe(firstLoad!.deadline);
		expect(secondLoad!.startedAt).toBe(firstLoad!.startedAt);
		expect(secondLoad!.serverNow).toBe(T0 + 3 * MINUTE + 30 * SECOND);
		expect(secondLoad!.items).toEqual(firstLoad!.items);
		expect(secondLoad!.items[0]).toMatchObject({ chosen: [items[0].ids[1]], rev: 1 });
		expect(secondLoad!.items[2]).toMatchObject({ chosen: [items[2].ids[0]], rev: 3 });
		expect(secondLoad!.items[1]).toMatchObject({ chosen: [], rev: 0 });
		expect(secondLoad!.items.map((i) => i.options.map((o) => o.id))).toEqual(items.map((i) => i.ids));
	});
});

describe('races at the end of an attempt', () => {
	it('never acknowledges a save that the submit did not count, whatever the interleaving', async () => {
		const fixture = await openFixture({ maxAttempts: 200 });
		const userId = await createContestant(ctx, fixture, { phone: '0912777001' });
		const ticks = async (n: number): Promise<void> => {
			for (let i = 0; i < n; i++) await Promise.resolve();
		};
		// Start the save a varying number of microtask turns before or after the submit, so its
		// check and its write fall on each side of the submit's transaction.
		for (let lead = -60; lead <= 160; lead += 2) {
			const attemptId = await startFresh(ctx, userId, fixture.roundId);
			const [first] = await answerKey(ctx, attemptId);
			const save = (): ReturnType<typeof saveAnswer> =>
				saveAnswer(ctx, attemptId, userId, { position: first.position, optionIds: first.correctIds, rev: 1 });
			let saving: ReturnType<typeof saveAnswer>;
			let submitting: ReturnType<typeof submitAttempt>;
			if (lead < 0) {
				saving = save();
				await ticks(-lead);
				submitting = submitAttempt(ctx, attemptId, userId, 1);
			} else {
				submitting = submitAttempt(ctx, attemptId, userId, 1);
				await ticks(lead);
				saving = save();
			}
			const [saved] = await Promise.all([saving, submitting]);
			const row = await getAttemptRow(ctx, attemptId);
			if (saved.ok) expect(row.score, `lead ${lead}`).toBe(1);
			else expect(saved.reason).toBe('attempt_closed');
		}
	});

	it('resumes, instead of refusing, when the same contestant starts twice at once', async () => {
		const fixture = await openFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912777002' });
		const [a, b] = await Promise.all([
			startAttempt(ctx, userId, fixture.roundId),
			startAttempt(ctx, userId, fixture.roundId)
		]);
		expect(a.ok && b.ok).toBe(true);
		if (a.ok && b.ok) expect(a.attemptId).toBe(b.attemptId);
	});
});
