import { error } from '@sveltejs/kit';
import { PassThrough, Readable } from 'node:stream';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { log } from '$lib/server/logger';
import {
	findRegistrationExport,
	registrationFileNames,
	writeRegistrationsWorkbook
} from '$lib/server/registrations/registration-export';
import type { RequestHandler } from './$types';

/** The contest's registrations with personal data, as a workbook; each download on the audit log. */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const contest = await findRegistrationExport(locals.app, params.contestId);
	if (!contest) error(404, 'not_found');
	const names = registrationFileNames(contest);
	const headers = {
		'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		'content-disposition': `attachment; filename="${names.ascii}"; filename*=UTF-8''${names.encoded}`,
		'cache-control': 'no-store'
	};
	// HEAD: no body, so no export and no audit row
	if (request.method === 'HEAD') return new Response(null, { headers });
	const pass = new PassThrough();
	void writeRegistrationsWorkbook(locals.app, actor, contest.id, pass).then(
		(outcome) => {
			if (!outcome.ok && outcome.reason !== 'aborted') pass.destroy(new Error(`export_refused: ${outcome.reason}`));
		},
		(cause: unknown) => {
			log.error(`Registrations export of contest ${contest.id} failed`, cause);
			pass.destroy(cause instanceof Error ? cause : new Error(String(cause)));
		}
	);
	return new Response(Readable.toWeb(pass) as ReadableStream, { headers });
};
