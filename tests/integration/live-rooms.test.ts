import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLivePatch, type LivePacket, type LiveRoundState } from '../../src/lib/domain/live-board';
import { liveCriteria, rankEntries } from '../../src/lib/domain/ranking';
import type { RankCriterion } from '../../src/lib/domain/types';
import { saveAnswer, startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { LiveRooms } from '../../src/lib/server/realtime/live-rooms';
import { rowKeyer } from '../../src/lib/server/secrets/row-key';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The broadcaster against a real database, with a recorder in place of Socket.IO.

let ctx: TestContext;
let fixture: Fixture;
let rooms: LiveRooms;
let watchers: number;
const sent: { room: string; packet: LivePacket }[] = [];
/**
 * The app's own interval. Each build takes the CPU from the burst, and a slow machine makes the
 * burst longer and so the builds more: the production interval keeps that in proportion.
 */
const INTERVAL = 250;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 600 * MINUTE, maxAttempts: 3 });
	watchers = 1;
	sent.length = 0;
	rooms = new LiveRooms(
		ctx,
		{ send: (room, packet) => sent.push({ room, packet }), watchers: () => watchers },
		{ intervalMs: INTERVAL, checkMs: 50 }
	);
});

afterEach(async () => {
	rooms.stop();
	await ctx.dispose();
});

/** A finished attempt with answers that vary by contestant, so scores and durations differ. */
async function finish(userId: string, salt: number): Promise<void> {
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	const items = await ctx.db
		.selectFrom('attempt_item')
		.select(['position', 'option_ids_json'])
		.where('attempt_id', '=', started.attemptId)
		.execute();
	// One answer, its question and option chosen by the salt, makes scores differ: the burst is
	// about the finishes, and one save instead of five keeps 1,000 of them short on a busy machine.
	for (const item of items.filter((it) => (it.position + salt) % items.length === 0)) {
		const ids = JSON.parse(item.option_ids_json) as string[];
		await saveAnswer(ctx, started.attemptId, userId, {
			position: item.position,
			optionIds: [ids[(salt * 7 + item.position * 3) % ids.length]],
			rev: 1
		});
	}
	ctx.clock.advance(1000 + ((salt * 7919) % 50_000));
	await submitAttempt(ctx, started.attemptId, userId, salt % 40);
}

function follow(room: string, start: LiveRoundState): LiveRoundState {
	let state = start;
	for (const { packet } of sent.filter((s) => s.room === room)) {
		if (packet.type === 'snapshot') state = packet.state;
		else {
			const next = applyLivePatch(state, packet.patch);
			if (!next) throw new Error(`patch ${packet.patch.base}→${packet.patch.seq} does not follow ${state.seq}`);
			state = next;
		}
	}
	return state;
}

describe('live rooms', () => {
	// 1,000 starts, saves and submits are some 25,000 statements, each a round trip on PostgreSQL:
	// more than the default 20 s on a busy machine
	it('turns a burst of 1,000 finishes into a bounded number of packets ending in the database’s ranking', async () => {
		const target = { kind: 'round', id: fixture.roundId } as const;
		const start = (await rooms.current(target))!;
		const users: string[] = [];
		for (let i = 0; i < 500; i++) {
			users.push(
				await createContestant(ctx, fixture, {
					phone: `09130${String(i).padStart(5, '0')}`,
					group: i % 2 === 0 ? 0 : 1
				})
			);
		}
		const began = performance.now();
		for (let i = 0; i < 1000; i++) {
			await finish(users[i % users.length], i);
			// Each submit is its own request in the server: let timers run between them.
			await new Promise((resolve) => setImmediate(resolve));
		}
		// The trailing packet of the last interval is built and sent before idle() resolves.
		await rooms.idle();
		const elapsed = performance.now() - began;

		const packets = sent.filter((s) => s.room === 'round:' + fixture.roundId);
		// Leading and trailing edge of each interval: packets at least an interval apart, however
		// slow the machine (a slow machine only makes fewer of them).
		expect(packets.length).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL) + 1);
		expect(packets.length).toBeGreaterThan(1);

		const final = follow('round:' + fixture.roundId, start);
		const round = await ctx.db
			.selectFrom('round')
			.selectAll()
			.where('id', '=', fixture.roundId)
			.executeTakeFirstOrThrow();
		expect(final.version).toBe(round.leaderboard_version);
		const results = await ctx.db
			.selectFrom('round_result')
			.selectAll()
			.where('round_id', '=', fixture.roundId)
			.execute();
		expect(final.counters.contestants).toBe(results.length);
		expect(final.counters.attempts).toBe(1000);
		expect(final.counters.inProgress).toBe(0);
		const key = await rowKeyer(ctx.db, 0);
		const criteria = liveCriteria(JSON.parse(round.ranking_criteria_json) as RankCriterion[]);
		for (const group of final.groups) {
			const ranked = rankEntries(
				results
					.filter((r) => r.group_id === group.id)
					.map((r) => ({
						userId: r.user_id,
						attemptId: r.attempt_id,
						score: r.score,
						durationMs: r.duration_ms,
						submittedAt: r.submitted_at,
						prediction: r.prediction
					})),
				criteria,
				null
			);
			expect(group.total).toBe(ranked.length);
			expect(group.rows.map((r) => r.id)).toEqual(ranked.slice(0, 50).map((r) => key(fixture.roundId, r.userId)));
		}
		// Patches, not snapshots, once the viewer holds a state.
		expect(packets.filter((p) => p.packet.type === 'patch').length).toBeGreaterThan(packets.length / 2);
	}, 120_000);

	it('skips a room nobody watches', async () => {
		await rooms.current({ kind: 'round', id: fixture.roundId });
		watchers = 0;
		const before = rooms.stats.builds;
		const userId = await createContestant(ctx, fixture, { phone: '0913999001' });
		await finish(userId, 1);
		await rooms.idle();
		expect(sent).toHaveLength(0);
		expect(rooms.stats.builds).toBe(before);
	});

	it('sends a snapshot when the round closes with time alone, with no activity', async () => {
		const target = { kind: 'round', id: fixture.roundId } as const;
		const start = (await rooms.current(target))!;
		expect(start.phase).toBe('open');
		ctx.clock.advance(601 * MINUTE);
		rooms.check();
		await rooms.idle();
		const last = sent.at(-1)!.packet;
		expect(last.type).toBe('snapshot');
		expect(last.type === 'snapshot' && last.state.phase).toBe('closed');
	});

	it('lets a contest room follow the contest’s open round', async () => {
		const contest = (await rooms.current({ kind: 'contest', id: fixture.contestId }))!;
		expect(contest.roundId).toBe(fixture.roundId);
		const userId = await createContestant(ctx, fixture, { phone: '0913999002', fullName: 'Đỗ Thị Lan' });
		await finish(userId, 2);
		await rooms.idle();
		const final = follow('contest:' + fixture.contestId, contest);
		expect(final.groups[0].rows.map((r) => r.name)).toContain('Đỗ Thị Lan');
	});
});
