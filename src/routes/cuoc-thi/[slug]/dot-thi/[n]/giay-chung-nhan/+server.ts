import { error, redirect } from '@sveltejs/kit';
import { findContestRound, findPublishedContest } from '$lib/server/contests/contest-page.service';
import { renderCertificate } from '$lib/server/results/certificate.pdf';
import type { RequestHandler } from './$types';

/** The signed-in contestant's own certificate for a round in which they won a prize. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	const { app } = locals;
	const contest = await findPublishedContest(app, params.slug);
	const round = contest ? await findContestRound(app, contest.id, Number(params.n)) : undefined;
	const pdf = contest && round ? await renderCertificate(app, round.id, locals.user.id) : null;
	if (!contest || !round || !pdf) error(404, 'not_found');
	const name = `giay-chung-nhan-${contest.slug.replace(/[^A-Za-z0-9-]/g, '')}-dot-${round.ordinal}.pdf`;
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'private, no-store'
		}
	});
};
