import { error } from '@sveltejs/kit';
import { findRoundShareCard } from '$lib/server/share/share-image.service';
import { roundQrPng } from '$lib/server/share/round-qr';
import type { RequestHandler } from './$types';

/** The round page's link as a QR code to save and print ("Lưu mã QR"), for the rounds whose page shows. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!(await findRoundShareCard(locals.app, params.slug, Number(params.n)))) error(404, 'not_found');
	const link = `${url.origin}/cuoc-thi/${params.slug}/dot-thi/${Number(params.n)}`;
	return new Response(new Uint8Array(await roundQrPng(link)), {
		headers: {
			'content-type': 'image/png',
			'content-disposition': `attachment; filename="ma-qr-${params.slug}-dot-${Number(params.n)}.png"`,
			'cache-control': 'public, max-age=3600'
		}
	});
};
