import { error } from '@sveltejs/kit';
import { findContestById, listGroups } from '$lib/server/contests/contest.repository';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { listContestStanding } from '$lib/server/results/results.service';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

// The whole contest's standing over its closed rounds, per group.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app.db, locals.user, url, params.contestId);
	const contest = await findContestById(locals.app.db, params.contestId);
	if (!contest) error(404, 'not_found');
	const groups = await listGroups(locals.app.db, contest.id);
	const group = groups.find((g) => g.id === url.searchParams.get('nhom')) ?? groups[0];
	const page = Math.max(1, Number(url.searchParams.get('trang') ?? '1') || 1);
	const closedRounds = await locals.app.db
		.selectFrom('round_close')
		.innerJoin('round', 'round.id', 'round_close.round_id')
		.select(['round.name', 'round.ordinal'])
		.where('round.contest_id', '=', contest.id)
		.orderBy('round.ordinal')
		.execute();
	const standing = group
		? await listContestStanding(locals.app.db, contest.id, group.id, {
				offset: (page - 1) * PAGE_SIZE,
				limit: PAGE_SIZE
			})
		: { rows: [], total: 0 };
	return {
		contest: { id: contest.id, title: contest.title },
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		groupId: group?.id ?? '',
		closedRounds,
		standing,
		page,
		pages: Math.max(1, Math.ceil(standing.total / PAGE_SIZE)),
		offset: (page - 1) * PAGE_SIZE
	};
};
