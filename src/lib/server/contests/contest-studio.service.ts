import type { AppContext } from '../context';
import type { ContestRow, RoundRow } from '../db/schema';
import { countRealAttempts } from './contest-admin.service';
import { storedContestValues } from './contest-form';
import { findContestById, findRound, listGroups, listRounds } from './contest.repository';
import { listUnitChoices } from '../units/contest-units';

// What the studio's contest pages read. The routes check the organizer's grant first
// (requireContestManager); these answer null for what does not exist, which the routes show as 404.

/** Every unit, as the tree reads top-down: what a contest's root unit is chosen from. */
export function listRootUnitChoices(ctx: AppContext) {
	return listUnitChoices(ctx.db);
}

export async function findManagedContest(ctx: AppContext, contestId: string): Promise<ContestRow | null> {
	return (await findContestById(ctx.db, contestId)) ?? null;
}

/** The contest and one of its rounds; null when either is missing or the round is another contest's. */
export async function findContestRound(
	ctx: AppContext,
	contestId: string,
	roundId: string
): Promise<{ contest: ContestRow; round: RoundRow } | null> {
	const [contest, round] = await Promise.all([findContestById(ctx.db, contestId), findRound(ctx.db, roundId)]);
	if (!contest || !round || round.contest_id !== contest.id) return null;
	return { contest, round };
}

/** The contest's settings form, its groups and its rounds with their real attempts. */
export async function getContestEditorPage(ctx: AppContext, contestId: string) {
	const { db } = ctx;
	const contest = await findContestById(db, contestId);
	if (!contest) return null;
	const [groups, rounds, units] = await Promise.all([
		listGroups(db, contest.id),
		listRounds(db, contest.id),
		listUnitChoices(db)
	]);
	return {
		contest: {
			id: contest.id,
			slug: contest.slug,
			title: contest.title,
			status: contest.status,
			bannerUrl: contest.banner_mime ? `/cuoc-thi/${contest.slug}/anh-bia?v=${contest.banner_version}` : null
		},
		values: storedContestValues(contest, groups),
		units,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		rounds: await Promise.all(
			rounds.map(async (r) => ({
				id: r.id,
				ordinal: r.ordinal,
				name: r.name,
				opensAt: r.opens_at,
				closesAt: r.closes_at,
				attempts: await countRealAttempts(db, r.id)
			}))
		)
	};
}
