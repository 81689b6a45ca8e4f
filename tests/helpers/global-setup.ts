import type { TestProject } from 'vitest/node';
import { createDatabase } from '../../src/lib/server/db/database';
import { migrationsFromDisk } from './migrations-from-disk';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { databaseUrl, dropRun, onServer, templateName, testPostgresUrl } from './postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		/** the PostgreSQL template of this run ('' on the SQLite pass) */
		pgRunId: string;
	}
}

/** On the PostgreSQL pass: one migrated template per run, dropped with its clones at the end. */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
	const serverUrl = testPostgresUrl();
	if (!serverUrl) {
		project.provide('pgRunId', '');
		return;
	}
	const runId = `${process.pid}_${Date.now().toString(36)}`;
	const template = templateName(runId);
	await onServer(serverUrl, (c) => c.query(`create database "${template}"`));
	const db = createDatabase(databaseUrl(serverUrl, template));
	try {
		await migrateToLatest(db, await migrationsFromDisk());
	} finally {
		await db.destroy();
	}
	project.provide('pgRunId', runId);
	return () => dropRun(serverUrl, runId);
}
