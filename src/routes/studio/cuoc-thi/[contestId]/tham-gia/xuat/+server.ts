import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { attachmentHeaders, streamDownload, XLSX_TYPE } from '$lib/server/download';
import { laggingFileNames, writeLaggingWorkbook } from '$lib/server/registrations/participation-export';
import { getUnitParticipation } from '$lib/server/registrations/participation.service';
import { participationQuery } from '../query';
import type { RequestHandler } from './$types';

/** "Danh sách đơn vị chưa tham gia" as a workbook: counts per unit, no personal data. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getUnitParticipation(locals.app, params.contestId, participationQuery(url));
	if (!page) error(404, 'not_found');
	return streamDownload(
		attachmentHeaders(XLSX_TYPE, laggingFileNames(page)),
		`Lagging units export of contest ${params.contestId}`,
		(out) => writeLaggingWorkbook(page, out)
	);
};
