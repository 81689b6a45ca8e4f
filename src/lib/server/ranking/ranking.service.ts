import type { AppContext } from '../context';
import { findRound, listGroups } from '../contests/contest.repository';
import { roundCriteria, roundPhase } from '../contests/contest.service';
import type { RoundRow } from '../db/schema';
import {
	countAhead,
	findFinalStanding,
	findNameAndUnit,
	findRoundResult,
	isRoundClosed,
	listTopFinal,
	listTopResults,
	type LeaderboardRow
} from './ranking.repository';
import { rowKeyer } from '../secrets/row-key';

export const LEADERBOARD_SIZE = 50;

/** A public leaderboard row: the contestant is known by their key in this round, never their user id. */
export interface RankedRow extends Omit<LeaderboardRow, 'userId'> {
	key: string;
	rank: number;
	isViewer: boolean;
}

export interface Standing {
	rank: number;
	total: number;
	unitRank: number;
	unitTotal: number;
}

export function isLeaderboardVisible(
	round: Pick<RoundRow, 'leaderboard_visibility' | 'opens_at' | 'closes_at'>,
	now: number
): boolean {
	if (round.leaderboard_visibility === 'live') return true;
	return round.leaderboard_visibility === 'after_close' && roundPhase(round, now) === 'closed';
}

/** The contestant's live rank in their group, and within their unit. Null before a finished attempt. */
export async function getStanding(ctx: AppContext, roundId: string, userId: string): Promise<Standing | null> {
	const round = await findRound(ctx.db, roundId);
	const result = await findRoundResult(ctx.db, roundId, userId);
	if (!round || !result) return null;
	// Once closed, the place is the final one, with the prediction counted.
	if (await isRoundClosed(ctx.db, roundId)) return findFinalStanding(ctx.db, roundId, userId);
	const criteria = roundCriteria(round);
	const [all, unit] = await Promise.all([
		countAhead(ctx.db, result, criteria, null),
		countAhead(ctx.db, result, criteria, result.unit_id)
	]);
	return { rank: all.ahead + 1, total: all.total, unitRank: unit.ahead + 1, unitTotal: unit.total };
}

export interface Leaderboard {
	groupId: string;
	/** the signed-in viewer's row key in this round (to find their own row in live updates), else null */
	viewerKey: string | null;
	groups: { id: string; name: string }[];
	rows: RankedRow[];
	/** The viewer's own row when it is not among the top rows. */
	viewerRow: RankedRow | null;
	/** the final ranking of a closed round (prediction counted), else the live order */
	final: boolean;
	version: number;
}

export async function getLeaderboard(
	ctx: AppContext,
	round: RoundRow,
	groupId: string | null,
	viewerId: string | null
): Promise<Leaderboard> {
	const groups = await listGroups(ctx.db, round.contest_id);
	const viewerResult = viewerId ? await findRoundResult(ctx.db, round.id, viewerId) : undefined;
	const chosen =
		groups.find((g) => g.id === groupId) ?? groups.find((g) => g.id === viewerResult?.group_id) ?? groups[0];
	const criteria = roundCriteria(round);
	const final = await isRoundClosed(ctx.db, round.id);
	const top = !chosen
		? []
		: final
			? await listTopFinal(ctx.db, round.id, chosen.id, LEADERBOARD_SIZE)
			: await listTopResults(ctx.db, round.id, chosen.id, criteria, LEADERBOARD_SIZE);
	const rowKey = await rowKeyer(ctx.db, ctx.clock.now());
	const rows = top.map(({ userId, ...row }, i) => ({
		...row,
		key: rowKey(round.id, userId),
		rank: i + 1,
		isViewer: userId === viewerId
	}));
	let viewerRow: RankedRow | null = null;
	if (viewerResult && viewerResult.group_id === chosen?.id && !rows.some((r) => r.isViewer)) {
		const [ahead, who] = await Promise.all([
			final
				? findFinalStanding(ctx.db, round.id, viewerResult.user_id).then((s) => (s ? s.rank - 1 : 0))
				: countAhead(ctx.db, viewerResult, criteria, null).then((c) => c.ahead),
			findNameAndUnit(ctx.db, viewerResult.user_id, viewerResult.unit_id)
		]);
		viewerRow = {
			key: rowKey(round.id, viewerResult.user_id),
			fullName: who.full_name,
			unitName: who.unitName,
			score: viewerResult.score,
			maxScore: viewerResult.max_score,
			durationMs: viewerResult.duration_ms,
			submittedAt: viewerResult.submitted_at,
			rank: ahead + 1,
			isViewer: true
		};
	}
	return {
		groupId: chosen?.id ?? '',
		viewerKey: viewerId ? rowKey(round.id, viewerId) : null,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		rows,
		viewerRow,
		final,
		version: round.leaderboard_version
	};
}
