import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import { runBulkAction, undoLastBulkAction, findUndoableAction } from '../../src/lib/server/questions/bulk.service';
import {
	createBank,
	listTopics,
	saveQuestion,
	setQuestionStatus
} from '../../src/lib/server/questions/question.service';
import { mergeTopics } from '../../src/lib/server/questions/topic-merge.service';
import type { QuestionDraft } from '../../src/lib/domain/questions';
import { createContestant, createFixtureContest, MINUTE, yesNoDraft, type Fixture } from '../helpers/fixtures';
import { attachPictures } from '../helpers/media';
import { createTestContext, insertOrganizer, type TestContext } from '../helpers/test-context';

// Bulk actions on a bank (issue 15): each one transaction with an audit row, the last one
// undoable exactly, and never leaving a round that still draws from the bank unable to draw.

let ctx: TestContext;
let actor: { id: string; role: 'organizer' };
let fixture: Fixture;
let bankId: string;

const DAY = 24 * 60 * MINUTE;

const newOrganizer = (phone: string) => insertOrganizer(ctx, phone);

/** The fixture's round opens tomorrow unless told otherwise: not closed, so its blueprint is guarded. */
async function setUp(opensIn = DAY): Promise<void> {
	ctx = await createTestContext();
	actor = await newOrganizer('0900000444');
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now + opensIn, closesAt: now + 7 * DAY });
	const bank = await ctx.db
		.selectFrom('bank_contest')
		.select('bank_id')
		.where('contest_id', '=', fixture.contestId)
		.executeTakeFirstOrThrow();
	bankId = bank.bank_id;
}

afterEach(async () => {
	await ctx.dispose();
});

async function questions(bank = bankId) {
	return ctx.db
		.selectFrom('question')
		.innerJoin('topic', 'topic.id', 'question.topic_id')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select([
			'question.id',
			'question.bank_id',
			'question.status',
			'question.difficulty',
			'question.type',
			'question.position',
			'question.tags_text',
			'question_version.tags_json',
			'question_version.version',
			'question_version.text',
			'topic.name as topic'
		])
		.where('question.bank_id', '=', bank)
		.orderBy('question.position')
		.execute();
}

async function auditActions(): Promise<string[]> {
	return (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
}

const query = { q: '' };

describe('bulk actions on a bank', () => {
	beforeEach(async () => {
		await setUp();
	});

	it('retires the ticked questions in one action and undoes it exactly, audited both ways', async () => {
		const before = await questions();
		// one of each type: every blueprint line keeps enough questions
		const picked = ['single', 'multiple', 'true_false'].map((type) => before.find((q) => q.type === type)!.id);
		const result = await runBulkAction(ctx, actor, bankId, { ids: picked }, { kind: 'retire' });
		expect(result).toEqual({ ok: true, count: 3 });
		expect((await questions()).filter((q) => q.status === 'retired').map((q) => q.id)).toEqual(picked);
		expect(await findUndoableAction(ctx, actor.id, bankId)).toMatchObject({ kind: 'retire', count: 3 });

		expect(await undoLastBulkAction(ctx, actor, bankId)).toEqual({ ok: true, count: 3, kind: 'retire' });
		expect(await questions()).toEqual(before);
		expect(await findUndoableAction(ctx, actor.id, bankId)).toBeNull();
		expect(await undoLastBulkAction(ctx, actor, bankId)).toEqual({ ok: false, reason: 'nothing_to_undo' });
		expect(await auditActions()).toEqual(expect.arrayContaining(['question.bulk_retire', 'question.bulk_undo']));
		const row = await ctx.db
			.selectFrom('audit_log')
			.select('summary')
			.where('action', '=', 'question.bulk_retire')
			.executeTakeFirstOrThrow();
		expect(row.summary).toContain('3 câu hỏi');
	});

	it('applies the page filter again on the server for "all that match"', async () => {
		const result = await runBulkAction(
			ctx,
			actor,
			bankId,
			{ query: { ...query, type: 'true_false' } },
			{ kind: 'difficulty', difficulty: 'hard' }
		);
		// the round draws 2 easy of topic B: 3 true/false and nothing else easy in B, so it refuses
		expect(result).toMatchObject({ ok: false, reason: 'blueprint_short' });
		expect((await questions()).filter((q) => q.difficulty === 'hard')).toHaveLength(0);

		const hard = await runBulkAction(
			ctx,
			actor,
			bankId,
			{ query: { ...query, q: 'so 1', type: 'true_false' } },
			{ kind: 'difficulty', difficulty: 'hard' }
		);
		expect(hard).toEqual({ ok: true, count: 1 });
		expect((await questions()).filter((q) => q.difficulty === 'hard').map((q) => q.text)).toEqual([
			'Nhận định đúng hay sai số 1?'
		]);
	});

	it('refuses what would leave a round unable to draw, and names the round and topic', async () => {
		const topicA = (await questions()).filter((q) => q.topic === 'Chủ đề A').map((q) => q.id);
		const result = await runBulkAction(ctx, actor, bankId, { ids: topicA.slice(0, 2) }, { kind: 'retire' });
		expect(result).toEqual({
			ok: false,
			reason: 'blueprint_short',
			shortfall: { roundName: 'Tuần thi thứ 1', topic: 'Chủ đề A', difficulty: 'easy', needed: 2, available: 1 }
		});
		expect((await questions()).every((q) => q.status === 'active')).toBe(true);
		expect(await findUndoableAction(ctx, actor.id, bankId)).toBeNull();
		// one of three can go: two are left for the line of two
		expect(await runBulkAction(ctx, actor, bankId, { ids: topicA.slice(0, 1) }, { kind: 'retire' })).toEqual({
			ok: true,
			count: 1
		});
	});

	it('refuses to retire a single question a round still needs, as the bulk action does', async () => {
		const topicA = (await questions()).filter((q) => q.topic === 'Chủ đề A').map((q) => q.id);
		expect(await setQuestionStatus(ctx, actor, bankId, topicA[0], 'retired')).toEqual({ ok: true });
		expect(await setQuestionStatus(ctx, actor, bankId, topicA[1], 'retired')).toEqual({
			ok: false,
			reason: 'blueprint_short',
			shortfall: { roundName: 'Tuần thi thứ 1', topic: 'Chủ đề A', difficulty: 'easy', needed: 2, available: 1 }
		});
		expect((await questions()).filter((q) => q.status === 'retired').map((q) => q.id)).toEqual([topicA[0]]);
		expect(await setQuestionStatus(ctx, actor, bankId, topicA[0], 'active')).toEqual({ ok: true });
	});

	it('refuses an edit that moves a question a round still needs out of what it draws', async () => {
		const topic = (await listTopics(ctx.db, bankId)).find((t) => t.name === 'Chủ đề A')!;
		const topicA = (await questions()).filter((q) => q.topic === 'Chủ đề A');
		const edit = (q: (typeof topicA)[number], change: Partial<QuestionDraft>) =>
			saveQuestion(ctx, actor, bankId, q.id, { ...yesNoDraft(topic.id, q.text), ...change }, { allowDuplicate: true });
		expect(await edit(topicA[0], { difficulty: 'hard' })).toMatchObject({ ok: true });
		const poll = {
			type: 'poll',
			options: [
				{ text: 'Có', correct: false },
				{ text: 'Không', correct: false }
			]
		} as const;
		expect(await edit(topicA[1], poll)).toEqual({
			ok: false,
			reason: 'blueprint_short',
			shortfall: { roundName: 'Tuần thi thứ 1', topic: 'Chủ đề A', difficulty: 'easy', needed: 2, available: 1 }
		});
		expect((await questions()).find((q) => q.id === topicA[1].id)).toMatchObject({ type: topicA[1].type, version: 1 });
	});

	it('adds a tag as a new version of each question, and the undo removes those versions', async () => {
		const before = await questions();
		const ids = before.slice(0, 4).map((q) => q.id);
		expect(await runBulkAction(ctx, actor, bankId, { ids }, { kind: 'tag_add', tag: 'Ôn tập' })).toEqual({
			ok: true,
			count: 4
		});
		const tagged = await questions();
		expect(tagged.filter((q) => q.tags_text === '|on tap|')).toHaveLength(4);
		expect(tagged.filter((q) => q.version === 2)).toHaveLength(4);
		// already tagged ones are left alone: the removal touches exactly those four
		expect(await runBulkAction(ctx, actor, bankId, { query }, { kind: 'tag_remove', tag: 'on tap' })).toEqual({
			ok: true,
			count: 4
		});
		expect(await undoLastBulkAction(ctx, actor, bankId)).toEqual({ ok: true, count: 4, kind: 'tag_remove' });
		expect(await questions()).toEqual(tagged);
		const versions = await ctx.db.selectFrom('question_version').select('id').execute();
		expect(versions).toHaveLength(before.length + 4);
	});

	it('moves questions to another bank by topic name and back on undo; refuses the undo after an edit', async () => {
		const other = await createBank(ctx, actor, 'Ngân hàng năm sau');
		if (!other.ok) throw new Error(other.reason);
		const before = await questions();
		const ids = before.filter((q) => q.type === 'single').map((q) => q.id);
		// the round draws 2 easy of topic A, and all three single-answer questions are those
		expect(await runBulkAction(ctx, actor, bankId, { ids }, { kind: 'move', bankId: other.bankId })).toMatchObject({
			ok: false,
			reason: 'blueprint_short'
		});

		const multiple = before.filter((q) => q.type === 'multiple').map((q) => q.id);
		expect(
			await runBulkAction(ctx, actor, bankId, { ids: multiple.slice(0, 1) }, { kind: 'move', bankId: other.bankId })
		).toEqual({ ok: true, count: 1 });
		const moved = await questions(other.bankId);
		expect(moved.map((q) => q.topic)).toEqual(['Chủ đề B']);
		expect((await listTopics(ctx.db, other.bankId)).some((t) => t.name === 'Chủ đề B')).toBe(true);
		expect(await undoLastBulkAction(ctx, actor, bankId)).toMatchObject({ ok: true, count: 1 });
		expect(await questions()).toEqual(before);
		expect(await questions(other.bankId)).toEqual([]);

		// moved again, then edited in the other bank: the undo would overwrite that edit
		await runBulkAction(ctx, actor, bankId, { ids: multiple.slice(0, 1) }, { kind: 'move', bankId: other.bankId });
		const topicB = (await listTopics(ctx.db, other.bankId)).find((t) => t.name === 'Chủ đề B')!;
		const edited = await saveQuestion(
			ctx,
			actor,
			other.bankId,
			multiple[0],
			yesNoDraft(topicB.id, 'Một câu đã sửa sau khi chuyển?'),
			{ allowDuplicate: true }
		);
		expect(edited.ok).toBe(true);
		expect(await undoLastBulkAction(ctx, actor, bankId)).toEqual({
			ok: false,
			reason: 'bulk_changed_since',
			count: 1
		});
	});

	it('copies questions to another bank and the undo deletes the copies only', async () => {
		const other = await createBank(ctx, actor, 'Ngân hàng bản sao');
		if (!other.ok) throw new Error(other.reason);
		const before = await questions();
		expect(await runBulkAction(ctx, actor, bankId, { query }, { kind: 'copy', bankId: other.bankId })).toEqual({
			ok: true,
			count: before.length
		});
		const copies = await questions(other.bankId);
		expect(copies.map((q) => q.text)).toEqual(before.map((q) => q.text));
		expect(copies.every((q) => q.version === 1)).toBe(true);
		expect(await questions()).toEqual(before);
		expect(await undoLastBulkAction(ctx, actor, bankId)).toMatchObject({ ok: true, count: before.length });
		expect(await questions(other.bankId)).toEqual([]);
		expect(await questions()).toEqual(before);
	});

	it('keeps pictures and their descriptions on a tag change and on a copy', async () => {
		await attachPictures(ctx);
		const pictures = async (bank: string) =>
			ctx.db
				.selectFrom('question')
				.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
				.select(['question_version.text', 'image_media_id', 'image_alt', 'options_json', 'question.search_text'])
				.where('question.bank_id', '=', bank)
				.orderBy('question.position')
				.execute();
		const before = await pictures(bankId);
		expect(before.every((q) => q.image_media_id !== null)).toBe(true);
		expect(await runBulkAction(ctx, actor, bankId, { query }, { kind: 'tag_add', tag: 'có hình' })).toMatchObject({
			ok: true
		});
		const tagged = await pictures(bankId);
		expect(
			tagged.map(({ image_media_id, image_alt, options_json }) => ({ image_media_id, image_alt, options_json }))
		).toEqual(
			before.map(({ image_media_id, image_alt, options_json }) => ({ image_media_id, image_alt, options_json }))
		);
		// the description stays searchable in the new version
		expect(tagged.every((q) => q.search_text.includes('mau to khai'))).toBe(true);
		const other = await createBank(ctx, actor, 'Ngân hàng có hình');
		if (!other.ok) throw new Error(other.reason);
		await runBulkAction(ctx, actor, bankId, { query }, { kind: 'copy', bankId: other.bankId });
		const copies = await pictures(other.bankId);
		expect(copies.map((q) => [q.text, q.image_media_id, q.image_alt])).toEqual(
			before.map((q) => [q.text, q.image_media_id, q.image_alt])
		);
		expect(copies.every((q) => (JSON.parse(q.options_json) as { image?: object }[]).every((o) => o.image))).toBe(true);
	});

	it('refuses a bank the organizer cannot open, and undoes only what the person did', async () => {
		const stranger = await newOrganizer('0900000555');
		await ctx.db.deleteFrom('organizer_grant').where('user_id', '=', stranger.id).execute();
		const ids = (await questions()).slice(0, 1).map((q) => q.id);
		expect(await runBulkAction(ctx, stranger, bankId, { ids }, { kind: 'retire' })).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		const colleague = await newOrganizer('0900000666');
		await runBulkAction(ctx, actor, bankId, { ids }, { kind: 'difficulty', difficulty: 'hard' });
		expect(await undoLastBulkAction(ctx, colleague, bankId)).toEqual({ ok: false, reason: 'nothing_to_undo' });
		// the selection holds only the bank's own questions: a foreign id selects nothing
		expect(await runBulkAction(ctx, actor, bankId, { ids: ['nope'] }, { kind: 'retire' })).toEqual({
			ok: false,
			reason: 'nothing_selected'
		});
	});
});

describe('undo after contestants drew', () => {
	it("refuses to take back versions an attempt has shown; a move leaves the attempt's questions as drawn", async () => {
		await setUp(-MINUTE);
		const before = await questions();
		expect(await runBulkAction(ctx, actor, bankId, { query }, { kind: 'tag_add', tag: 'Tuần 1' })).toEqual({
			ok: true,
			count: before.length
		});
		const userId = await createContestant(ctx, fixture, { phone: '0911000001' });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		expect(started.ok).toBe(true);
		expect(await undoLastBulkAction(ctx, actor, bankId)).toEqual({ ok: false, reason: 'bulk_used_since' });
		expect((await questions()).every((q) => q.version === 2)).toBe(true);

		// moving questions out of the bank leaves the versions the attempt drew where they are
		const drawn = await ctx.db
			.selectFrom('attempt_item')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.select(['question_version.question_id as id', 'question_version.text'])
			.execute();
		const other = await createBank(ctx, actor, 'Ngân hàng lưu trữ');
		if (!other.ok) throw new Error(other.reason);
		// one of the two medium questions was drawn (the round draws one): the other may go
		const spare = before.find((q) => !drawn.some((d) => d.id === q.id) && q.type === 'multiple')!;
		expect(
			await runBulkAction(ctx, actor, bankId, { ids: [spare.id] }, { kind: 'move', bankId: other.bankId })
		).toEqual({ ok: true, count: 1 });
		const still = await ctx.db
			.selectFrom('attempt_item')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.select(['question_version.question_id as id', 'question_version.text'])
			.execute();
		expect(still).toEqual(drawn);
	});
});

describe('merging topics', () => {
	it('moves the questions and adds up the blueprint lines that then coincide, in one audited step', async () => {
		await setUp(DAY);
		const [a, b] = await listTopics(ctx.db, bankId);
		expect(await mergeTopics(ctx, actor, bankId, [a.id], b.id)).toEqual({ ok: true, moved: 3 });
		const topics = await listTopics(ctx.db, bankId);
		expect(topics.map((t) => t.name)).toEqual(['Chủ đề B']);
		expect((await questions()).every((q) => q.topic === 'Chủ đề B')).toBe(true);
		const lines = await ctx.db
			.selectFrom('blueprint_item')
			.select(['topic_id', 'difficulty', 'count'])
			.where('round_id', '=', fixture.roundId)
			.orderBy('difficulty')
			.execute();
		expect(lines).toEqual([
			{ topic_id: b.id, difficulty: 'easy', count: 4 },
			{ topic_id: b.id, difficulty: 'medium', count: 1 }
		]);
		expect(await auditActions()).toContain('topic.merge');
	});

	it('refuses to add up the lines of a round already open', async () => {
		await setUp(-MINUTE);
		const [a, b] = await listTopics(ctx.db, bankId);
		expect(await mergeTopics(ctx, actor, bankId, [a.id], b.id)).toEqual({
			ok: false,
			reason: 'merge_open_round',
			round: 'Tuần thi thứ 1'
		});
		expect(await listTopics(ctx.db, bankId)).toHaveLength(2);
	});
});
