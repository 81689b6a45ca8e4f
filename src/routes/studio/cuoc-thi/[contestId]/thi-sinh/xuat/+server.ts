import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { attachmentHeaders, streamDownload, XLSX_TYPE } from '$lib/server/download';
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
	const headers = attachmentHeaders(XLSX_TYPE, registrationFileNames(contest));
	// HEAD: no body, so no export and no audit row
	if (request.method === 'HEAD') return new Response(null, { headers });
	return streamDownload(headers, `Registrations export of contest ${contest.id}`, (out) =>
		writeRegistrationsWorkbook(locals.app, actor, contest.id, out)
	);
};
