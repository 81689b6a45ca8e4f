import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contestFormSchema, type RoundForm } from '../../src/lib/schemas/contest';
import { DEFAULT_CRITERIA } from '../../src/lib/domain/types';
import { memoryLimitStore, createRegistrationLimiter } from '../../src/lib/server/auth/rate-limit';
import type { AppContext } from '../../src/lib/server/context';
import { createContest, saveRound } from '../../src/lib/server/contests/contest-admin.service';
import type { Db } from '../../src/lib/server/db/database';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { newId } from '../../src/lib/server/ids';
import { addTopic, createBank, importIntoBank, saveQuestion } from '../../src/lib/server/questions/question.service';
import { addUnit, moveUnit } from '../../src/lib/server/units/unit.service';
import { createAdmin, joinContest, registerContestant } from '../../src/lib/server/users/user.service';
import { createFixtureContest, MINUTE, yesNoDraft, type Fixture } from '../helpers/fixtures';
import { raceTwo, valueOf } from '../helpers/race';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';

// Two app nodes doing the same thing at the same moment (tests/helpers/race.ts makes the two
// calls overlap for certain on PostgreSQL). Every check-then-write below passed its check twice
// before the fixes: the later insert then failed on a unique key (an error page instead of an
// answer), or nothing stopped it at all (two questions at one position, a cycle in the tree).

let ctx: TestContext;
let T0: number;
let fixture: Fixture;
let admin: { id: string; role: 'admin' };

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - 60 * MINUTE, closesAt: T0 + 24 * 60 * MINUTE });
	admin = await insertAdmin(ctx, '0900000009');
});

afterEach(async () => {
	await ctx.dispose();
});

/** The test's context on another node's connection. */
function on(db: Db): AppContext {
	return { ...ctx, db };
}

describe('accounts', () => {
	const input = (unit: 0 | 1) => ({
		fullName: 'Nguyễn Văn Hai',
		birthDate: null,
		phone: '0916000123',
		email: null,
		unitId: fixture.unitIds[unit],
		groupId: fixture.groupIds[0],
		password: 'matkhau123'
	});

	it('registers one phone sent to two nodes at once once, and tells the other it is taken', async () => {
		const limiter = createRegistrationLimiter(memoryLimitStore());
		const register = (db: Db, address: string, unit: 0 | 1) =>
			registerContestant(db, fixture.contestId, input(unit), T0, { limiter, address });
		const results = await raceTwo(
			ctx,
			'registration',
			(db) => register(db, '203.0.113.1', 0),
			(db) => register(db, '203.0.113.2', 1)
		);
		const answers = results.map(valueOf);
		expect(answers.filter((r) => r.ok)).toHaveLength(1);
		expect(answers.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'phone_taken' }]);
		const users = await ctx.db.selectFrom('app_user').select('id').where('phone', '=', '0916000123').execute();
		expect(users).toHaveLength(1);
	});

	it('joins an account to a contest once when two nodes join it at once', async () => {
		const userId = newId();
		await ctx.db
			.insertInto('app_user')
			.values({
				id: userId,
				phone: '0916000124',
				full_name: 'Trần Thị Ba',
				birth_date: null,
				email: null,
				password_hash: 'x',
				role: 'contestant',
				created_at: T0
			})
			.execute();
		const join = (db: Db, unit: 0 | 1) =>
			joinContest(db, fixture.contestId, userId, fixture.unitIds[unit], fixture.groupIds[0], T0);
		const answers = (
			await raceTwo(
				ctx,
				'registration',
				(db) => join(db, 0),
				(db) => join(db, 1)
			)
		).map(valueOf);
		expect(answers).toContainEqual({ ok: true });
		expect(answers).toContainEqual({ ok: false, reason: 'already_registered' });
	});

	it('creates one admin for a phone given to two nodes at once', async () => {
		const create = (db: Db) =>
			createAdmin(db, { phone: '0916000125', fullName: 'Quản trị', password: 'matkhau123' }, T0);
		const answers = (await raceTwo(ctx, 'audit_log', create, create)).map(valueOf);
		expect(answers.filter((r) => r.ok)).toHaveLength(1);
		expect(answers.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'phone_taken' }]);
	});
});

describe('units', () => {
	const unit = (code: string, parentId: string | null = null) => ({
		code,
		name: `Đơn vị ${code}`,
		parentId,
		kind: 'office' as const,
		headcount: 10
	});

	it('adds a code sent to two nodes at once once, and tells the other it is taken', async () => {
		const add = (db: Db) => addUnit(on(db), admin, unit('SO-NOI-VU'));
		const answers = (await raceTwo(ctx, 'audit_log', add, add)).map(valueOf);
		expect(answers.filter((r) => r.ok)).toHaveLength(1);
		expect(answers.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'code_taken' }]);
	});

	it('never makes a cycle of two moves at once, each fine alone', async () => {
		const a = await addUnit(ctx, admin, unit('DV-A'));
		const b = await addUnit(ctx, admin, unit('DV-B'));
		if (!a.ok || !b.ok) throw new Error('units not added');
		const answers = (
			await raceTwo(
				ctx,
				'audit_log',
				(db) => moveUnit(on(db), admin, a.unitId, b.unitId),
				(db) => moveUnit(on(db), admin, b.unitId, a.unitId)
			)
		).map(valueOf);
		expect(answers).toContainEqual({ ok: true });
		expect(answers).toContainEqual({ ok: false, reason: 'unit_cycle' });
		// every unit still reaches the top of the tree
		const units = await ctx.db.selectFrom('unit').select(['id', 'parent_id']).execute();
		const parentOf = new Map(units.map((u) => [u.id, u.parent_id]));
		for (const start of [a.unitId, b.unitId]) {
			let at: string | null = start;
			for (let steps = 0; at !== null && steps <= units.length; steps++) at = parentOf.get(at) ?? null;
			expect(at).toBeNull();
		}
	});
});

describe('contests', () => {
	const contestForm = (title: string) =>
		contestFormSchema.parse({
			title,
			slug: 'cuoc-thi-trung-ten',
			summary: '',
			rulesMarkdown: '',
			consentText: 'Tôi đồng ý cho xử lý dữ liệu.',
			groups: 'Người dân',
			birthDate: 'off',
			email: 'off',
			rootUnitId: ''
		});

	it('creates one contest for a slug sent to two nodes at once, and tells the other it is taken', async () => {
		const answers = (
			await raceTwo(
				ctx,
				'audit_log',
				(db) => createContest(on(db), admin, contestForm('Cuộc thi thứ nhất')),
				(db) => createContest(on(db), admin, contestForm('Cuộc thi thứ hai'))
			)
		).map(valueOf);
		expect(answers.filter((r) => r.ok)).toHaveLength(1);
		expect(answers.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'slug_taken' }]);
	});

	async function roundForm(name: string, opensAt: number, closesAt: number): Promise<RoundForm> {
		const bank = await ctx.db
			.selectFrom('blueprint_item')
			.select('bank_id')
			.where('round_id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		const topic = await ctx.db
			.selectFrom('topic')
			.select('id')
			.where('bank_id', '=', bank.bank_id)
			.where('code', '=', 'a')
			.executeTakeFirstOrThrow();
		return {
			name,
			opensAt,
			closesAt,
			timeLimitMinutes: 10,
			maxAttempts: 2,
			graceSeconds: 5,
			predictionQuestion: 'Bao nhiêu người đúng hết?',
			predictionKind: 'perfect_scores',
			criteria: [...DEFAULT_CRITERIA],
			visibility: 'live',
			showAnswersAfterClose: true,
			bankId: bank.bank_id,
			blueprint: [{ groupId: '', topicId: topic.id, difficulty: 'easy', count: 2 }],
			prizes: {},
			excludePreviousWinners: false,
			collective: { by: 'participation_rate', count: 3, minRatePercent: 0 }
		};
	}

	/** Two organizers on two nodes create a round each at once; the days are after T0. */
	async function raceTwoRounds(first: [string, number, number], second: [string, number, number]) {
		const day = 24 * 60 * MINUTE;
		const forms = await Promise.all(
			[first, second].map(([name, opens, closes]) => roundForm(name, T0 + opens * day, T0 + closes * day))
		);
		return (
			await raceTwo(
				ctx,
				'audit_log',
				(db) => saveRound(on(db), admin, fixture.contestId, null, forms[0]),
				(db) => saveRound(on(db), admin, fixture.contestId, null, forms[1])
			)
		).map(valueOf);
	}

	it('numbers two rounds created at once 2 and 3', async () => {
		const answers = await raceTwoRounds(['Tuần thi thứ 2', 2, 3], ['Tuần thi thứ 3', 4, 5]);
		expect(answers.every((r) => r.ok)).toBe(true);
		const rounds = await ctx.db
			.selectFrom('round')
			.select('ordinal')
			.where('contest_id', '=', fixture.contestId)
			.orderBy('ordinal')
			.execute();
		expect(rounds.map((r) => r.ordinal)).toEqual([1, 2, 3]);
	});

	it('refuses the second of two overlapping rounds created at once', async () => {
		const answers = await raceTwoRounds(['Tuần thi thứ 2', 2, 4], ['Tuần thi thứ 2 (bản khác)', 3, 5]);
		expect(answers.filter((r) => r.ok)).toHaveLength(1);
		expect(answers.find((r) => !r.ok)).toMatchObject({ ok: false, problems: [{ reason: 'windows_overlap' }] });
	});
});

describe('question banks', () => {
	let bankId: string;
	let topicId: string;

	beforeEach(async () => {
		const created = await createBank(ctx, admin, 'Ngân hàng dùng chung');
		if (!created.ok) throw new Error(created.reason);
		bankId = created.bankId;
		topicId = (await ctx.db.selectFrom('topic').select('id').where('bank_id', '=', bankId).executeTakeFirstOrThrow())
			.id;
	});

	const draft = (text: string) => yesNoDraft(topicId, text);

	it('gives two questions written at once on two nodes their own positions', async () => {
		const save = (db: Db, text: string) =>
			saveQuestion(on(db), admin, bankId, null, draft(text), { allowDuplicate: true });
		const answers = (
			await raceTwo(
				ctx,
				'audit_log',
				(db) => save(db, 'Câu hỏi thứ nhất về một cửa?'),
				(db) => save(db, 'Câu hỏi thứ hai về dịch vụ công?')
			)
		).map(valueOf);
		expect(answers.every((r) => r.ok)).toBe(true);
		const positions = await ctx.db.selectFrom('question').select('position').where('bank_id', '=', bankId).execute();
		expect(positions.map((p) => p.position).sort()).toEqual([1, 2]);
	});

	it('appends an import and a question written at once after each other, never at one position', async () => {
		const imported = (text: string) => ({
			topic: 'Chủ đề nhập mới',
			type: 'single' as const,
			difficulty: 'easy' as const,
			text,
			options: [
				{ text: 'Đúng', correct: true },
				{ text: 'Sai', correct: false }
			],
			explanation: '',
			legalReference: '',
			tags: []
		});
		const answers = (
			await raceTwo(
				ctx,
				'audit_log',
				(db) => importIntoBank(on(db), admin, bankId, [imported('Câu nhập 1?'), imported('Câu nhập 2?')], 'a.xlsx'),
				(db) => importIntoBank(on(db), admin, bankId, [imported('Câu nhập 3?')], 'b.xlsx')
			)
		).map(valueOf);
		expect(answers.every((r) => r.ok)).toBe(true);
		const positions = await ctx.db.selectFrom('question').select('position').where('bank_id', '=', bankId).execute();
		expect(positions.map((p) => p.position).sort()).toEqual([1, 2, 3]);
		// the new topic was created once, by whichever import came first
		const topics = await ctx.db
			.selectFrom('topic')
			.select('id')
			.where('bank_id', '=', bankId)
			.where('name', '=', 'Chủ đề nhập mới')
			.execute();
		expect(topics).toHaveLength(1);
	});

	it('adds a topic name sent to two nodes at once once', async () => {
		const add = (db: Db) => addTopic(on(db), admin, bankId, 'Chuyển đổi số', null);
		const answers = (await raceTwo(ctx, 'audit_log', add, add)).map(valueOf);
		expect(answers).toContainEqual({ ok: true });
		expect(answers).toContainEqual({ ok: false, reason: 'topic_exists' });
	});
});

describe('the demo seed', () => {
	it('is loaded once by two nodes starting at once on an empty database', async () => {
		const empty = await createTestContext();
		try {
			const seed = (db: Db) => seedDemo({ ...empty, db });
			const answers = (await raceTwo(empty, 'unit', seed, seed)).map(valueOf);
			expect(answers.sort()).toEqual([false, true]);
			expect(await empty.db.selectFrom('contest').select('id').execute()).toHaveLength(1);
		} finally {
			await empty.dispose();
		}
	}, 120_000); // two whole demo seeds side by side: 1 s on a quiet machine, 23 s seen under load
});
