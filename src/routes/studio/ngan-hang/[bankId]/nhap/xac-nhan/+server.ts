import { json } from '@sveltejs/kit';
import { confirmImportSchema } from '$lib/schemas/question-import';
import { bankRefused } from '$lib/server/contests/studio-guard';
import { confirmImport } from '$lib/server/questions/import.service';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

/** Writes a previewed import, all or nothing. A token works once, for the person who checked it. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = requireStaff(locals.user, url);
	const { app } = locals;
	const parsed = confirmImportSchema.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return json({ ok: false, reason: 'import_expired' }, { status: 409 });
	const result = await confirmImport(app, app.pendingImports, actor, params.bankId, parsed.data.token, {
		skipDuplicates: parsed.data.skipDuplicates
	});
	if (!result.ok && result.reason !== 'import_expired') bankRefused(result.reason);
	return json(result, { status: result.ok ? 200 : 409 });
};
