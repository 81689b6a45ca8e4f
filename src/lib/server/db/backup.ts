import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';

// A consistent online copy of the SQLite database while the app keeps serving, with SQLite's
// backup API (better-sqlite3's db.backup()). The copy is made in one step of the API: one read
// transaction over the whole file, so it is the database as of one instant — every write
// committed before the step began is in it — while the app's writers carry on (WAL: readers
// never block writers). Another connection's write during a step makes SQLite restart the copy,
// which a single step cannot be caught by.

export interface BackupResult {
	source: string;
	destination: string;
	pages: number;
	bytes: number;
	/** PRAGMA integrity_check of the copy: 'ok' */
	integrity: string;
}

/** Which of `url` is: a SQLite file path, or a PostgreSQL URL (which this tool refuses). */
export function backupSource(url: string): { kind: 'sqlite'; path: string } | { kind: 'postgres' } {
	if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres' };
	return { kind: 'sqlite', path: url.replace(/^(file|sqlite):(\/\/)?/, '') };
}

/** backups/cuocthi-YYYYMMDD-HHmmss.sqlite, in UTC. */
export function defaultBackupPath(now: number, dir = 'backups'): string {
	const d = new Date(now);
	const p = (n: number) => String(n).padStart(2, '0');
	const stamp = `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
	return path.join(dir, `cuocthi-${stamp}.sqlite`);
}

export async function backupSqlite(sourcePath: string, destination: string): Promise<BackupResult> {
	if (!existsSync(sourcePath)) throw new Error(`No database file at ${sourcePath}`);
	if (existsSync(destination)) throw new Error(`${destination} exists already; choose another destination`);
	mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
	const source = new SQLite(sourcePath, { fileMustExist: true });
	const pages = await (async () => {
		try {
			source.pragma('busy_timeout = 5000');
			// after the first (empty) step, every remaining page in one step: one consistent snapshot
			const done = await source.backup(destination, { progress: () => 0x7fffffff });
			return done.totalPages;
		} finally {
			source.close();
		}
	})();
	const copy = new SQLite(destination, { fileMustExist: true });
	let integrity: string;
	try {
		// the copy stands alone: one file, no -wal beside it
		copy.pragma('journal_mode = DELETE');
		integrity = String(copy.pragma('integrity_check', { simple: true }));
	} finally {
		copy.close();
	}
	return { source: sourcePath, destination, pages, bytes: statSync(destination).size, integrity };
}
