import { flushAnswerEvents } from '../../src/lib/server/attempts/answer-events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { AppContext } from '../../src/lib/server/context';
import { createDatabase, type Db } from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createAppEvents } from '../../src/lib/server/events';
import { newId } from '../../src/lib/server/ids';
import { cloneTemplate, testPostgresUrl } from './postgres';

export interface TestClock {
	now(): number;
	set(ms: number): void;
	advance(ms: number): void;
}

export function createTestClock(start: number): TestClock {
	let current = start;
	return {
		now: () => current,
		set: (ms) => void (current = ms),
		advance: (ms) => void (current += ms)
	};
}

export interface TestContext extends AppContext {
	clock: TestClock;
	/** the test's PostgreSQL database on the PostgreSQL pass, null on SQLite */
	postgresUrl: string | null;
	/**
	 * Another handle on the same database, as a second app node would hold: its own pool on
	 * PostgreSQL (closed by dispose). On SQLite the process's one connection is the app's only
	 * writer by design, so this is `db` itself.
	 */
	anotherDb(): Db;
	/** the database's URL (a SQLite file or a PostgreSQL clone), for a second connection to it */
	url: string;
	dispose(): Promise<void>;
}

/**
 * A fresh, migrated database with a clock the test moves: a SQLite file in a temporary folder,
 * or on the PostgreSQL pass (TEST_DATABASE_URL) a database cloned from the run's template.
 */
export async function createTestContext(start = Date.UTC(2026, 10, 16, 3, 0, 0)): Promise<TestContext> {
	const serverUrl = testPostgresUrl();
	if (serverUrl) {
		const clone = await cloneTemplate(serverUrl, inject('pgRunId'));
		const db = createDatabase(clone.url);
		const others: Db[] = [];
		return {
			db,
			url: clone.url,
			clock: createTestClock(start),
			events: createAppEvents(),
			postgresUrl: clone.url,
			anotherDb() {
				const other = createDatabase(clone.url);
				others.push(other);
				return other;
			},
			async dispose() {
				await flushAnswerEvents(db); // the answer events a test's saves queued, before the database goes
				await Promise.all([db, ...others].map((d) => d.destroy()));
				await clone.drop();
			}
		};
	}
	const dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-test-'));
	const file = path.join(dir, 'test.sqlite');
	const db = createDatabase(file);
	await migrateToLatest(db, bundledMigrations);
	return {
		db,
		url: file,
		clock: createTestClock(start),
		events: createAppEvents(),
		postgresUrl: null,
		anotherDb: () => db,
		async dispose() {
			await flushAnswerEvents(db);
			await db.destroy();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A staff account row (so audit_log.actor_id holds) and the actor for it. */
export async function insertStaff<R extends 'admin' | 'organizer'>(
	ctx: TestContext,
	phone: string,
	role: R
): Promise<{ id: string; role: R }> {
	const staff = { id: `${role}-${phone}`, role };
	await ctx.db
		.insertInto('app_user')
		.values({
			id: staff.id,
			phone,
			full_name: role === 'admin' ? 'Quản trị' : 'Ban tổ chức',
			birth_date: null,
			email: null,
			password_hash: 'x',
			role,
			created_at: 0
		})
		.execute();
	return staff;
}

/** An admin account row and the actor for it. */
export function insertAdmin(ctx: TestContext, phone: string): Promise<{ id: string; role: 'admin' }> {
	return insertStaff(ctx, phone, 'admin');
}

/** An admin account row and the signed-in user for it, as a studio page's locals hold it. */
export async function insertAdminSession(ctx: TestContext, phone: string): Promise<SessionUser> {
	const { id, role } = await insertAdmin(ctx, phone);
	return { id, fullName: 'Quản trị', phone, role };
}

/**
 * An organizer account row with a grant over every contest, so it reaches every bank
 * (organizer-scope.test.ts covers narrower grants), and the actor for it.
 */
export async function insertOrganizer(ctx: TestContext, phone: string): Promise<{ id: string; role: 'organizer' }> {
	const staff = await insertStaff(ctx, phone, 'organizer');
	await ctx.db
		.insertInto('organizer_grant')
		.values({ id: newId(), user_id: staff.id, contest_id: null, granted_by: null, created_at: ctx.clock.now() })
		.execute();
	return staff;
}
