import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { getRoundProgress } from '../attempts/result.service';
import { findRegistration } from '../users/user.repository';
import { findPublishedRound as findPublishedRoundRow, findRoundByOrdinal, listBlueprint } from './contest.repository';
import { summarizeRound } from './contest-page.service';

/** The round `ordinal` of the published contest `slug`, in one read (the start action's). */
export async function findPublishedRound(ctx: AppContext, slug: string, ordinal: number): Promise<RoundRow | null> {
	return (await findPublishedRoundRow(ctx.db, slug, ordinal)) ?? null;
}

/** The confirm screen of a round for one contestant (size, time, attempts left, history), or for a visitor (null). */
export async function getRoundPage(ctx: AppContext, contest: ContestRow, ordinal: number, userId: string | null) {
	const round = await findRoundByOrdinal(ctx.db, contest.id, ordinal);
	if (!round) return null;
	const registration = userId ? await findRegistration(ctx.db, contest.id, userId) : undefined;
	const blueprint = await listBlueprint(ctx.db, round.id);
	const questionCount = blueprint
		.filter((b) => b.group_id === null || b.group_id === registration?.groupId)
		.reduce((sum, b) => sum + b.count, 0);
	const progress = registration && userId ? await getRoundProgress(ctx, round.id, userId) : null;
	return {
		contest: { slug: contest.slug, title: contest.title },
		round: summarizeRound(round, ctx.clock.now()),
		registered: Boolean(registration),
		questionCount,
		progress,
		serverNow: ctx.clock.now()
	};
}
