import { error, fail, redirect } from '@sveltejs/kit';
import { formatIsoDate } from '$lib/i18n/format';
import { fieldErrors, joinSchema, registerSchema } from '$lib/schemas/auth';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession, generateSessionToken } from '$lib/server/auth/session';
import {
	findPublishedContest,
	listContestGroups,
	registrationFieldsOf as registrationFields
} from '$lib/server/contests/contest-page.service';
import { listUnitOptions } from '$lib/server/units/unit.service';
import { findContestRegistration, joinContest, registerContestant } from '$lib/server/users/user.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const contest = await findPublishedContest(locals.app, params.slug);
	if (!contest) error(404, 'not_found');
	if (locals.user && (await findContestRegistration(locals.app, contest.id, locals.user.id))) {
		redirect(303, `/cuoc-thi/${contest.slug}`);
	}
	const [groups, units] = await Promise.all([listContestGroups(locals.app, contest.id), listUnitOptions(locals.app)]);
	return {
		contest: { slug: contest.slug, title: contest.title, consentText: contest.consent_text },
		fields: registrationFields(contest),
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		units,
		today: formatIsoDate(locals.app.clock.now())
	};
};

export const actions: Actions = {
	default: async ({ request, locals, params, cookies, url }) => {
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
				const field = joined.reason === 'unit_unknown' ? 'unitId' : 'groupId';
				return fail(400, { values, errors: { [field]: `error.${joined.reason}` } as Record<string, string> });
			}
			redirect(303, `/cuoc-thi/${contest.slug}`);
		}
		const parsed = registerSchema(formatIsoDate(clock.now()), registrationFields(contest)).safeParse(form);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await registerContestant(db, contest.id, parsed.data, clock.now());
		if (!result.ok) {
			const field = result.reason === 'phone_taken' ? 'phone' : result.reason === 'unit_unknown' ? 'unitId' : 'groupId';
			return fail(400, { values, errors: { [field]: `error.${result.reason}` } as Record<string, string> });
		}
		const token = generateSessionToken();
		const session = await createSession(db, token, result.userId, clock.now());
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, `/cuoc-thi/${contest.slug}`);
	}
};
