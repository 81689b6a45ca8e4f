import { error, fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/schemas/auth';
import { announcementSchema } from '$lib/schemas/people';
import { getAnnouncementsPage, publishAnnouncement } from '$lib/server/announcements/announcement.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import type { Actions, PageServerLoad } from './$types';

// "Thông báo": an announcement to the contest's contestants, on the contest page and in their
// accounts; e-mailed too when SMTP is configured.
export const load: PageServerLoad = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getAnnouncementsPage(locals.app, params.contestId, locals.app.mailer !== null);
	if (!page) error(404, 'not_found');
	return page;
};

export const actions: Actions = {
	publish: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
		const values = Object.fromEntries(await request.formData());
		const parsed = announcementSchema.safeParse(values);
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error), values });
		// e-mails go out after this answer (publishAnnouncement schedules them)
		const published = await publishAnnouncement(locals.app, actor, params.contestId, parsed.data, locals.app.mailer);
		return { published: true, emailing: published.delivery !== null };
	}
};
