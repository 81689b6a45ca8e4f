import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadLeakReport } from '../../src/lib/server/fair-play/leak-report';
import { exportReviewWorkbook } from '../../src/lib/server/fair-play/review-export';
import { loadEvidence, loadReviewQueue, reviewAttempt } from '../../src/lib/server/fair-play/review.service';
import {
	analyzeClosedRounds,
	analyzeRoundFairPlay,
	isAnalysisRunning,
	stopAnalyses
} from '../../src/lib/server/fair-play/runner';
import { closeRound } from '../../src/lib/server/results/close.service';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { runAttempt } from './support';

let ctx: TestContext;
let fixture: Fixture;
let organizer: string;
let opensAt: number;
const names = new Map<string, string>();

beforeEach(async () => {
	ctx = await createTestContext();
	opensAt = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt, closesAt: opensAt + 60 * MINUTE, maxAttempts: 1 });
	organizer = await createContestant(ctx, fixture, { phone: '0900000009', fullName: 'Ban tổ chức' });
	await ctx.db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', organizer).execute();
	await ctx.db.deleteFrom('registration').where('user_id', '=', organizer).execute();
	await ctx.db
		.updateTable('round')
		.set({
			prize_counts_json: JSON.stringify({ [fixture.groupIds[0]]: { first: 1, second: 1, third: 0, consolation: 0 } })
		})
		.execute();
});

afterEach(async () => {
	await ctx.dispose();
});

/** 10 honest attempts of 2–4 minutes, a script of 4 s with every answer right, two accounts on one device. */
async function seedRound(): Promise<{ script: string; shared: string[]; honest: string[] }> {
	const honest: string[] = [];
	for (let i = 0; i < 10; i++) {
		const user = await createContestant(ctx, fixture, {
			phone: `09150000${String(i).padStart(2, '0')}`,
			fullName: `Thí sinh ${i}`
		});
		const id = await runAttempt(ctx, user, fixture.roundId, {
			startAt: opensAt + i * MINUTE,
			correct: 2 + (i % 3),
			durationMs: 2 * MINUTE + i * 12_000
		});
		honest.push(id);
		names.set(id, `Thí sinh ${i}`);
	}
	const scripter = await createContestant(ctx, fixture, { phone: '0915000099', fullName: 'Người dùng kịch bản' });
	const script = await runAttempt(ctx, scripter, fixture.roundId, {
		startAt: opensAt + 20 * MINUTE,
		correct: 5,
		durationMs: 4000
	});
	const shared = honest.slice(0, 2);
	await ctx.db.updateTable('attempt').set({ device_id: 'thiet-bi-chung' }).where('id', 'in', shared).execute();
	for (const id of [...honest.slice(2), script]) {
		await ctx.db
			.updateTable('attempt')
			.set({ device_id: `rieng-${id}` })
			.where('id', '=', id)
			.execute();
	}
	return { script, shared, honest: honest.slice(2) };
}

async function closeNow() {
	ctx.clock.set(opensAt + 61 * MINUTE);
	const closed = await closeRound(ctx, fixture.roundId, organizer);
	expect(closed.ok).toBe(true);
}

async function prizeOf(attemptId: string) {
	const row = await ctx.db
		.selectFrom('final_result')
		.select('prize')
		.where('attempt_id', '=', attemptId)
		.executeTakeFirst();
	return row?.prize ?? null;
}

describe('the fair-play analysis and its review', () => {
	it('stores the flags of a closed round, once per run, from the sweeper and on demand', async () => {
		const { script, shared, honest } = await seedRound();
		await closeNow();
		expect(await analyzeClosedRounds(ctx)).toBe(1);
		expect(await analyzeClosedRounds(ctx)).toBe(0);
		const flags = await ctx.db.selectFrom('attempt_flag').selectAll().where('round_id', '=', fixture.roundId).execute();
		const of = (signal: string) =>
			flags
				.filter((f) => f.signal === signal)
				.map((f) => f.attempt_id)
				.sort();
		expect(of('too_fast')).toEqual([script]);
		expect(of('shared_device')).toEqual([...shared].sort());
		for (const id of honest) expect(flags.some((f) => f.attempt_id === id)).toBe(false);
		const fast = flags.find((f) => f.signal === 'too_fast')!;
		expect(JSON.parse(fast.detail_json)).toMatchObject({ perQuestionMs: 800, durationMs: 4000 });

		// the organizer's floor replaces the round's, and a new run replaces the flags
		await ctx.db.updateTable('round').set({ fast_floor_ms: 10_000 }).where('id', '=', fixture.roundId).execute();
		const again = await analyzeRoundFairPlay(ctx, fixture.roundId, organizer);
		expect(again.ok && again.summary.floorMs).toBe(10_000);
		expect(again.ok && again.summary.attempts).toBe(11);
		const after = await ctx.db
			.selectFrom('attempt_flag')
			.select('attempt_id')
			.where('signal', '=', 'too_fast')
			.execute();
		expect(after.map((r) => r.attempt_id)).toEqual([script]);
		const run = await ctx.db
			.selectFrom('fair_play_run')
			.selectAll()
			.where('round_id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		expect(run).toMatchObject({ attempts: 11, flags: 3, floor_ms: 10_000 });
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('action')
			.where('action', '=', 'round.fair_play_analysis')
			.execute();
		expect(audit).toHaveLength(2);
	});

	it('stops at the app shutdown between slices, storing nothing, and starts no other analysis after', async () => {
		await seedRound();
		await closeNow();
		const running = analyzeRoundFairPlay(ctx, fixture.roundId, organizer, { pageSize: 2 });
		while (!isAnalysisRunning(fixture.roundId)) await new Promise((resolve) => setImmediate(resolve));
		await stopAnalyses(ctx.db);
		expect(isAnalysisRunning(fixture.roundId)).toBe(false);
		expect(await running).toEqual({ ok: false, reason: 'busy' });
		expect(await ctx.db.selectFrom('attempt_flag').select('attempt_id').execute()).toEqual([]);
		expect(await ctx.db.selectFrom('fair_play_run').select('round_id').execute()).toEqual([]);
		expect(await analyzeRoundFairPlay(ctx, fixture.roundId, organizer)).toEqual({ ok: false, reason: 'busy' });
		expect(await analyzeClosedRounds(ctx)).toBe(0);
		// the database is still whole for the rest of the shutdown
		expect(await ctx.db.selectFrom('round').select('id').execute()).toHaveLength(1);
	});

	it('disqualifies with a reason through the results flow, moves the prize on re-close, clears with a note, all audited', async () => {
		const { script, shared } = await seedRound();
		await closeNow();
		expect(await prizeOf(script)).toBe('first');
		await analyzeRoundFairPlay(ctx, fixture.roundId, organizer);

		const queue = await loadReviewQueue(ctx, fixture.roundId, { signal: null, unitId: null });
		expect(queue.entries.map((e) => e.attemptId).sort()).toEqual([script, ...shared].sort());
		const onlyDevice = await loadReviewQueue(ctx, fixture.roundId, { signal: 'shared_device', unitId: null });
		expect(onlyDevice.entries.map((e) => e.attemptId).sort()).toEqual([...shared].sort());
		const otherUnit = await loadReviewQueue(ctx, fixture.roundId, { signal: null, unitId: fixture.unitIds[1] });
		expect(otherUnit.entries).toEqual([]);

		const evidence = await loadEvidence(ctx, fixture.roundId, shared[0]);
		expect(evidence?.others.map((o) => o.attemptId)).toEqual([shared[1]]);
		expect(evidence?.questions).toHaveLength(5);
		expect([...evidence!.attempt.answers.values()].every((a) => /^[A-D]+$/.test(a.letters))).toBe(true);

		const reason = 'Làm 5 câu trong 4 giây, bằng công cụ tự động';
		expect(
			await reviewAttempt(ctx, {
				roundId: fixture.roundId,
				attemptId: script,
				actorId: organizer,
				decision: 'disqualified',
				note: reason
			})
		).toEqual({ ok: true });
		expect(
			await reviewAttempt(ctx, {
				roundId: fixture.roundId,
				attemptId: shared[0],
				actorId: organizer,
				decision: 'cleared',
				note: 'Hai vợ chồng dùng chung điện thoại'
			})
		).toEqual({ ok: true });
		// an attempt the analysis did not flag is not the review's
		const unflagged = (
			await ctx.db
				.selectFrom('attempt')
				.select('id')
				.where('id', 'not in', [script, ...shared])
				.executeTakeFirstOrThrow()
		).id;
		expect(
			await reviewAttempt(ctx, {
				roundId: fixture.roundId,
				attemptId: unflagged,
				actorId: organizer,
				decision: 'cleared',
				note: 'x'
			})
		).toEqual({ ok: false, reason: 'not_flagged' });

		const attempt = await ctx.db.selectFrom('attempt').selectAll().where('id', '=', script).executeTakeFirstOrThrow();
		expect(attempt).toMatchObject({ disqualified: 1, disqualified_reason: reason, disqualified_by: organizer });
		const actions = (await ctx.db.selectFrom('audit_log').select(['action', 'entity_id']).execute()).map(
			(r) => `${r.action}:${r.entity_id}`
		);
		expect(actions).toEqual(
			expect.arrayContaining([
				`attempt.disqualify:${script}`,
				`fair_play.disqualify:${script}`,
				`fair_play.clear:${shared[0]}`
			])
		);

		await closeNow();
		expect(await prizeOf(script)).toBeNull();
		const firsts = await ctx.db.selectFrom('final_result').select('attempt_id').where('prize', '=', 'first').execute();
		expect(firsts).toHaveLength(1);
		expect(firsts[0].attempt_id).not.toBe(script);

		const reviewed = await loadReviewQueue(ctx, fixture.roundId, { signal: null, unitId: null });
		expect(reviewed.entries.find((e) => e.attemptId === script)?.review).toMatchObject({
			decision: 'disqualified',
			note: reason
		});
		// undecided first
		expect(reviewed.entries[0].attemptId).toBe(shared[1]);

		// clearing a disqualified attempt lifts the disqualification
		await reviewAttempt(ctx, {
			roundId: fixture.roundId,
			attemptId: script,
			actorId: organizer,
			decision: 'cleared',
			note: 'Xem lại: thí sinh chứng minh được'
		});
		expect(
			(await ctx.db.selectFrom('attempt').select('disqualified').where('id', '=', script).executeTakeFirstOrThrow())
				.disqualified
		).toBe(0);
	});

	it('exports the flags and decisions as a workbook, on the audit log', async () => {
		const { script } = await seedRound();
		await closeNow();
		await analyzeRoundFairPlay(ctx, fixture.roundId, organizer);
		await reviewAttempt(ctx, {
			roundId: fixture.roundId,
			attemptId: script,
			actorId: organizer,
			decision: 'disqualified',
			note: 'Công cụ tự động'
		});
		const buffer = await exportReviewWorkbook(ctx, organizer, { id: fixture.roundId, name: 'Tuần thi thứ 1' });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0];
		const rows: string[][] = [];
		sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
		expect(rows[0]).toEqual(expect.arrayContaining(['Họ và tên', 'Dấu hiệu', 'Quyết định']));
		expect(rows).toHaveLength(4);
		const scriptRow = rows.find((r) => r[2] === script)!;
		expect(scriptRow).toEqual(
			expect.arrayContaining(['Người dùng kịch bản', 'Làm bài quá nhanh', 'Loại', 'Công cụ tự động', 'Ban tổ chức'])
		);
		expect(rows.filter((r) => r[7] === 'Chưa rà soát')).toHaveLength(2);
		const audit = await ctx.db
			.selectFrom('audit_log')
			.select('summary')
			.where('action', '=', 'fair_play.export')
			.execute();
		expect(audit).toEqual([{ summary: 'Xuất biên bản rà soát gian lận Tuần thi thứ 1 (3 dòng)' }]);
	});

	it('counts facility and perfect scores by day of the round', async () => {
		await seedRound();
		const report = await loadLeakReport(ctx, fixture.roundId);
		expect(report!.perfect.map((d) => [d.day, d.n])).toEqual([[0, 11]]);
		expect(report!.perfect[0].hits).toBe(1);
		expect(report!.questions.length).toBeGreaterThanOrEqual(5);
		for (const q of report!.questions) expect(report!.texts.get(q.questionId)).toBeTruthy();
	});
});
