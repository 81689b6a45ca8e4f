import { json } from '@sveltejs/kit';
import { importConfirmSchema as confirmSchema } from '$lib/schemas/bank';
import { importIntoBank } from '$lib/server/questions/question.service';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

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
	return json({ ok: true, ...result });
};
