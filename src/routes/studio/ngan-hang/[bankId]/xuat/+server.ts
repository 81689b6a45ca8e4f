import { bankRefused } from '$lib/server/contests/studio-guard';
import { exportGift } from '$lib/domain/import/gift';
import { exportMoodleXml } from '$lib/domain/import/moodle-xml';
import { foldVietnamese } from '$lib/domain/text';
import { picturesAsPng } from '$lib/server/media/media.service';
import { exportBank } from '$lib/server/questions/question.service';
import { writeXlsx } from '$lib/server/questions/xlsx';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

/**
 * The bank as an Excel workbook in the import template (pictures embedded), as Moodle XML
 * (pictures as files) or as GIFT text (which has no pictures).
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const actor = requireStaff(locals.user, url);
	const exported = await exportBank(locals.app, actor, params.bankId);
	if (!exported.ok) bankRefused(exported.reason);
	const { bank, questions } = exported;
	const name =
		foldVietnamese(bank.name)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'ngan-hang';
	if (url.searchParams.get('format') === 'gift') {
		return new Response(exportGift(questions), {
			headers: {
				'content-type': 'text/plain; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.gift.txt"`
			}
		});
	}
	const pictures = await picturesAsPng(
		locals.app.db,
		questions.flatMap((q) => [q.image, ...q.options.map((o) => o.image)].flatMap((i) => (i?.media ? [i.media] : [])))
	);
	if (url.searchParams.get('format') === 'moodle') {
		const files = new Map(
			[...pictures].map(([id, p]) => [id, { name: `${id.slice(0, 16)}.png`, base64: p.png.toString('base64') }])
		);
		return new Response(exportMoodleXml(questions, files), {
			headers: {
				'content-type': 'application/xml; charset=utf-8',
				'content-disposition': `attachment; filename="${name}.moodle.xml"`
			}
		});
	}
	const workbook = await writeXlsx(questions, pictures);
	return new Response(new Uint8Array(workbook), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}.xlsx"`
		}
	});
};
