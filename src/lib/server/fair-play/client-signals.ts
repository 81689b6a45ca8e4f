import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { USER_AGENT_MAX } from '../../domain/fair-play-signals';
import type { Db } from '../db/database';
import { appSecret } from '../secrets/app-secret';

// The device, address and browser of a request, as kept for fair play (issue 14; migration 0015's
// columns on attempt and app_user): a random device id from a long-lived cookie, the address only
// as a keyed hash (HMAC-SHA256 with a secret of the database, so equal addresses match within the
// platform and a leaked table cannot be reversed by hashing all 2^32 IPv4 addresses), and the user
// agent, trimmed.

/** The device cookie: random per browser, httpOnly, SameSite=Lax, for 400 days (browsers' cap). */
export const DEVICE_COOKIE = 'did';
export const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 60 * 60;

/** 128 random bits, base64url (22 characters). */
export function newDeviceId(): string {
	return randomBytes(16).toString('base64url');
}

/** Whether a cookie value is one of ours (anything else is ignored and replaced). */
export function isDeviceId(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Za-z0-9_-]{22}$/.test(value);
}

const IP_HASH_SECRET = 'ip_hash';

/** The keyed hash of an address, 128 bits in base64url: equal addresses, equal hashes. */
export async function hashAddress(db: Db, address: string, now: number): Promise<string> {
	const secret = await appSecret(db, IP_HASH_SECRET, now);
	return createHmac('sha256', secret).update(address).digest('base64url').slice(0, 22);
}

/** The user agent as kept: at most USER_AGENT_MAX characters, control characters dropped. */
export function trimUserAgent(value: string | null | undefined): string | null {
	if (!value) return null;
	// eslint-disable-next-line no-control-regex
	const clean = value.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean ? clean.slice(0, USER_AGENT_MAX) : null;
}

/** What is stored with an attempt or an account. */
export interface ClientSignals {
	deviceId: string | null;
	ipHash: string | null;
	userAgent: string | null;
}

/** The raw request facts, before hashing. */
export interface ClientFacts {
	deviceId: string | null | undefined;
	address: string | null | undefined;
	userAgent: string | null | undefined;
}

export async function clientSignals(db: Db, facts: ClientFacts, now: number): Promise<ClientSignals> {
	const address = facts.address && facts.address !== 'unknown' ? facts.address : null;
	return {
		deviceId: isDeviceId(facts.deviceId) ? facts.deviceId : null,
		ipHash: address ? await hashAddress(db, address, now) : null,
		userAgent: trimUserAgent(facts.userAgent)
	};
}

/**
 * The client's address of a raw node:http request, by adapter-node's rules (what SvelteKit's
 * getClientAddress answers): ADDRESS_HEADER behind a proxy (with XFF_DEPTH for
 * x-forwarded-for, the entry that far from the right), else the socket's address.
 */
export function requestAddress(req: IncomingMessage): string | null {
	const header = process.env.ADDRESS_HEADER?.toLowerCase();
	if (header) {
		const raw = req.headers[header];
		const value = (Array.isArray(raw) ? raw[0] : raw) ?? '';
		if (header === 'x-forwarded-for') {
			const depth = Number(process.env.XFF_DEPTH ?? '1');
			const addresses = value.split(',');
			if (!(depth >= 1) || depth > addresses.length) return null;
			return addresses[addresses.length - depth].trim() || null;
		}
		return value.trim() || null;
	}
	return req.socket?.remoteAddress ?? null;
}
