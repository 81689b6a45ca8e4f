import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Kysely } from 'kysely';

/** Serves migrations from modules already loaded (the app bundles them with import.meta.glob). */
export function recordProvider(modules: Record<string, Migration>): MigrationProvider {
	return {
		async getMigrations() {
			const out: Record<string, Migration> = {};
			for (const [path, mod] of Object.entries(modules)) {
				const name = path
					.split('/')
					.pop()!
					.replace(/\.(ts|js)$/, '');
				out[name] = mod;
			}
			return out;
		}
	};
}

export async function migrateToLatest(db: Kysely<any>, provider: MigrationProvider): Promise<string[]> {
	const migrator = new Migrator({ db, provider });
	const { error, results } = await migrator.migrateToLatest();
	if (error) throw error instanceof Error ? error : new Error(String(error));
	return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
