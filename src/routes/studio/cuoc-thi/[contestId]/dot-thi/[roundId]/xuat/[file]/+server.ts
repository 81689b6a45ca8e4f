import { error } from '@sveltejs/kit';
import { PassThrough, Readable } from 'node:stream';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { log } from '$lib/server/logger';
import { exportFileNames, findExportFile } from '$lib/server/results/export-files';
import { findExportTarget } from '$lib/server/results/export.service';
import type { RequestHandler } from './$types';

/**
 * A closed round's exports (EXPORT_FILES: results and unit standings as Excel and two kinds of
 * CSV, question statistics, every winner's certificate in one PDF), streamed as they are written. Only the organizers of the round's contest; the results files
 * hold personal data and each download is on the audit log.
 */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const file = findExportFile(params.file);
	if (!file) error(404, 'not_found');
	const found = await findExportTarget(locals.app, actor, params.roundId, params.contestId);
	if (!found.ok) {
		if (found.reason === 'round_not_closed') {
			error(409, 'Đợt thi chưa được tổng hợp kết quả. Hãy tổng hợp kết quả (chốt đợt thi) trước khi xuất tệp.');
		}
		error(found.reason === 'forbidden' ? 403 : 404, found.reason === 'forbidden' ? 'forbidden' : 'not_found');
	}

	const names = exportFileNames(file, found.target);
	const headers = {
		'content-type': file.contentType,
		'content-disposition': `attachment; filename="${names.ascii}"; filename*=UTF-8''${names.encoded}`,
		'cache-control': 'no-store'
	};
	// SvelteKit answers HEAD with this handler: no body, so no export and no audit row.
	if (request.method === 'HEAD') return new Response(null, { headers });

	const pass = new PassThrough();
	// The response starts before the last row is read: a failure from here on can only cut the
	// download short, so it is logged and the stream destroyed (the browser sees a failed download).
	void file.write(locals.app, actor, params.roundId, pass).then(
		(outcome) => {
			if (!outcome.ok && outcome.reason !== 'aborted') pass.destroy(new Error(`export_refused: ${outcome.reason}`));
		},
		(cause: unknown) => {
			log.error(`Export ${params.file} of round ${params.roundId} failed`, cause);
			pass.destroy(cause instanceof Error ? cause : new Error(String(cause)));
		}
	);
	return new Response(Readable.toWeb(pass) as ReadableStream, { headers });
};
