import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { getRegistrationsPage } from '$lib/server/registrations/registration.service';
import type { PageServerLoad } from './$types';

// "Thí sinh": the contest's registrations, searched, filtered and paged on the server.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getRegistrationsPage(locals.app, params.contestId, {
		q: url.searchParams.get('q') ?? '',
		unitId: url.searchParams.get('don-vi') || null,
		groupId: url.searchParams.get('doi-tuong') || null,
		page: Math.max(1, Number(url.searchParams.get('trang') ?? '1') || 1)
	});
	if (!page) error(404, 'not_found');
	return page;
};
