import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { newId } from '../ids';
import { findUserByPhone } from '../users/user.repository';
import type { Actor } from './contest-access';
import { listContestTitles } from './contest.repository';

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
		let existing = trx.selectFrom('organizer_grant').select('id').where('user_id', '=', user.id);
		existing = contestId ? existing.where('contest_id', '=', contestId) : existing.where('contest_id', 'is', null);
		if (await existing.executeTakeFirst()) return { ok: false, reason: 'grant_exists' } as const;
		if (user.role === 'contestant') {
			await trx.updateTable('app_user').set({ role: 'organizer' }).where('id', '=', user.id).execute();
		}
		await trx
			.insertInto('organizer_grant')
			.values({ id: newId(), user_id: user.id, contest_id: contestId, granted_by: admin.id, created_at: now })
			.execute();
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
		const grant = await trx.selectFrom('organizer_grant').selectAll().where('id', '=', grantId).executeTakeFirst();
		if (!grant) return false;
		await trx.deleteFrom('organizer_grant').where('id', '=', grantId).execute();
		const left = await trx
			.selectFrom('organizer_grant')
			.select('id')
			.where('user_id', '=', grant.user_id)
			.executeTakeFirst();
		if (!left) {
			await trx
				.updateTable('app_user')
				.set({ role: 'contestant' })
				.where('id', '=', grant.user_id)
				.where('role', '=', 'organizer')
				.execute();
		}
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

export function listGrants(ctx: AppContext) {
	return ctx.db
		.selectFrom('organizer_grant')
		.innerJoin('app_user', 'app_user.id', 'organizer_grant.user_id')
		.leftJoin('contest', 'contest.id', 'organizer_grant.contest_id')
		.select(['organizer_grant.id', 'app_user.full_name as fullName', 'app_user.phone', 'contest.title as contestTitle'])
		.orderBy('app_user.full_name')
		.execute();
}

/** The contests an admin may grant, newest first. */
export function listGrantableContests(ctx: AppContext) {
	return listContestTitles(ctx.db);
}
