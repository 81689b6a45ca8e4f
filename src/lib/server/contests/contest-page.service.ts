import type { RegistrationFields } from '../../schemas/auth';
import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { renderMarkdown } from '../markdown';
import { findRegistration } from '../users/user.repository';
import {
	findContestBanner,
	findContestBySlug,
	findRoundByOrdinal,
	listGroups,
	listPublishedContests,
	listRounds
} from './contest.repository';
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

/** The home page's list: published contests, newest first. */
export async function listPublicContests(ctx: AppContext) {
	const contests = await listPublishedContests(ctx.db);
	return contests.map((c) => ({ slug: c.slug, title: c.title, summary: c.summary }));
}

/** The round numbered `ordinal` of a contest (its public URLs count rounds from 1). */
export function findContestRound(ctx: AppContext, contestId: string, ordinal: number): Promise<RoundRow | undefined> {
	return findRoundByOrdinal(ctx.db, contestId, ordinal);
}

/** A contest's groups, in their order. */
export function listContestGroups(ctx: AppContext, contestId: string) {
	return listGroups(ctx.db, contestId);
}

/** The contest's banner image, if it has one and is not a draft. */
export async function getContestBanner(
	ctx: AppContext,
	slug: string
): Promise<{ mime: string; bytes: Buffer<ArrayBuffer> } | null> {
	const contest = await findContestBanner(ctx.db, slug);
	if (!contest || contest.status === 'draft' || !contest.banner_b64 || !contest.banner_mime) return null;
	return { mime: contest.banner_mime, bytes: Buffer.from(contest.banner_b64, 'base64') };
}

/** Which optional fields the contest's registration form asks for. */
export function registrationFieldsOf(contest: Pick<ContestRow, 'registration_fields_json'>): RegistrationFields {
	const stored = JSON.parse(contest.registration_fields_json) as Partial<RegistrationFields>;
	return { birthDate: stored.birthDate ?? 'required', email: stored.email ?? 'optional' };
}
