import { compareVietnamese } from '../../domain/text';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { lockName } from '../db/locks';
import { newId } from '../ids';
import { demoteOrganizer, findUserByPhone, updateUserRole } from '../users/user.repository';
import type { Actor } from './contest-access';
import { insertOrganizerGrant, listContestTitles } from './contest.repository';
import { deleteGrant, findGrant, findGrantOf, hasAnyGrant, listGrantRows } from './grant.repository';

export type GrantResult = { ok: true } | { ok: false; reason: 'user_unknown' | 'forbidden' | 'grant_exists' };

/** Admins only: makes a person an organizer of one contest (or, with null, of every contest). */
export async function grantOrganizer(
	ctx: AppContext,
	admin: Actor,
	phone: string,
	contestId: string | null
): Promise<GrantResult> {
	if (admin.role !== 'admin') return { ok: false, reason: 'forbidden' };
	const now = ctx.clock.now();
	const user = await findUserByPhone(ctx.db, phone);
	if (!user) return { ok: false, reason: 'user_unknown' };
	return ctx.db.transaction().execute(async (trx) => {
		// no unique key can say "one grant per person and contest" with a null contest: a lock per person
		await lockName(trx, `organizer_grant:${user.id}`);
		if (await findGrantOf(trx, user.id, contestId)) return { ok: false, reason: 'grant_exists' } as const;
		if (user.role === 'contestant') {
			await updateUserRole(trx, user.id, 'organizer');
		}
		await insertOrganizerGrant(trx, {
			id: newId(),
			user_id: user.id,
			contest_id: contestId,
			granted_by: admin.id,
			created_at: now
		});
		await recordAudit(
			trx,
			{
				actorId: admin.id,
				action: 'grant.create',
				entity: 'app_user',
				entityId: user.id,
				summary: `Giao quyền ban tổ chức cho ${user.full_name}${contestId ? '' : ' (mọi cuộc thi)'}`,
				detail: { contestId }
			},
			now
		);
		return { ok: true } as const;
	});
}

/** Admins only: removes a grant; an organizer left without grants goes back to contestant. */
export async function revokeGrant(ctx: AppContext, admin: Actor, grantId: string): Promise<boolean> {
	if (admin.role !== 'admin') return false;
	const now = ctx.clock.now();
	return ctx.db.transaction().execute(async (trx) => {
		const grant = await findGrant(trx, grantId);
		if (!grant) return false;
		await deleteGrant(trx, grantId);
		if (!(await hasAnyGrant(trx, grant.user_id))) await demoteOrganizer(trx, grant.user_id);
		await recordAudit(
			trx,
			{
				actorId: admin.id,
				action: 'grant.revoke',
				entity: 'app_user',
				entityId: grant.user_id,
				summary: 'Thu hồi quyền ban tổ chức',
				detail: { contestId: grant.contest_id }
			},
			now
		);
		return true;
	});
}

/**
 * Every grant, by holder name in Vietnamese order (Ánh after Anh, Đức after Dũng), sorted here:
 * SQLite's binary order and PostgreSQL's collation disagree with it and with each other.
 */
export async function listGrants(ctx: AppContext) {
	const rows = await listGrantRows(ctx.db);
	return rows.sort((a, b) => compareVietnamese(a.fullName, b.fullName) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The contests an admin may grant, newest first. */
export function listGrantableContests(ctx: AppContext) {
	return listContestTitles(ctx.db);
}
