import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CRITERIA } from '../../src/lib/domain/types';
import { fieldErrors } from '../../src/lib/schemas/auth';
import { roundFormInput, roundFormSchema, type RoundForm } from '../../src/lib/schemas/contest';
import { getAttemptResult } from '../../src/lib/server/attempts/result.service';
import { startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { canManageContest, listManagedContests } from '../../src/lib/server/contests/contest-access';
import { saveRound, startPreviewAttempt } from '../../src/lib/server/contests/contest-admin.service';
import { grantOrganizer, revokeGrant } from '../../src/lib/server/contests/grant.service';
import { loadRoundEditor } from '../../src/lib/server/contests/round-editor';
import { newId } from '../../src/lib/server/ids';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let T0: number;
let fixture: Fixture;
let admin: { id: string; role: 'admin' };
const DAY = 24 * 60 * MINUTE;

async function staff(role: 'admin' | 'organizer' | 'contestant', phone: string): Promise<string> {
	const id = newId();
	await insertUser(ctx.db, {
		id,
		phone,
		full_name: `Người ${phone.slice(-3)}`,
		birth_date: null,
		email: null,
		password_hash: 'x',
		role,
		created_at: T0
	});
	return id;
}

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - MINUTE, closesAt: T0 + DAY });
	admin = { id: await staff('admin', '0900000111'), role: 'admin' };
});

afterEach(async () => {
	await ctx.dispose();
});

/** A round form drawing from the fixture's bank; `counts` per topic code a and b, easy. */
async function roundForm(opensAt: number, closesAt: number, counts: { a: number; b: number }): Promise<RoundForm> {
	const bank = await ctx.db
		.selectFrom('blueprint_item')
		.select('bank_id')
		.where('round_id', '=', fixture.roundId)
		.executeTakeFirstOrThrow();
	const topics = await ctx.db.selectFrom('topic').select(['id', 'code']).where('bank_id', '=', bank.bank_id).execute();
	const topic = (code: string): string => topics.find((t) => t.code === code)!.id;
	return {
		name: 'Tuần thi thứ 2',
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
		blueprint: [
			{ groupId: '', topicId: topic('a'), difficulty: 'easy', count: counts.a },
			{ groupId: '', topicId: topic('b'), difficulty: 'easy', count: counts.b }
		],
		prizes: {},
		excludePreviousWinners: false,
		collective: { by: 'participation_rate', count: 3, minRatePercent: 0 }
	};
}

describe('saving a round', () => {
	it('saves a runnable round after the first one, with an audit row', async () => {
		const result = await saveRound(
			ctx,
			admin,
			fixture.contestId,
			null,
			await roundForm(T0 + DAY, T0 + 8 * DAY, { a: 2, b: 1 })
		);
		expect(result.ok).toBe(true);
		const audit = await ctx.db.selectFrom('audit_log').select('action').where('action', '=', 'round.create').execute();
		expect(audit).toHaveLength(1);
	});

	it('refuses an overlapping window, a limit longer than the window, and a blueprint the bank cannot fill', async () => {
		const form = await roundForm(T0 + DAY - 4 * MINUTE, T0 + DAY + MINUTE, { a: 9, b: 1 });
		const result = await saveRound(ctx, admin, fixture.contestId, null, form);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		const reasons = result.problems.map((p) => p.reason);
		expect(reasons).toContain('windows_overlap');
		expect(reasons).toContain('time_limit_too_long');
		expect(result.problems).toContainEqual(
			expect.objectContaining({ reason: 'blueprint_unsatisfiable', topic: 'Chủ đề A', needed: 9, available: 3 })
		);
		const rounds = await ctx.db.selectFrom('round').select('id').where('contest_id', '=', fixture.contestId).execute();
		expect(rounds).toHaveLength(1);
	});

	it('refuses a round without questions for a group', async () => {
		const result = await saveRound(
			ctx,
			admin,
			fixture.contestId,
			null,
			await roundForm(T0 + DAY, T0 + 8 * DAY, { a: 0, b: 0 })
		);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.problems.filter((p) => p.reason === 'no_questions')).toHaveLength(2);
	});

	it('locks timing and blueprint once a contestant has an attempt, but lets texts change', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0912666001' });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		expect(started.ok).toBe(true);
		const round = await ctx.db
			.selectFrom('round')
			.selectAll()
			.where('id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		const same = await roundForm(round.opens_at, round.closes_at, { a: 2, b: 2 });
		const stored = await ctx.db.selectFrom('blueprint_item').selectAll().where('round_id', '=', round.id).execute();
		same.blueprint = stored.map((b) => ({
			groupId: '',
			topicId: b.topic_id,
			difficulty: b.difficulty as 'easy',
			count: b.count
		}));
		const renamed = await saveRound(ctx, admin, fixture.contestId, round.id, {
			...same,
			name: 'Tuần thi thứ nhất (sửa tên)'
		});
		expect(renamed.ok).toBe(true);
		const moved = await saveRound(ctx, admin, fixture.contestId, round.id, {
			...same,
			closesAt: round.closes_at + DAY
		});
		expect(moved).toEqual({ ok: false, problems: [{ reason: 'round_locked' }] });
	});
});

describe('the round’s notice settings', () => {
	it('are kept as typed, blanks as the notice’s defaults, and carried to the next new round', async () => {
		const blank = await loadRoundEditor(ctx, admin, fixture.contestId, null, null);
		// the fixture's unit tree has one root, "Tỉnh Thử Nghiệm": its people's committee is suggested
		expect(blank?.values).toMatchObject({
			noticeSuperior: 'UBND TỈNH THỬ NGHIỆM',
			noticeNumber: '',
			noticeSignerTitle: '',
			noticeSignerName: ''
		});
		const form = await roundForm(T0 + DAY, T0 + 8 * DAY, { a: 2, b: 1 });
		const saved = await saveRound(ctx, admin, fixture.contestId, null, {
			...form,
			noticeSuperior: 'UBND huyện Thử',
			noticeNumber: '15/TB-BTC',
			noticeSignerTitle: null,
			noticeSignerName: 'Trần Văn Ký'
		});
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		const row = await ctx.db.selectFrom('round').selectAll().where('id', '=', saved.roundId).executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			notice_superior: 'UBND huyện Thử',
			notice_number: '15/TB-BTC',
			notice_signer_title: null,
			notice_signer_name: 'Trần Văn Ký'
		});
		const edited = await loadRoundEditor(ctx, admin, fixture.contestId, saved.roundId, null);
		expect(edited?.values.noticeNumber).toBe('15/TB-BTC');
		// the next new round: same superior body and signer, its own number
		const next = await loadRoundEditor(ctx, admin, fixture.contestId, null, null);
		expect(next?.values).toMatchObject({
			noticeSuperior: 'UBND huyện Thử',
			noticeNumber: '',
			noticeSignerName: 'Trần Văn Ký'
		});
	});

	it('read blanks as defaults and refuse a line past 200 characters, saying which', () => {
		const form = new FormData();
		form.set('noticeSuperior', '   ');
		form.set('noticeSignerName', 'x'.repeat(201));
		const parsed = roundFormSchema.safeParse(roundFormInput(form, [], []));
		expect(parsed.success).toBe(false);
		if (parsed.success) return;
		const errors = fieldErrors(parsed.error);
		expect(errors.noticeSignerName).toBe('error.notice_signer_name');
		// blank is allowed: the notice's default
		expect(errors.noticeSuperior).toBeUndefined();
	});
});

describe('preview attempts', () => {
	it('never rank, never use up the limit, and show a result of their own', async () => {
		const organizer = { id: await staff('organizer', '0900000222'), role: 'organizer' as const };
		const preview = await startPreviewAttempt(ctx, organizer, fixture.roundId, fixture.groupIds[0]);
		expect(preview.ok).toBe(true);
		if (!preview.ok) return;
		await submitAttempt(ctx, preview.attemptId, organizer.id, 1);
		const results = await ctx.db
			.selectFrom('round_result')
			.select('user_id')
			.where('round_id', '=', fixture.roundId)
			.execute();
		expect(results).toEqual([]);
		const result = await getAttemptResult(ctx, preview.attemptId, organizer.id);
		expect(result?.isPreview).toBe(true);
		expect(result?.attempt.status).toBe('finished');
	});
});

describe('organizer grants', () => {
	it('scope an organizer to their contests, and admins manage grants', async () => {
		const other = await createFixtureContest(ctx, { opensAt: T0, closesAt: T0 + DAY, slug: 'cuoc-thi-khac' });
		const personId = await staff('contestant', '0912666002');
		const person = { id: personId, role: 'organizer' as const };
		expect(await canManageContest(ctx.db, person, fixture.contestId)).toBe(false);
		expect(await grantOrganizer(ctx, admin, '0912666002', fixture.contestId)).toEqual({ ok: true });
		expect(await grantOrganizer(ctx, admin, '0912666002', fixture.contestId)).toEqual({
			ok: false,
			reason: 'grant_exists'
		});
		expect(await grantOrganizer(ctx, person, '0912666002', null)).toEqual({ ok: false, reason: 'forbidden' });
		const role = await ctx.db
			.selectFrom('app_user')
			.select('role')
			.where('id', '=', personId)
			.executeTakeFirstOrThrow();
		expect(role.role).toBe('organizer');
		expect(await canManageContest(ctx.db, person, fixture.contestId)).toBe(true);
		expect(await canManageContest(ctx.db, person, other.contestId)).toBe(false);
		expect((await listManagedContests(ctx.db, person)).map((c) => c.id)).toEqual([fixture.contestId]);

		const grant = await ctx.db
			.selectFrom('organizer_grant')
			.select('id')
			.where('user_id', '=', personId)
			.executeTakeFirstOrThrow();
		expect(await revokeGrant(ctx, admin, grant.id)).toBe(true);
		expect(await canManageContest(ctx.db, person, fixture.contestId)).toBe(false);
		const after = await ctx.db
			.selectFrom('app_user')
			.select('role')
			.where('id', '=', personId)
			.executeTakeFirstOrThrow();
		expect(after.role).toBe('contestant');
		const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['grant.create', 'grant.revoke']));
	});
});
