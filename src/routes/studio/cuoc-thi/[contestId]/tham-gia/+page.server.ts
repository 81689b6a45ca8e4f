import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getUnitParticipation } from '$lib/server/registrations/participation.service';
import { participationQuery } from './query';
import type { PageServerLoad } from './$types';

// "Tham gia theo đơn vị": units against their headcount, lagging first; printable.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getUnitParticipation(locals.app, params.contestId, participationQuery(url));
	if (!page) error(404, 'not_found');
	return page;
};
