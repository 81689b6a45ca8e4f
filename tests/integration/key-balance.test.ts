import { afterEach, describe, expect, it } from 'vitest';
import type { OptionDef } from '../../src/lib/domain/types';
import { demoQuestions } from '../../src/lib/server/demo/demo-content';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { getRoundStatistics } from '../../src/lib/server/results/statistics.service';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

let ctx: TestContext | null = null;

afterEach(async () => {
	await ctx?.dispose();
	ctx = null;
});

describe('the demo bank', () => {
	it('answers about half of its true/false statements "Sai"', () => {
		const trueFalse = demoQuestions.filter((q) => q.type === 'true_false');
		const sai = trueFalse.filter((q) => q.options.find((o) => o.correct)?.text === 'Sai');
		expect(trueFalse.length).toBeGreaterThanOrEqual(10);
		expect(sai.length / trueFalse.length).toBeGreaterThanOrEqual(0.4);
		expect(sai.length / trueFalse.length).toBeLessThanOrEqual(0.6);
		// Every statement keeps Đúng before Sai, as the convention is; only the keys are balanced.
		for (const q of trueFalse) expect(q.options.map((o) => o.text)).toEqual(['Đúng', 'Sai']);
	});

	it("gives its finished round's statistics no lopsided key", async () => {
		ctx = await createTestContext();
		expect(await seedDemo(ctx)).toBe(true);
		const [past] = await ctx.db.selectFrom('round').select('id').orderBy('ordinal').execute();
		const stats = await getRoundStatistics(ctx, past.id, { fresh: true });
		const trueFalse = stats!.keyBalance.find((k) => k.kind === 'true_false');
		expect(trueFalse?.drawn).toBeGreaterThanOrEqual(20);
		expect(trueFalse?.verdict).toBe('balanced');
		expect(stats!.keyBalance.filter((k) => k.verdict === 'lopsided')).toEqual([]);
	});
});

describe('the round statistics', () => {
	it('flag true/false keys that are all "Đúng", counted as the items were drawn', async () => {
		ctx = await createTestContext();
		const t0 = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: t0 - 60 * MINUTE, closesAt: t0 + 24 * 60 * MINUTE });
		// The fixture's true/false statements alternate their keys; make every one of them "Đúng".
		const versions = await ctx.db
			.selectFrom('question_version')
			.select(['id', 'options_json'])
			.where('type', '=', 'true_false')
			.execute();
		for (const v of versions) {
			const options = (JSON.parse(v.options_json) as OptionDef[]).map((o) => ({ ...o, correct: o.text === 'Đúng' }));
			await ctx.db
				.updateTable('question_version')
				.set({ options_json: JSON.stringify(options) })
				.where('id', '=', v.id)
				.execute();
		}
		for (let i = 0; i < 15; i++) {
			const userId = await createContestant(ctx, fixture, { phone: `09770000${String(i).padStart(2, '0')}` });
			await runAttempt(ctx, userId, fixture.roundId, { startAt: t0 + i * MINUTE, correct: 2, durationMs: MINUTE });
		}
		const stats = await getRoundStatistics(ctx, fixture.roundId, { fresh: true });
		const trueFalse = stats!.keyBalance.find((k) => k.kind === 'true_false')!;
		const drawn = await ctx.db
			.selectFrom('attempt_item')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.where('question_version.type', '=', 'true_false')
			.executeTakeFirstOrThrow();
		expect(drawn.n).toBeGreaterThanOrEqual(20);
		expect(trueFalse).toMatchObject({ options: 2, counts: [drawn.n, 0], top: 0, topShare: 1, verdict: 'lopsided' });
		// Single-answer options are shuffled at the draw: counted where they were shown, all positions.
		const single = stats!.keyBalance.find((k) => k.kind === 'single')!;
		expect(single.drawn).toBeGreaterThan(0);
		expect(single.counts).toHaveLength(single.options);
	});
});
