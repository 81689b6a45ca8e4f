import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import { updateQuestionStatus } from '../../src/lib/server/questions/question.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// A process keeps the draw's candidate list while the bank's revision stays the same: a question
// retired after a draw must never be drawn again, however recently the list was read.

let ctx: TestContext;
let fixture: Fixture;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 600 * MINUTE });
});

afterEach(async () => {
	await ctx.dispose();
});

async function drawnVersions(attemptId: string): Promise<string[]> {
	const rows = await ctx.db
		.selectFrom('attempt_item')
		.select('question_version_id')
		.where('attempt_id', '=', attemptId)
		.execute();
	return rows.map((r) => r.question_version_id);
}

describe('the draw’s candidates', () => {
	it('follow the bank at once: a retired question is never drawn, and a bank too short refuses the start', async () => {
		const first = await startAttempt(
			ctx,
			await createContestant(ctx, fixture, { phone: '0917000001' }),
			fixture.roundId
		);
		expect(first.ok).toBe(true);

		// topic a, easy: three questions, the blueprint draws two. Retire one: both others, every time.
		const easyA = await ctx.db
			.selectFrom('question')
			.innerJoin('topic', 'topic.id', 'question.topic_id')
			.select(['question.id', 'question.bank_id', 'question.current_version_id'])
			.where('topic.code', '=', 'a')
			.where('question.difficulty', '=', 'easy')
			.orderBy('question.id')
			.execute();
		expect(easyA).toHaveLength(3);
		const bankId = easyA[0].bank_id;
		expect(await updateQuestionStatus(ctx.db, bankId, easyA[0].id, 'retired', ctx.clock.now())).toBe(true);
		for (let i = 2; i <= 4; i++) {
			const started = await startAttempt(
				ctx,
				await createContestant(ctx, fixture, { phone: `091700000${i}` }),
				fixture.roundId
			);
			if (!started.ok) throw new Error(started.reason);
			const drawn = await drawnVersions(started.attemptId);
			expect(drawn).not.toContain(easyA[0].current_version_id);
			expect(drawn).toEqual(expect.arrayContaining([easyA[1].current_version_id, easyA[2].current_version_id]));
		}

		// one more retired: the blueprint cannot be filled
		expect(await updateQuestionStatus(ctx.db, bankId, easyA[1].id, 'retired', ctx.clock.now())).toBe(true);
		const refused = await startAttempt(
			ctx,
			await createContestant(ctx, fixture, { phone: '0917000009' }),
			fixture.roundId
		);
		expect(refused).toEqual({ ok: false, reason: 'no_questions' });
	});
});
