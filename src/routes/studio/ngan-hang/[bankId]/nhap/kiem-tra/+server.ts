import { json } from '@sveltejs/kit';
import { bankRefused } from '$lib/server/contests/studio-guard';
import { checkImport } from '$lib/server/questions/import.service';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

/** The dry run: parses the uploaded file, keeps it for the confirmation, returns the preview. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const { app } = locals;
	const actor = requireStaff(locals.user, url);
	const form = await request.formData();
	const file = form.get('file');
	if (!(file instanceof File)) return json({ ok: false, reason: 'no_file' }, { status: 400 });
	const result = await checkImport(
		app,
		app.pendingImports,
		actor,
		params.bankId,
		{ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) },
		String(form.get('format') ?? ''),
		{ skipUnsupported: form.get('skipUnsupported') === '1' }
	);
	if (result.ok) return json(result);
	if (result.reason === 'not_found' || result.reason === 'forbidden') bankRefused(result.reason);
	if (result.reason === 'invalid_file') return json(result);
	return json(result, { status: result.reason === 'import_busy' ? 503 : 400 });
};
