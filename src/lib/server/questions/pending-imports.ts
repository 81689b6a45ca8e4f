import { randomBytes } from 'node:crypto';
import type { ImportedQuestion } from '../../domain/import/types';

// A checked import waits here between its preview and the organizer's confirmation, so the file
// is parsed once. In memory, per process: fine on one node; several nodes would keep it in the
// database. Entries expire after 30 minutes, and the caps below bound what the map can hold, so
// checking file after file without confirming cannot grow the process without end.

const TTL = 30 * 60 * 1000;

export interface PendingImportCaps {
	/** checked imports one person keeps; a newer check drops that person's oldest */
	perActor: number;
	/** checked imports the process keeps for everyone together; beyond it a check is refused */
	entries: number;
	/** questions held across every entry; beyond it a check is refused */
	questions: number;
}

/** An organizer rarely has more than one import under way; a few tabs are allowed for. */
export const PENDING_IMPORT_CAPS: PendingImportCaps = { perActor: 3, entries: 100, questions: 200_000 };

export interface PendingImport {
	bankId: string;
	actorId: string;
	source: string;
	questions: ImportedQuestion[];
	/** positions (0-based) in `questions` of the likely duplicates the preview flagged */
	duplicates: number[];
	/** ms since epoch */
	expiresAt: number;
}

export interface PendingImports {
	/** The token to confirm it with, or null when the process holds as much as it may (try later). */
	put(entry: Omit<PendingImport, 'expiresAt'>, now: number): string | null;
	take(token: string, bankId: string, actorId: string, now: number): PendingImport | null;
	/** entries held, for tests and the operator */
	size(): number;
}

export function createPendingImports(caps: PendingImportCaps = PENDING_IMPORT_CAPS): PendingImports {
	// A Map iterates in insertion order: the first entry of an actor is their oldest.
	const entries = new Map<string, PendingImport>();
	let questions = 0;
	const drop = (token: string): void => {
		const entry = entries.get(token);
		if (!entry) return;
		questions -= entry.questions.length;
		entries.delete(token);
	};
	const sweep = (now: number): void => {
		for (const [token, entry] of entries) if (entry.expiresAt <= now) drop(token);
	};
	return {
		put(entry, now) {
			sweep(now);
			const own = [...entries].filter(([, e]) => e.actorId === entry.actorId).map(([token]) => token);
			for (const token of own.slice(0, Math.max(0, own.length - caps.perActor + 1))) drop(token);
			if (entries.size >= caps.entries || questions + entry.questions.length > caps.questions) return null;
			const token = randomBytes(16).toString('hex');
			entries.set(token, { ...entry, expiresAt: now + TTL });
			questions += entry.questions.length;
			return token;
		},
		take(token, bankId, actorId, now) {
			sweep(now);
			const entry = entries.get(token);
			if (!entry || entry.bankId !== bankId || entry.actorId !== actorId) return null;
			drop(token);
			return entry;
		},
		size: () => entries.size
	};
}
