/**
 * The new kinds of questions in an online round (issue 16): an ordering, a number and a short
 * typed answer are drawn (never a poll or a word cloud), answered through the save path with
 * each kind's checks, scored right or wrong by the finalize, and the attempt's view never
 * carries their key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QuestionSpec } from '../../src/lib/server/demo/builders';
import { getAttemptView, saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { listPickCandidates } from '../../src/lib/server/attempts/attempt.repository';
import { countActiveByTopicAndDifficulty } from '../../src/lib/server/questions/question.repository';
import { getRoundStatistics } from '../../src/lib/server/results/statistics.service';
import { startPreviewAttempt } from '../../src/lib/server/contests/contest-admin.service';
import { renderQuestionPaper } from '../../src/lib/server/contests/question-paper.pdf';
import { getPreviewReview } from '../../src/lib/server/attempts/preview.service';
import { exportPersonalData } from '../../src/lib/server/privacy/personal-data.service';
import { countActiveLiveOnly } from '../../src/lib/server/questions/question.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { readPdf } from '../helpers/pdf';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});

afterEach(async () => {
	await ctx.dispose();
});

const base = { explanation: 'Giải thích.', legalReference: null, tags: [] };

/** The right order of the ordering question, and the key's other secrets, to look for in the view. */
const STEPS = ['Nộp hồ sơ tại bộ phận một cửa', 'Cán bộ kiểm tra hồ sơ', 'Giải quyết và ký duyệt', 'Trả kết quả'];
const ACCEPTED = ['Quốc hội', 'Quoc hoi'];

const questions: QuestionSpec[] = [
	{
		...base,
		topic: 'k',
		type: 'ordering',
		difficulty: 'medium',
		text: 'Sắp xếp các bước giải quyết thủ tục hành chính theo đúng thứ tự.',
		options: STEPS.map((text) => ({ text, correct: false })),
		settings: { ordering: { scoring: 'all' } }
	},
	{
		...base,
		topic: 'k',
		type: 'numeric',
		difficulty: 'hard',
		text: 'Việt Nam có bao nhiêu tỉnh, thành phố trực thuộc Trung ương trước năm 2025?',
		options: [],
		settings: { numeric: { answer: 63, tolerance: 0, scoring: 'tolerance', min: 1, max: 100, unit: 'tỉnh, thành' } }
	},
	{
		...base,
		topic: 'k',
		type: 'short_text',
		difficulty: 'easy',
		text: 'Cơ quan nào có quyền lập hiến, lập pháp?',
		options: ACCEPTED.map((text) => ({ text, correct: true })),
		settings: { text: { ignoreCase: true, ignoreDiacritics: false } }
	},
	// live-only kinds in the same topic and difficulties: a round never draws them
	...(['easy', 'medium', 'hard'] as const).flatMap((difficulty): QuestionSpec[] => [
		{
			...base,
			topic: 'k',
			type: 'poll',
			difficulty,
			text: `Bạn thích hình thức thi nào (${difficulty})?`,
			options: [
				{ text: 'Trực tuyến', correct: false },
				{ text: 'Sân khấu', correct: false }
			]
		},
		{
			...base,
			topic: 'k',
			type: 'word_cloud',
			difficulty,
			text: `Một từ về cải cách hành chính (${difficulty})?`,
			options: []
		}
	])
];

function kindsFixture(): Promise<Fixture> {
	const now = ctx.clock.now();
	return createFixtureContest(ctx, {
		opensAt: now - 60 * MINUTE,
		closesAt: now + 7 * 24 * 60 * MINUTE,
		timeLimitMs: 10 * MINUTE,
		bank: { topics: [{ code: 'k', name: 'Các loại câu hỏi' }], questions },
		blueprint: [
			{ topic: 'k', difficulty: 'easy', count: 1 },
			{ topic: 'k', difficulty: 'medium', count: 1 },
			{ topic: 'k', difficulty: 'hard', count: 1 }
		]
	});
}

async function bankOf(roundId: string): Promise<string> {
	const row = await ctx.db
		.selectFrom('blueprint_item')
		.select('bank_id')
		.where('round_id', '=', roundId)
		.executeTakeFirstOrThrow();
	return row.bank_id;
}

/** The attempt's items as stored: type, shown option ids, authored keys in shown order. */
async function storedItems(attemptId: string) {
	const rows = await ctx.db
		.selectFrom('attempt_item')
		.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
		.select([
			'attempt_item.position',
			'attempt_item.option_ids_json',
			'attempt_item.option_keys_json',
			'attempt_item.is_correct',
			'question_version.type'
		])
		.where('attempt_item.attempt_id', '=', attemptId)
		.orderBy('attempt_item.position')
		.execute();
	return rows.map((r) => ({
		position: r.position,
		type: r.type,
		ids: JSON.parse(r.option_ids_json) as string[],
		keys: JSON.parse(r.option_keys_json) as string[],
		isCorrect: r.is_correct
	}));
}

describe('a round with ordering, numeric and short-text questions', () => {
	it('never offers poll or word-cloud questions to a round’s draw or its blueprint counts', async () => {
		const fixture = await kindsFixture();
		const bankId = await bankOf(fixture.roundId);
		const topicIds = [...new Set((await countActiveByTopicAndDifficulty(ctx.db, bankId)).map((c) => c.topic_id))];
		const candidates = await listPickCandidates(ctx.db, [bankId], topicIds);
		expect(candidates).toHaveLength(3);
		// the round editor says how many it leaves out
		expect(await countActiveLiveOnly(ctx.db, bankId)).toBe(6);
		const counts = await countActiveByTopicAndDifficulty(ctx.db, bankId);
		expect(counts.map((c) => [c.difficulty, Number(c.n)]).sort()).toEqual([
			['easy', 1],
			['hard', 1],
			['medium', 1]
		]);
	});

	it('saves each kind with its checks, scores them right or wrong, and never shows the key while open', async () => {
		const fixture = await kindsFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000201' });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const attemptId = started.attemptId;

		const items = await storedItems(attemptId);
		expect(items.map((i) => i.type).sort()).toEqual(['numeric', 'ordering', 'short_text']);
		const ordering = items.find((i) => i.type === 'ordering')!;
		const numeric = items.find((i) => i.type === 'numeric')!;
		const text = items.find((i) => i.type === 'short_text')!;
		// the order shown is never the right one
		expect(ordering.keys).not.toEqual(['A', 'B', 'C', 'D']);

		// the view: the kind and the public settings only
		const view = (await getAttemptView(ctx, attemptId, userId))!;
		const json = JSON.stringify(view);
		for (const secret of [...ACCEPTED, '"answer"', 'tolerance', '"correct"', 'ignoreCase']) {
			expect(json).not.toContain(secret);
		}
		const viewOf = (position: number) => view.items.find((i) => i.position === position)!;
		expect(viewOf(ordering.position).type).toBe('ordering');
		expect(viewOf(ordering.position).options.map((o) => o.id)).toEqual(ordering.ids);
		expect(viewOf(numeric.position)).toMatchObject({
			type: 'numeric',
			options: [],
			settings: { numeric: { min: 1, max: 100, unit: 'tỉnh, thành' } }
		});
		expect(viewOf(text.position)).toMatchObject({ type: 'short_text', options: [] });
		expect(viewOf(text.position).settings).toBeUndefined();

		// refusals, each with its reason
		const save = (position: number, optionIds: string[], rev: number) =>
			saveAnswer(ctx, attemptId, userId, { position, optionIds, rev });
		expect(await save(ordering.position, ordering.ids.slice(1), 1)).toEqual({ ok: false, reason: 'order_invalid' });
		expect(await save(ordering.position, [ordering.ids[0], ...ordering.ids.slice(0, 3)], 1)).toEqual({
			ok: false,
			reason: 'order_invalid'
		});
		expect(await save(text.position, ['x'.repeat(81)], 1)).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		expect(await save(text.position, ['Quốc\u0007hội'], 1)).toEqual({ ok: false, reason: 'typed_answer_invalid' });
		expect(await save(numeric.position, ['6', '3'], 1)).toEqual({ ok: false, reason: 'typed_answer_invalid' });

		// answers: the right order, a number typed with a comma, a typed answer in decomposed form
		const rightOrder = ['A', 'B', 'C', 'D'].map((key) => ordering.ids[ordering.keys.indexOf(key)]);
		expect(await save(ordering.position, rightOrder, 1)).toEqual({ ok: true, rev: 1 });
		expect(await save(numeric.position, ['63,0'], 1)).toEqual({ ok: true, rev: 1 });
		expect(await save(text.position, [' QUỐC HỘI. '.normalize('NFD')], 1)).toEqual({ ok: true, rev: 1 });
		const stored = await ctx.db
			.selectFrom('attempt_item')
			.select(['position', 'answer_json'])
			.where('attempt_id', '=', attemptId)
			.execute();
		expect(JSON.parse(stored.find((s) => s.position === text.position)!.answer_json!)).toEqual(['QUỐC HỘI.']);
		// the view brings the stored answers back
		const again = (await getAttemptView(ctx, attemptId, userId))!;
		expect(again.items.find((i) => i.position === ordering.position)!.chosen).toEqual(rightOrder);
		expect(again.items.find((i) => i.position === numeric.position)!.chosen).toEqual(['63,0']);

		expect(await submitAttempt(ctx, attemptId, userId, 5)).toEqual({ ok: true });
		const attempt = await ctx.db
			.selectFrom('attempt')
			.select(['score', 'correct_count', 'max_score'])
			.where('id', '=', attemptId)
			.executeTakeFirstOrThrow();
		expect(attempt).toEqual({ score: 3, correct_count: 3, max_score: 3 });
		expect((await storedItems(attemptId)).map((i) => i.isCorrect)).toEqual([1, 1, 1]);
	});

	it('scores a wrong order, a number outside the tolerance and another text as wrong', async () => {
		const fixture = await kindsFixture();
		const userId = await createContestant(ctx, fixture, { phone: '0912000202' });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		if (!started.ok) throw new Error('not started');
		const items = await storedItems(started.attemptId);
		const save = (position: number, optionIds: string[]) =>
			saveAnswer(ctx, started.attemptId, userId, { position, optionIds, rev: 1 });
		for (const item of items) {
			if (item.type === 'ordering') {
				// right but for the last two swapped: no points in a round
				const almost = ['A', 'B', 'D', 'C'].map((key) => item.ids[item.keys.indexOf(key)]);
				expect(await save(item.position, almost)).toEqual({ ok: true, rev: 1 });
			} else if (item.type === 'numeric') {
				expect(await save(item.position, ['64'])).toEqual({ ok: true, rev: 1 });
			} else {
				expect(await save(item.position, ['Chính phủ'])).toEqual({ ok: true, rev: 1 });
			}
		}
		await submitAttempt(ctx, started.attemptId, userId, null);
		const attempt = await ctx.db
			.selectFrom('attempt')
			.select(['score', 'correct_count'])
			.where('id', '=', started.attemptId)
			.executeTakeFirstOrThrow();
		expect(attempt).toEqual({ score: 0, correct_count: 0 });

		// the statistics cover the new kinds: a correct rate for each, the wrong typed answers listed
		const stats = (await getRoundStatistics(ctx, fixture.roundId, { fresh: true }))!;
		expect(stats.questions.map((q) => [q.type, q.n, q.correct]).sort()).toEqual([
			['numeric', 1, 0],
			['ordering', 1, 0],
			['short_text', 1, 0]
		]);
		expect(stats.wrongTyped).toHaveLength(1);
		expect(stats.wrongTyped[0].answers).toEqual([{ text: 'Chính phủ', count: 1 }]);
	});

	it('shows the key of the new kinds only where it may be: the organizer’s preview and paper, not a contestant’s export while open', async () => {
		const fixture = await kindsFixture();
		const organizerId = await createContestant(ctx, fixture, { phone: '0912000203' });
		await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', organizerId).execute();
		const organizer = { id: organizerId, role: 'admin' as const };
		const preview = await startPreviewAttempt(ctx, organizer, fixture.roundId, fixture.groupIds[0]);
		if (!preview.ok) throw new Error(preview.reason);
		const items = await storedItems(preview.attemptId);
		for (const item of items) {
			const answer =
				item.type === 'ordering'
					? ['A', 'B', 'C', 'D'].map((key) => item.ids[item.keys.indexOf(key)])
					: item.type === 'numeric'
						? ['63']
						: ['Bộ Tư pháp'];
			await saveAnswer(ctx, preview.attemptId, organizerId, { position: item.position, optionIds: answer, rev: 1 });
		}
		await submitAttempt(ctx, preview.attemptId, organizerId, null);
		const review = (await getPreviewReview(ctx, preview.attemptId, organizer))!;
		const byType = new Map(review.map((r) => [r.type, r]));
		expect(byType.get('ordering')).toMatchObject({ correct: true, key: STEPS, answer: STEPS, options: [] });
		expect(byType.get('numeric')).toMatchObject({ correct: true, key: ['63 tỉnh, thành'], answer: ['63'] });
		expect(byType.get('short_text')).toMatchObject({ correct: false, key: ACCEPTED, answer: ['Bộ Tư pháp'] });

		// a contestant's own data while the round is open: what they typed, never the accepted answers
		const userId = await createContestant(ctx, fixture, { phone: '0912000204' });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		if (!started.ok) throw new Error(started.reason);
		const text = (await storedItems(started.attemptId)).find((i) => i.type === 'short_text')!;
		await saveAnswer(ctx, started.attemptId, userId, { position: text.position, optionIds: ['quốc hội'], rev: 1 });
		await submitAttempt(ctx, started.attemptId, userId, null);
		const exported = JSON.stringify(await exportPersonalData(ctx, userId));
		expect(exported).toContain('quốc hội');
		for (const secret of [...ACCEPTED, 'correctOptions']) expect(exported).not.toContain(secret);

		// the paper: items to number, a line for typed answers, the key on its own page
		const paper = await renderQuestionPaper(ctx, organizer, {
			contestId: fixture.contestId,
			roundId: fixture.roundId,
			groupId: fixture.groupIds[0],
			seed: 'KINDS12345'
		});
		if (!paper.ok) throw new Error(paper.reason);
		const pdf = await readPdf(paper.pdf);
		const questions = pdf.pages.slice(0, -1).join(' ');
		expect(questions).toContain('Ghi số thứ tự (1, 2, 3…) vào ô trước mỗi mục.');
		expect(questions.match(/Trả lời:/g)).toHaveLength(2);
		expect(questions).not.toContain('Quốc hội');
		const key = pdf.pages.at(-1)!;
		expect(key).toContain('63');
		expect(key).toContain('Quốc hội / Quoc hoi');
		expect(key).toMatch(/[A-D] – [A-D] – [A-D] – [A-D]/);
	});
});
