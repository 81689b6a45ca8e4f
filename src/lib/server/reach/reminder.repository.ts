import type { Db } from '../db/database';

export interface PendingRoundRow {
	contest_slug: string;
	contest_title: string;
	ordinal: number;
	name: string;
	opens_at: number;
	closes_at: number;
}

/**
 * The rounds not yet closed at `now` of the published contests a person is registered in, where
 * that person has no finished attempt (an attempt in progress still counts as not taken): soonest
 * first. Organizers' trial attempts ("thi thử") do not count as taken.
 */
export function listPendingRounds(db: Db, userId: string, now: number): Promise<PendingRoundRow[]> {
	return db
		.selectFrom('registration')
		.innerJoin('contest', 'contest.id', 'registration.contest_id')
		.innerJoin('round', 'round.contest_id', 'contest.id')
		.select([
			'contest.slug as contest_slug',
			'contest.title as contest_title',
			'round.ordinal',
			'round.name',
			'round.opens_at',
			'round.closes_at'
		])
		.where('registration.user_id', '=', userId)
		.where('contest.status', '=', 'published')
		.where('round.closes_at', '>', now)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('attempt')
						.select('attempt.id')
						.whereRef('attempt.round_id', '=', 'round.id')
						.where('attempt.user_id', '=', userId)
						.where('attempt.status', '=', 'finished')
						.where('attempt.is_preview', '=', 0)
				)
			)
		)
		.orderBy('round.opens_at')
		.orderBy('contest.slug')
		.execute();
}
