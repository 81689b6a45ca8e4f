import { error, fail, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '$lib/schemas/auth';
import type { SessionUser } from '$lib/server/auth/session';
import type { AppContext } from '$lib/server/context';
import type { SeasonRefusal } from '$lib/server/contests/season.service';
import { requireContestManager } from '$lib/server/contests/studio-guard';

/** What the season pages use of a load or action event; their routes all sit under a contest. */
interface SeasonEvent {
	locals: App.Locals;
	params: { contestId: string };
	url: URL;
}

/** A season page's load: for the contest's managers only, and a 404 where `find` finds nothing. */
export async function loadSeasonPage<P>(
	{ locals, params, url }: SeasonEvent,
	find: (app: AppContext) => Promise<P | null>
): Promise<P> {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await find(locals.app);
	if (!page) error(404, 'not_found');
	return page;
}

/** A season refusal as a form's errors: a refused round's problems, or one message for the form. */
export function seasonFailure(refusal: SeasonRefusal) {
	if (refusal.reason === 'round_refused') {
		return { errors: {} as Record<string, string>, problems: refusal.problems, refusedRound: refusal.round };
	}
	const field = refusal.reason === 'slug_taken' ? 'slug' : 'form';
	return { errors: { [field]: `error.season_${refusal.reason}` } as Record<string, string>, problems: [] };
}

/**
 * The season's form actions in one shape: for the contest's managers only, the posted fields
 * checked by `schema`, written by `write` as the manager, then on to `next`; a refusal comes back
 * with what was typed and why.
 */
export async function seasonFormAction<S extends z.ZodType, T extends { ok: true }>(
	{ locals, params, request, url }: SeasonEvent & { request: Request },
	schema: S,
	write: (actor: SessionUser, data: z.output<S>) => Promise<T | SeasonRefusal>,
	next: (written: T) => string
) {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const values = Object.fromEntries([...(await request.formData()).entries()].map(([k, v]) => [k, String(v)]));
	const parsed = schema.safeParse(values);
	if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error), problems: [] });
	const result = await write(actor, parsed.data);
	if (!result.ok) return fail(400, { values, ...seasonFailure(result) });
	redirect(303, next(result));
}
