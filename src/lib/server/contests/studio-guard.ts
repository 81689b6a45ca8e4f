import { error } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { forbidden, requireStaff } from '../studio';
import { openBank } from '../questions/bank-access';
import { canManageContest } from './contest-access';

/** Form actions re-check the grant themselves: a layout's load does not guard actions. */
export async function requireContestManager(
	ctx: AppContext,
	user: SessionUser | null,
	url: URL,
	contestId: string
): Promise<SessionUser> {
	const actor = requireStaff(user, url);
	if (!(await canManageContest(ctx.db, actor, contestId))) forbidden();
	return actor;
}

/** Refuses a bank the actor may not open: 404 when it does not exist, 403 when it is another contest's. */
export function bankRefused(reason: 'not_found' | 'forbidden'): never {
	if (reason === 'forbidden') forbidden();
	error(404, reason);
}

/** The actor and the bank behind a bank page, action or endpoint, once bank-access allows it. */
export async function requireBank(
	ctx: AppContext,
	user: SessionUser | null,
	url: URL,
	bankId: string
): Promise<{ actor: SessionUser; bank: { id: string; name: string } }> {
	const actor = requireStaff(user, url);
	const access = await openBank(ctx.db, actor, bankId);
	if (!access.ok) bankRefused(access.reason);
	return { actor, bank: access.bank };
}
