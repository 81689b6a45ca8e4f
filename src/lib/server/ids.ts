import { randomBytes } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** Application-made text ids: 16 random bytes, base32, the same on SQLite and PostgreSQL. */
export function newId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(16));
}
