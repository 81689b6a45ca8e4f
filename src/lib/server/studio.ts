import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './auth/session';
import { canManageBanks } from './questions/question.service';

/** The organizer or admin behind a studio request; form actions and endpoints call it first. */
export function requireStaff(user: SessionUser | null, url: URL): SessionUser {
	if (!user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	if (!canManageBanks(user)) error(403, 'forbidden');
	return user;
}
