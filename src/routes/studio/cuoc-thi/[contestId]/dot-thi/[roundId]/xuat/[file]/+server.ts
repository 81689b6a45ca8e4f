import { error } from '@sveltejs/kit';
import { forbidden } from '$lib/server/studio';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { attachmentHeaders, streamDownload } from '$lib/server/download';
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
		if (found.reason === 'forbidden') forbidden();
		error(404, 'not_found');
	}

	const headers = attachmentHeaders(file.contentType, exportFileNames(file, found.target));
	// SvelteKit answers HEAD with this handler: no body, so no export and no audit row.
	if (request.method === 'HEAD') return new Response(null, { headers });
	return streamDownload(headers, `Export ${params.file} of round ${params.roundId}`, (out) =>
		file.write(locals.app, actor, params.roundId, out)
	);
};
