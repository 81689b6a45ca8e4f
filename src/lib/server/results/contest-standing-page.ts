import type { AppContext } from '../context';
import { findContestById, listGroups } from '../contests/contest.repository';
import { listClosedRounds } from './results.repository';
import { listContestStanding } from './results.service';

export const STANDING_PAGE_SIZE = 50;

/** The whole contest's standing over its closed rounds, one group and one page at a time. */
export async function loadContestStandingPage(
	ctx: AppContext,
	contestId: string,
	query: { groupId: string | null; page: number }
) {
	const contest = await findContestById(ctx.db, contestId);
	if (!contest) return null;
	const groups = await listGroups(ctx.db, contest.id);
	const group = groups.find((g) => g.id === query.groupId) ?? groups[0];
	const page = query.page;
	const closedRounds = await listClosedRounds(ctx.db, contest.id);
	const standing = group
		? await listContestStanding(ctx.db, contest.id, group.id, {
				offset: (page - 1) * STANDING_PAGE_SIZE,
				limit: STANDING_PAGE_SIZE
			})
		: { rows: [], total: 0 };
	return {
		contest: { id: contest.id, title: contest.title },
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		groupId: group?.id ?? '',
		closedRounds,
		standing,
		page,
		pages: Math.max(1, Math.ceil(standing.total / STANDING_PAGE_SIZE)),
		offset: (page - 1) * STANDING_PAGE_SIZE
	};
}
