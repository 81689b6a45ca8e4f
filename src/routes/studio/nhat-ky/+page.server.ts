import { error } from '@sveltejs/kit';
import { listAuditEntries } from '$lib/server/audit/audit.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.role !== 'admin') error(403, 'forbidden');
	return { entries: await listAuditEntries(locals.app, 300) };
};
