import { fail, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '$lib/schemas/auth';
import type { SeasonRefusal } from '$lib/server/contests/season.service';

/** A season refusal as a form's errors: a refused round's problems, or one message for the form. */
export function seasonFailure(refusal: SeasonRefusal) {
	if (refusal.reason === 'round_refused') {
		return { errors: {} as Record<string, string>, problems: refusal.problems, refusedRound: refusal.round };
	}
	const field = refusal.reason === 'slug_taken' ? 'slug' : 'form';
	return { errors: { [field]: `error.season_${refusal.reason}` } as Record<string, string>, problems: [] };
}

/**
 * The season's form actions in one shape: the posted fields checked by `schema`, written by
 * `write`, then on to `next`; a refusal comes back with what was typed and why.
 */
export async function seasonFormAction<S extends z.ZodType, T extends { ok: true }>(
	request: Request,
	schema: S,
	write: (data: z.output<S>) => Promise<T | SeasonRefusal>,
	next: (written: T) => string
) {
	const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
	const parsed = schema.safeParse(values);
	if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error), problems: [] });
	const result = await write(parsed.data);
	if (!result.ok) return fail(400, { values, ...seasonFailure(result) });
	redirect(303, next(result));
}
