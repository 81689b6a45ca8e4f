import { error } from '@sveltejs/kit';
import type { SessionUser } from '../auth/session';
import type { AppContext } from '../context';
import { requireStaff } from '../studio';
import { canManageContest } from './contest-access';

/** Form actions re-check the grant themselves: a layout's load does not guard actions. */
export async function requireContestManager(
	ctx: AppContext,
	user: SessionUser | null,
	url: URL,
	contestId: string
): Promise<SessionUser> {
	const actor = requireStaff(user, url);
	if (!(await canManageContest(ctx.db, actor, contestId))) error(403, 'forbidden');
	return actor;
}
