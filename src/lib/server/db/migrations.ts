import type { Migration } from 'kysely';
import { recordProvider } from './migrator';

// Vite bundles every file in /migrations into the app and the tests, so the built server needs
// no migration folder at run time. `npm run migrate` reads the same files from disk.
const modules = import.meta.glob<Migration>('../../../../migrations/*.ts', { eager: true });

export const bundledMigrations = recordProvider(modules);
