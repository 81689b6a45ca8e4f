import { forbidden } from '$lib/server/studio';
import { listAuditEntries } from '$lib/server/audit/audit.service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.user?.role !== 'admin') forbidden();
	return { entries: await listAuditEntries(locals.app, 300) };
};
