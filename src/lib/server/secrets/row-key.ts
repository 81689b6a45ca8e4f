import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { findSecret, insertSecretIfMissing } from './secret.repository';

const ROW_KEY_SECRET = 'row_key';

/** A contestant's public key in one round's leaderboard, from their user id. */
export type RowKeyer = (roundId: string, userId: string) => string;

const secrets = new WeakMap<Db, Promise<Buffer>>();

/** The database's row-key secret, made on first use and kept there, so every node and restart agrees. */
function rowKeySecret(db: Db, now: number): Promise<Buffer> {
	let secret = secrets.get(db);
	if (!secret) {
		secret = (async () => {
			let value = await findSecret(db, ROW_KEY_SECRET);
			if (value === undefined) {
				await insertSecretIfMissing(db, ROW_KEY_SECRET, randomBytes(32).toString('base64url'), now);
				value = await findSecret(db, ROW_KEY_SECRET);
			}
			if (value === undefined) throw new Error('The row key secret could not be stored');
			return Buffer.from(value, 'base64url');
		})();
		secret.catch(() => secrets.delete(db));
		secrets.set(db, secret);
	}
	return secret;
}

/**
 * Keys for public leaderboard rows (pages, screens, live packets): an HMAC of the round and the
 * user, so a key means nothing outside its round and cannot be traced to the person's account or
 * linked across rounds and contests, while the same person keeps the same key within the round.
 */
export async function rowKeyer(db: Db, now: number): Promise<RowKeyer> {
	const secret = await rowKeySecret(db, now);
	return (roundId, userId) =>
		createHmac('sha256', secret).update(`${roundId}\u0000${userId}`).digest('base64url').slice(0, 16);
}
