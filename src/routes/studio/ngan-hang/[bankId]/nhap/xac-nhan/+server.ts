import { json } from '@sveltejs/kit';
import { bankRefused } from '$lib/server/contests/studio-guard';
import { z } from 'zod';
import { importIntoBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

const confirmSchema = z.object({ token: z.string().regex(/^[0-9a-f]{32}$/) });

/** Writes a previewed import, all or nothing. A token works once, for the person who checked it. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = requireStaff(locals.user, url);
	const { app } = locals;
	const parsed = confirmSchema.safeParse(await request.json().catch(() => null));
	const pending = parsed.success
		? app.pendingImports.take(parsed.data.token, params.bankId, actor.id, app.clock.now())
		: null;
	if (!pending) return json({ ok: false, reason: 'import_expired' }, { status: 409 });
	const result = await importIntoBank(app, actor, params.bankId, pending.questions, pending.source);
	if (!result.ok) bankRefused(result.reason);
	return json(result);
};
