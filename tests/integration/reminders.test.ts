import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/lib/server/ids';
import { buildRoundCalendar, findRoundToRemind, listRoundsToTake } from '../../src/lib/server/reach/reminder.service';
import { insertRegistration } from '../../src/lib/server/users/user.repository';
import { createContestant, createFixtureContest, finishVariedAttempt, MINUTE, type Fixture } from '../helpers/fixtures';
import { eventProperty, icsUtcToMs, unescapeIcsText } from '../helpers/ical';
import { createTestContext, type TestContext } from '../helpers/test-context';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let ctx: TestContext;

beforeEach(async () => {
	ctx = await createTestContext();
});
afterEach(async () => {
	await ctx.dispose();
});

async function register(fixture: Fixture, userId: string): Promise<void> {
	await insertRegistration(ctx.db, {
		id: newId(),
		contest_id: fixture.contestId,
		user_id: userId,
		unit_id: fixture.unitIds[0],
		group_id: fixture.groupIds[0],
		consented_at: 0,
		created_at: 0
	});
}

describe('listRoundsToTake', () => {
	it('lists the open and upcoming rounds of the person’s contests not yet taken, soonest first', async () => {
		const now = ctx.clock.now();
		const upcoming = await createFixtureContest(ctx, { opensAt: now + DAY, closesAt: now + 8 * DAY });
		const userId = await createContestant(ctx, upcoming, { phone: '0981000001' });
		const open = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + DAY });
		const started = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + 2 * DAY });
		const taken = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + DAY });
		const closed = await createFixtureContest(ctx, { opensAt: now - 3 * DAY, closesAt: now - DAY });
		const draft = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + DAY });
		await ctx.db.updateTable('contest').set({ status: 'draft' }).where('id', '=', draft.contestId).execute();
		for (const f of [open, started, taken, closed, draft]) await register(f, userId);
		// Someone else's registration shows nothing to this person.
		const notMine = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + DAY });
		await createContestant(ctx, notMine, { phone: '0981000002' });

		await finishVariedAttempt(ctx, taken.roundId, userId, 1, 0);
		expect((await startAttempt(ctx, userId, started.roundId)).ok).toBe(true);

		const rounds = await listRoundsToTake(ctx, userId);
		expect(rounds.map((r) => [r.contestSlug, r.open])).toEqual([
			// both opened an hour ago: by slug between them, then the upcoming one
			...[
				[open.slug, true],
				[started.slug, true]
			].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
			[upcoming.slug, false]
		]);
	});
});

describe('findRoundToRemind and buildRoundCalendar', () => {
	it('offers an upcoming round’s opening as an event that reads back', async () => {
		const now = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now + DAY, closesAt: now + 8 * DAY });
		expect(await findRoundToRemind(ctx, fixture.contestId, 1)).toMatchObject({ ordinal: 1, opensAt: now + DAY });

		const ics = await buildRoundCalendar(ctx, fixture.slug, 1, 'vi', 'https://thi.example.gov.vn');
		expect(ics).not.toBeNull();
		expect(icsUtcToMs(eventProperty(ics!, 'DTSTART')!)).toBe(now + DAY);
		expect(icsUtcToMs(eventProperty(ics!, 'DTEND')!)).toBe(now + DAY + 30 * MINUTE);
		expect(eventProperty(ics!, 'UID')).toMatch(/@thi\.example\.gov\.vn$/);
		expect(eventProperty(ics!, 'URL')).toBe(`https://thi.example.gov.vn/cuoc-thi/${fixture.slug}/dot-thi/1`);
		expect(unescapeIcsText(eventProperty(ics!, 'SUMMARY')!)).toBe('Tuần thi thứ 1 mở: Cuộc thi thử nghiệm');
	});

	it('while the round is open, the event is its last hour; once closed there is none', async () => {
		const now = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now - HOUR, closesAt: now + DAY });
		expect(await findRoundToRemind(ctx, fixture.contestId, 1)).toBeNull();
		const ics = await buildRoundCalendar(ctx, fixture.slug, 1, 'en', 'https://thi.example.gov.vn');
		expect(icsUtcToMs(eventProperty(ics!, 'DTSTART')!)).toBe(now + DAY - HOUR);
		expect(unescapeIcsText(eventProperty(ics!, 'SUMMARY')!)).toBe('Tuần thi thứ 1 closes soon: Cuộc thi thử nghiệm');

		ctx.clock.advance(DAY);
		expect(await buildRoundCalendar(ctx, fixture.slug, 1, 'vi', 'https://thi.example.gov.vn')).toBeNull();
	});

	it('has no event for an unpublished contest or a round that does not exist', async () => {
		const now = ctx.clock.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now + DAY, closesAt: now + 2 * DAY });
		expect(await buildRoundCalendar(ctx, fixture.slug, 2, 'vi', 'https://x.vn')).toBeNull();
		await ctx.db.updateTable('contest').set({ status: 'draft' }).where('id', '=', fixture.contestId).execute();
		expect(await buildRoundCalendar(ctx, fixture.slug, 1, 'vi', 'https://x.vn')).toBeNull();
	});
});
