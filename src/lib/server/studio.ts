import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './auth/session';
import { translate } from '../i18n';
import { canManageBanks } from './questions/question.service';

/**
 * Refuses a studio request with 403 and the catalogue's sentence: an endpoint's refusal is shown
 * on SvelteKit's plain error page, which prints the message as it is (pages get +error.svelte).
 */
export function forbidden(): never {
	error(403, translate('vi', 'error.forbidden'));
}

/** The organizer or admin behind a studio request; form actions and endpoints call it first. */
export function requireStaff(user: SessionUser | null, url: URL): SessionUser {
	if (!user) redirect(303, `/dang-nhap?next=${encodeURIComponent(url.pathname)}`);
	if (!canManageBanks(user)) forbidden();
	return user;
}
