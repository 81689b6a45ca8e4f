// The demo's accounts have their passwords in the README: fine on a laptop, an open door on a
// public site. The server says so loudly when it starts in that situation.
import { verifyPasswordHash } from '../auth/password';
import type { Db } from '../db/database';
import { findUserByPhone } from '../users/user.repository';
import { demoAccounts } from './seed';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Whether ORIGIN is an https address other people reach: not localhost or a loopback address
 * (a developer trying the production build behind a local TLS proxy is not a deployment).
 */
export function isPublicHttpsOrigin(origin: string | undefined): boolean {
	if (!origin) return false;
	let url: URL;
	try {
		url = new URL(origin);
	} catch {
		return false;
	}
	if (url.protocol !== 'https:') return false;
	const host = url.hostname.toLowerCase();
	return !LOOPBACK_HOSTS.has(host) && !host.endsWith('.localhost') && !host.startsWith('127.');
}

/** The warning to log, or null: only for a public https origin where a demo account still opens with its published password. */
export function demoExposureWarning(origin: string | undefined, demoPasswordsWork: boolean): string | null {
	if (!demoPasswordsWork || !isPublicHttpsOrigin(origin)) return null;
	const line = '!'.repeat(78);
	return [
		line,
		`DEMO ACCOUNTS ARE OPEN ON ${origin}: their passwords are published in the README.`,
		'Anyone can sign in as the demo admin. For a deployment, start on an empty database with',
		'DEMO_DATA=off and create the admin with `npm run admin -- create` (README, "Deployment").',
		line
	].join('\n');
}

/** Whether the demo admin or organizer exists and still has its published password. */
export async function demoPasswordsWork(db: Db): Promise<boolean> {
	for (const account of [demoAccounts.admin, demoAccounts.organizer]) {
		const user = await findUserByPhone(db, account.phone);
		if (user && (await verifyPasswordHash(user.password_hash, account.password))) return true;
	}
	return false;
}
