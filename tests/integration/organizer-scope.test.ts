import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportedQuestion } from '../../src/lib/domain/import/types';
import type { QuestionDraft } from '../../src/lib/domain/questions';
import { DEFAULT_CRITERIA } from '../../src/lib/domain/types';
import type { RoundForm } from '../../src/lib/schemas/contest';
import type { Actor } from '../../src/lib/server/contests/contest-access';
import { saveRound } from '../../src/lib/server/contests/contest-admin.service';
import { loadRoundEditor } from '../../src/lib/server/contests/round-editor';
import { newId } from '../../src/lib/server/ids';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { getGamesPage, getPlayerJoinPage } from '../../src/lib/server/live-games/game-pages.service';
import { createGame } from '../../src/lib/server/live-games/game.service';
import { getBanksPage, listBanksFor, openBank, shareBank } from '../../src/lib/server/questions/bank-access';
import { buildLiveState } from '../../src/lib/server/realtime/live-state';
import { closeRound } from '../../src/lib/server/results/close.service';
import { loadRoundResultsPage } from '../../src/lib/server/results/round-results-page';
import {
	addTopic,
	createBank,
	exportBank,
	importIntoBank,
	listTopics,
	renameTopic,
	saveQuestion,
	searchBank,
	setQuestionStatus
} from '../../src/lib/server/questions/question.service';
import { listContestUnits } from '../../src/lib/server/units/contest-units';
import { listUnits } from '../../src/lib/server/units/unit.repository';
import {
	addUnit,
	importUnits,
	mergeUnits,
	moveUnit,
	renameUnit,
	listContestUnitOptions,
	setHeadcount
} from '../../src/lib/server/units/unit.service';
import { createRegistrationLimiter, databaseLimitStore } from '../../src/lib/server/auth/rate-limit';
import { joinContest, registerContestant } from '../../src/lib/server/users/user.service';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createFixtureGame, createSignedInUser } from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Organizers are scoped to their contests: a bank belongs to the contests that use it, the shared
// unit tree is the admins', and a contest takes contestants from its own part of the unit tree.

let ctx: TestContext;
let a: Fixture;
let b: Fixture;
let bankA: string;
let organizerA: Actor;
let organizerB: Actor;
let admin: Actor;

async function organizerOf(contestId: string | null, phone: string): Promise<Actor> {
	const user = await createSignedInUser(ctx, { role: 'organizer', fullName: 'Ban tổ chức', phone });
	await ctx.db
		.insertInto('organizer_grant')
		.values({ id: newId(), user_id: user.userId, contest_id: contestId, granted_by: null, created_at: 0 })
		.execute();
	return { id: user.userId, role: 'organizer' };
}

async function bankOf(fixture: Fixture): Promise<string> {
	const row = await ctx.db
		.selectFrom('blueprint_item')
		.select('bank_id')
		.where('round_id', '=', fixture.roundId)
		.executeTakeFirstOrThrow();
	return row.bank_id;
}

async function firstQuestion(bankId: string) {
	return ctx.db
		.selectFrom('question')
		.select(['id', 'topic_id', 'status', 'current_version_id'])
		.where('bank_id', '=', bankId)
		.orderBy('position')
		.executeTakeFirstOrThrow();
}

async function questionCount(bankId: string): Promise<number> {
	const row = await ctx.db
		.selectFrom('question')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('bank_id', '=', bankId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

function draft(topicId: string, text: string): QuestionDraft {
	return {
		topicId,
		type: 'single',
		difficulty: 'easy',
		text,
		options: [
			{ text: 'Phương án đúng', correct: true },
			{ text: 'Phương án sai', correct: false }
		],
		explanation: '',
		legalReference: null,
		tags: []
	};
}

const imported: ImportedQuestion = {
	topic: 'Chủ đề A',
	type: 'single',
	difficulty: 'easy',
	text: 'Câu hỏi nhập thêm từ tệp?',
	options: [
		{ text: 'Đúng rồi', correct: true },
		{ text: 'Chưa đúng', correct: false }
	],
	explanation: '',
	legalReference: '',
	tags: []
};

async function roundForm(bankId: string): Promise<RoundForm> {
	const topics = await ctx.db.selectFrom('topic').select(['id', 'code']).where('bank_id', '=', bankId).execute();
	const topic = (code: string): string => topics.find((t) => t.code === code)!.id;
	const now = ctx.clock.now();
	return {
		name: 'Tuần thi thứ 2',
		opensAt: now + 2 * 60 * MINUTE,
		closesAt: now + 4 * 60 * MINUTE,
		timeLimitMinutes: 10,
		maxAttempts: 2,
		graceSeconds: 5,
		predictionQuestion: 'Bao nhiêu người đúng hết?',
		predictionKind: 'perfect_scores',
		criteria: [...DEFAULT_CRITERIA],
		visibility: 'live',
		showAnswersAfterClose: true,
		bankId,
		blueprint: [{ groupId: '', topicId: topic('a'), difficulty: 'easy', count: 2 }],
		prizes: {},
		excludePreviousWinners: false,
		collective: { by: 'participation_rate', count: 3, minRatePercent: 0 }
	};
}

const gameFrom = (bankId: string) => ({
	title: 'Rung chuông vàng',
	scoring: 'speed' as const,
	streakBonus: false,
	joinMode: 'both' as const,
	lateJoin: true,
	screenOnly: false,
	timeLimitSeconds: 20,
	source: { kind: 'random' as const, bankId, topicId: null, count: 2 }
});

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	a = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, slug: 'cuoc-thi-a' });
	b = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, slug: 'cuoc-thi-b' });
	bankA = await bankOf(a);
	organizerA = await organizerOf(a.contestId, '0900100001');
	organizerB = await organizerOf(b.contestId, '0900100002');
	admin = { id: (await createSignedInUser(ctx, { role: 'admin', phone: '0900100003' })).userId, role: 'admin' };
});

afterEach(async () => {
	await ctx.dispose();
});

describe("an organizer of contest B and contest A's bank (A's round is open)", () => {
	it('cannot list, view, search or export it: the answer key stays with A', async () => {
		expect((await listBanksFor(ctx.db, organizerB)).map((x) => x.id)).not.toContain(bankA);
		expect(await openBank(ctx.db, organizerB, bankA)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await searchBank(ctx, organizerB, bankA, { q: '', page: 1 })).toEqual({ ok: false, reason: 'forbidden' });
		expect(await exportBank(ctx, organizerB, bankA)).toEqual({ ok: false, reason: 'forbidden' });
	});

	it('cannot edit, add, retire, import into it or touch its topics, and nothing changes', async () => {
		const question = await firstQuestion(bankA);
		const before = await questionCount(bankA);
		const [topic] = await listTopics(ctx.db, bankA);
		expect(
			await saveQuestion(ctx, organizerB, bankA, question.id, draft(question.topic_id, 'Sửa trộm?'), {
				allowDuplicate: true
			})
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			await saveQuestion(ctx, organizerB, bankA, null, draft(question.topic_id, 'Thêm trộm?'), { allowDuplicate: true })
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(await setQuestionStatus(ctx, organizerB, bankA, question.id, 'retired')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await importIntoBank(ctx, organizerB, bankA, [imported], 'tệp.xlsx')).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await addTopic(ctx, organizerB, bankA, 'Chủ đề lạ', null)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await renameTopic(ctx, organizerB, bankA, topic.id, 'Đổi tên trộm')).toEqual({
			ok: false,
			reason: 'forbidden'
		});

		expect(await firstQuestion(bankA)).toEqual(question);
		expect(await questionCount(bankA)).toBe(before);
		expect((await listTopics(ctx.db, bankA)).map((t) => t.name)).toEqual(['Chủ đề A', 'Chủ đề B']);
	});

	it("cannot draw B's round or B's live game from it, create a bank for A, or share A's bank", async () => {
		expect(await saveRound(ctx, organizerB, b.contestId, null, await roundForm(bankA))).toEqual({
			ok: false,
			problems: [{ reason: 'bank_forbidden' }]
		});
		expect(await createGame(ctx, organizerB, b.contestId, gameFrom(bankA))).toMatchObject({
			ok: false,
			reason: 'bank_not_found'
		});
		expect(await createBank(ctx, organizerB, 'Ngân hàng của A', a.contestId)).toEqual({
			ok: false,
			reason: 'forbidden'
		});
		expect(await createBank(ctx, organizerB, 'Ngân hàng không chủ', null)).toEqual({
			ok: false,
			reason: 'contest_required'
		});
		expect(await shareBank(ctx, organizerB, bankA, b.contestId)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await openBank(ctx.db, organizerB, bankA)).toEqual({ ok: false, reason: 'forbidden' });
	});
});

describe("the studio pages of contest B's organizer", () => {
	it("offer no bank of A: the bank list, the round editor's and the live game form's pickers", async () => {
		const bankB = await bankOf(b);
		expect((await getBanksPage(ctx, organizerB)).banks.map((x) => x.id)).toEqual([bankB]);
		// even asked for A's bank by the URL, the pages fall back to one the organizer may open
		const editor = (await loadRoundEditor(ctx, organizerB, b.contestId, null, bankA))!;
		expect(editor.banks.map((x) => x.id)).toEqual([bankB]);
		expect(editor.bankId).toBe(bankB);
		const games = (await getGamesPage(ctx, organizerB, b.contestId, bankA))!;
		expect(games.banks.map((x) => x.id)).toEqual([bankB]);
		expect(games.bankId).toBe(bankB);
		expect(games.questions.length).toBeGreaterThan(0);
		// A's organizer still gets A's bank there
		expect((await loadRoundEditor(ctx, organizerA, a.contestId, null, bankA))!.bankId).toBe(bankA);
	});
});

describe('who still reaches a bank', () => {
	it("an organizer of A does all of it on A's bank", async () => {
		const question = await firstQuestion(bankA);
		expect((await listBanksFor(ctx.db, organizerA)).map((x) => x.id)).toEqual([bankA]);
		expect(await searchBank(ctx, organizerA, bankA, { q: '', page: 1 })).toMatchObject({ ok: true, total: 8 });
		const exported = await exportBank(ctx, organizerA, bankA);
		expect(exported.ok && exported.questions).toHaveLength(8);
		expect(
			await saveQuestion(ctx, organizerA, bankA, question.id, draft(question.topic_id, 'Câu đã sửa lại?'), {
				allowDuplicate: true
			})
		).toMatchObject({ ok: true, version: 2 });
		expect(await setQuestionStatus(ctx, organizerA, bankA, question.id, 'retired')).toEqual({ ok: true });
		expect(await importIntoBank(ctx, organizerA, bankA, [imported], 'tệp.xlsx')).toMatchObject({
			ok: true,
			created: 1
		});
		expect(await addTopic(ctx, organizerA, bankA, 'Chủ đề mới', null)).toEqual({ ok: true });
		expect(await saveRound(ctx, organizerA, a.contestId, null, await roundForm(bankA))).toMatchObject({ ok: true });
		expect(await createGame(ctx, organizerA, a.contestId, gameFrom(bankA))).toMatchObject({ ok: true });
	});

	it('a new bank belongs to the contest it was made for; sharing lets another contest in', async () => {
		const created = await createBank(ctx, organizerA, 'Ngân hàng riêng của A', a.contestId);
		if (!created.ok) throw new Error(created.reason);
		expect((await openBank(ctx.db, organizerA, created.bankId)).ok).toBe(true);
		expect((await openBank(ctx.db, organizerB, created.bankId)).ok).toBe(false);

		const both = await organizerOf(a.contestId, '0900100009');
		await ctx.db
			.insertInto('organizer_grant')
			.values({ id: newId(), user_id: both.id, contest_id: b.contestId, granted_by: null, created_at: 0 })
			.execute();
		expect(await shareBank(ctx, both, created.bankId, b.contestId)).toEqual({ ok: true });
		expect((await openBank(ctx.db, organizerB, created.bankId)).ok).toBe(true);
	});

	it('an admin and an organizer of every contest reach every bank', async () => {
		const everywhere = await organizerOf(null, '0900100008');
		const bankB = await bankOf(b);
		for (const actor of [admin, everywhere]) {
			expect((await listBanksFor(ctx.db, actor)).map((x) => x.id).sort()).toEqual([bankA, bankB].sort());
			expect((await exportBank(ctx, actor, bankA)).ok).toBe(true);
			const question = await firstQuestion(bankA);
			expect(await setQuestionStatus(ctx, actor, bankA, question.id, 'retired')).toEqual({ ok: true });
			expect(await setQuestionStatus(ctx, actor, bankA, question.id, 'active')).toEqual({ ok: true });
		}
		const shared = await createBank(ctx, admin, 'Ngân hàng dùng chung', null);
		expect(shared.ok).toBe(true);
	});
});

describe('the demo', () => {
	it('gives the demo bank to the demo contest: an organizer of that contest alone still reaches it', async () => {
		const demo = await createTestContext();
		try {
			expect(await seedDemo(demo)).toBe(true);
			const contest = await demo.db.selectFrom('contest').select('id').executeTakeFirstOrThrow();
			const [bank] = await demo.db.selectFrom('question_bank').select('id').execute();
			const user = await createSignedInUser(demo, { role: 'organizer', phone: '0900100007' });
			await demo.db
				.insertInto('organizer_grant')
				.values({ id: newId(), user_id: user.userId, contest_id: contest.id, granted_by: null, created_at: 0 })
				.execute();
			const only: Actor = { id: user.userId, role: 'organizer' };
			expect((await listBanksFor(demo.db, only)).map((x) => x.id)).toEqual([bank.id]);
			expect((await exportBank(demo, only, bank.id)).ok).toBe(true);
		} finally {
			await demo.dispose();
		}
	});
});

describe('the shared unit tree', () => {
	it('refuses every change from an organizer and leaves the tree as it was', async () => {
		const before = await listUnits(ctx.db);
		const [hk, ph] = a.unitIds;
		expect(await renameUnit(ctx, organizerA, hk, 'Tên mới')).toEqual({ ok: false, reason: 'forbidden' });
		expect(await setHeadcount(ctx, organizerA, hk, 1)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await moveUnit(ctx, organizerA, hk, null)).toEqual({ ok: false, reason: 'forbidden' });
		expect(await mergeUnits(ctx, organizerA, hk, ph)).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			await addUnit(ctx, organizerA, { code: 'moi', name: 'Đơn vị mới', parentId: null, kind: 'office', headcount: 1 })
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(
			await importUnits(ctx, organizerA, [
				{ line: 2, code: 'moi', name: 'Đơn vị mới', parentCode: null, headcount: 1, kind: 'office' }
			])
		).toEqual({ ok: false, reason: 'forbidden' });
		expect(await listUnits(ctx.db)).toEqual(before);
	});

	it('lets an admin change it, and a merged scope root hands the scope to its target', async () => {
		const [hk, ph] = b.unitIds;
		await ctx.db.updateTable('contest').set({ root_unit_id: hk }).where('id', '=', b.contestId).execute();
		expect(await renameUnit(ctx, admin, hk, 'Phường Hà Khánh mới')).toEqual({ ok: true });
		expect(await setHeadcount(ctx, admin, hk, 75)).toEqual({ ok: true });
		expect(await mergeUnits(ctx, admin, hk, ph)).toMatchObject({ ok: true });
		const contest = await ctx.db
			.selectFrom('contest')
			.select('root_unit_id')
			.where('id', '=', b.contestId)
			.executeTakeFirstOrThrow();
		expect(contest.root_unit_id).toBe(ph);
	});
});

describe("a contest's part of the unit tree", () => {
	const person = (unitId: string, groupId: string, phone: string) => ({
		fullName: 'Nguyễn Văn An',
		birthDate: '1990-01-01',
		phone,
		email: null,
		unitId,
		groupId,
		password: 'matkhau123'
	});

	it('offers only the root unit and the units below it, the root at the top', async () => {
		const root = (await listUnits(ctx.db)).find((u) => u.code === 'cuoc-thi-b-root')!;
		await ctx.db.updateTable('contest').set({ root_unit_id: root.id }).where('id', '=', b.contestId).execute();
		const units = await listContestUnits(ctx.db, b.contestId);
		expect(units.map((u) => u.id).sort()).toEqual([root.id, ...b.unitIds].sort());
		expect(units.find((u) => u.id === root.id)!.parentId).toBeNull();
		// without a root, the whole tree
		expect(await listContestUnits(ctx.db, a.contestId)).toHaveLength(6);
	});

	it("offers the registration form and a live game's join form that subtree only", async () => {
		const root = (await listUnits(ctx.db)).find((u) => u.code === 'cuoc-thi-b-root')!;
		await ctx.db.updateTable('contest').set({ root_unit_id: root.id }).where('id', '=', b.contestId).execute();
		const subtree = [root.id, ...b.unitIds].sort();
		const options = await listContestUnitOptions(ctx, b.contestId);
		expect(options.map((u) => u.id).sort()).toEqual(subtree);
		expect(options[0]).toMatchObject({ id: root.id, depth: 0 });
		const host = await createSignedInUser(ctx, { role: 'organizer', phone: '0900100009' });
		const game = await createFixtureGame(ctx, b, host.userId);
		const join = (await getPlayerJoinPage(ctx, game.gameId, null))!;
		expect(join.units.map((u) => u.id).sort()).toEqual(subtree);
	});

	/** A registration throttle on the test's own database, as the app keeps it. */
	const throttle = () => ({
		limiter: createRegistrationLimiter(databaseLimitStore(ctx.db, ctx.clock)),
		address: '10.9.0.1'
	});

	it('refuses at registration a unit outside the subtree, and accepts one inside', async () => {
		const [hk, ph] = b.unitIds;
		await ctx.db.updateTable('contest').set({ root_unit_id: hk }).where('id', '=', b.contestId).execute();
		const now = ctx.clock.now();
		expect(
			await registerContestant(ctx.db, b.contestId, person(a.unitIds[0], b.groupIds[0], '0911000001'), now, throttle())
		).toEqual({ ok: false, reason: 'unit_outside_contest' });
		expect(
			await registerContestant(ctx.db, b.contestId, person(ph, b.groupIds[0], '0911000001'), now, throttle())
		).toEqual({
			ok: false,
			reason: 'unit_outside_contest'
		});
		const registered = await registerContestant(
			ctx.db,
			b.contestId,
			person(hk, b.groupIds[0], '0911000001'),
			now,
			throttle()
		);
		expect(registered.ok).toBe(true);

		// an account joining the contest is held to the same subtree
		const other = await createSignedInUser(ctx, { role: 'contestant', phone: '0911000002' });
		expect(await joinContest(ctx.db, b.contestId, other.userId, ph, b.groupIds[0], now)).toEqual({
			ok: false,
			reason: 'unit_outside_contest'
		});
		expect(await joinContest(ctx.db, b.contestId, other.userId, hk, b.groupIds[0], now)).toEqual({ ok: true });
	});

	it("ranks the screen's and the close's unit standings, and filters results, over the subtree only", async () => {
		const root = (await listUnits(ctx.db)).find((u) => u.code === 'cuoc-thi-b-root')!;
		const unitRows = async () =>
			(await buildLiveState(ctx, { kind: 'round', id: b.roundId }, 'e', 1))!.units.map((u) => u.id).sort();
		// the whole tree: both fixtures' provinces are the top level
		expect(await unitRows()).toHaveLength(2);
		await ctx.db.updateTable('contest').set({ root_unit_id: root.id }).where('id', '=', b.contestId).execute();
		expect(await unitRows()).toEqual([root.id, ...b.unitIds].sort());

		ctx.clock.advance(2 * 60 * MINUTE);
		expect((await closeRound(ctx, b.roundId, null)).ok).toBe(true);
		const ranked = await ctx.db.selectFrom('unit_result').select('unit_id').where('round_id', '=', b.roundId).execute();
		const inScope = new Set([root.id, ...b.unitIds]);
		expect(ranked.length).toBeGreaterThan(0);
		expect(ranked.every((r) => inScope.has(r.unit_id))).toBe(true);
		const page = await loadRoundResultsPage(ctx, b.contestId, b.roundId, { groupId: null, unitId: null, page: 1 });
		expect(page!.units.map((u) => u.id).sort()).toEqual([...inScope].sort());
	});
});
