import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { renderMarkdown } from '../markdown';
import { findRegistration } from '../users/user.repository';
import { findContestBySlug, listGroups, listRounds } from './contest.repository';
import { roundPhase, type RoundPhase } from './contest.service';

export interface RoundSummary {
	id: string;
	ordinal: number;
	name: string;
	/** ms since epoch */
	opensAt: number;
	/** ms since epoch */
	closesAt: number;
	phase: RoundPhase;
	timeLimitMs: number;
	maxAttempts: number;
	leaderboardVisible: boolean;
}

export function summarizeRound(round: RoundRow, now: number): RoundSummary {
	const phase = roundPhase(round, now);
	return {
		id: round.id,
		ordinal: round.ordinal,
		name: round.name,
		opensAt: round.opens_at,
		closesAt: round.closes_at,
		phase,
		timeLimitMs: round.time_limit_ms,
		maxAttempts: round.max_attempts,
		leaderboardVisible:
			round.leaderboard_visibility === 'live' || (round.leaderboard_visibility === 'after_close' && phase === 'closed')
	};
}

export async function findPublishedContest(ctx: AppContext, slug: string): Promise<ContestRow | null> {
	const contest = await findContestBySlug(ctx.db, slug);
	return contest && contest.status === 'published' ? contest : null;
}

/** Everything the contest's public page shows, plus the viewer's registration if any. */
export async function getContestPage(ctx: AppContext, contest: ContestRow, userId: string | null) {
	const now = ctx.clock.now();
	const [groups, rounds, registration] = await Promise.all([
		listGroups(ctx.db, contest.id),
		listRounds(ctx.db, contest.id),
		userId ? findRegistration(ctx.db, contest.id, userId) : Promise.resolve(undefined)
	]);
	const summaries = rounds.map((r) => summarizeRound(r, now));
	return {
		contest: {
			slug: contest.slug,
			title: contest.title,
			summary: contest.summary,
			rulesHtml: renderMarkdown(contest.rules_md),
			bannerUrl: contest.banner_mime ? `/cuoc-thi/${contest.slug}/anh-bia?v=${contest.banner_version}` : null
		},
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		rounds: summaries,
		openRound: summaries.find((r) => r.phase === 'open') ?? null,
		nextRound: summaries.find((r) => r.phase === 'upcoming') ?? null,
		registration: registration ? { groupName: registration.groupName, unitName: registration.unitName } : null,
		serverNow: now
	};
}
