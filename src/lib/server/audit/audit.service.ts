import type { AppContext } from '../context';
import { listAudit } from './audit.repository';

/** The newest entries of the audit log, for the admin's page. */
export function listAuditEntries(ctx: AppContext, limit: number) {
	return listAudit(ctx.db, limit);
}
