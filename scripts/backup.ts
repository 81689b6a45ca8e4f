// `npm run backup [-- <DATABASE_URL or path> [<destination>]]`: a consistent online backup of the
// SQLite database while the app serves (SQLite's backup API). Default source: DATABASE_URL, else
// the app's default file; default destination: backups/cuocthi-YYYYMMDD-HHmmss.sqlite (UTC).
// Restore: stop the app, copy the backup over the database file (and delete its -wal and -shm
// files), start the app. PostgreSQL has its own tools: pg_dump or pg_basebackup (README).
import { backupSqlite, backupSource, defaultBackupPath } from '../src/lib/server/db/backup';

const [sourceArg, destinationArg] = process.argv.slice(2);
const url = sourceArg ?? process.env.DATABASE_URL ?? 'file:./data/cuocthi.sqlite';
const source = backupSource(url);
if (source.kind === 'postgres') {
	process.stderr.write(
		'npm run backup copies a SQLite database. This DATABASE_URL is PostgreSQL: use its own tools, ' +
			'pg_dump (a logical dump: pg_dump -Fc "$DATABASE_URL" > cuocthi.dump) or pg_basebackup ' +
			'(a physical copy of the cluster). See "Backup and restore" in README.md.\n'
	);
	process.exit(2);
}
const destination = destinationArg ?? defaultBackupPath(Date.now());
try {
	const result = await backupSqlite(source.path, destination);
	process.stdout.write(
		`Backed up ${result.source} to ${result.destination}: ${result.pages} pages, ${result.bytes} bytes; ` +
			`integrity check: ${result.integrity}.\n`
	);
	if (result.integrity !== 'ok') process.exit(1);
} catch (error) {
	process.stderr.write(`Backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
}
