import { randomBytes } from 'node:crypto';
import type { ImportedQuestion } from '../../domain/import/types';

// A checked import waits here between its preview and the organizer's confirmation, so the file
// is parsed once. In memory, per process: fine on one node; several nodes would keep it in the
// database. Entries expire after 30 minutes.

const TTL = 30 * 60 * 1000;

export interface PendingImport {
	bankId: string;
	actorId: string;
	source: string;
	questions: ImportedQuestion[];
	/** ms since epoch */
	expiresAt: number;
}

export interface PendingImports {
	put(entry: Omit<PendingImport, 'expiresAt'>, now: number): string;
	take(token: string, bankId: string, actorId: string, now: number): PendingImport | null;
}

export function createPendingImports(): PendingImports {
	const entries = new Map<string, PendingImport>();
	const sweep = (now: number): void => {
		for (const [token, entry] of entries) if (entry.expiresAt <= now) entries.delete(token);
	};
	return {
		put(entry, now) {
			sweep(now);
			const token = randomBytes(16).toString('hex');
			entries.set(token, { ...entry, expiresAt: now + TTL });
			return token;
		},
		take(token, bankId, actorId, now) {
			sweep(now);
			const entry = entries.get(token);
			if (!entry || entry.bankId !== bankId || entry.actorId !== actorId) return null;
			entries.delete(token);
			return entry;
		}
	};
}
