import { z } from 'zod';
import {
	MAX_HEADCOUNT,
	MAX_UNIT_CODE_LENGTH,
	MAX_UNIT_NAME_LENGTH,
	UNIT_KINDS,
	type ImportedUnit
} from '../domain/import/units';
import { codeText, nameText } from './text';

// The unit editor's forms (/studio/don-vi) and the units import's confirmation (/studio/don-vi/nhap).
// Messages are catalogue keys.

/** Units per file: a province's whole tree fits many times over. */
export const MAX_UNIT_ROWS = 20_000;

const name = nameText({ min: 1, max: MAX_UNIT_NAME_LENGTH, message: 'units.error.name' });
const headcount = z
	.string()
	.trim()
	.regex(/^\d{1,9}$/, 'units.error.headcount')
	.transform(Number)
	.pipe(z.number().max(MAX_HEADCOUNT, 'units.error.headcount'));
const unitId = z.string().min(1, 'error.invalid');
/** '' in a parent select means the top of the tree. */
const parentId = z.string().transform((s) => (s === '' ? null : s));

export const unitAddSchema = z.object({
	code: codeText({ min: 1, max: MAX_UNIT_CODE_LENGTH, message: 'units.error.code' }),
	name,
	parentId,
	kind: z.enum(UNIT_KINDS, 'error.invalid'),
	headcount
});
export const unitRenameSchema = z.object({ unitId, name });
export const unitHeadcountSchema = z.object({ unitId, headcount });
export const unitMoveSchema = z.object({ unitId, parentId });
export const unitMergeSchema = z.object({
	unitId,
	targetId: z.string().min(1, 'units.error.target'),
	confirm: z.literal('on', 'units.error.merge_confirm')
});

const code = codeText({ min: 1, max: MAX_UNIT_CODE_LENGTH, message: 'units.error.code' });

/** The checked units as the dry run handed them to the page; they come back from the browser, so check again. */
const importedUnitSchema = z.object({
	line: z.number().int().min(2),
	code,
	name: nameText({ min: 1, max: MAX_UNIT_NAME_LENGTH, message: 'units.error.name' }),
	parentCode: code.nullable(),
	headcount: z.number().int().min(0).max(MAX_HEADCOUNT).nullable(),
	kind: z.enum(UNIT_KINDS).nullable()
}) satisfies z.ZodType<ImportedUnit>;

export const unitImportConfirmSchema = z.object({
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
		.pipe(z.array(importedUnitSchema).min(1).max(MAX_UNIT_ROWS))
});
