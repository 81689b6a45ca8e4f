import { error } from '@sveltejs/kit';
import { findPublishedContest } from '$lib/server/contests/contest-page.service';
import { getPrivacyPage } from '$lib/server/privacy/privacy-page.service';
import type { PageServerLoad } from './$types';

// The contest's privacy page: public, generated from its configuration; no person's data.
export const load: PageServerLoad = async ({ locals, params }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	return getPrivacyPage(locals.app, contest);
};
