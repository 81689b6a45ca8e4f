import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import {
	unitAddSchema as addSchema,
	unitHeadcountSchema as headcountSchema,
	unitMergeSchema as mergeSchema,
	unitMoveSchema as moveSchema,
	unitRenameSchema as renameSchema
} from '$lib/schemas/units';
import { requireStaff, forbidden } from '$lib/server/studio';
import {
	addUnit,
	canEditUnits,
	listUnitEditorRows,
	mergeUnits,
	moveUnit,
	renameUnit,
	setHeadcount,
	type UnitFailure
} from '$lib/server/units/unit.service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = requireStaff(locals.user, url);
	return { canEdit: canEditUnits(actor), units: await listUnitEditorRows(locals.app) };
};

/** Like fieldErrors, but keeps this page's own keys ('units.error.*') as well as the shared 'error.*' ones. */
function unitFieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		if (!(field in out)) out[field] = /^(units\.)?error\./.test(issue.message) ? issue.message : 'error.invalid';
	}
	return out;
}

type UnitForm = 'rename' | 'headcount' | 'move' | 'merge';

/** A refusal for one unit's form: the page shows it next to that form only. */
function refused(form: UnitForm, id: string, errors: Record<string, string>) {
	return fail(400, { form, unitId: id, errors });
}

/** Organizers read the tree; a change from anyone but an admin is refused outright. */
function refuseForbidden(result: { ok: boolean; reason?: UnitFailure }): void {
	if (!result.ok && result.reason === 'forbidden') forbidden();
}

async function formValues(request: Request): Promise<Record<string, FormDataEntryValue>> {
	return Object.fromEntries(await request.formData());
}

export const actions: Actions = {
	add: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = await formValues(request);
		const parsed = addSchema.safeParse(values);
		const echo = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
		const addRefused = (errors: Record<string, string>) => fail(400, { form: 'add' as const, values: echo, errors });
		if (!parsed.success) return addRefused(unitFieldErrors(parsed.error));
		const result = await addUnit(locals.app, actor, parsed.data);
		refuseForbidden(result);
		if (!result.ok) {
			return addRefused({ [result.reason === 'code_taken' ? 'code' : 'parentId']: `units.error.${result.reason}` });
		}
		return { form: 'add' as const, unitId: result.unitId, done: parsed.data.name };
	},
	rename: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = await formValues(request);
		const parsed = renameSchema.safeParse(values);
		if (!parsed.success) return refused('rename', String(values.unitId), unitFieldErrors(parsed.error));
		const result = await renameUnit(locals.app, actor, parsed.data.unitId, parsed.data.name);
		refuseForbidden(result);
		if (!result.ok) return refused('rename', parsed.data.unitId, { name: `units.error.${result.reason}` });
		return { form: 'rename' as const, unitId: parsed.data.unitId, done: true };
	},
	headcount: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = await formValues(request);
		const parsed = headcountSchema.safeParse(values);
		if (!parsed.success) return refused('headcount', String(values.unitId), unitFieldErrors(parsed.error));
		const result = await setHeadcount(locals.app, actor, parsed.data.unitId, parsed.data.headcount);
		refuseForbidden(result);
		if (!result.ok) return refused('headcount', parsed.data.unitId, { headcount: `units.error.${result.reason}` });
		return { form: 'headcount' as const, unitId: parsed.data.unitId, done: true };
	},
	move: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = await formValues(request);
		const parsed = moveSchema.safeParse(values);
		if (!parsed.success) return refused('move', String(values.unitId), unitFieldErrors(parsed.error));
		const result = await moveUnit(locals.app, actor, parsed.data.unitId, parsed.data.parentId);
		refuseForbidden(result);
		if (!result.ok) return refused('move', parsed.data.unitId, { parentId: `units.error.${result.reason}` });
		return { form: 'move' as const, unitId: parsed.data.unitId, done: true };
	},
	merge: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const values = await formValues(request);
		const parsed = mergeSchema.safeParse(values);
		if (!parsed.success) return refused('merge', String(values.unitId), unitFieldErrors(parsed.error));
		const result = await mergeUnits(locals.app, actor, parsed.data.unitId, parsed.data.targetId);
		refuseForbidden(result);
		if (!result.ok) return refused('merge', parsed.data.unitId, { targetId: `units.error.${result.reason}` });
		return { form: 'merge' as const, unitId: parsed.data.targetId, done: true, merged: result };
	}
};
