import { json } from '@sveltejs/kit';
import { requireBank } from '$lib/server/contests/studio-guard';
import { detectFormat, parseImportFile } from '$lib/server/questions/import-file';
import { previewImport } from '$lib/server/questions/import-preview';
import { listTopics } from '$lib/server/questions/question.service';
import type { RequestHandler } from './$types';

/** The dry run: parses the uploaded file, keeps it for the confirmation, returns the preview. */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	const { app } = locals;
	const { actor, bank } = await requireBank(app.db, locals.user, url, params.bankId);
	const form = await request.formData();
	const file = form.get('file');
	if (!(file instanceof File)) return json({ ok: false, reason: 'no_file' }, { status: 400 });
	const format = detectFormat(file.name, String(form.get('format') ?? ''));
	if (!format) return json({ ok: false, reason: 'unknown_format' }, { status: 400 });
	const result = await parseImportFile(new Uint8Array(await file.arrayBuffer()), format);
	const topics = await listTopics(app.db, bank.id);
	const preview = previewImport(
		result,
		topics.map((t) => t.name)
	);
	if (!result.ok || result.questions.length === 0) return json({ ok: false, reason: 'invalid_file', preview });
	const token = app.pendingImports.put(
		{ bankId: bank.id, actorId: actor.id, source: file.name, questions: result.questions },
		app.clock.now()
	);
	return json({ ok: true, token, preview });
};
