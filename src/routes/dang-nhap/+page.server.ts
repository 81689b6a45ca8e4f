import { fail, redirect } from '@sveltejs/kit';
import { fieldErrors, loginSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { clientIp, safeNext } from '$lib/server/http';
import { logIn } from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const values = { phone: String(form.phone ?? '') };
		const parsed = loginSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { values, errors: fieldErrors(parsed.error), params: {} as Record<string, number> });
		}
		const { db, limits, clock } = locals.app;
		const result = await logIn(db, limits.login, clientIp(getClientAddress), parsed.data.phone, parsed.data.password);
		if (!result.ok) {
			const params: Record<string, number> =
				result.reason === 'too_many_attempts' ? { seconds: result.retryAfterSeconds } : {};
			return fail(result.reason === 'too_many_attempts' ? 429 : 400, {
				values,
				errors: { form: `error.${result.reason}` } as Record<string, string>,
				params
			});
		}
		// A new session at every login: a token planted before login is never promoted.
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId, clock.now());
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')));
	}
};
