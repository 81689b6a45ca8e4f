import { expect } from 'vitest';
import type { OptionDef } from '../../src/lib/domain/types';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import type { TestContext } from '../helpers/test-context';

// Fixture inspection for integration tests: reads an attempt's answer key straight from the
// database (what the server knows and the browser must never see).

export interface KeyedItem {
	position: number;
	type: 'single' | 'multiple' | 'true_false';
	questionVersionId: string;
	/** opaque option ids, in the order shown */
	ids: string[];
	/** authored option keys, same order as ids */
	keys: string[];
	correctIds: string[];
	wrongIds: string[];
}

export async function answerKey(ctx: TestContext, attemptId: string): Promise<KeyedItem[]> {
	const rows = await ctx.db
		.selectFrom('attempt_item')
		.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
		.innerJoin('question', 'question.id', 'question_version.question_id')
		.select([
			'attempt_item.position',
			'attempt_item.question_version_id',
			'attempt_item.option_ids_json',
			'attempt_item.option_keys_json',
			'question_version.options_json',
			'question.type'
		])
		.where('attempt_item.attempt_id', '=', attemptId)
		.orderBy('attempt_item.position')
		.execute();
	return rows.map((row) => {
		const ids = JSON.parse(row.option_ids_json) as string[];
		const keys = JSON.parse(row.option_keys_json) as string[];
		const options = JSON.parse(row.options_json) as OptionDef[];
		const correct = new Set(options.filter((o) => o.correct).map((o) => o.key));
		return {
			position: row.position,
			type: row.type as KeyedItem['type'],
			questionVersionId: row.question_version_id,
			ids,
			keys,
			correctIds: ids.filter((_, i) => correct.has(keys[i])),
			wrongIds: ids.filter((_, i) => !correct.has(keys[i]))
		};
	});
}

export async function getAttemptRow(ctx: TestContext, attemptId: string) {
	return ctx.db.selectFrom('attempt').selectAll().where('id', '=', attemptId).executeTakeFirstOrThrow();
}

export async function getRoundResult(ctx: TestContext, roundId: string, userId: string) {
	return ctx.db
		.selectFrom('round_result')
		.selectAll()
		.where('round_id', '=', roundId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

/** Starts an attempt and expects it to be a fresh one; returns its id. */
export async function startFresh(ctx: TestContext, userId: string, roundId: string): Promise<string> {
	const started = await startAttempt(ctx, userId, roundId);
	if (!started.ok) throw new Error(`startAttempt refused: ${started.reason}`);
	expect(started.resumed).toBe(false);
	return started.attemptId;
}

/** Saves the right answer for `correct` items (in position order) and a wrong one for the rest. */
export async function answerItems(ctx: TestContext, attemptId: string, userId: string, correct: number): Promise<void> {
	const items = await answerKey(ctx, attemptId);
	for (const [i, item] of items.entries()) {
		const optionIds = i < correct ? item.correctIds : [item.wrongIds[0]];
		const saved = await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds, rev: 1 });
		expect(saved).toEqual({ ok: true, rev: 1 });
	}
}

/**
 * A whole attempt on the test clock: starts at `startAt`, answers `correct` items right, submits
 * `durationMs` later. Leaves the clock at the submit time.
 */
export async function runAttempt(
	ctx: TestContext,
	userId: string,
	roundId: string,
	options: { startAt: number; correct: number; durationMs: number; prediction?: number | null }
): Promise<string> {
	ctx.clock.set(options.startAt);
	const attemptId = await startFresh(ctx, userId, roundId);
	await answerItems(ctx, attemptId, userId, options.correct);
	ctx.clock.set(options.startAt + options.durationMs);
	const submitted = await submitAttempt(ctx, attemptId, userId, options.prediction ?? null);
	expect(submitted).toEqual({ ok: true });
	return attemptId;
}
