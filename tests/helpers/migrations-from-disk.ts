import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Migration, MigrationProvider } from 'kysely';
import { recordProvider } from '../../src/lib/server/db/migrator';

/** The migrations folder loaded by path (outside Vite, where import.meta.glob is not there). */
export async function migrationsFromDisk(): Promise<MigrationProvider> {
	const dir = path.resolve(import.meta.dirname, '../../migrations');
	const modules: Record<string, Migration> = {};
	for (const file of readdirSync(dir).filter((f) => /\.ts$/.test(f))) {
		modules[file] = (await import(pathToFileURL(path.join(dir, file)).href)) as Migration;
	}
	return recordProvider(modules);
}
