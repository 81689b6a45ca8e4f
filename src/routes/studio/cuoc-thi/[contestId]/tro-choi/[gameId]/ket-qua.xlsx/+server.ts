import { error } from '@sveltejs/kit';
import { forbidden } from '$lib/server/studio';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import {
	findGameExportTarget,
	GAME_XLSX,
	gameExportFileName,
	writeGameWorkbook
} from '$lib/server/live-games/game-export';
import { attachmentHeaders, streamDownload } from '$lib/server/download';
import type { RequestHandler } from './$types';

/** A live game's results workbook, for the organizers of its contest; each download is audited. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const found = await findGameExportTarget(locals.app, actor, params.gameId, params.contestId);
	if (!found.ok) {
		if (found.reason === 'forbidden') forbidden();
		error(404, 'not_found');
	}

	const headers = attachmentHeaders(GAME_XLSX, { ascii: gameExportFileName(found.target.game) });
	// SvelteKit answers HEAD with this handler: no body, so no export and no audit row.
	if (request.method === 'HEAD') return new Response(null, { headers });
	return streamDownload(headers, `Export of live game ${params.gameId}`, (out) =>
		writeGameWorkbook(locals.app, actor, params.gameId, out, params.contestId)
	);
};
