import { error } from '@sveltejs/kit';
import { findContestRound, findPublishedContest } from '$lib/server/contests/contest-page.service';
import { renderAnnouncement } from '$lib/server/results/announcement.pdf';
import type { RequestHandler } from './$types';

/** The results notice of a closed round. Public: it holds names and units only. */
export const GET: RequestHandler = async ({ locals, params }) => {
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findContestRound(app, contest.id, Number(params.n)) : undefined;
	const pdf = contest && round ? await renderAnnouncement(app, round.id) : null;
	if (!contest || !round || !pdf) error(404, 'not_found');
	const name = `thong-bao-ket-qua-${contest.slug.replace(/[^A-Za-z0-9-]/g, '')}-dot-${round.ordinal}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="${name}"`,
			// a round closed again after a disqualification changes the notice
			'cache-control': 'no-cache'
		}
	});
};
