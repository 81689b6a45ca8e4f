// The fair-play record's cost on the answer save (issue 14), on SQLite or PostgreSQL: the same
// saves through saveAnswer with their answer events queued and written in batches
// (answer-events.ts, each round's batches flushed inside its timing) and with the recording off,
// in alternating rounds so a shared machine's load falls on both sides alike.
// Run: npx tsx bench/fair-play-record.ts [contestants=1000] [rounds=6]
//      DATABASE=postgres npx tsx bench/fair-play-record.ts   (PG_URL / TEST_DATABASE_URL, default local `test`)
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileMigrationProvider } from 'kysely';
import { flushAnswerEvents, setAnswerEventRecording } from '../src/lib/server/attempts/answer-events';
import { saveAnswer, startAttempt } from '../src/lib/server/attempts/attempt.service';
import type { AppContext } from '../src/lib/server/context';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';
import { createAppEvents } from '../src/lib/server/events';
import { createContestant, createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { benchPgDatabase, defaultPgAdminUrl } from './bench-postgres';
import { createBenchContext, line } from './support';

const contestants = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 6);
const start = Date.UTC(2026, 10, 16, 3, 0, 0);
const onPostgres = process.env.DATABASE === 'postgres';

let ctx: AppContext;
let drop: () => Promise<void>;
if (onPostgres) {
	const database = benchPgDatabase(defaultPgAdminUrl(), `frec_bench_${process.pid}`);
	await database.create();
	const db = createDatabase(database.url);
	await migrateToLatest(
		db,
		new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(import.meta.dirname, '../migrations') })
	);
	let now = start;
	ctx = {
		db,
		events: createAppEvents(),
		clock: { now: () => now, set: (ms: number) => void (now = ms) }
	} as AppContext;
	drop = async () => {
		await db.destroy();
		await database.drop();
	};
} else {
	ctx = await createBenchContext(start);
	drop = () => ctx.db.destroy();
}

const fixture = await createFixtureContest(ctx, {
	opensAt: start - MINUTE,
	closesAt: start + 600 * MINUTE,
	timeLimitMs: 300 * MINUTE
});
const attempts: { userId: string; attemptId: string; optionIds: string[] }[] = [];
for (let i = 0; i < contestants; i++) {
	const userId = await createContestant(ctx, fixture, { phone: `09${String(10_000_000 + i)}` });
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	const item = await ctx.db
		.selectFrom('attempt_item')
		.select('option_ids_json')
		.where('attempt_id', '=', started.attemptId)
		.where('position', '=', 1)
		.executeTakeFirstOrThrow();
	attempts.push({ userId, attemptId: started.attemptId, optionIds: JSON.parse(item.option_ids_json) });
}

const ms = { with: 0, without: 0 };
let rev = 1;
// one warm-up round, not counted
for (let round = -1; round < rounds; round++) {
	const mode = round % 2 === 0 ? 'without' : 'with';
	setAnswerEventRecording(round < 0 || mode === 'with');
	const t0 = performance.now();
	for (const a of attempts) {
		const result = await saveAnswer(ctx, a.attemptId, a.userId, {
			position: 1,
			optionIds: [a.optionIds[rev % a.optionIds.length]],
			rev: rev++
		});
		if (!result.ok) throw new Error(result.reason);
	}
	// the round's events written inside its timing
	await flushAnswerEvents(ctx.db);
	if (round >= 0) ms[mode] += performance.now() - t0;
}
const perMode = (contestants * rounds) / 2;
const events = await ctx.db
	.selectFrom('attempt_event')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
line(`engine`, onPostgres ? 'PostgreSQL' : 'SQLite');
line(
	`saves without recording (${perMode}, alternating rounds)`,
	`${Math.round(perMode / (ms.without / 1000))}/s, ${(ms.without / perMode).toFixed(3)} ms each`
);
line(
	`saves with the answer events, batched (${perMode})`,
	`${Math.round(perMode / (ms.with / 1000))}/s, ${(ms.with / perMode).toFixed(3)} ms each`
);
line('ratio with / without', `${(ms.with / ms.without).toFixed(2)}×`);
line('answer events written (warm-up + "with" rounds)', String(Number(events.n)));
await drop();
