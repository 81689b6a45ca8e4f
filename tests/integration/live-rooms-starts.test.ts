import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LivePacket } from '../../src/lib/domain/live-board';
import { startAttempt, submitAttempt } from '../../src/lib/server/attempts/attempt.service';
import { LiveRooms } from '../../src/lib/server/realtime/live-rooms';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Starts move only the in-progress count, so a room sends for them at most once per start
// interval; a finish brings the room's packet forward to the (here: no) interval.

let ctx: TestContext;
let fixture: Fixture;
let rooms: LiveRooms;
const sent: { room: string; packet: LivePacket }[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 600 * MINUTE });
	sent.length = 0;
	// A start interval far beyond any test's time: a packet for starts alone never comes here.
	rooms = new LiveRooms(
		ctx,
		{ send: (room, packet) => sent.push({ room, packet }), watchers: () => 1 },
		{ intervalMs: 0, startIntervalMs: 10 * MINUTE, checkMs: 60_000 }
	);
});

afterEach(async () => {
	rooms.stop();
	await ctx.dispose();
});

async function start(phone: string): Promise<{ userId: string; attemptId: string }> {
	const userId = await createContestant(ctx, fixture, { phone });
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	return { userId, attemptId: started.attemptId };
}

describe('live rooms and starts', () => {
	it('hold the packet for starts alone until the start interval, and send it with the next finish', async () => {
		const target = { kind: 'round', id: fixture.roundId } as const;
		expect((await rooms.current(target))?.counters.inProgress).toBe(0);

		await start('0916000001');
		const second = await start('0916000002');
		expect(sent).toHaveLength(0);

		// the finish's packet goes at once and carries the starts: without it coming forward,
		// idle() would wait for the start interval and the test would time out
		await submitAttempt(ctx, second.attemptId, second.userId, null);
		await rooms.idle();
		expect(sent).toHaveLength(1);
		const packet = sent[0].packet;
		const counters = packet.type === 'snapshot' ? packet.state.counters : packet.patch.counters;
		expect(counters).toMatchObject({ inProgress: 1, attempts: 1, contestants: 1 });

		// after that packet, another start waits again
		await start('0916000003');
		expect(sent).toHaveLength(1);
	});
});
