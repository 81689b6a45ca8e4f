import { createHash, randomBytes } from 'node:crypto';
import type { ImportedQuestion } from '../../domain/import/types';
import type { Db } from '../db/database';
import { lockName } from '../db/locks';

// A checked import waits between its preview and the organizer's confirmation, so the file is
// parsed once. In the database (table pending_import), so the preview may come from one app node
// and the confirmation go to another. Entries expire after 30 minutes and are pruned by every
// write; the caps below bound what the table holds, so checking file after file without
// confirming cannot grow it without end.

const TTL = 30 * 60 * 1000;

export interface PendingImportCaps {
	/** checked imports one person keeps; a newer check drops that person's oldest */
	perActor: number;
	/** checked imports kept for everyone together; beyond it a check is refused */
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
	/** The token to confirm it with, or null when as much is held as may be (try later). */
	put(entry: Omit<PendingImport, 'expiresAt'>, now: number): Promise<string | null>;
	/** The entry, removed (a token works once), when it is the actor's, for this bank, and not expired. */
	take(token: string, bankId: string, actorId: string, now: number): Promise<PendingImport | null>;
	/** entries held and not expired, for tests and the operator */
	size(now: number): Promise<number>;
}

// The table keeps a hash of the token: reading it confirms nothing.
function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('base64url');
}

export function createPendingImports(db: Db, caps: PendingImportCaps = PENDING_IMPORT_CAPS): PendingImports {
	return {
		put(entry, now) {
			// One check at a time across nodes, so the caps hold (on SQLite the transaction does).
			return db.transaction().execute(async (trx) => {
				await lockName(trx, 'pending_import');
				await trx.deleteFrom('pending_import').where('expires_at', '<=', now).execute();
				const own = await trx
					.selectFrom('pending_import')
					.select(['token_hash', 'created_at'])
					.where('actor_id', '=', entry.actorId)
					.orderBy('created_at')
					.execute();
				const dropped = own.slice(0, Math.max(0, own.length - caps.perActor + 1)).map((r) => r.token_hash);
				if (dropped.length) await trx.deleteFrom('pending_import').where('token_hash', 'in', dropped).execute();
				const held = await trx
					.selectFrom('pending_import')
					.select((eb) => [eb.fn.countAll<number>().as('entries'), eb.fn.sum<number>('question_count').as('questions')])
					.executeTakeFirstOrThrow();
				const questions = Number(held.questions ?? 0);
				if (Number(held.entries) >= caps.entries || questions + entry.questions.length > caps.questions) return null;
				const token = randomBytes(16).toString('hex');
				await trx
					.insertInto('pending_import')
					.values({
						token_hash: tokenHash(token),
						bank_id: entry.bankId,
						actor_id: entry.actorId,
						source: entry.source,
						questions_json: JSON.stringify(entry.questions),
						question_count: entry.questions.length,
						duplicates_json: JSON.stringify(entry.duplicates),
						// after the actor's earlier checks even within one millisecond: "oldest" is by created_at
						created_at: Math.max(now, (own.at(-1)?.created_at ?? now) + 1),
						expires_at: now + TTL
					})
					.execute();
				return token;
			});
		},
		async take(token, bankId, actorId, now) {
			// One statement: two confirmations of one token (two nodes, two clicks) cannot both get it.
			const row = await db
				.deleteFrom('pending_import')
				.where('token_hash', '=', tokenHash(token))
				.where('bank_id', '=', bankId)
				.where('actor_id', '=', actorId)
				.where('expires_at', '>', now)
				.returning(['bank_id', 'actor_id', 'source', 'questions_json', 'duplicates_json', 'expires_at'])
				.executeTakeFirst();
			await db.deleteFrom('pending_import').where('expires_at', '<=', now).execute();
			if (!row) return null;
			return {
				bankId: row.bank_id,
				actorId: row.actor_id,
				source: row.source,
				questions: JSON.parse(row.questions_json) as ImportedQuestion[],
				duplicates: JSON.parse(row.duplicates_json) as number[],
				expiresAt: row.expires_at
			};
		},
		async size(now) {
			const row = await db
				.selectFrom('pending_import')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('expires_at', '>', now)
				.executeTakeFirstOrThrow();
			return Number(row.n);
		}
	};
}
