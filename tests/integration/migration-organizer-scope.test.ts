import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../src/lib/server/db/database';
import { bundledMigrations } from '../../src/lib/server/db/migrations';
import { migrateToLatest } from '../../src/lib/server/db/migrator';
import { insertQuestionBank } from '../../src/lib/server/demo/builders';
import { fixtureQuestions } from '../helpers/fixtures';

// Migration 0008 on a database that already has contests: a bank already drawn from by a round
// belongs to that round's contest, so its organizers keep it; a bank nobody uses belongs to none.

let dir = '';
let db: Db | null = null;

afterEach(async () => {
	await db?.destroy();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

it('gives each bank in use to the contests whose rounds draw from it', async () => {
	dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-migration-'));
	db = createDatabase(path.join(dir, 'old.sqlite'));
	const migrator = new Migrator({ db, provider: bundledMigrations });
	const before = await migrator.migrateTo('0006_live_games');
	expect(before.error).toBeUndefined();

	const now = Date.UTC(2026, 0, 5);
	const topics = [
		{ code: 'a', name: 'Chủ đề A' },
		{ code: 'b', name: 'Chủ đề B' }
	];
	const used = await insertQuestionBank(db, { name: 'Đang dùng', topics, questions: fixtureQuestions }, now);
	const unused = await insertQuestionBank(db, { name: 'Chưa dùng', topics, questions: fixtureQuestions }, now);
	await db
		.insertInto('contest')
		.values({
			id: 'contest-old',
			slug: 'cu',
			title: 'Cuộc thi cũ',
			summary: '',
			rules_md: '',
			consent_text: 'Tôi đồng ý.',
			status: 'published',
			created_at: now
		})
		.execute();
	await db
		.insertInto('round')
		.values({
			id: 'round-old',
			contest_id: 'contest-old',
			ordinal: 1,
			name: 'Tuần 1',
			opens_at: now,
			closes_at: now + 86_400_000,
			time_limit_ms: 600_000,
			max_attempts: 1,
			grace_ms: 5000,
			prediction_question: 'Bao nhiêu người?',
			prediction_kind: 'perfect_scores',
			ranking_criteria_json: '["score","prediction","duration","submittedAt"]',
			leaderboard_visibility: 'live',
			show_answers_after_close: 1,
			leaderboard_version: 0,
			created_at: now
		})
		.execute();
	await db
		.insertInto('blueprint_item')
		.values({
			id: 'line-old',
			round_id: 'round-old',
			group_id: null,
			bank_id: used.bankId,
			topic_id: used.topicIds.get('a')!,
			difficulty: 'easy',
			count: 2
		})
		.execute();

	await migrateToLatest(db, bundledMigrations);
	const rows = await db.selectFrom('bank_contest').select(['bank_id', 'contest_id']).execute();
	expect(rows).toEqual([{ bank_id: used.bankId, contest_id: 'contest-old' }]);
	expect(rows.some((r) => r.bank_id === unused.bankId)).toBe(false);
	const contest = await db.selectFrom('contest').select('root_unit_id').executeTakeFirstOrThrow();
	expect(contest.root_unit_id).toBeNull();
});
