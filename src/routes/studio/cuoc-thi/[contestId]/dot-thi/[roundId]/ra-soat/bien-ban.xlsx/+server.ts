import { error } from '@sveltejs/kit';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import { exportReviewWorkbook } from '$lib/server/fair-play/review-export';
import { findRoundOfContest } from '$lib/server/fair-play/review.service';
import type { RequestHandler } from './$types';

/** The round's flags and decisions for the jury's minutes; names contestants, so each download is audited. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const round = await findRoundOfContest(locals.app, params.contestId, params.roundId);
	if (!round) error(404, 'not_found');
	const body = await exportReviewWorkbook(locals.app, actor.id, round);
	return new Response(new Uint8Array(body), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="ra-soat-gian-lan.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
