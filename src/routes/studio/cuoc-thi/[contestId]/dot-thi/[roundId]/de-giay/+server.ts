import { error, redirect } from '@sveltejs/kit';
import { paperDrawSchema } from '$lib/schemas/season';
import { newPaperSeed, renderQuestionPaper } from '$lib/server/contests/question-paper.pdf';
import { requireContestManager } from '$lib/server/contests/studio-guard';
import type { RequestHandler } from './$types';

/**
 * A round's question paper as a PDF (?nhom=<group id>&ma=<paper code>). Without a code, a new one
 * is drawn and the browser sent to its address, so the address reprints the same paper. Only the
 * contest's organizers; the paper holds the key, so each download is on the audit log.
 */
export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const actor = await requireContestManager(locals.app, locals.user, url, params.contestId);
	const parsed = paperDrawSchema.safeParse({
		group: url.searchParams.get('nhom') ?? '',
		seed: url.searchParams.get('ma') ?? ''
	});
	if (!parsed.success) error(400, 'Mã đề gồm từ 4 đến 32 chữ cái không dấu hoặc chữ số; hãy chọn một đối tượng.');
	if (!parsed.data.seed) {
		const next = new URL(url);
		next.searchParams.set('ma', newPaperSeed());
		redirect(303, `${next.pathname}${next.search}`);
	}
	const headers = { 'content-type': 'application/pdf', 'cache-control': 'no-store' };
	// SvelteKit answers HEAD with this handler: no paper, so no audit row.
	if (request.method === 'HEAD') return new Response(null, { headers });
	const paper = await renderQuestionPaper(locals.app, actor, {
		contestId: params.contestId,
		roundId: params.roundId,
		groupId: parsed.data.group,
		seed: parsed.data.seed.toUpperCase()
	});
	if (!paper.ok) {
		if (paper.reason === 'no_questions') {
			error(409, 'Cơ cấu đề của đợt thi chưa rút được câu hỏi nào cho đối tượng này.');
		}
		error(404, 'not_found');
	}
	return new Response(new Uint8Array(paper.pdf), {
		headers: { ...headers, 'content-disposition': `attachment; filename="${paper.fileName}"` }
	});
};
