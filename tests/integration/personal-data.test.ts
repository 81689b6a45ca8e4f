import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeRound } from '../../src/lib/server/results/close.service';
import { listUnitResults, listWinners } from '../../src/lib/server/results/results.repository';
import { getRoundStatistics } from '../../src/lib/server/results/statistics.service';
import { newId } from '../../src/lib/server/ids';
import {
	carryOutDeletion,
	declineDeletion,
	listContestRequests,
	listMyRequests,
	requestDeletion
} from '../../src/lib/server/privacy/data-request.service';
import { recordAudit } from '../../src/lib/server/audit/audit.repository';
import { exportPersonalData } from '../../src/lib/server/privacy/personal-data.service';
import { personalDataWorkbook } from '../../src/lib/server/privacy/personal-data.xlsx';
import { setRetentionSettings } from '../../src/lib/server/privacy/privacy-page.service';
import { purgeContest, purgeExpiredContests } from '../../src/lib/server/privacy/purge.service';
import { insertRegistration, insertUser } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { findEverywhere as findAnywhere } from '../helpers/find-everywhere';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

// Issue 14, "Personal data": the export holds the contestant's data and signals and nobody
// else's, never an open round's key; a deletion request reaches each contest's organizers; the
// purge leaves no phone, email or name of the purged anywhere and the statistics unchanged.

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let ctx: TestContext;
let fixture: Fixture;
let T0: number;
const admin = { id: 'admin-x', role: 'admin' as const };

interface Person {
	id: string;
	phone: string;
	email: string;
	fullName: string;
}

async function person(f: Fixture, phone: string, fullName: string, unit: 0 | 1 = 0): Promise<Person> {
	const id = await createContestant(ctx, f, { phone, fullName, unit });
	const email = `nguoi${phone.slice(-4)}@thu.example.vn`;
	await ctx.db
		.updateTable('app_user')
		.set({ email, device_id: `dev-${phone}`, ip_hash: `ip-${phone}`, user_agent: `UA ${phone}` })
		.where('id', '=', id)
		.execute();
	return { id, phone, email, fullName };
}

/** What the fair-play recording writes for an attempt (its own branch fills these in the app). */
async function recordSignals(attemptId: string, tag: string): Promise<void> {
	await ctx.db
		.updateTable('attempt')
		.set({ device_id: `dev-${tag}`, ip_hash: `ip-${tag}`, user_agent: `UA ${tag}` })
		.where('id', '=', attemptId)
		.execute();
	await ctx.db
		.insertInto('attempt_event')
		.values([
			{ attempt_id: attemptId, kind: 'shown', position: 0, value_json: null, at: ctx.clock.now() },
			{ attempt_id: attemptId, kind: 'hidden', position: null, value_json: null, at: ctx.clock.now() + 1 }
		])
		.execute();
	// what the analysis and an organizer's review add (migration 0017)
	await ctx.db
		.insertInto('attempt_flag')
		.values({
			round_id: fixture.roundId,
			attempt_id: attemptId,
			signal: 'shared_device',
			score: 2,
			detail_json: JSON.stringify({ accounts: 2, partner: `partner-of-${tag}` }),
			computed_at: ctx.clock.now()
		})
		.execute();
	await ctx.db
		.insertInto('attempt_review')
		.values({
			id: `review-${tag}`,
			attempt_id: attemptId,
			decision: 'cleared',
			note: `note ${tag}`,
			reviewer_id: null,
			at: ctx.clock.now()
		})
		.execute();
}

/** The fair-play flags and review decisions left on a person's attempts. */
async function findingsOf(userId: string): Promise<number> {
	const count = async (table: 'attempt_flag' | 'attempt_review') =>
		Number(
			(
				await ctx.db
					.selectFrom(table)
					.innerJoin('attempt as a', 'a.id', `${table}.attempt_id`)
					.select((eb) => eb.fn.countAll().as('n'))
					.where('a.user_id', '=', userId)
					.executeTakeFirstOrThrow()
			).n
		);
	return (await count('attempt_flag')) + (await count('attempt_review'));
}

function findEverywhere(needle: string): Promise<string[]> {
	return findAnywhere(ctx.db, needle);
}

async function eventsOf(userId: string): Promise<number> {
	const row = await ctx.db
		.selectFrom('attempt_event as e')
		.innerJoin('attempt as a', 'a.id', 'e.attempt_id')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('a.user_id', '=', userId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

beforeEach(async () => {
	ctx = await createTestContext();
	T0 = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: T0 - HOUR, closesAt: T0 + DAY, maxAttempts: 2 });
	await insertUser(ctx.db, {
		id: admin.id,
		phone: '0999000000',
		full_name: 'Quản trị',
		birth_date: null,
		email: null,
		password_hash: 'x',
		role: 'admin',
		created_at: T0
	});
});

afterEach(async () => {
	await ctx.dispose();
});

describe('the personal-data export', () => {
	it("holds the contestant's profile, attempts, answers and signals, nobody else's, and no key while the round is open", async () => {
		const alice = await person(fixture, '0901111111', 'Nguyễn Thị Riêng');
		const bob = await person(fixture, '0902222222', 'Trần Văn Khác', 1);
		const mine = await runAttempt(ctx, alice.id, fixture.roundId, { startAt: T0, correct: 3, durationMs: 5 * MINUTE });
		await recordSignals(mine, 'alice');
		const theirs = await runAttempt(ctx, bob.id, fixture.roundId, { startAt: T0, correct: 5, durationMs: 4 * MINUTE });
		await recordSignals(theirs, 'bob');

		const data = await exportPersonalData(ctx, alice.id);
		expect(data).not.toBeNull();
		const text = JSON.stringify(data);
		expect(data!.profile).toMatchObject({ phone: alice.phone, fullName: alice.fullName, email: alice.email });
		expect(data!.profile.signals).toEqual({
			deviceId: `dev-${alice.phone}`,
			ipHash: `ip-${alice.phone}`,
			userAgent: `UA ${alice.phone}`
		});
		expect(data!.registrations).toHaveLength(1);
		expect(data!.attempts).toHaveLength(1);
		const attempt = data!.attempts[0];
		expect(attempt.score).toBe(3);
		expect(attempt.items).toHaveLength(5);
		expect(attempt.items.every((i) => i.answer.length > 0 && i.options.length >= 2)).toBe(true);
		expect(attempt.signals).toMatchObject({ deviceId: 'dev-alice', ipHash: 'ip-alice', userAgent: 'UA alice' });
		// the answer events of her 5 saves (server time of each save), then what the page reported
		expect(attempt.signals.events.map((e) => e.kind)).toEqual([...Array(5).fill('answer'), 'shown', 'hidden']);
		// the findings about the attempt and the decision on it, without the detail naming others
		expect(attempt.fairPlay.flags).toMatchObject([{ signal: 'shared_device', score: 2 }]);
		expect(attempt.fairPlay.decisions).toMatchObject([{ decision: 'cleared', note: 'note alice' }]);
		expect(text).not.toContain('partner-of-alice');
		expect(text).not.toContain('note bob');
		// the round is open: no correctness, no key
		expect(attempt.answerKeyIncluded).toBe(false);
		expect(text).not.toContain('correctOptions');
		expect(text).not.toContain('"correct"');
		// nobody else's data
		for (const other of [bob.phone, bob.fullName, bob.email, 'dev-bob', 'UA bob']) expect(text).not.toContain(other);

		// the readable workbook carries the same
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await personalDataWorkbook(data!)) as unknown as ArrayBuffer);
		const values = (name: string) =>
			workbook
				.getWorksheet(name)!
				.getSheetValues()
				.filter(Boolean)
				.map((row) => (row as unknown[]).slice(1));
		expect(values('Hồ sơ')).toContainEqual(['Số điện thoại', alice.phone]);
		expect(
			values('Tín hiệu')
				.slice(1)
				.map((r) => r[2])
		).toEqual([...Array(5).fill('answer'), 'shown', 'hidden']);
		expect(
			values('Câu trả lời')
				.slice(1)
				.every((r) => r[7] == null && r[8] == null)
		).toBe(true);
		expect(values('Câu trả lời')).toHaveLength(6);
		expect(JSON.stringify(values('Lượt thi'))).not.toContain(bob.phone);

		const audit = await ctx.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'personal_data.export')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].actor_id).toBe(alice.id);

		// once the round is over (and its answers are shown after close), the key comes with it
		ctx.clock.set(T0 + DAY + HOUR);
		const after = await exportPersonalData(ctx, alice.id);
		const items = after!.attempts[0].items;
		expect(after!.attempts[0].answerKeyIncluded).toBe(true);
		expect(items.filter((i) => 'correct' in i && i.correct === true)).toHaveLength(3);
		expect(items.every((i) => 'correctOptions' in i && i.correctOptions!.length >= 1)).toBe(true);
	});
});

describe('a deletion request', () => {
	it('reaches the organizers, can be declined with a reason, and carried out: no trace of the person left', async () => {
		const alice = await person(fixture, '0901111111', 'Nguyễn Thị Riêng');
		const bob = await person(fixture, '0902222222', 'Trần Văn Khác', 1);
		await recordSignals(
			await runAttempt(ctx, alice.id, fixture.roundId, { startAt: T0, correct: 3, durationMs: 5 * MINUTE }),
			'alice'
		);
		await recordSignals(
			await runAttempt(ctx, bob.id, fixture.roundId, { startAt: T0, correct: 4, durationMs: 5 * MINUTE }),
			'bob'
		);
		await ctx.db
			.insertInto('session')
			.values({ id: 'sess-alice', user_id: alice.id, expires_at: T0 + DAY, created_at: T0 })
			.execute();

		expect(await requestDeletion(ctx, alice.id, 'Tôi không thi nữa, gọi 0901111111')).toEqual({
			ok: true,
			contests: 1
		});
		expect(await requestDeletion(ctx, alice.id, '')).toEqual({ ok: false, reason: 'request_pending' });
		const [request] = await listContestRequests(ctx, fixture.contestId);
		expect(request).toMatchObject({ fullName: alice.fullName, phoneHint: '090****111', status: 'pending' });
		expect((await listMyRequests(ctx, alice.id)).map((r) => r.status)).toEqual(['pending']);

		expect(await declineDeletion(ctx, admin, fixture.contestId, request.id, 'Đang xét khiếu nại')).toEqual({
			ok: true
		});
		expect(await declineDeletion(ctx, admin, fixture.contestId, request.id, 'lần nữa')).toEqual({
			ok: false,
			reason: 'request_decided'
		});
		expect(await listMyRequests(ctx, alice.id)).toMatchObject([{ status: 'declined', reason: 'Đang xét khiếu nại' }]);

		ctx.clock.advance(MINUTE);
		expect((await requestDeletion(ctx, alice.id, 'Lần hai')).ok).toBe(true);
		const pending = (await listContestRequests(ctx, fixture.contestId)).find((r) => r.status === 'pending')!;
		// another contest's organizer cannot reach it through their contest
		const other = await createFixtureContest(ctx, { opensAt: T0, closesAt: T0 + DAY });
		expect(await carryOutDeletion(ctx, admin, other.contestId, pending.id)).toEqual({
			ok: false,
			reason: 'request_not_found'
		});
		// an earlier audit entry that named her (a judge's note) is scrubbed too
		await recordAudit(
			ctx.db,
			{
				actorId: admin.id,
				action: 'attempt.disqualify',
				entity: 'attempt',
				entityId: 'x',
				summary: `Loại bài của ${alice.fullName} (${alice.phone})`,
				detail: { email: alice.email }
			},
			ctx.clock.now()
		);
		expect(await carryOutDeletion(ctx, admin, fixture.contestId, pending.id)).toEqual({ ok: true });

		expect(await eventsOf(alice.id)).toBe(0);
		// bob's: the two recorded above and the answer events of his 5 saves, all kept
		expect(await eventsOf(bob.id)).toBe(7);
		expect(await findingsOf(alice.id)).toBe(0);
		expect(await findingsOf(bob.id)).toBe(2);
		for (const needle of [
			alice.phone,
			alice.email,
			alice.fullName,
			'dev-alice',
			'ip-alice',
			'UA alice',
			`dev-${alice.phone}`
		]) {
			expect(await findEverywhere(needle), needle).toEqual([]);
		}
		for (const needle of [bob.phone, bob.fullName, 'dev-bob']) {
			expect((await findEverywhere(needle)).length).toBeGreaterThan(0);
		}
		const account = await ctx.db
			.selectFrom('app_user')
			.selectAll()
			.where('id', '=', alice.id)
			.executeTakeFirstOrThrow();
		expect(account.full_name).toMatch(/^Ẩn danh #/);
		expect(account.anonymized_at).not.toBeNull();
		expect(await ctx.db.selectFrom('session').select('id').where('user_id', '=', alice.id).execute()).toEqual([]);
		// the result stays, anonymized
		const attempts = await ctx.db.selectFrom('attempt').select(['score']).where('user_id', '=', alice.id).execute();
		expect(attempts).toEqual([{ score: 3 }]);
		const actions = (await ctx.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'personal_data.request_deletion',
				'personal_data.decline_deletion',
				'personal_data.delete'
			])
		);
	});

	it('keeps a shared account for the other contest it takes part in, and anonymizes it when that one lets go too', async () => {
		const second = await createFixtureContest(ctx, { opensAt: T0 - HOUR, closesAt: T0 + 2 * DAY });
		const carol = await person(fixture, '0903333333', 'Lê Thị Chung');
		await insertRegistration(ctx.db, {
			id: newId(),
			contest_id: second.contestId,
			user_id: carol.id,
			unit_id: second.unitIds[0],
			group_id: second.groupIds[0],
			consented_at: T0,
			created_at: T0
		});
		await recordSignals(
			await runAttempt(ctx, carol.id, fixture.roundId, { startAt: T0, correct: 2, durationMs: MINUTE }),
			'carol-1'
		);
		await recordSignals(
			await runAttempt(ctx, carol.id, second.roundId, { startAt: T0, correct: 2, durationMs: MINUTE }),
			'carol-2'
		);

		expect(await requestDeletion(ctx, carol.id, '')).toEqual({ ok: true, contests: 2 });
		const first = (await listContestRequests(ctx, fixture.contestId))[0];
		expect(await carryOutDeletion(ctx, admin, fixture.contestId, first.id)).toEqual({ ok: true });
		// the first contest's signals went; the account stays for the second contest
		expect(await findEverywhere('dev-carol-1')).toEqual([]);
		expect((await findEverywhere('dev-carol-2')).length).toBeGreaterThan(0);
		expect((await findEverywhere(carol.phone)).length).toBeGreaterThan(0);

		const last = (await listContestRequests(ctx, second.contestId))[0];
		expect(await carryOutDeletion(ctx, admin, second.contestId, last.id)).toEqual({ ok: true });
		for (const needle of [carol.phone, carol.email, carol.fullName, 'dev-carol-2']) {
			expect(await findEverywhere(needle), needle).toEqual([]);
		}
	});
});

describe('the retention purge', () => {
	it('waits for the retention period, then leaves no personal data and the statistics as they were', async () => {
		await ctx.db
			.updateTable('round')
			.set({
				prize_counts_json: JSON.stringify(
					Object.fromEntries(fixture.groupIds.map((g) => [g, { first: 1, second: 0, third: 0, consolation: 0 }]))
				)
			})
			.where('id', '=', fixture.roundId)
			.execute();
		await setRetentionSettings(ctx, admin, fixture.contestId, {
			retentionDays: 30,
			privacyContact: 'dulieu@so.example.vn'
		});
		const people: Person[] = [];
		for (let n = 0; n < 6; n++) {
			const p = await person(fixture, `09044444${String(n).padStart(2, '0')}`, `Phạm Văn Số${n}`, (n % 2) as 0 | 1);
			people.push(p);
			const attemptId = await runAttempt(ctx, p.id, fixture.roundId, {
				startAt: T0 + n * MINUTE,
				correct: n % 6,
				durationMs: (3 + n) * MINUTE,
				prediction: n
			});
			await recordSignals(attemptId, `p${n}`);
		}
		ctx.clock.set(T0 + DAY + HOUR);
		expect((await closeRound(ctx, fixture.roundId, null)).ok).toBe(true);

		const figures = async () => {
			const stats = await getRoundStatistics(ctx, fixture.roundId, { fresh: true });
			return {
				stats: { ...stats!, computedAt: 0 },
				units: await listUnitResults(ctx.db, fixture.roundId, false),
				final: await ctx.db
					.selectFrom('final_result')
					.selectAll()
					.where('round_id', '=', fixture.roundId)
					.orderBy('group_id')
					.orderBy('rank')
					.execute()
			};
		};
		const before = await figures();
		const winners = await listWinners(ctx.db, fixture.roundId);
		expect(winners.length).toBeGreaterThan(0);

		expect(await purgeContest(ctx, fixture.contestId, admin)).toEqual({ ok: false, reason: 'retention_not_over' });
		expect(await purgeExpiredContests(ctx)).toEqual([]);
		ctx.clock.set(T0 + DAY + 30 * DAY);
		const purged = await purgeContest(ctx, fixture.contestId, admin);
		expect(purged.ok).toBe(true);
		expect(await purgeContest(ctx, fixture.contestId, admin)).toEqual({ ok: false, reason: 'already_purged' });

		expect(await figures()).toEqual(before);
		const winnerIds = new Set(before.final.filter((f) => f.prize !== null).map((f) => f.user_id));
		expect(winnerIds.size).toBe(winners.length);
		for (const [n, p] of people.entries()) {
			const needles = [p.phone, p.email, `dev-p${n}`, `ip-p${n}`, `UA p${n}`, `dev-${p.phone}`];
			if (!winnerIds.has(p.id)) needles.push(p.fullName);
			for (const needle of needles) expect(await findEverywhere(needle), needle).toEqual([]);
		}
		// the winners' names stay where the announcement published them
		expect((await listWinners(ctx.db, fixture.roundId)).map((w) => w.fullName)).toEqual(winners.map((w) => w.fullName));
		expect(await ctx.db.selectFrom('attempt_event').select('attempt_id').execute()).toEqual([]);
	});

	it('runs from the sweeper once the period is over, and only once', async () => {
		const p = await person(fixture, '0905555555', 'Đỗ Thị Quét');
		await recordSignals(
			await runAttempt(ctx, p.id, fixture.roundId, { startAt: T0, correct: 1, durationMs: MINUTE }),
			'sweep'
		);
		ctx.clock.set(T0 + DAY + 364 * DAY);
		expect(await purgeExpiredContests(ctx)).toEqual([]);
		ctx.clock.set(T0 + DAY + 365 * DAY);
		expect(await purgeExpiredContests(ctx)).toEqual([fixture.contestId]);
		expect(await purgeExpiredContests(ctx)).toEqual([]);
		expect(await findEverywhere(p.phone)).toEqual([]);
		expect(await findEverywhere('dev-sweep')).toEqual([]);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'personal_data.purge_contest')
			.execute();
		expect(audit).toHaveLength(1);
		expect(audit[0].actor_id).toBeNull();
	});

	it('scrubs the audit log of many contestants in one pass, and leaves everyone else in it as written', async () => {
		// 12 people are 36 texts to find: more than the database's LIKE filter takes, so the log is
		// read in pages and searched for all of them at once
		const people: Person[] = [];
		for (let n = 0; n < 12; n++) {
			const p = await person(fixture, `09066666${String(n).padStart(2, '0')}`, `Lý Thị Nhiều${n}`);
			people.push(p);
			await recordAudit(
				ctx.db,
				{
					actorId: admin.id,
					action: 'registration.approve',
					entity: 'user',
					entityId: p.id,
					summary: `Duyệt ${p.fullName} (${p.phone}), cùng nhóm với ${people[0].fullName}`,
					detail: { email: p.email, note: `"${p.fullName}"` }
				},
				ctx.clock.now()
			);
		}
		const outsider = `Người Ngoài ${people[0].phone.slice(0, 6)}`;
		await recordAudit(
			ctx.db,
			{ actorId: admin.id, action: 'contest.update', entity: 'contest', entityId: 'x', summary: outsider, detail: {} },
			ctx.clock.now()
		);
		ctx.clock.set(T0 + DAY + 366 * DAY);
		expect((await purgeContest(ctx, fixture.contestId, admin)).ok).toBe(true);
		for (const p of people) {
			for (const needle of [p.phone, p.email, p.fullName]) expect(await findEverywhere(needle), needle).toEqual([]);
		}
		const rows = await ctx.db.selectFrom('audit_log').select(['entity_id', 'summary']).execute();
		const summaryOf = (id: string) => rows.find((r) => r.entity_id === id)?.summary;
		expect(summaryOf(people[3].id)).toBe(
			`Duyệt Ẩn danh #${people[3].id.slice(0, 6).toUpperCase()} (Ẩn danh #${people[3].id.slice(0, 6).toUpperCase()}), cùng nhóm với Ẩn danh #${people[0].id.slice(0, 6).toUpperCase()}`
		);
		expect(summaryOf('x')).toBe(outsider);
	});
});
