import { error } from '@sveltejs/kit';
import { PassThrough, Readable } from 'node:stream';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import {
	findGameExportTarget,
	GAME_XLSX,
	gameExportFileName,
	writeGameWorkbook
} from '$lib/server/live-games/game-export';
import { log } from '$lib/server/logger';
import type { RequestHandler } from './$types';

/** A live game's results workbook, for the organizers of its contest; each download is audited. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const found = await findGameExportTarget(locals.app, actor, params.gameId, params.contestId);
	if (!found.ok) {
		error(found.reason === 'forbidden' ? 403 : 404, found.reason === 'forbidden' ? 'forbidden' : 'not_found');
	}

	const headers = {
		'content-type': GAME_XLSX,
		'content-disposition': `attachment; filename="${gameExportFileName(found.target.game)}"`,
		'cache-control': 'no-store'
	};
	// SvelteKit answers HEAD with this handler: no body, so no export and no audit row.
	if (request.method === 'HEAD') return new Response(null, { headers });

	const pass = new PassThrough();
	void writeGameWorkbook(locals.app, actor, params.gameId, pass, params.contestId).then(
		(outcome) => {
			if (!outcome.ok && outcome.reason !== 'aborted') pass.destroy(new Error(`export_refused: ${outcome.reason}`));
		},
		(cause: unknown) => {
			log.error(`Export of live game ${params.gameId} failed`, cause);
			pass.destroy(cause instanceof Error ? cause : new Error(String(cause)));
		}
	);
	return new Response(Readable.toWeb(pass) as ReadableStream, { headers });
};
