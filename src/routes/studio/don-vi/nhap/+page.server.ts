import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import {
	MAX_HEADCOUNT,
	MAX_UNIT_CODE_LENGTH,
	MAX_UNIT_NAME_LENGTH,
	UNIT_KINDS,
	rowsToUnits,
	type ImportedUnit,
	type UnitImportResult
} from '$lib/domain/import/units';
import { codeText, nameText } from '$lib/schemas/text';
import { requireStaff } from '$lib/server/studio';
import { MAX_UNIT_ROWS, previewUnitImport, readUnitFile } from '$lib/server/units/unit-import';
import { listUnits } from '$lib/server/units/unit.repository';
import { canEditUnits, importUnits, parentCodes } from '$lib/server/units/unit.service';
import type { Actions, PageServerLoad } from './$types';

const code = codeText({ min: 1, max: MAX_UNIT_CODE_LENGTH, message: 'units.error.code' });

/** The checked units as the dry run handed them to the page; they come back from the browser, so check again. */
const unitSchema = z.object({
	line: z.number().int().min(2),
	code,
	name: nameText({ min: 1, max: MAX_UNIT_NAME_LENGTH, message: 'units.error.name' }),
	parentCode: code.nullable(),
	headcount: z.number().int().min(0).max(MAX_HEADCOUNT).nullable(),
	kind: z.enum(UNIT_KINDS).nullable()
}) satisfies z.ZodType<ImportedUnit>;

const confirmSchema = z.object({
	source: z.string().max(255).default(''),
	units: z
		.string()
		.transform((text, ctx) => {
			try {
				return JSON.parse(text) as unknown;
			} catch {
				ctx.addIssue({ code: 'custom', message: 'units.error.import_payload' });
				return z.NEVER;
			}
		})
		.pipe(z.array(unitSchema).min(1).max(MAX_UNIT_ROWS))
});

async function storedCodes(locals: App.Locals): Promise<Map<string, string | null>> {
	return parentCodes(await listUnits(locals.app.db));
}

/** The shared unit tree is the admins' to change (unit.service); organizers are refused the import. */
function requireUnitEditor(locals: App.Locals, url: URL) {
	const actor = requireStaff(locals.user, url);
	if (!canEditUnits(actor)) error(403, 'forbidden');
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
		const existing = await storedCodes(locals);
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
		if (!result.ok && result.reason === 'forbidden') error(403, 'forbidden');
		if (!result.ok) {
			const codes = new Set((await storedCodes(locals)).keys());
			const preview = previewUnitImport({ ok: false, issues: result.issues, units }, codes);
			return fail(409, { source, preview, confirmError: `units.error.${result.reason}` });
		}
		return { source, done: { created: result.created, updated: result.updated } };
	}
};
