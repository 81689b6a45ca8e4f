import { fail, redirect } from '@sveltejs/kit';
import { changePasswordSchema, fieldErrors } from '$lib/schemas/auth';
import { deletionRequestSchema } from '$lib/schemas/privacy';
import { listAnnouncementsForUser } from '$lib/server/announcements/announcement.service';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { listMyRequests, requestDeletion } from '$lib/server/privacy/data-request.service';
import { listRoundsToTake } from '$lib/server/reach/reminder.service';
import { changePassword } from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.user) redirect(303, '/dang-nhap?next=/tai-khoan');
	const [requests, announcements, roundsToTake] = await Promise.all([
		listMyRequests(locals.app, locals.user.id),
		listAnnouncementsForUser(locals.app, locals.user.id),
		listRoundsToTake(locals.app, locals.user.id)
	]);
	return { phone: locals.user.phone, requests, announcements, roundsToTake };
};

export const actions: Actions = {
	password: async ({ request, locals, cookies, url }) => {
		if (!locals.user) redirect(303, '/dang-nhap?next=/tai-khoan');
		const parsed = changePasswordSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { errors: fieldErrors(parsed.error) });
		const { db, clock } = locals.app;
		const result = await changePassword(db, locals.user.id, parsed.data.currentPassword, parsed.data.newPassword);
		if (!result.ok) {
			return fail(400, { errors: { currentPassword: `error.${result.reason}` } as Record<string, string> });
		}
		// Every session ended with the old password; this browser gets a fresh one.
		const token = generateSessionToken();
		const session = await createSession(db, token, locals.user.id, clock.now());
		setSessionCookie(cookies, url, token, session.expiresAt);
		return { changed: true };
	},
	deletion: async ({ request, locals }) => {
		if (!locals.user) redirect(303, '/dang-nhap?next=/tai-khoan');
		const parsed = deletionRequestSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { deletionErrors: fieldErrors(parsed.error) });
		const result = await requestDeletion(locals.app, locals.user.id, parsed.data.note);
		if (!result.ok) return fail(409, { deletionErrors: { form: `error.${result.reason}` } as Record<string, string> });
		return { deletionSent: result.contests };
	}
};
