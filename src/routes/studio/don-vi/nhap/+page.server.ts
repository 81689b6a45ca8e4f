import { fail } from '@sveltejs/kit';
import { rowsToUnits, type UnitImportResult } from '$lib/domain/import/units';
import { unitImportConfirmSchema as confirmSchema } from '$lib/schemas/units';
import { requireStaff, forbidden } from '$lib/server/studio';
import { previewUnitImport, readUnitFile } from '$lib/server/units/unit-import';
import { canEditUnits, importUnits, storedUnitCodes } from '$lib/server/units/unit.service';
import type { Actions, PageServerLoad } from './$types';

/** The shared unit tree is the admins' to change (unit.service); organizers are refused the import. */
function requireUnitEditor(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals.user, url);
	if (!canEditUnits(actor)) forbidden();
	return actor;
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireUnitEditor(locals, url);
};

export const actions: Actions = {
	/** The dry run: reads the file, checks every row against the file and the stored tree, writes nothing. */
	check: async ({ locals, request, url }) => {
		requireUnitEditor(locals, url);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.name === '') return fail(400, { errors: { file: 'error.no_file' } });
		const read = await readUnitFile(new Uint8Array(await file.arrayBuffer()));
		const existing = await storedUnitCodes(locals.app);
		const codes = new Set(existing.keys());
		const result: UnitImportResult = read.ok
			? rowsToUnits(read.rows, codes, existing)
			: { ok: false, issues: [read.issue], units: [] };
		const preview = previewUnitImport(result, codes);
		if (!result.ok) return fail(400, { source: file.name, preview });
		return { source: file.name, preview, payload: JSON.stringify(result.units) };
	},
	/** Writes what the dry run accepted, all or nothing, after checking it again against the tree as it is now. */
	confirm: async ({ locals, request, url }) => {
		const actor = requireStaff(locals.user, url);
		const parsed = confirmSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { confirmError: 'units.error.import_payload' });
		const { units, source } = parsed.data;
		const result = await importUnits(locals.app, actor, units, source);
		if (!result.ok && result.reason === 'forbidden') forbidden();
		if (!result.ok) {
			const codes = new Set((await storedUnitCodes(locals.app)).keys());
			const preview = previewUnitImport({ ok: false, issues: result.issues, units }, codes);
			return fail(409, { source, preview, confirmError: `units.error.${result.reason}` });
		}
		return { source, done: { created: result.created, updated: result.updated } };
	}
};
