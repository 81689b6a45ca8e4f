import type { Insertable } from 'kysely';
import { isPostgres, ownTransaction, type Db } from '../db/database';
import { precompiled } from '../db/precompiled';
import type { AttemptEventTable } from '../db/schema';
import { log } from '../logger';
import { insertAttemptEvents } from './attempt.repository';

// The 'answer' rows of the fair-play record (issue 14), off the save's hot path: each applied save
// hands its row (the answer as saved, the save's own server time) to this buffer, which writes
// them in batches — one multi-row insert a few hundred milliseconds later, or at once when 500 are
// waiting, and on shutdown. Written in the save's own statement (a trigger, measured first), a
// save cost 1.7–2.1× on SQLite: the event's table and index pages went into every save's commit.
// Batched, a commit carries hundreds of events. The price: a crash loses the events of the last
// fraction of a second (never an answer, which the save itself wrote), a signal for review only.

/** How long the first row of a batch waits for others (ms). */
export const ANSWER_EVENT_FLUSH_MS = 250;
/** A batch goes at once at this size (5 parameters a row: far under either engine's limit). */
const BATCH = 500;

type Row = Insertable<AttemptEventTable>;

interface Pending {
	rows: Row[];
	timer: ReturnType<typeof setTimeout> | null;
	/** the write in flight, if any: one at a time, and a flush waits for it */
	writing: Promise<void> | null;
}

const pendingByDb = new WeakMap<Db, Pending>();
let recording = true;

/** Turns the recording off or on for the process: only the benches compare the save without it. */
export function setAnswerEventRecording(on: boolean): void {
	recording = on;
}

/** Queues the event of an applied save: the answer (JSON text) at the save's server time. */
export function recordAnswerEvent(db: Db, attemptId: string, position: number, answerJson: string, at: number): void {
	if (!recording) return;
	let pending = pendingByDb.get(db);
	if (!pending) pendingByDb.set(db, (pending = { rows: [], timer: null, writing: null }));
	pending.rows.push({ attempt_id: attemptId, kind: 'answer', position, value_json: answerJson, at });
	if (pending.rows.length >= BATCH) {
		void flushAnswerEvents(db);
	} else if (!pending.timer) {
		pending.timer = setTimeout(() => void flushAnswerEvents(db), ANSWER_EVENT_FLUSH_MS);
		pending.timer.unref?.();
	}
}

// On SQLite a batch is one transaction of a prepared single-row insert (precompiled.ts): cheaper
// than building and compiling a 500-row statement. On PostgreSQL one multi-row insert (one round trip).
const insertAnswerEventQuery = precompiled(
	(db, p) =>
		db.insertInto('attempt_event').values({
			attempt_id: p.attemptId,
			kind: 'answer',
			position: p.position,
			value_json: p.valueJson,
			at: p.at
		}),
	{ attemptId: '\u0000attempt', position: -1_000_003, valueJson: '\u0000answer', at: -1_000_002 }
);

async function writeBatch(db: Db, batch: Row[]): Promise<void> {
	if (isPostgres(db)) return insertAttemptEvents(db, batch);
	await ownTransaction(db, async (trx) => {
		for (const row of batch) {
			await insertAnswerEventQuery.changes(trx, {
				attemptId: row.attempt_id,
				position: row.position ?? 0,
				valueJson: row.value_json ?? '[]',
				at: row.at
			});
		}
	});
}

/**
 * Writes every queued answer event of the database now (the timer, a full batch, shutdown, a
 * purge or an export, tests); resolves once they are all written, including a batch another
 * flush had already taken and was still writing.
 */
export async function flushAnswerEvents(db: Db): Promise<void> {
	const pending = pendingByDb.get(db);
	if (!pending) return;
	if (pending.timer) clearTimeout(pending.timer);
	pending.timer = null;
	while (pending.writing) await pending.writing;
	if (!pending.rows.length) return;
	pending.writing = writeQueued(db, pending).finally(() => (pending.writing = null));
	await pending.writing;
}

async function writeQueued(db: Db, pending: Pending): Promise<void> {
	while (pending.rows.length) {
		const batch = pending.rows.splice(0, BATCH);
		try {
			await writeBatch(db, batch);
		} catch (error) {
			// an attempt deleted since its save (its events' foreign key refuses the batch): write the
			// others one by one, drop the rows that are still refused
			log.warn(`Answer events: a batch of ${batch.length} was refused; writing them one by one`, error);
			for (const row of batch) {
				await insertAttemptEvents(db, [row]).catch(() => undefined);
			}
		}
	}
}

/** How many answer events wait to be written (for tests and benches). */
export function pendingAnswerEvents(db: Db): number {
	return pendingByDb.get(db)?.rows.length ?? 0;
}
