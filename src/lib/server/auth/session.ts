import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import {
	deleteSession,
	deleteUserSessions,
	findSessionOwner,
	findSessionWithUser,
	insertSession,
	updateSessionExpiry
} from './session.repository';

// Lucia's current recipe: the browser holds a random token, the database holds only its
// SHA-256, so a leaked database row cannot be replayed as a cookie.

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
/** Session lifetime, ms. */
export const SESSION_TTL = 30 * DAY;
/** A session with less than this left is extended on use (sliding expiry), ms. */
const RENEW_BEFORE = 15 * DAY;

export interface SessionUser {
	id: string;
	fullName: string;
	phone: string;
	role: 'admin' | 'organizer' | 'contestant';
}

export interface Session {
	id: string;
	userId: string;
	/** ms since epoch */
	expiresAt: number;
}

export type SessionValidation =
	{ session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null };

export function generateSessionToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The hex SHA-256 of the token (node's native hash: every request with a session pays it). */
export function sessionIdFromToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

export async function createSession(db: Db, token: string, userId: string, now: number): Promise<Session> {
	const session: Session = { id: sessionIdFromToken(token), userId, expiresAt: now + SESSION_TTL };
	await insertSession(db, { id: session.id, user_id: userId, expires_at: session.expiresAt, created_at: now });
	return session;
}

export async function validateSessionToken(db: Db, token: string, now: number): Promise<SessionValidation> {
	const sessionId = sessionIdFromToken(token);
	const row = await findSessionWithUser(db, sessionId);
	if (!row) return { session: null, user: null };
	if (now >= row.expires_at) {
		await deleteSession(db, sessionId);
		return { session: null, user: null };
	}
	const session: Session = { id: row.id, userId: row.user_id, expiresAt: row.expires_at };
	let renewed = false;
	if (now >= session.expiresAt - RENEW_BEFORE) {
		session.expiresAt = now + SESSION_TTL;
		await updateSessionExpiry(db, session.id, session.expiresAt);
		renewed = true;
	}
	const user: SessionUser = { id: row.user_id, fullName: row.full_name, phone: row.phone, role: row.role };
	return { session, user, renewed };
}

/**
 * The user a session token belongs to, or null when it is unknown or expired: the one lookup the
 * answer save's fast path makes. It neither renews nor deletes (the pages' full validation does,
 * on the next page the person opens), so a save never writes to the session table.
 */
export async function sessionUserId(db: Db, token: string, now: number): Promise<string | null> {
	const row = await findSessionOwner(db, sessionIdFromToken(token));
	return row && now < row.expires_at ? row.user_id : null;
}

/**
 * The user of a session that needs nothing from the pages' full validation: known, not expired and
 * not yet due for renewal; else null (the caller hands the request to the pages, which delete an
 * expired session or renew one). For the start's fast path, which answers only such requests.
 */
export async function settledSessionUserId(db: Db, token: string, now: number): Promise<string | null> {
	const row = await findSessionOwner(db, sessionIdFromToken(token));
	return row && now < row.expires_at - RENEW_BEFORE ? row.user_id : null;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await deleteSession(db, sessionId);
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await deleteUserSessions(db, userId);
}
