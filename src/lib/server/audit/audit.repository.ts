import { sql } from 'kysely';
import { isPostgres, type Db } from '../db/database';
import { newId } from '../ids';

export interface AuditEntry {
	actorId: string | null;
	action: string;
	entity: string;
	entityId: string;
	summary: string;
	detail?: unknown;
}

/** Writes one audit row; callers pass their transaction so the entry commits with the change. */
export async function recordAudit(db: Db, entry: AuditEntry, now: number): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			id: newId(),
			at: now,
			actor_id: entry.actorId,
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId,
			summary: entry.summary,
			detail_json: JSON.stringify(entry.detail ?? {})
		})
		.execute();
}

/** Newest first; rows of the same millisecond in the order they were written (rowid, or 0011's seq). */
export function listAudit(db: Db, limit = 200) {
	return db
		.selectFrom('audit_log')
		.leftJoin('app_user', 'app_user.id', 'audit_log.actor_id')
		.select([
			'audit_log.id',
			'audit_log.at',
			'audit_log.action',
			'audit_log.entity',
			'audit_log.entity_id as entityId',
			'audit_log.summary',
			'app_user.full_name as actorName'
		])
		.orderBy('audit_log.at', 'desc')
		.orderBy(sql.ref(isPostgres(db) ? 'audit_log.seq' : 'audit_log.rowid'), 'desc')
		.limit(limit)
		.execute();
}
