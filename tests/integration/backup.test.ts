import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startAttempt } from '../../src/lib/server/attempts/attempt.service';
import { systemClock } from '../../src/lib/server/clock';
import { createDatabase } from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { createAppEvents } from '../../src/lib/server/events';
import { createContestant, createFixtureContest, MINUTE } from '../helpers/fixtures';

// `npm run backup` (scripts/backup.ts) while another process keeps saving answers through the
// app's code: the copy passes SQLite's integrity check and holds every answer acknowledged before
// the backup began. SQLite only, on both passes (the PostgreSQL pass runs it on its own file).

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let writer: ChildProcess | null = null;

afterEach(() => {
	writer?.kill('SIGKILL');
	writer = null;
	rmSync(dir, { recursive: true, force: true });
});

function runScript(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
			cwd: root,
			env: { ...process.env, DATABASE_URL: '' }
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
		child.on('close', (code) => resolve({ code, stdout, stderr }));
	});
}

describe('npm run backup', () => {
	it('copies the database while answers are being saved, with every acknowledged answer in the copy', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-backup-'));
		const file = path.join(dir, 'live.sqlite');
		const db = createDatabase(file);
		await migrateToLatest(db, bundledMigrations);
		const ctx = { db, clock: systemClock, events: createAppEvents() };
		const now = Date.now();
		const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
		const plan = [];
		for (let n = 0; n < 8; n++) {
			const userId = await createContestant(ctx, fixture, { phone: `09077777${String(n).padStart(2, '0')}` });
			const started = await startAttempt(ctx, userId, fixture.roundId);
			if (!started.ok) throw new Error(started.reason);
			const items = await db
				.selectFrom('attempt_item')
				.select(['position', 'option_ids_json'])
				.where('attempt_id', '=', started.attemptId)
				.execute();
			plan.push({
				attemptId: started.attemptId,
				userId,
				items: items.map((i) => ({ position: i.position, ids: JSON.parse(i.option_ids_json) as string[] }))
			});
		}
		await db.destroy();
		const planFile = path.join(dir, 'plan.json');
		writeFileSync(planFile, JSON.stringify(plan));

		// acknowledged saves, highest revision per item, as the writer reports them
		const acked = new Map<string, number>();
		let ackCount = 0;
		const waiters: { count: number; resolve: () => void }[] = [];
		let failure = '';
		writer = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/backup-writer.ts', file, planFile], {
			cwd: root
		});
		let buffer = '';
		writer.stdout!.on('data', (d: Buffer) => {
			buffer += d.toString();
			const lines = buffer.split('\n');
			buffer = lines.pop()!;
			for (const line of lines) {
				const [attemptId, position, rev] = line.split(' ');
				acked.set(`${attemptId}:${position}`, Number(rev));
				ackCount++;
			}
			for (const w of waiters.splice(0)) (ackCount >= w.count ? w.resolve : () => waiters.push(w))();
		});
		writer.stderr!.on('data', (d: Buffer) => (failure += d.toString()));
		let exited = false;
		writer.on('exit', () => {
			exited = true;
			for (const w of waiters.splice(0)) w.resolve();
		});
		const acks = async (count: number) => {
			await new Promise<void>((resolve) =>
				ackCount >= count || exited ? resolve() : waiters.push({ count, resolve })
			);
			if (ackCount < count) throw new Error(`the writer stopped after ${ackCount} saves: ${failure}`);
		};

		await acks(300);
		const before = new Map(acked);
		const countBefore = ackCount;
		const destination = path.join(dir, 'copies', 'backup.sqlite');
		const result = await runScript([`file:${file}`, destination]);
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`to ${destination}`);
		expect(result.stdout).toContain('integrity check: ok');
		// the writer kept saving while the backup ran and after it
		await acks(ackCount + 100);
		expect(failure).toBe('');
		expect(ackCount).toBeGreaterThan(countBefore + 100);

		const copy = new SQLite(destination, { readonly: true });
		try {
			expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
			const rows = copy.prepare('select attempt_id, position, answer_rev from attempt_item').all() as {
				attempt_id: string;
				position: number;
				answer_rev: number;
			}[];
			const inCopy = new Map(rows.map((r) => [`${r.attempt_id}:${r.position}`, r.answer_rev]));
			const missing = [...before].filter(([key, rev]) => (inCopy.get(key) ?? 0) < rev);
			expect(missing).toEqual([]);
			expect(before.size).toBe(plan.reduce((n, p) => n + p.items.length, 0));
		} finally {
			copy.close();
		}
	}, 120_000);

	it('refuses a PostgreSQL URL and points to pg_dump', async () => {
		dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-backup-'));
		const result = await runScript(['postgres://postgres@127.0.0.1:5432/cuocthi']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('pg_dump');
		expect(result.stdout).toBe('');
	});
});
