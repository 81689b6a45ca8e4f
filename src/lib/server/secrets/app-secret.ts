import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { findSecret, insertSecretIfMissing } from './secret.repository';

const cached = new WeakMap<Db, Map<string, Promise<Buffer>>>();

/**
 * A named 32-byte secret of the database (app_secret), made on first use and kept there, so
 * every node and restart agrees; cached per database handle after the first read.
 */
export function appSecret(db: Db, name: string, now: number): Promise<Buffer> {
	let byName = cached.get(db);
	if (!byName) cached.set(db, (byName = new Map()));
	let secret = byName.get(name);
	if (!secret) {
		secret = (async () => {
			let value = await findSecret(db, name);
			if (value === undefined) {
				await insertSecretIfMissing(db, name, randomBytes(32).toString('base64url'), now);
				value = await findSecret(db, name);
			}
			if (value === undefined) throw new Error(`The ${name} secret could not be stored`);
			return Buffer.from(value, 'base64url');
		})();
		secret.catch(() => byName.delete(name));
		byName.set(name, secret);
	}
	return secret;
}
