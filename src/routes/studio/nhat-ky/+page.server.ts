import { error } from '@sveltejs/kit';
import { listAudit } from '$lib/server/audit/audit.repository';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.role !== 'admin') error(403, 'forbidden');
	return { entries: await listAudit(locals.app.db, 300) };
};
