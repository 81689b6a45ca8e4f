import { templateXlsx } from '$lib/server/questions/xlsx';
import { requireStaff } from '$lib/server/studio';
import type { RequestHandler } from './$types';

/** The Excel template organizers fill in, with two example questions and a guide sheet. */
export const GET: RequestHandler = async ({ locals, url }) => {
	requireStaff(locals.user, url);
	return new Response(new Uint8Array(await templateXlsx()), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': 'attachment; filename="mau-nhap-cau-hoi.xlsx"'
		}
	});
};
