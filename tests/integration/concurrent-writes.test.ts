import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveAnswer, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import type { AppContext } from '../../src/lib/server/context';
import { buildLiveState } from '../../src/lib/server/realtime/live-state';
import { closeRound } from '../../src/lib/server/results/close.service';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { holdLock, settled } from '../helpers/lock-gate';
import { createTestContext, insertAdmin, type TestContext } from '../helpers/test-context';
import { answerKey, getAttemptRow, startFresh } from './support';

// Two app nodes writing to one database at once. On PostgreSQL each node is its own pool, and a
// third session holds a lock that stops both inside their transactions until the race is lined
// up, so the interleaving is certain, not a matter of luck. On SQLite the process's one
// connection is the only writer (anotherDb() is the same handle): the same calls queue.

let ctx: TestContext;
let nodeB: AppContext;
let fixture: Fixture;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, maxAttempts: 2 });
	nodeB = { db: ctx.anotherDb(), clock: ctx.clock, events: ctx.events };
});

afterEach(async () => {
	await ctx.dispose();
});

async function finishedRound(contestants: number): Promise<void> {
	for (let i = 0; i < contestants; i++) {
		const userId = await createContestant(ctx, fixture, { phone: `09150000${String(i).padStart(2, '0')}` });
		await finishVariedAttempt(ctx, fixture.roundId, userId, i, i);
	}
	ctx.clock.advance(2 * 60 * MINUTE);
}

async function closeRecord() {
	const close = await ctx.db
		.selectFrom('round_close')
		.select('runs')
		.where('round_id', '=', fixture.roundId)
		.executeTakeFirstOrThrow();
	const audits = await ctx.db
		.selectFrom('audit_log')
		.select('detail_json')
		.where('action', '=', 'round.close')
		.where('entity_id', '=', fixture.roundId)
		.execute();
	const finals = await ctx.db
		.selectFrom('final_result')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('round_id', '=', fixture.roundId)
		.executeTakeFirstOrThrow();
	return {
		runs: close.runs,
		auditedRuns: audits.map((a) => (JSON.parse(a.detail_json) as { runs: number }).runs).sort(),
		finals: Number(finals.n)
	};
}

describe('two nodes closing the same round at once', () => {
	it('close one after the other, each run counted once', async () => {
		await finishedRound(6);
		const admin = await insertAdmin(ctx, '0915999999');
		// both closes stop at the close record, inside their write transactions
		const gate = await holdLock(ctx, 'lock table round_close in access exclusive mode');
		const closing = Promise.all([
			closeRound(ctx, fixture.roundId, admin.id),
			closeRound(nodeB, fixture.roundId, admin.id)
		]);
		await gate.waiting(2, settled(closing));
		await gate.release();
		const [a, b] = await closing;
		expect(a.ok && b.ok).toBe(true);
		if (!a.ok || !b.ok) return;
		expect([a.summary.runs, b.summary.runs].sort()).toEqual([1, 2]);
		expect(await closeRecord()).toEqual({ runs: 2, auditedRuns: [1, 2], finals: 6 });
	});

	it('close once from two sweepers: the second node finds the round closed', async () => {
		await finishedRound(4);
		const gate = await holdLock(ctx, 'lock table round_close in access exclusive mode');
		const sweep = { unlessClosed: true };
		const closing = Promise.all([
			closeRound(ctx, fixture.roundId, null, sweep),
			closeRound(nodeB, fixture.roundId, null, sweep)
		]);
		await gate.waiting(2, settled(closing));
		await gate.release();
		const outcomes = await closing;
		expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
		expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: 'round_closed_already' }]);
		expect(await closeRecord()).toEqual({ runs: 1, auditedRuns: [1], finals: 4 });
	});
});

describe('an answer save racing the submit on another node', () => {
	it('is acknowledged only if the submit counted it', async () => {
		const userId = await createContestant(ctx, fixture, { phone: '0915100001' });
		const attemptId = await startFresh(ctx, userId, fixture.roundId);
		const [first] = await answerKey(ctx, attemptId);
		ctx.clock.advance(MINUTE);
		// the submit on node A stops at the result row, after it has read and marked the answers
		const gate = await holdLock(ctx, 'lock table round_result in exclusive mode');
		const submitting = submitAttempt(ctx, attemptId, userId, null);
		await gate.waiting(1, settled(submitting));
		// then node B saves the right answer to the first question
		const saving = saveAnswer(nodeB, attemptId, userId, {
			position: first.position,
			optionIds: first.correctIds,
			rev: 1
		});
		await gate.waiting(2, settled(saving));
		await gate.release();
		expect(await submitting).toEqual({ ok: true });
		const saved = await saving;
		const row = await getAttemptRow(ctx, attemptId);
		expect(row.status).toBe('finished');
		if (saved.ok) expect(row.score).toBe(1);
		else expect(saved.reason).toBe('attempt_closed');
		// on PostgreSQL the save waited for the submit and found the attempt finished
		if (ctx.postgresUrl) expect(saved).toEqual({ ok: false, reason: 'attempt_closed' });
	});
});

describe('a live state read while another node finishes an attempt', () => {
	it('has rows, counters and version of one moment', async () => {
		const users: string[] = [];
		for (let i = 0; i < 4; i++) {
			users.push(await createContestant(ctx, fixture, { phone: `09152000${String(i).padStart(2, '0')}` }));
		}
		for (const [i, userId] of users.slice(0, 3).entries()) {
			await finishVariedAttempt(ctx, fixture.roundId, userId, i, null);
		}
		const last = await startFresh(ctx, users[3], fixture.roundId);
		ctx.clock.advance(MINUTE);
		// the read stops at the groups, after the version and the counters, before the rows
		const gate = await holdLock(ctx, 'lock table contest_group in access exclusive mode');
		const reading = buildLiveState(ctx, { kind: 'round', id: fixture.roundId }, 'epoch', 1);
		await gate.waiting(1, settled(reading));
		expect(await submitAttempt(nodeB, last, users[3], null)).toEqual({ ok: true });
		await gate.release();
		const state = (await reading)!;
		const rows = state.groups.reduce((sum, g) => sum + g.rows.length, 0);
		const totals = state.groups.reduce((sum, g) => sum + g.total, 0);
		expect({ rows, totals }).toEqual({ rows: state.counters.contestants, totals: state.counters.contestants });
		const versions = await ctx.db
			.selectFrom('leaderboard_change')
			.select('version')
			.where('round_id', '=', fixture.roundId)
			.orderBy('version')
			.execute();
		// the version of the moment the rows were read: 3 finishes, or all 4 on SQLite if the submit came first
		expect(state.version).toBe(versions[state.counters.contestants - 1].version);
		if (ctx.postgresUrl) expect(state.counters.contestants).toBe(3);
	});
});
