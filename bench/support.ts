import { promises as fs, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely';
import type { AppContext } from '../src/lib/server/context';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';
import { createAppEvents } from '../src/lib/server/events';

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
