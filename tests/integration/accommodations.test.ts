import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grantAccommodationSchema } from '../../src/lib/schemas/accommodation';
import {
	getAccommodationPage,
	grantAccommodation,
	revokeAccommodation
} from '../../src/lib/server/accommodations/accommodation.service';
import { findAttempt } from '../../src/lib/server/attempts/attempt.repository';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { finalizeOverdueAttempts } from '../../src/lib/server/attempts/finalize';
import { getRoundProgress } from '../../src/lib/server/attempts/result.service';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { newId } from '../../src/lib/server/ids';
import { insertUser } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { answerKey, startFresh } from './support';

// Accommodations (issue 14) on a real database, both passes: an organizer grants a contestant
// extra time or attempts with a reason (audit log); the start uses it — deadline = start + limit ×
// (1 + pct), never past the round's close — and the save, the deadline's grace and the sweeper
// follow the longer deadline. Everyone else keeps the round's rule.

const GRACE = 5000;
const LIMIT = 20 * MINUTE;

let ctx: TestContext;
let T0: number;
let fixture: Fixture;
let organizer: SessionUser;
let userId: string;
let otherId: string;

async function person(role: 'organizer' | 'admin', phone: string): Promise<SessionUser> {
	const id = newId();
	await insertUser(ctx.db, {
		id,
		phone,
		full_name: `Ban Tổ chức ${phone.slice(-3)}`,
		birth_date: null,
		email: null,
		password_hash: 'x',
		role,
		created_at: T0
	});
	return { id, fullName: `Ban Tổ chức ${phone.slice(-3)}`, phone, role };
}

function grant(input: {
	userId?: string;
	roundId?: string;
	extraTimePct?: string;
	extraAttempts?: string;
	reason?: string;
}) {
	const parsed = grantAccommodationSchema.safeParse({
		userId,
		roundId: '',
		extraTimePct: '',
		extraAttempts: '',
		reason: 'Thí sinh khiếm thị, dùng trình đọc màn hình.',
		...input
	});
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return grantAccommodation(ctx, organizer, fixture.contestId, parsed.data);
}

async function auditActions() {
	const rows = await ctx.db.selectFrom('audit_log').select(['action', 'actor_id', 'summary', 'detail_json']).execute();
	return rows.filter((r) => r.action.startsWith('accommodation.'));
}

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, {
		opensAt: T0 - MINUTE,
		closesAt: T0 + 24 * 60 * MINUTE,
		timeLimitMs: LIMIT,
		graceMs: GRACE,
		maxAttempts: 1
	});
	organizer = await person('admin', '0900000111');
	userId = await createContestant(ctx, fixture, { phone: '0912000001', fullName: 'Lê Văn Khiếm' });
	otherId = await createContestant(ctx, fixture, { phone: '0912000002', fullName: 'Trần Thị Bình' });
});

afterEach(async () => {
	await ctx.dispose();
});

describe('extra time', () => {
	it('+50 % gives the longer deadline; a save after the normal one is accepted; the sweeper ends it at the extended one', async () => {
		expect(await grant({ extraTimePct: '50' })).toEqual({ ok: true, fullName: 'Lê Văn Khiếm' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const otherAttempt = await startFresh(ctx, otherId, fixture.roundId);
		const attempt = (await findAttempt(ctx.db, attemptId))!;
		expect(attempt.deadline).toBe(T0 + 30 * MINUTE);
		// everyone else keeps the round's limit
		expect((await findAttempt(ctx.db, otherAttempt))!.deadline).toBe(T0 + LIMIT);

		const [item] = await answerKey(ctx, attemptId);
		// past the normal deadline and its grace: the other contestant's attempt is over, this one is not
		ctx.clock.set(T0 + LIMIT + GRACE + 1);
		expect(await finalizeOverdueAttempts(ctx)).toBe(1);
		expect((await findAttempt(ctx.db, otherAttempt))!.status).toBe('finished');
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: [item.correctIds[0]], rev: 1 })
		).toEqual({
			ok: true,
			rev: 1
		});
		// within the extended deadline's grace, still saved
		ctx.clock.set(T0 + 30 * MINUTE + GRACE);
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: [item.wrongIds[0]], rev: 2 })
		).toEqual({
			ok: true,
			rev: 2
		});
		expect(await finalizeOverdueAttempts(ctx)).toBe(0);
		// one millisecond later: refused, and the sweeper finishes it at the extended deadline
		ctx.clock.set(T0 + 30 * MINUTE + GRACE + 1);
		expect(await finalizeOverdueAttempts(ctx)).toBe(1);
		expect((await findAttempt(ctx.db, attemptId))!).toMatchObject({
			status: 'finished',
			finish_reason: 'timeout',
			submitted_at: T0 + 30 * MINUTE,
			duration_ms: 30 * MINUTE
		});
		expect(
			await saveAnswer(ctx, attemptId, userId, { position: item.position, optionIds: [item.correctIds[0]], rev: 3 })
		).toEqual({
			ok: false,
			reason: 'attempt_closed'
		});
	});

	it('never runs past the round’s close', async () => {
		ctx.clock.set(T0 + 24 * 60 * MINUTE - 25 * MINUTE);
		await grant({ extraTimePct: '100' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		// 40 minutes granted, 25 left before the close
		expect((await findAttempt(ctx.db, attemptId))!.deadline).toBe(T0 + 24 * 60 * MINUTE);
	});

	it('a round’s own grant wins over the contest-wide one; the round page shows the longer limit', async () => {
		await grant({ extraTimePct: '25' });
		await grant({ extraTimePct: '50', roundId: fixture.roundId });
		const progress = await getRoundProgress(ctx, fixture.roundId, userId);
		expect(progress).toMatchObject({ timeLimitMs: 30 * MINUTE, maxAttempts: 1, attemptsLeft: 1 });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		expect((await findAttempt(ctx.db, attemptId))!.deadline).toBe(T0 + 30 * MINUTE);
	});

	it('a second grant for the same contestant and round replaces the first', async () => {
		await grant({ extraTimePct: '25' });
		await grant({ extraTimePct: '75', reason: 'Giấy xác nhận mới của bác sĩ.' });
		const rows = await ctx.db.selectFrom('accommodation').selectAll().execute();
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ extra_time_pct: 75, round_id: null, reason: 'Giấy xác nhận mới của bác sĩ.' });
	});
});

describe('extra attempts', () => {
	it('allows the round’s max plus the extra ones, no more', async () => {
		await grant({ extraAttempts: '1' });
		const first = await startFresh(ctx, userId, fixture.roundId);
		await submitAttempt(ctx, first, userId, 1);
		expect(await getRoundProgress(ctx, fixture.roundId, userId)).toMatchObject({ maxAttempts: 2, attemptsLeft: 1 });
		const second = await startFresh(ctx, userId, fixture.roundId);
		await submitAttempt(ctx, second, userId, 1);
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'attempt_limit' });
		// the other contestant has the round's one attempt
		const theirs = await startFresh(ctx, otherId, fixture.roundId);
		await submitAttempt(ctx, theirs, otherId, 1);
		expect(await startAttempt(ctx, otherId, fixture.roundId)).toEqual({ ok: false, reason: 'attempt_limit' });
	});

	it('after a revocation, the round’s own limit applies again', async () => {
		await grant({ extraAttempts: '2', extraTimePct: '10' });
		const [row] = await ctx.db.selectFrom('accommodation').select('id').execute();
		expect(await revokeAccommodation(ctx, organizer, fixture.contestId, row.id, 'Cấp nhầm người.')).toEqual({
			ok: true,
			fullName: 'Lê Văn Khiếm'
		});
		const first = await startFresh(ctx, userId, fixture.roundId);
		expect((await findAttempt(ctx.db, first))!.deadline).toBe(T0 + LIMIT);
		await submitAttempt(ctx, first, userId, 1);
		expect(await startAttempt(ctx, userId, fixture.roundId)).toEqual({ ok: false, reason: 'attempt_limit' });
		expect(await revokeAccommodation(ctx, organizer, fixture.contestId, row.id, 'Lần nữa.')).toEqual({
			ok: false,
			reason: 'accommodation_not_found'
		});
	});
});

describe('granting', () => {
	it('writes each grant and revocation to the audit log with the actor, the person and the reason', async () => {
		await grant({ extraTimePct: '50', extraAttempts: '1', roundId: fixture.roundId });
		const [row] = await ctx.db.selectFrom('accommodation').select('id').execute();
		await revokeAccommodation(ctx, organizer, fixture.contestId, row.id, 'Thí sinh đã rút khỏi cuộc thi.');
		const entries = await auditActions();
		expect(entries.map((e) => e.action)).toEqual(['accommodation.grant', 'accommodation.revoke']);
		expect(entries.every((e) => e.actor_id === organizer.id)).toBe(true);
		expect(entries[0].summary).toBe(
			'Cấp hỗ trợ đặc biệt cho Lê Văn Khiếm: +50% thời gian, +1 lượt (Tuần thi thứ 1). Lý do: Thí sinh khiếm thị, dùng trình đọc màn hình.'
		);
		expect(JSON.parse(entries[0].detail_json)).toEqual({
			userId,
			roundId: fixture.roundId,
			extraTimePct: 50,
			extraAttempts: 1,
			reason: 'Thí sinh khiếm thị, dùng trình đọc màn hình.'
		});
		expect(entries[1].summary).toBe('Thu hồi hỗ trợ đặc biệt của Lê Văn Khiếm. Lý do: Thí sinh đã rút khỏi cuộc thi.');
	});

	it('refuses a person not registered in the contest and a round of another contest, writing nothing', async () => {
		const stranger = await person('organizer', '0900000333');
		expect(await grant({ userId: stranger.id, extraTimePct: '50' })).toEqual({
			ok: false,
			reason: 'accommodation_contestant'
		});
		const another = await createFixtureContest(ctx, { opensAt: T0, closesAt: T0 + 60 * MINUTE });
		expect(await grant({ roundId: another.roundId, extraTimePct: '50' })).toEqual({
			ok: false,
			reason: 'accommodation_round'
		});
		expect(await ctx.db.selectFrom('accommodation').selectAll().execute()).toEqual([]);
		expect(await auditActions()).toEqual([]);
	});

	it('the form needs a reason and something to grant, within bounds', () => {
		const issues = (input: Record<string, string>) => {
			const parsed = grantAccommodationSchema.safeParse({ userId: 'u', roundId: '', ...input });
			return parsed.success ? [] : parsed.error.issues.map((i) => `${String(i.path[0])}:${i.message}`);
		};
		expect(issues({ extraTimePct: '50', extraAttempts: '', reason: 'ngắn' })).toEqual([
			'reason:error.accommodation_reason'
		]);
		expect(issues({ extraTimePct: '', extraAttempts: '', reason: 'Lý do đầy đủ.' })).toEqual([
			'extraTimePct:error.accommodation_empty'
		]);
		expect(issues({ extraTimePct: '301', extraAttempts: '0', reason: 'Lý do đầy đủ.' })).toEqual([
			'extraTimePct:error.accommodation_time'
		]);
		expect(issues({ extraTimePct: '12.5', extraAttempts: '0', reason: 'Lý do đầy đủ.' })).toEqual([
			'extraTimePct:error.accommodation_time'
		]);
		expect(issues({ extraTimePct: '0', extraAttempts: '21', reason: 'Lý do đầy đủ.' })).toEqual([
			'extraAttempts:error.accommodation_attempts'
		]);
	});

	it('finds registered contestants by name or phone, and lists the grants', async () => {
		const outsider = await person('organizer', '0912000003');
		expect(outsider.id).toBeTruthy();
		const byName = await getAccommodationPage(ctx, fixture.contestId, 'khiếm');
		expect(byName?.matches?.map((m) => m.fullName)).toEqual(['Lê Văn Khiếm']);
		const byPhone = await getAccommodationPage(ctx, fixture.contestId, '091200');
		// the organizer with a similar phone is not registered in the contest
		expect(byPhone?.matches?.map((m) => m.phone)).toEqual(['0912000001', '0912000002']);
		await grant({ extraTimePct: '50' });
		const page = await getAccommodationPage(ctx, fixture.contestId, '');
		expect(page?.matches).toBeNull();
		expect(page?.grants).toMatchObject([
			{ fullName: 'Lê Văn Khiếm', extraTimePct: 50, extraAttempts: 0, roundName: null, grantedBy: 'Ban Tổ chức 111' }
		]);
	});
});
