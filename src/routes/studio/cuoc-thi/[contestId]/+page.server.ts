import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/schemas/auth';
import { contestFormSchema } from '$lib/schemas/contest';
import {
	countRealAttempts,
	setContestStatus,
	startPreviewAttempt,
	updateContest
} from '$lib/server/contests/contest-admin.service';
import { contestFormValues, storedContestValues } from '$lib/server/contests/contest-form';
import { findContestById, listGroups, listRounds } from '$lib/server/contests/contest.repository';
import { setBanner } from '$lib/server/contests/banner';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { listUnitChoices } from '$lib/server/units/contest-units';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const { db } = locals.app;
	// a layout's load is no guard for a page's data request: check the grant here too
	await requireContestManager(locals.app.db, locals.user, url, params.contestId);
	const contest = await findContestById(db, params.contestId);
	if (!contest) error(404, 'not_found');
	const [groups, rounds, units] = await Promise.all([
		listGroups(db, contest.id),
		listRounds(db, contest.id),
		listUnitChoices(db)
	]);
	return {
		contest: {
			id: contest.id,
			slug: contest.slug,
			title: contest.title,
			status: contest.status,
			bannerUrl: contest.banner_mime ? `/cuoc-thi/${contest.slug}/anh-bia?v=${contest.banner_version}` : null
		},
		values: storedContestValues(contest, groups),
		units,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		rounds: await Promise.all(
			rounds.map(async (r) => ({
				id: r.id,
				ordinal: r.ordinal,
				name: r.name,
				opensAt: r.opens_at,
				closesAt: r.closes_at,
				attempts: await countRealAttempts(db, r.id)
			}))
		)
	};
};

const statusSchema = z.object({ status: z.enum(['draft', 'published', 'archived']) });
const previewSchema = z.object({ roundId: z.string().min(1), groupId: z.string().min(1) });

export const actions: Actions = {
	save: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
		const values = contestFormValues(await request.formData());
		const parsed = contestFormSchema.safeParse(values);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const result = await updateContest(locals.app, actor, params.contestId, parsed.data);
		if (!result.ok) {
			const field =
				result.reason === 'slug_taken' ? 'slug' : result.reason === 'root_unit_unknown' ? 'rootUnitId' : 'groups';
			return fail(400, { values, errors: { [field]: `error.${result.reason}` } as Record<string, string> });
		}
		return { saved: true };
	},
	banner: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
		const form = await request.formData();
		const file = form.get('banner');
		const remove = form.get('remove') === '1';
		const bytes = remove
			? null
			: file instanceof File && file.size > 0
				? new Uint8Array(await file.arrayBuffer())
				: undefined;
		if (bytes === undefined) return fail(400, { bannerError: 'error.banner_type' });
		const result = await setBanner(locals.app, actor, params.contestId, bytes);
		if (!result.ok) return fail(400, { bannerError: `error.${result.reason}` });
		return { bannerSaved: true };
	},
	status: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
		const parsed = statusSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { statusError: 'error.invalid' });
		await setContestStatus(locals.app, actor, params.contestId, parsed.data.status);
		return { statusChanged: parsed.data.status };
	},
	preview: async ({ locals, params, request, url }) => {
		const actor = await requireContestManager(locals.app.db, locals.user, url, params.contestId);
		const parsed = previewSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { previewError: 'error.invalid' });
		const result = await startPreviewAttempt(locals.app, actor, parsed.data.roundId, parsed.data.groupId);
		if (!result.ok) return fail(409, { previewError: `error.${result.reason}` });
		redirect(303, `/lam-bai/${result.attemptId}`);
	}
};
