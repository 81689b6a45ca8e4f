import { serializeCalendar } from '../../domain/ical';
import { REMINDER_ALARM_MINUTES, reminderWindow, roundToRemind } from '../../domain/reminder';
import { formatDateTime } from '../../i18n/format';
import { translate, type Locale } from '../../i18n';
import type { AppContext } from '../context';
import { findContestBySlug, findRoundByOrdinal, listRounds } from '../contests/contest.repository';
import { listPendingRounds } from './reminder.repository';

// "Nhắc tôi": a round's opening (or, while open, its closing) as a calendar event to download,
// and the account page's rounds still to take. Only public facts of a published contest go in
// the event: its title, the round's name and window, the link.

const PRODUCT_ID = '-//CuocThi//Nhac toi//VI';

/** The round a round page offers to remind of (see roundToRemind), or null. */
export async function findRoundToRemind(
	ctx: AppContext,
	contestId: string,
	ordinal: number
): Promise<{ ordinal: number; name: string; opensAt: number } | null> {
	const rounds = (await listRounds(ctx.db, contestId)).map((r) => ({
		ordinal: r.ordinal,
		name: r.name,
		opensAt: r.opens_at
	}));
	return roundToRemind(rounds, ordinal, ctx.clock.now());
}

/**
 * The .ics file for round `ordinal` of the published contest `slug`, in the viewer's language;
 * null when there is no such round or it has closed. `origin` makes the links absolute.
 */
export async function buildRoundCalendar(
	ctx: AppContext,
	slug: string,
	ordinal: number,
	locale: Locale,
	origin: string
): Promise<string | null> {
	const contest = await findContestBySlug(ctx.db, slug);
	if (!contest || contest.status !== 'published') return null;
	const round = await findRoundByOrdinal(ctx.db, contest.id, ordinal);
	if (!round) return null;
	const now = ctx.clock.now();
	const window = reminderWindow({ opensAt: round.opens_at, closesAt: round.closes_at }, now);
	if (!window) return null;
	const url = `${origin}/cuoc-thi/${contest.slug}/dot-thi/${round.ordinal}`;
	const params = {
		round: round.name,
		contest: contest.title,
		opens: formatDateTime(round.opens_at),
		closes: formatDateTime(round.closes_at),
		url
	};
	const opening = window.kind === 'opening';
	const description = [
		translate(locale, opening ? 'reach.ics.opening_description' : 'reach.ics.closing_description', params),
		translate(locale, 'reach.ics.link', params)
	].join('\n');
	return serializeCalendar(
		{
			uid: `${window.kind}-${round.id}@${new URL(origin).hostname}`,
			stamp: now,
			start: window.start,
			end: window.end,
			summary: translate(locale, opening ? 'reach.ics.opening_summary' : 'reach.ics.closing_summary', params),
			description,
			url,
			alarmMinutesBefore: REMINDER_ALARM_MINUTES
		},
		PRODUCT_ID
	);
}

export interface PendingRound {
	contestSlug: string;
	contestTitle: string;
	ordinal: number;
	name: string;
	opensAt: number;
	closesAt: number;
	open: boolean;
}

/** The open or upcoming rounds of a person's contests that they have not yet taken, soonest first. */
export async function listRoundsToTake(ctx: AppContext, userId: string): Promise<PendingRound[]> {
	const now = ctx.clock.now();
	const rows = await listPendingRounds(ctx.db, userId, now);
	return rows.map((r) => ({
		contestSlug: r.contest_slug,
		contestTitle: r.contest_title,
		ordinal: r.ordinal,
		name: r.name,
		opensAt: r.opens_at,
		closesAt: r.closes_at,
		open: r.opens_at <= now
	}));
}
