// `npm run migrate`: applies the migrations in /migrations to DATABASE_URL (default SQLite file).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider } from 'kysely';
import { readConfig } from '../src/lib/server/config';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';

const config = readConfig();
const db = createDatabase(config.DATABASE_URL, {
	synchronous: config.SQLITE_SYNCHRONOUS,
	poolSize: config.DATABASE_POOL_SIZE
});
const provider = new FileMigrationProvider({
	fs,
	path,
	migrationFolder: path.resolve(import.meta.dirname, '../migrations')
});
try {
	const applied = await migrateToLatest(db, provider);
	process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
} finally {
	await db.destroy();
}
