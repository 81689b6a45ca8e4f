import type { Db } from '../db/database';
import { newId } from '../ids';
import type { AppContext } from '../context';

// The platform's own announcements (issue 15): "round N is open" when a round opens (written by
// the sweeper) and "results of round N are published" when a round is first closed (written in
// closeRound's transaction). Shown on the site like an organizer's; not e-mailed. A unique index
// (migration 0021) keeps one per round and kind whichever node writes first.

const DAY = 86_400_000;

async function insertAutomatic(
	db: Db,
	row: { contestId: string; roundId: string; kind: 'round_open' | 'results'; title: string; body: string; now: number }
): Promise<void> {
	await db
		.insertInto('announcement')
		.values({
			id: newId(),
			contest_id: row.contestId,
			round_id: row.roundId,
			kind: row.kind,
			title: row.title,
			body_md: row.body,
			created_by: null,
			created_at: row.now
		})
		.onConflict((oc) => oc.doNothing())
		.execute();
}

/** In closeRound's transaction: the round's results are out (once per round). */
export async function announceRoundResults(
	db: Db,
	round: { id: string; contest_id: string; name: string; ordinal: number },
	now: number
): Promise<void> {
	const contest = await db.selectFrom('contest').select('slug').where('id', '=', round.contest_id).executeTakeFirst();
	if (!contest) return;
	await insertAutomatic(db, {
		contestId: round.contest_id,
		roundId: round.id,
		kind: 'results',
		title: `Công bố kết quả ${round.name}`,
		body: `Kết quả ${round.name} đã được công bố: [danh sách đạt giải](/cuoc-thi/${contest.slug}/dot-thi/${round.ordinal}/giai-thuong).`,
		now
	});
}

/**
 * The sweeper's step: rounds of published contests that opened within the last day and have no
 * "open" announcement yet get one. (A round opened longer ago, e.g. before this feature, gets none.)
 */
export async function announceOpenedRounds(ctx: AppContext): Promise<number> {
	const now = ctx.clock.now();
	const rounds = await ctx.db
		.selectFrom('round')
		.innerJoin('contest', 'contest.id', 'round.contest_id')
		.select(['round.id', 'round.contest_id', 'round.name', 'round.ordinal', 'round.closes_at', 'contest.slug'])
		.where('contest.status', '=', 'published')
		.where('round.opens_at', '<=', now)
		.where('round.opens_at', '>', now - DAY)
		.where('round.closes_at', '>', now)
		.where((eb) =>
			eb.not(
				eb.exists(
					eb
						.selectFrom('announcement')
						.select('announcement.id')
						.whereRef('announcement.round_id', '=', 'round.id')
						.where('announcement.kind', '=', 'round_open')
				)
			)
		)
		.execute();
	for (const round of rounds) {
		await insertAutomatic(ctx.db, {
			contestId: round.contest_id,
			roundId: round.id,
			kind: 'round_open',
			title: `${round.name} đã mở`,
			body: `${round.name} đã bắt đầu. Thể lệ và thời gian làm bài: [trang của đợt](/cuoc-thi/${round.slug}/dot-thi/${round.ordinal}).`,
			now
		});
	}
	return rounds.length;
}
