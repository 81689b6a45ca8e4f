import { error, redirect } from '@sveltejs/kit';
import { formatIsoDate } from '$lib/i18n/format';
import { exportPersonalData } from '$lib/server/privacy/personal-data.service';
import { personalDataWorkbook } from '$lib/server/privacy/personal-data.xlsx';
import type { RequestHandler } from './$types';

// The signed-in contestant's own data as a readable workbook (the same export as the JSON file).
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) redirect(303, '/dang-nhap?next=/tai-khoan');
	const data = await exportPersonalData(locals.app, locals.user.id);
	if (!data) error(404, 'not_found');
	const name = `du-lieu-ca-nhan-${formatIsoDate(locals.app.clock.now())}.xlsx`;
	return new Response(new Uint8Array(await personalDataWorkbook(data)), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
