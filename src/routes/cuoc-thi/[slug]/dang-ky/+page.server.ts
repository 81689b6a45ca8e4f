import { error, fail, redirect } from '@sveltejs/kit';
import { formatIsoDate } from '$lib/i18n/format';
import { fieldErrors, joinSchema, registerSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import { clientIp } from '$lib/server/http';
import {
	findPublishedContest,
	listContestGroups,
	registrationFieldsOf as registrationFields
} from '$lib/server/contests/contest-page.service';
import { listContestUnitOptions } from '$lib/server/units/unit.service';
import { findContestRegistration, joinContest, registerContestant } from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';
import { eventClientSignals } from '$lib/server/fair-play/device-cookie';

export const load: PageServerLoad = async ({ locals, params }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	if (locals.user && (await findContestRegistration(locals.app, contest.id, locals.user.id))) {
		redirect(303, `/cuoc-thi/${contest.slug}`);
	}
	const [groups, units] = await Promise.all([
		listContestGroups(locals.app, contest.id),
		// the form offers the contest's own part of the unit tree
		listContestUnitOptions(locals.app, contest.id)
	]);
	return {
		contest: { slug: contest.slug, title: contest.title, consentText: contest.consent_text },
		fields: registrationFields(contest),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		units,
		today: formatIsoDate(locals.app.clock.now())
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { request, locals, params, cookies, url, getClientAddress } = event;
		const contest = await findPublishedContest(locals.app, params.slug);
		if (!contest) error(404, 'not_found');
		const form = Object.fromEntries(await request.formData());
		const values = {
			fullName: String(form.fullName ?? ''),
			birthDate: String(form.birthDate ?? ''),
			phone: String(form.phone ?? ''),
			email: String(form.email ?? ''),
			unitId: String(form.unitId ?? ''),
			groupId: String(form.groupId ?? ''),
			consent: form.consent === 'on'
		};
		const { db, clock } = locals.app;
		if (locals.user) {
			const joining = joinSchema.safeParse(form);
			if (!joining.success) return fail(400, { values, errors: fieldErrors(joining.error) });
			const joined = await joinContest(
				db,
				contest.id,
				locals.user.id,
				joining.data.unitId,
				joining.data.groupId,
				clock.now()
			);
			if (!joined.ok && joined.reason !== 'already_registered') {
				const field = joined.reason === 'group_unknown' ? 'groupId' : 'unitId';
				return fail(400, { values, errors: { [field]: `error.${joined.reason}` } as Record<string, string> });
			}
			redirect(303, `/cuoc-thi/${contest.slug}`);
		}
		const parsed = registerSchema(formatIsoDate(clock.now()), registrationFields(contest)).safeParse(form);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await registerContestant(
			db,
			contest.id,
			parsed.data,
			clock.now(),
			{
				limiter: locals.app.limits.registration,
				address: clientIp(getClientAddress)
			},
			await eventClientSignals(event)
		);
		if (!result.ok && result.reason === 'too_many_attempts') {
			return fail(429, {
				values,
				errors: { form: 'error.too_many_attempts' } as Record<string, string>,
				params: { seconds: result.retryAfterSeconds }
			});
		}
		if (!result.ok) {
			const field =
				result.reason === 'phone_taken' ? 'phone' : result.reason === 'group_unknown' ? 'groupId' : 'unitId';
			return fail(400, { values, errors: { [field]: `error.${result.reason}` } as Record<string, string> });
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId, clock.now());
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, `/cuoc-thi/${contest.slug}`);
	}
};
