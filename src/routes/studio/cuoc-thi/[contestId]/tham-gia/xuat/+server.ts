import { error } from '@sveltejs/kit';
import { PassThrough, Readable } from 'node:stream';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { log } from '$lib/server/logger';
import { laggingFileNames, writeLaggingWorkbook } from '$lib/server/registrations/participation-export';
import { getUnitParticipation } from '$lib/server/registrations/participation.service';
import { participationQuery } from '../query';
import type { RequestHandler } from './$types';

/** "Danh sách đơn vị chưa tham gia" as a workbook: counts per unit, no personal data. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	await requireContestManager(locals.app, locals.user, url, params.contestId);
	const page = await getUnitParticipation(locals.app, params.contestId, participationQuery(url));
	if (!page) error(404, 'not_found');
	const names = laggingFileNames(page);
	const pass = new PassThrough();
	writeLaggingWorkbook(page, pass).catch((cause: unknown) => {
		log.error(`Lagging units export of contest ${params.contestId} failed`, cause);
		pass.destroy(cause instanceof Error ? cause : new Error(String(cause)));
	});
	return new Response(Readable.toWeb(pass) as ReadableStream, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${names.ascii}"; filename*=UTF-8''${names.encoded}`,
			'cache-control': 'no-store'
		}
	});
};
