import { copyFileSync, promises as fs, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely';
import { startAttempt } from '../src/lib/server/attempts/attempt.service';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import type { AppContext } from '../src/lib/server/context';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';
import { createAppEvents } from '../src/lib/server/events';
import { createContestant, createFixtureContest, MINUTE } from '../tests/helpers/fixtures';

/** A migrated SQLite file in a temp folder and a clock the bench moves. */
export async function createBenchContext(
	start: number
): Promise<AppContext & { clock: { now(): number; set(ms: number): void }; file: string }> {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'cuocthi-bench-')), 'bench.sqlite');
	const db = createDatabase(file);
	await migrateToLatest(
		db,
		new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(import.meta.dirname, '../migrations') })
	);
	let now = start;
	return { db, events: createAppEvents(), clock: { now: () => now, set: (ms) => void (now = ms) }, file };
}

export function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function line(label: string, value: string): void {
	process.stdout.write(`${label.padEnd(58)} ${value}\n`);
}

/** A contestant with an attempt in progress, as the HTTP benches drive them. */
export interface OpenAttempt {
	userId: string;
	attemptId: string;
	/** the session cookie header of the contestant */
	cookie: string;
	/** option ids of each question, by position - 1 */
	options: string[][];
}

/**
 * A contest open for hours of real time (a server started on the file runs on the system clock)
 * and `count` contestants with an attempt in progress and a session each, written to `file`.
 */
export async function seedOpenAttempts(file: string, count: number): Promise<OpenAttempt[]> {
	const now = Date.now();
	const ctx = await createBenchContext(now);
	const fixture = await createFixtureContest(ctx, {
		opensAt: now - MINUTE,
		closesAt: now + 600 * MINUTE,
		timeLimitMs: 300 * MINUTE
	});
	const attempts: OpenAttempt[] = [];
	for (let i = 0; i < count; i++) {
		const userId = await createContestant(ctx, fixture, { phone: `09${String(10_000_000 + i)}` });
		const started = await startAttempt(ctx, userId, fixture.roundId);
		if (!started.ok) throw new Error(started.reason);
		const items = await ctx.db
			.selectFrom('attempt_item')
			.select('option_ids_json')
			.where('attempt_id', '=', started.attemptId)
			.orderBy('position')
			.execute();
		const token = generateSessionToken();
		await createSession(ctx.db, token, userId, now);
		attempts.push({
			userId,
			attemptId: started.attemptId,
			cookie: `${SESSION_COOKIE}=${token}`,
			options: items.map((item) => JSON.parse(item.option_ids_json) as string[])
		});
	}
	await ctx.db.destroy();
	// closing the last connection checkpoints the WAL into the file, so one file copy is complete
	copyFileSync(ctx.file, file);
	rmSync(path.dirname(ctx.file), { recursive: true, force: true });
	return attempts;
}
