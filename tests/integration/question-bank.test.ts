import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import type { QuestionDraft } from '../../src/lib/domain/questions';
import type { Difficulty, QuestionType } from '../../src/lib/domain/types';
import { getAttemptView } from '../../src/lib/server/attempts/attempt.service';
import { listAudit } from '../../src/lib/server/audit/audit.repository';
import { newId } from '../../src/lib/server/ids';
import { listVersions } from '../../src/lib/server/questions/question.repository';
import {
	canManageBanks,
	DEFAULT_TOPICS,
	exportBank,
	findBank,
	findLikelyDuplicates,
	findQuestion,
	importIntoBank,
	listTopics,
	PAGE_SIZE,
	saveQuestion,
	searchBank,
	setQuestionStatus,
	type Actor,
	type BankQuery
} from '../../src/lib/server/questions/question.service';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, createTestBank, MINUTE } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { refuseInserts, stopRefusing } from '../helpers/refuse';
import { startFresh } from './support';

let ctx: TestContext;
let organizer: Actor;

beforeEach(async () => {
	ctx = await createTestContext();
	organizer = await createActor('organizer', '0912345678');
});

afterEach(async () => {
	await ctx.dispose();
});

// ---------------------------------------------------------------------------------------------
// Helpers

/** An app_user row (so audit_log.actor_id holds) and the actor for it. */
async function createActor(role: Actor['role'], phone: string): Promise<Actor> {
	const id = newId();
	await insertUser(ctx.db, {
		id,
		phone,
		full_name: `Người dùng ${phone.slice(-3)}`,
		birth_date: null,
		email: null,
		password_hash: 'không dùng',
		role,
		created_at: ctx.clock.now()
	});
	// An organizer of every contest reaches every bank (organizer-scope.test.ts covers the rest).
	if (role === 'organizer') {
		await ctx.db
			.insertInto('organizer_grant')
			.values({ id: newId(), user_id: id, contest_id: null, granted_by: null, created_at: ctx.clock.now() })
			.execute();
	}
	return { id, role };
}

const newBank = (name: string) => createTestBank(ctx, organizer, name);

function unwrap<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result)}`);
	return result as Extract<T, { ok: true }>;
}

async function exportedQuestions(bankId: string): Promise<ImportedQuestion[]> {
	return unwrap(await exportBank(ctx, organizer, bankId)).questions;
}

function draft(topicId: string, text: string, overrides: Partial<QuestionDraft> = {}): QuestionDraft {
	return {
		topicId,
		type: 'single',
		difficulty: 'medium',
		text,
		options: [
			{ text: 'Phương án đúng', correct: true },
			{ text: 'Phương án sai thứ nhất', correct: false },
			{ text: 'Phương án sai thứ hai', correct: false }
		],
		explanation: 'Lời giải thích ngắn.',
		legalReference: null,
		tags: [],
		...overrides
	};
}

function imported(text: string, overrides: Partial<ImportedQuestion> = {}): ImportedQuestion {
	return {
		topic: DEFAULT_TOPICS[0],
		type: 'single',
		text,
		options: [
			{ text: 'Lựa chọn đúng', correct: true },
			{ text: 'Lựa chọn sai', correct: false },
			{ text: 'Lựa chọn khác', correct: false },
			{ text: 'Không lựa chọn nào', correct: false }
		],
		difficulty: 'medium',
		explanation: '',
		legalReference: '',
		tags: [],
		...overrides
	};
}

async function questionCount(bankId: string): Promise<number> {
	const row = await ctx.db
		.selectFrom('question')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('bank_id', '=', bankId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function versionCount(bankId: string): Promise<number> {
	const row = await ctx.db
		.selectFrom('question_version')
		.innerJoin('question', 'question.id', 'question_version.question_id')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('question.bank_id', '=', bankId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

async function auditRows(action?: string) {
	let query = ctx.db.selectFrom('audit_log').selectAll().orderBy('at').orderBy('id');
	if (action) query = query.where('action', '=', action);
	return query.execute();
}

async function topicIdByName(bankId: string, name: string): Promise<string> {
	const topic = (await listTopics(ctx.db, bankId)).find((t) => t.name === name);
	if (!topic) throw new Error(`no topic "${name}"`);
	return topic.id;
}

async function search(bankId: string, query: Partial<BankQuery>) {
	return unwrap(await searchBank(ctx, organizer, bankId, { q: '', page: 1, ...query }));
}

function byText(a: ImportedQuestion, b: ImportedQuestion): number {
	return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------

describe('createBank', () => {
	it('creates the six reform-area topics and a bank.create audit row', async () => {
		const bankId = await newBank('Ngân hàng CCHC 2026');

		expect(await findBank(ctx.db, bankId)).toEqual({ id: bankId, name: 'Ngân hàng CCHC 2026' });
		const topics = await listTopics(ctx.db, bankId);
		expect(DEFAULT_TOPICS).toHaveLength(6);
		expect(topics.map((t) => t.name)).toEqual(DEFAULT_TOPICS);
		expect(topics.map((t) => t.code)).toEqual(['cchc-1', 'cchc-2', 'cchc-3', 'cchc-4', 'cchc-5', 'cchc-6']);
		expect(topics.every((t) => t.parentId === null && Number(t.questionCount) === 0)).toBe(true);

		const audit = await listAudit(ctx.db);
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			action: 'bank.create',
			entity: 'question_bank',
			entityId: bankId,
			at: ctx.clock.now(),
			actorName: 'Người dùng 678'
		});
		expect(audit[0].summary).toContain('Ngân hàng CCHC 2026');
	});

	it('gives each bank its own topics', async () => {
		const first = await newBank('Một');
		const second = await newBank('Hai');
		const a = await listTopics(ctx.db, first);
		const b = await listTopics(ctx.db, second);
		expect(b.map((t) => t.name)).toEqual(a.map((t) => t.name));
		expect(new Set([...a, ...b].map((t) => t.id)).size).toBe(12);
	});
});

describe('saveQuestion: versions', () => {
	it('creates version 1, skips unchanged saves, adds version 2 on an edit and keeps version 1', async () => {
		const bankId = await newBank('Ngân hàng');
		const topicId = await topicIdByName(bankId, DEFAULT_TOPICS[1]);
		const original = draft(topicId, 'Thời hạn giải quyết thủ tục đăng ký khai sinh là bao lâu?', {
			tags: ['Hộ tịch'],
			legalReference: 'Luật Hộ tịch 2014'
		});

		const created = await saveQuestion(ctx, organizer, bankId, null, original, { allowDuplicate: false });
		expect(created).toMatchObject({ ok: true, version: 1, changed: true });
		if (!created.ok) return;
		const questionId = created.questionId;
		const stored = await findQuestion(ctx.db, questionId);
		expect(stored).toMatchObject({
			bankId,
			topicId,
			type: 'single',
			difficulty: 'medium',
			status: 'active',
			version: 1,
			text: original.text,
			legalReference: 'Luật Hộ tịch 2014'
		});
		expect(JSON.parse(stored!.options_json)).toEqual([
			{ key: 'A', text: 'Phương án đúng', correct: true },
			{ key: 'B', text: 'Phương án sai thứ nhất', correct: false },
			{ key: 'C', text: 'Phương án sai thứ hai', correct: false }
		]);

		ctx.clock.advance(MINUTE);
		const same = await saveQuestion(ctx, organizer, bankId, questionId, { ...original }, { allowDuplicate: false });
		expect(same).toEqual({ ok: true, questionId, version: 1, changed: false });
		expect(await listVersions(ctx.db, questionId)).toHaveLength(1);

		ctx.clock.advance(MINUTE);
		const editedText = 'Thời hạn giải quyết thủ tục đăng ký khai sinh theo quy định hiện hành là mấy ngày làm việc?';
		const edited = await saveQuestion(
			ctx,
			organizer,
			bankId,
			questionId,
			{ ...original, text: editedText },
			{ allowDuplicate: false }
		);
		expect(edited).toEqual({ ok: true, questionId, version: 2, changed: true });

		const versions = await listVersions(ctx.db, questionId);
		expect(versions.map((v) => [v.version, v.text])).toEqual([
			[2, editedText],
			[1, original.text]
		]);
		expect(await findQuestion(ctx.db, questionId)).toMatchObject({ version: 2, text: editedText });
		expect(await questionCount(bankId)).toBe(1);
		// The search index follows the current version.
		expect((await search(bankId, { q: 'ngay lam viec' })).items.map((i) => i.id)).toEqual([questionId]);

		const questionAudit = (await auditRows()).filter((r) => r.entity === 'question');
		expect(questionAudit.map((r) => r.action)).toEqual(['question.create', 'question.edit', 'question.edit']);
		expect(questionAudit.every((r) => r.entity_id === questionId && r.actor_id === organizer.id)).toBe(true);
		expect(questionAudit[0].summary).toContain('phiên bản 1');
		expect(questionAudit[2].summary).toContain('phiên bản 2');
		// listAudit shows the newest first.
		const listed = (await listAudit(ctx.db)).map((r) => r.action);
		expect(listed[0]).toBe('question.edit');
		expect(listed.at(-1)).toBe('bank.create');
		expect(listed.indexOf('question.create')).toBeGreaterThan(listed.indexOf('question.edit'));
	});

	it('treats a change of options, tags or explanation as a new version, and a topic move as no new version', async () => {
		const bankId = await newBank('Ngân hàng');
		const topicA = await topicIdByName(bankId, DEFAULT_TOPICS[0]);
		const topicB = await topicIdByName(bankId, DEFAULT_TOPICS[2]);
		const base = draft(topicA, 'Cơ quan nào ban hành Nghị quyết 76/NQ-CP?');
		const created = await saveQuestion(ctx, organizer, bankId, null, base, { allowDuplicate: false });
		if (!created.ok) throw new Error('not created');
		const id = created.questionId;

		const moved = await saveQuestion(
			ctx,
			organizer,
			bankId,
			id,
			{ ...base, topicId: topicB, difficulty: 'hard' },
			{ allowDuplicate: false }
		);
		expect(moved).toEqual({ ok: true, questionId: id, version: 1, changed: false });
		expect(await findQuestion(ctx.db, id)).toMatchObject({ topicId: topicB, difficulty: 'hard', version: 1 });

		const flipped = await saveQuestion(
			ctx,
			organizer,
			bankId,
			id,
			{
				...base,
				topicId: topicB,
				options: [
					{ text: 'Phương án đúng', correct: false },
					{ text: 'Phương án sai thứ nhất', correct: true },
					{ text: 'Phương án sai thứ hai', correct: false }
				]
			},
			{ allowDuplicate: false }
		);
		expect(flipped).toMatchObject({ ok: true, version: 2, changed: true });
		const tagged = await saveQuestion(
			ctx,
			organizer,
			bankId,
			id,
			{ ...base, tags: ['Nghị quyết'] },
			{ allowDuplicate: false }
		);
		expect(tagged).toMatchObject({ ok: true, version: 3, changed: true });
		const explained = await saveQuestion(
			ctx,
			organizer,
			bankId,
			id,
			{ ...base, tags: ['Nghị quyết'], explanation: 'Chính phủ.' },
			{ allowDuplicate: false }
		);
		expect(explained).toMatchObject({ ok: true, version: 4, changed: true });
		expect((await listVersions(ctx.db, id)).map((v) => v.version)).toEqual([4, 3, 2, 1]);
	});

	it('refuses a topic of another bank and a question of another bank', async () => {
		const bankA = await newBank('A');
		const bankB = await newBank('B');
		const topicA = await topicIdByName(bankA, DEFAULT_TOPICS[0]);
		const topicB = await topicIdByName(bankB, DEFAULT_TOPICS[0]);

		expect(
			await saveQuestion(ctx, organizer, bankB, null, draft(topicA, 'Câu hỏi đặt sai ngân hàng?'), {
				allowDuplicate: false
			})
		).toEqual({
			ok: false,
			reason: 'not_found'
		});
		const inA = await saveQuestion(ctx, organizer, bankA, null, draft(topicA, 'Câu hỏi thuộc ngân hàng A?'), {
			allowDuplicate: false
		});
		if (!inA.ok) throw new Error('not created');
		expect(
			await saveQuestion(ctx, organizer, bankB, inA.questionId, draft(topicB, 'Sửa từ ngân hàng B?'), {
				allowDuplicate: false
			})
		).toEqual({ ok: false, reason: 'not_found' });
		expect(
			await saveQuestion(ctx, organizer, bankA, 'khong-ton-tai', draft(topicA, 'Không có câu này?'), {
				allowDuplicate: false
			})
		).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await questionCount(bankA)).toBe(1);
		expect(await questionCount(bankB)).toBe(0);
		expect(await findQuestion(ctx.db, inA.questionId)).toMatchObject({
			version: 1,
			text: 'Câu hỏi thuộc ngân hàng A?'
		});
	});
});

describe('versioning and attempts', () => {
	it('an attempt keeps the version it drew; a later attempt draws the edited version', async () => {
		const T0 = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, {
			opensAt: T0 - 60 * MINUTE,
			closesAt: T0 + 7 * 24 * 60 * MINUTE
		});
		const blueprint = await ctx.db
			.selectFrom('blueprint_item')
			.select(['bank_id', 'topic_id', 'difficulty', 'count'])
			.where('round_id', '=', fixture.roundId)
			.execute();
		const bankIds = [...new Set(blueprint.map((b) => b.bank_id))];
		expect(bankIds).toHaveLength(1);
		const bankId = bankIds[0];

		const first = await createContestant(ctx, fixture, { phone: '0912000001' });
		const firstAttempt = await startFresh(ctx, first, fixture.roundId);
		const before = await getAttemptView(ctx, firstAttempt, first);
		expect(before!.items).toHaveLength(5);

		// Edit every question of the group the attempt's first item came from, so whatever the
		// second draw picks from that group is an edited question.
		const drawn = await ctx.db
			.selectFrom('attempt_item')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.innerJoin('question', 'question.id', 'question_version.question_id')
			.select([
				'attempt_item.position',
				'question.id',
				'question.topic_id',
				'question.difficulty',
				'question_version.version'
			])
			.where('attempt_item.attempt_id', '=', firstAttempt)
			.orderBy('attempt_item.position')
			.execute();
		expect(drawn.every((d) => d.version === 1)).toBe(true);
		const group = { topicId: drawn[0].topic_id, difficulty: drawn[0].difficulty };
		const groupCount = blueprint.find((b) => b.topic_id === group.topicId && b.difficulty === group.difficulty)!.count;
		const groupQuestions = await ctx.db
			.selectFrom('question')
			.select('id')
			.where('bank_id', '=', bankId)
			.where('topic_id', '=', group.topicId)
			.where('difficulty', '=', group.difficulty)
			.orderBy('id')
			.execute();
		expect(groupQuestions.length).toBeGreaterThanOrEqual(groupCount);

		const newTexts = [
			'Luật Tổ chức chính quyền địa phương được Quốc hội thông qua vào năm nào?',
			'Bộ phận tiếp nhận và trả kết quả giải quyết thủ tục hành chính đặt ở đâu?',
			'Mức phí cấp bản sao trích lục hộ tịch hiện nay là bao nhiêu đồng?',
			'Dịch vụ bưu chính công ích chuyển phát hồ sơ nào đến cơ quan nhà nước?'
		];
		const oldTexts = new Map<string, string>();
		const editedTexts = new Set<string>();
		ctx.clock.advance(MINUTE);
		for (const [i, { id }] of groupQuestions.entries()) {
			const current = (await findQuestion(ctx.db, id))!;
			oldTexts.set(id, current.text);
			const saved = await saveQuestion(
				ctx,
				organizer,
				bankId,
				id,
				{
					topicId: current.topicId,
					type: current.type as QuestionType,
					difficulty: current.difficulty as Difficulty,
					text: newTexts[i],
					options: JSON.parse(current.options_json),
					explanation: current.explanation,
					legalReference: current.legalReference,
					tags: JSON.parse(current.tags_json)
				},
				{ allowDuplicate: false }
			);
			expect(saved).toEqual({ ok: true, questionId: id, version: 2, changed: true });
			editedTexts.add(newTexts[i]);
		}

		// The existing attempt shows exactly what it showed before the edit.
		const after = await getAttemptView(ctx, firstAttempt, first);
		expect(after!.items).toEqual(before!.items);
		expect(after!.items[0].text).toBe(oldTexts.get(drawn[0].id));
		expect(after!.items.some((item) => editedTexts.has(item.text))).toBe(false);

		// A new attempt draws the current versions: every item of the edited group has new text.
		const second = await createContestant(ctx, fixture, { phone: '0912000002' });
		const secondAttempt = await startFresh(ctx, second, fixture.roundId);
		const view = await getAttemptView(ctx, secondAttempt, second);
		const secondDrawn = await ctx.db
			.selectFrom('attempt_item')
			.innerJoin('question_version', 'question_version.id', 'attempt_item.question_version_id')
			.innerJoin('question', 'question.id', 'question_version.question_id')
			.select([
				'attempt_item.position',
				'question.id',
				'question.topic_id',
				'question.difficulty',
				'question_version.version'
			])
			.where('attempt_item.attempt_id', '=', secondAttempt)
			.orderBy('attempt_item.position')
			.execute();
		const inGroup = secondDrawn.filter((d) => d.topic_id === group.topicId && d.difficulty === group.difficulty);
		expect(inGroup).toHaveLength(groupCount);
		for (const d of inGroup) {
			expect(d.version).toBe(2);
			const text = view!.items.find((item) => item.position === d.position)!.text;
			expect(editedTexts.has(text)).toBe(true);
			expect(text).toBe((await findQuestion(ctx.db, d.id))!.text);
		}
		const outOfGroup = secondDrawn.filter((d) => !(d.topic_id === group.topicId && d.difficulty === group.difficulty));
		expect(outOfGroup.every((d) => d.version === 1)).toBe(true);
		expect(view!.items.filter((item) => editedTexts.has(item.text))).toHaveLength(groupCount);
	});
});

describe('duplicate detection', () => {
	const original = 'Cổng Dịch vụ công quốc gia là gì?';
	const folded = 'cong dich vu cong quoc gia la gi';

	it('flags a text that differs only in case, diacritics and punctuation, and writes nothing', async () => {
		const bankId = await newBank('Ngân hàng');
		const topicId = await topicIdByName(bankId, DEFAULT_TOPICS[5]);
		const first = await saveQuestion(ctx, organizer, bankId, null, draft(topicId, original), { allowDuplicate: false });
		if (!first.ok) throw new Error('not created');

		// Editing the question itself is not a duplicate of itself.
		const selfEdit = await saveQuestion(
			ctx,
			organizer,
			bankId,
			first.questionId,
			draft(topicId, original, { explanation: 'Khác.' }),
			{
				allowDuplicate: false
			}
		);
		expect(selfEdit).toMatchObject({ ok: true, version: 2, changed: true });

		const questionsBefore = await questionCount(bankId);
		const versionsBefore = await versionCount(bankId);
		const auditBefore = (await auditRows()).length;

		const refused = await saveQuestion(ctx, organizer, bankId, null, draft(topicId, folded), { allowDuplicate: false });
		expect(refused.ok).toBe(false);
		if (refused.ok || refused.reason !== 'duplicate') {
			throw new Error(`expected duplicate, got ${JSON.stringify(refused)}`);
		}
		expect(refused.duplicates).toHaveLength(1);
		expect(refused.duplicates[0]).toMatchObject({ id: first.questionId, text: original });
		expect(refused.duplicates[0].similarity).toBeGreaterThanOrEqual(0.85);

		expect(await questionCount(bankId)).toBe(questionsBefore);
		expect(await versionCount(bankId)).toBe(versionsBefore);
		expect((await auditRows()).length).toBe(auditBefore);

		// Editing another question into a duplicate is flagged too.
		const other = await saveQuestion(
			ctx,
			organizer,
			bankId,
			null,
			draft(topicId, 'Hệ thống thông tin giải quyết thủ tục hành chính cấp tỉnh?'),
			{
				allowDuplicate: false
			}
		);
		if (!other.ok) throw new Error('not created');
		const editedInto = await saveQuestion(
			ctx,
			organizer,
			bankId,
			other.questionId,
			draft(topicId, 'CỔNG DỊCH VỤ CÔNG QUỐC GIA LÀ GÌ'),
			{
				allowDuplicate: false
			}
		);
		expect(editedInto).toMatchObject({ ok: false, reason: 'duplicate' });
		expect(await findQuestion(ctx.db, other.questionId)).toMatchObject({ version: 1 });
	});

	it('saves a flagged text when allowDuplicate is set, and does not flag a clearly different text', async () => {
		const bankId = await newBank('Ngân hàng');
		const topicId = await topicIdByName(bankId, DEFAULT_TOPICS[5]);
		const first = await saveQuestion(ctx, organizer, bankId, null, draft(topicId, original), { allowDuplicate: false });
		if (!first.ok) throw new Error('not created');

		const hits = await findLikelyDuplicates(ctx.db, bankId, folded);
		expect(hits.map((h) => h.id)).toEqual([first.questionId]);
		expect(hits[0].similarity).toBeGreaterThanOrEqual(0.85);

		const forced = await saveQuestion(ctx, organizer, bankId, null, draft(topicId, folded), { allowDuplicate: true });
		expect(forced).toMatchObject({ ok: true, version: 1, changed: true });
		expect(await questionCount(bankId)).toBe(2);

		const different = 'Thời hạn cấp giấy phép xây dựng nhà ở riêng lẻ là bao nhiêu ngày?';
		expect(await findLikelyDuplicates(ctx.db, bankId, different)).toEqual([]);
		const saved = await saveQuestion(ctx, organizer, bankId, null, draft(topicId, different), {
			allowDuplicate: false
		});
		expect(saved).toMatchObject({ ok: true, version: 1 });
		expect(await questionCount(bankId)).toBe(3);

		// Another bank's questions are not duplicates.
		const otherBank = await newBank('Ngân hàng khác');
		const otherTopic = await topicIdByName(otherBank, DEFAULT_TOPICS[5]);
		expect(
			await saveQuestion(ctx, organizer, otherBank, null, draft(otherTopic, original), { allowDuplicate: false })
		).toMatchObject({
			ok: true
		});
	});
});

describe('searchBank', () => {
	const T1 = DEFAULT_TOPICS[0];
	const T2 = DEFAULT_TOPICS[1];
	const difficulties: Difficulty[] = ['easy', 'medium', 'hard'];

	/** 36 plain questions and 4 with words to look for: 40 in all. */
	function searchData(): ImportedQuestion[] {
		const fillers = Array.from({ length: 36 }, (_, i) => {
			const n = i + 1;
			const type: QuestionType = n % 6 === 0 ? 'true_false' : 'single';
			return imported(`Câu hỏi kiểm tra số ${n}?`, {
				topic: n % 2 === 1 ? T1 : T2,
				difficulty: difficulties[n % 3],
				type,
				options:
					type === 'true_false'
						? [
								{ text: 'Đúng', correct: true },
								{ text: 'Sai', correct: false }
							]
						: [
								{ text: `Lựa chọn thứ nhất ${n}`, correct: true },
								{ text: `Lựa chọn thứ hai ${n}`, correct: false }
							],
				tags: n % 4 === 0 ? ['Ôn tập'] : []
			});
		});
		return [
			...fillers,
			imported('Mục tiêu của cải cách hành chính là gì?', {
				topic: T1,
				difficulty: 'hard',
				tags: ['Pháp luật', 'Mục tiêu']
			}),
			imported('Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa?', {
				topic: T2,
				difficulty: 'easy',
				options: [
					{ text: 'Bộ phận tiếp nhận và trả kết quả', correct: true },
					{ text: 'Ủy ban nhân dân tỉnh', correct: false }
				],
				explanation: 'Theo Nghị định 61/2018/NĐ-CP.'
			}),
			imported('Những văn bản nào là luật?', {
				topic: T1,
				type: 'multiple',
				options: [
					{ text: 'Hiến pháp', correct: true },
					{ text: 'Bộ luật Dân sự', correct: true },
					{ text: 'Thông tư', correct: false }
				],
				tags: ['pháp luật']
			}),
			imported('Chính phủ số là mục tiêu đến năm 2030.', {
				topic: T2,
				type: 'true_false',
				options: [
					{ text: 'Đúng', correct: true },
					{ text: 'Sai', correct: false }
				],
				tags: ['Chính phủ số']
			})
		];
	}

	async function seededBank() {
		const bankId = await newBank('Ngân hàng tìm kiếm');
		const data = searchData();
		expect(data).toHaveLength(40);
		const result = await importIntoBank(ctx, organizer, bankId, data, 'thử nghiệm');
		expect(result).toEqual({ ok: true, created: 40, topicsCreated: [] });
		return { bankId, data };
	}

	const texts = (r: { items: { text: string }[] }) => r.items.map((i) => i.text).sort();

	it('finds by folded words in the text, options and explanation', async () => {
		const { bankId } = await seededBank();

		const cc = await search(bankId, { q: 'cai cach' });
		expect(cc.total).toBe(1);
		expect(cc.items[0]).toMatchObject({
			text: 'Mục tiêu của cải cách hành chính là gì?',
			topicName: T1,
			difficulty: 'hard',
			type: 'single',
			status: 'active',
			version: 1,
			tags: ['Pháp luật', 'Mục tiêu']
		});
		expect(texts(await search(bankId, { q: '  CẢI   CÁCH ' }))).toEqual(['Mục tiêu của cải cách hành chính là gì?']);

		expect(texts(await search(bankId, { q: 'uy ban nhan dan' }))).toEqual([
			'Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa?'
		]);
		expect(texts(await search(bankId, { q: 'Nghị định 61' }))).toEqual([
			'Cơ quan nào tiếp nhận hồ sơ theo cơ chế một cửa?'
		]);
		expect(texts(await search(bankId, { q: 'hien phap' }))).toEqual(['Những văn bản nào là luật?']);
		// Every word is required.
		expect((await search(bankId, { q: 'cai cach uy ban' })).total).toBe(0);
		expect((await search(bankId, { q: 'khong co tu nay' })).total).toBe(0);
		// LIKE wildcards in the query are not wildcards.
		expect((await search(bankId, { q: '%' })).total).toBe(40);
		expect((await search(bankId, { q: 'kiem tra' })).total).toBe(36);
	});

	it('filters by topic, difficulty, type and tag', async () => {
		const { bankId, data } = await seededBank();
		const t1 = await topicIdByName(bankId, T1);
		const t2 = await topicIdByName(bankId, T2);

		const inT1 = await search(bankId, { topicId: t1 });
		expect(inT1.total).toBe(data.filter((q) => q.topic === T1).length);
		expect(inT1.items.every((i) => i.topicName === T1)).toBe(true);
		expect((await search(bankId, { topicId: t2 })).total).toBe(data.filter((q) => q.topic === T2).length);

		for (const difficulty of difficulties) {
			const r = await search(bankId, { difficulty });
			expect(r.total).toBe(data.filter((q) => q.difficulty === difficulty).length);
			expect(r.items.every((i) => i.difficulty === difficulty)).toBe(true);
		}
		expect(texts(await search(bankId, { type: 'multiple' }))).toEqual(['Những văn bản nào là luật?']);
		expect((await search(bankId, { type: 'true_false' })).total).toBe(
			data.filter((q) => q.type === 'true_false').length
		);
		expect((await search(bankId, { topicId: t1, difficulty: 'hard' })).total).toBe(
			data.filter((q) => q.topic === T1 && q.difficulty === 'hard').length
		);
		expect(texts(await search(bankId, { q: 'cai cach', topicId: t2 }))).toEqual([]);

		// Tags match whole tags, ignoring case and diacritics.
		const law = ['Mục tiêu của cải cách hành chính là gì?', 'Những văn bản nào là luật?'].sort();
		expect(texts(await search(bankId, { tag: 'PHAP LUAT' }))).toEqual(law);
		expect(texts(await search(bankId, { tag: 'pháp luật' }))).toEqual(law);
		expect(texts(await search(bankId, { tag: 'Chính Phủ Số' }))).toEqual(['Chính phủ số là mục tiêu đến năm 2030.']);
		expect((await search(bankId, { tag: 'phap' })).total).toBe(0);
		expect((await search(bankId, { tag: 'on tap' })).total).toBe(9);
		expect(texts(await search(bankId, { tag: 'phap luat', type: 'multiple' }))).toEqual(['Những văn bản nào là luật?']);
	});

	it('filters by status after a question is retired, and restores it', async () => {
		const { bankId } = await seededBank();
		const target = (await search(bankId, { q: 'nghi dinh 61' })).items[0];

		ctx.clock.advance(MINUTE);
		expect(await setQuestionStatus(ctx, organizer, bankId, target.id, 'retired')).toEqual({ ok: true });
		const retired = await search(bankId, { status: 'retired' });
		expect(retired.items.map((i) => i.id)).toEqual([target.id]);
		expect(retired.items[0].status).toBe('retired');
		const active = await search(bankId, { status: 'active' });
		expect(active.total).toBe(39);
		expect(active.items.some((i) => i.id === target.id)).toBe(false);
		expect((await search(bankId, { q: 'nghi dinh 61', status: 'active' })).total).toBe(0);
		expect((await search(bankId, {})).total).toBe(40);
		expect((await auditRows('question.retire')).map((r) => r.entity_id)).toEqual([target.id]);

		ctx.clock.advance(MINUTE);
		expect(await setQuestionStatus(ctx, organizer, bankId, target.id, 'active')).toEqual({ ok: true });
		expect((await search(bankId, { status: 'retired' })).total).toBe(0);
		expect((await auditRows('question.restore')).map((r) => r.entity_id)).toEqual([target.id]);

		expect(await setQuestionStatus(ctx, organizer, bankId, 'khong-ton-tai', 'retired')).toEqual({
			ok: false,
			reason: 'not_found'
		});
		expect(await auditRows('question.retire')).toHaveLength(1);
	});

	it('pages 25 at a time', async () => {
		const { bankId } = await seededBank();
		expect(PAGE_SIZE).toBe(25);

		const page1 = await search(bankId, { page: 1 });
		expect(page1).toMatchObject({ total: 40, page: 1, pages: 2 });
		expect(page1.items).toHaveLength(25);
		const page2 = await search(bankId, { page: 2 });
		expect(page2).toMatchObject({ total: 40, page: 2, pages: 2 });
		expect(page2.items).toHaveLength(15);
		const ids = [...page1.items, ...page2.items].map((i) => i.id);
		expect(new Set(ids).size).toBe(40);

		const page3 = await search(bankId, { page: 3 });
		expect(page3).toMatchObject({ total: 40, page: 3, pages: 2, items: [] });
		expect((await search(bankId, { page: 0 })).page).toBe(1);

		const filtered = await search(bankId, { q: 'kiem tra', page: 2 });
		expect(filtered).toMatchObject({ total: 36, pages: 2 });
		expect(filtered.items).toHaveLength(11);
		const empty = await search(bankId, { q: 'khong co tu nay' });
		expect(empty).toMatchObject({ total: 0, pages: 1, items: [] });

		// Newest first.
		ctx.clock.advance(MINUTE);
		const newest = await saveQuestion(
			ctx,
			organizer,
			bankId,
			null,
			draft(await topicIdByName(bankId, T1), 'Câu hỏi mới nhất về công vụ?'),
			{
				allowDuplicate: false
			}
		);
		if (!newest.ok) throw new Error('not created');
		const first = await search(bankId, {});
		expect(first).toMatchObject({ total: 41, pages: 2 });
		expect(first.items[0].id).toBe(newest.questionId);
	});

	it('searches only the given bank', async () => {
		const { bankId } = await seededBank();
		const other = await newBank('Ngân hàng khác');
		await importIntoBank(ctx, organizer, other, [imported('Mục tiêu cải cách tài chính công?')], 'khác');
		expect((await search(bankId, { q: 'cai cach' })).total).toBe(1);
		expect(texts(await search(other, { q: 'cai cach' }))).toEqual(['Mục tiêu cải cách tài chính công?']);
	});
});

describe('importIntoBank', () => {
	it('matches topics by folded name, creates new ones once, writes version 1 and a question.import audit row', async () => {
		const bankId = await newBank('Ngân hàng nhập');
		const topicsBefore = await listTopics(ctx.db, bankId);
		ctx.clock.advance(MINUTE);

		const questions = [
			imported('Câu một về thể chế?', { topic: 'cải cách thể chế' }),
			imported('Câu hai về thể chế?', { topic: 'CAI CACH THE CHE' }),
			imported('Câu ba về thủ tục?', { topic: '  Cải cách thủ tục hành chính  ' }),
			imported('Câu bốn về pháp luật?', {
				topic: 'Pháp luật chung',
				legalReference: 'Hiến pháp 2013',
				tags: ['Hiến pháp']
			}),
			imported('Câu năm về pháp luật?', { topic: 'pháp luật chung' }),
			imported('Câu sáu không có chủ đề?', { topic: '' }),
			imported('Câu bảy là nhận định.', {
				topic: 'Chuyển đổi số',
				type: 'true_false',
				difficulty: 'hard',
				options: [
					{ text: 'Đúng', correct: false },
					{ text: 'Sai', correct: true }
				],
				explanation: 'Vì sao sai.'
			})
		];
		const result = await importIntoBank(ctx, organizer, bankId, questions, 'cau-hoi.xlsx');
		expect(result).toEqual({ ok: true, created: 7, topicsCreated: ['Pháp luật chung', 'Chung', 'Chuyển đổi số'] });

		const topics = await listTopics(ctx.db, bankId);
		expect(topics.map((t) => t.name)).toEqual([...DEFAULT_TOPICS, 'Pháp luật chung', 'Chung', 'Chuyển đổi số']);
		expect(topics.slice(0, 6).map((t) => t.id)).toEqual(topicsBefore.map((t) => t.id));
		const count = new Map(topics.map((t) => [t.name, Number(t.questionCount)]));
		expect(count.get('Cải cách thể chế')).toBe(2);
		expect(count.get('Cải cách thủ tục hành chính')).toBe(1);
		expect(count.get('Pháp luật chung')).toBe(2);
		expect(count.get('Chung')).toBe(1);
		expect(count.get('Chuyển đổi số')).toBe(1);
		expect(new Set(topics.map((t) => t.code)).size).toBe(topics.length);

		const rows = await ctx.db
			.selectFrom('question')
			.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
			.select([
				'question.id',
				'question.status',
				'question.type',
				'question.difficulty',
				'question_version.version',
				'question_version.text',
				'question_version.options_json',
				'question_version.legal_reference',
				'question_version.explanation'
			])
			.where('question.bank_id', '=', bankId)
			.execute();
		expect(rows).toHaveLength(7);
		expect(rows.every((r) => r.version === 1 && r.status === 'active')).toBe(true);
		expect(await versionCount(bankId)).toBe(7);
		const four = rows.find((r) => r.text === 'Câu bốn về pháp luật?')!;
		expect(four.legal_reference).toBe('Hiến pháp 2013');
		expect(rows.find((r) => r.text === 'Câu một về thể chế?')!.legal_reference).toBeNull();
		const seven = rows.find((r) => r.text === 'Câu bảy là nhận định.')!;
		expect(seven).toMatchObject({ type: 'true_false', difficulty: 'hard', explanation: 'Vì sao sai.' });
		expect(JSON.parse(seven.options_json)).toEqual([
			{ key: 'A', text: 'Đúng', correct: false },
			{ key: 'B', text: 'Sai', correct: true }
		]);
		// Imported questions are searchable right away, tags included.
		expect((await search(bankId, { tag: 'hien phap' })).items.map((i) => i.text)).toEqual(['Câu bốn về pháp luật?']);
		expect((await search(bankId, { q: 'hien phap 2013' })).total).toBe(1);

		const audit = await auditRows('question.import');
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({
			entity: 'question_bank',
			entity_id: bankId,
			actor_id: organizer.id,
			at: ctx.clock.now()
		});
		expect(JSON.parse(audit[0].detail_json)).toEqual({
			source: 'cau-hoi.xlsx',
			count: 7,
			topicsCreated: ['Pháp luật chung', 'Chung', 'Chuyển đổi số']
		});
		expect(audit[0].summary).toContain('7');
		expect((await listAudit(ctx.db))[0]).toMatchObject({ action: 'question.import', entityId: bankId });
	});

	it('is all-or-nothing: a failure in a later batch leaves the bank as it was', async () => {
		const bankId = await newBank('Ngân hàng nhập');
		await importIntoBank(
			ctx,
			organizer,
			bankId,
			[imported('Câu có sẵn thứ nhất?'), imported('Câu có sẵn thứ hai?', { topic: 'Chủ đề có sẵn' })],
			'lần đầu'
		);
		const questionsBefore = await questionCount(bankId);
		const versionsBefore = await versionCount(bankId);
		const topicsBefore = (await listTopics(ctx.db, bankId)).map((t) => t.id);
		const auditBefore = await auditRows();
		expect(questionsBefore).toBe(2);

		await refuseInserts(ctx.db, {
			name: 'fail_import',
			table: 'question_version',
			message: 'boom',
			when: "new.text = 'BOOM'"
		});
		const many = Array.from({ length: 1200 }, (_, i) =>
			imported(i === 1100 ? 'BOOM' : `Câu nhập hàng loạt số ${i + 1}?`, {
				topic: i % 2 ? 'Chủ đề mới hàng loạt' : 'Chủ đề có sẵn'
			})
		);
		ctx.clock.advance(MINUTE);
		await expect(importIntoBank(ctx, organizer, bankId, many, 'lớn.xlsx')).rejects.toThrow(/boom/);

		expect(await questionCount(bankId)).toBe(questionsBefore);
		expect(await versionCount(bankId)).toBe(versionsBefore);
		expect((await listTopics(ctx.db, bankId)).map((t) => t.id)).toEqual(topicsBefore);
		expect(await auditRows()).toEqual(auditBefore);
		expect(await auditRows('question.import')).toHaveLength(1);

		// The same import without the poisoned row goes through, batches and all.
		await stopRefusing(ctx.db, 'fail_import', 'question_version');
		const fine = many.map((q, i) => (i === 1100 ? { ...q, text: 'Câu thay thế?' } : q));
		expect(await importIntoBank(ctx, organizer, bankId, fine, 'lớn.xlsx')).toEqual({
			ok: true,
			created: 1200,
			topicsCreated: ['Chủ đề mới hàng loạt']
		});
		expect(await questionCount(bankId)).toBe(1202);
		expect(await versionCount(bankId)).toBe(1202);
		expect(await auditRows('question.import')).toHaveLength(2);
	});
});

describe('exportBank', () => {
	it('returns the active, current versions in the import shape', async () => {
		const bankId = await newBank('Ngân hàng xuất');
		const input = [
			imported('Câu xuất thứ nhất?', {
				tags: ['Một', 'Hai'],
				legalReference: 'Luật số 1',
				explanation: 'Giải thích một.'
			}),
			imported('Câu xuất thứ hai?', {
				topic: DEFAULT_TOPICS[3],
				type: 'multiple',
				difficulty: 'hard',
				options: [
					{ text: 'A đúng', correct: true },
					{ text: 'B đúng', correct: true },
					{ text: 'C sai', correct: false }
				]
			}),
			imported('Câu sẽ ngừng dùng?'),
			imported('Câu sẽ được sửa?', { topic: 'Chủ đề riêng' })
		];
		await importIntoBank(ctx, organizer, bankId, input, 'xuất.xlsx');
		const all = await search(bankId, {});
		const retiredId = all.items.find((i) => i.text === 'Câu sẽ ngừng dùng?')!.id;
		const editedId = all.items.find((i) => i.text === 'Câu sẽ được sửa?')!.id;
		await setQuestionStatus(ctx, organizer, bankId, retiredId, 'retired');
		const current = (await findQuestion(ctx.db, editedId))!;
		const saved = await saveQuestion(
			ctx,
			organizer,
			bankId,
			editedId,
			{
				topicId: current.topicId,
				type: 'single',
				difficulty: 'easy',
				text: 'Câu đã được sửa lại hoàn toàn khác?',
				options: JSON.parse(current.options_json),
				explanation: '',
				legalReference: null,
				tags: []
			},
			{ allowDuplicate: false }
		);
		expect(saved).toMatchObject({ ok: true, version: 2 });

		const exported = await exportedQuestions(bankId);
		expect([...exported].sort(byText)).toEqual(
			[
				input[0],
				input[1],
				{ ...input[3], text: 'Câu đã được sửa lại hoàn toàn khác?', difficulty: 'easy' as const }
			].sort(byText)
		);
		expect(await exportedQuestions(await newBank('Trống'))).toEqual([]);
	});

	it('exports questions created one after another in creation order', async () => {
		const bankId = await newBank('Ngân hàng');
		const topicId = await topicIdByName(bankId, DEFAULT_TOPICS[0]);
		const made = ['Thứ nhất: quy trình tiếp nhận?', 'Thứ hai: thời hạn trả kết quả?', 'Thứ ba: lệ phí công chứng?'];
		for (const text of made) {
			ctx.clock.advance(MINUTE);
			expect(
				await saveQuestion(ctx, organizer, bankId, null, draft(topicId, text), { allowDuplicate: false })
			).toMatchObject({ ok: true });
		}
		expect((await exportedQuestions(bankId)).map((q) => q.text)).toEqual(made);
	});

	it('round-trips: export, import into a new bank, export again gives the same questions', async () => {
		const bankId = await newBank('Gốc');
		const input: ImportedQuestion[] = Array.from({ length: 30 }, (_, i) =>
			imported(`Câu khứ hồi số ${i + 1}: nội dung ${['thể chế', 'thủ tục', 'công vụ'][i % 3]}?`, {
				topic: i % 5 === 0 ? 'Chủ đề bổ sung' : DEFAULT_TOPICS[i % 6],
				type: i % 3 === 0 ? 'multiple' : 'single',
				difficulty: (['easy', 'medium', 'hard'] as const)[i % 3],
				options: [
					{ text: `Ý thứ nhất ${i}`, correct: true },
					{ text: `Ý thứ hai ${i}`, correct: i % 3 === 0 },
					{ text: `Ý thứ ba ${i}`, correct: false }
				],
				explanation: i % 2 ? `Giải thích ${i}.` : '',
				legalReference: i % 4 ? '' : `Điều ${i} Luật Cán bộ, công chức`,
				tags: i % 3 ? [`Nhãn ${i % 3}`, 'Chung'] : []
			})
		);
		await importIntoBank(ctx, organizer, bankId, input, 'gốc.xlsx');
		const first = await exportedQuestions(bankId);
		expect([...first].sort(byText)).toEqual([...input].sort(byText));

		const copyId = await newBank('Bản sao');
		const copied = await importIntoBank(ctx, organizer, copyId, first, 'xuất từ Gốc');
		expect(copied).toEqual({ ok: true, created: 30, topicsCreated: ['Chủ đề bổ sung'] });
		const second = await exportedQuestions(copyId);
		expect([...second].sort(byText)).toEqual([...first].sort(byText));
		expect(await questionCount(bankId)).toBe(30);
	});
});

describe('canManageBanks', () => {
	it('lets admins and organizers manage banks, not contestants or anonymous visitors', () => {
		expect(canManageBanks({ id: 'u1', role: 'admin' })).toBe(true);
		expect(canManageBanks({ id: 'u2', role: 'organizer' })).toBe(true);
		expect(canManageBanks({ id: 'u3', role: 'contestant' })).toBe(false);
		expect(canManageBanks(null)).toBe(false);
	});
});
