import { error, redirect } from '@sveltejs/kit';
import { formatIsoDate } from '$lib/i18n/format';
import { exportPersonalData } from '$lib/server/privacy/personal-data.service';
import type { RequestHandler } from './$types';

// "Tải dữ liệu của tôi": the signed-in contestant's own data as a JSON file (audited by the service).
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) redirect(303, '/dang-nhap?next=/tai-khoan');
	const data = await exportPersonalData(locals.app, locals.user.id);
	if (!data) error(404, 'not_found');
	const name = `du-lieu-ca-nhan-${formatIsoDate(locals.app.clock.now())}.json`;
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
};
