// Measures the two hot paths of a Sunday-night deadline on the embedded SQLite database:
//  1. saving an answer (the autosave every click makes), against a bare prepared UPDATE of the
//     same row as the baseline: the ratio is what validation, ownership and deadline checks cost;
//  2. the leaderboard's top 50 and one contestant's rank, read from round_result through its
//     index, against the naive baseline of loading every result and ranking it in JavaScript.
// Run: npx tsx bench/attempt-hot-path.ts [contestants=2000] [results=50000]
import SQLite from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { rankEntries, liveCriteria } from '../src/lib/domain/ranking';
import { DEFAULT_CRITERIA } from '../src/lib/domain/types';
import { saveAnswer, startAttempt } from '../src/lib/server/attempts/attempt.service';
import { reportAttemptEvents } from '../src/lib/server/attempts/events.service';
import { flushAnswerEvents, setAnswerEventRecording } from '../src/lib/server/attempts/answer-events';
import { getLeaderboard, getStanding } from '../src/lib/server/ranking/ranking.service';
import { newId } from '../src/lib/server/ids';
import { createContestant, createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createBenchContext, line, percentile } from './support';

const contestants = Number(process.argv[2] ?? 2000);
const results = Number(process.argv[3] ?? 50_000);
const start = Date.UTC(2026, 10, 16, 3, 0, 0);
const ctx = await createBenchContext(start);
const fixture = await createFixtureContest(ctx, {
	opensAt: start - MINUTE,
	closesAt: start + 600 * MINUTE,
	timeLimitMs: 300 * MINUTE
});

// --- 1. answer saves -------------------------------------------------------------------------
const attempts: { userId: string; attemptId: string; optionIds: string[] }[] = [];
for (let i = 0; i < contestants; i++) {
	const userId = await createContestant(ctx, fixture, { phone: `09${String(10_000_000 + i)}`, unit: (i % 2) as 0 | 1 });
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

const saves = contestants * 3;
let t0 = performance.now();
for (let i = 0; i < saves; i++) {
	const a = attempts[i % contestants];
	const result = await saveAnswer(ctx, a.attemptId, a.userId, {
		position: 1,
		optionIds: [a.optionIds[i % a.optionIds.length]],
		rev: 10 + i
	});
	if (!result.ok) throw new Error(result.reason);
}
const serviceMs = performance.now() - t0;

// The fair-play record (issue 14): each applied save queues its 'answer' event, written in
// batches (answer-events.ts). Measured against the same saves with the recording off, in
// alternating rounds so the machine's other load falls on both sides alike; the "with" rounds
// include writing their events (the batches flushed inside the timing).
const recordingMs = { with: 0, without: 0 };
let rev = 10 + saves;
for (let round = 0; round < 6; round++) {
	const mode = round % 2 === 0 ? 'without' : 'with';
	setAnswerEventRecording(mode === 'with');
	t0 = performance.now();
	for (let i = 0; i < contestants; i++) {
		const a = attempts[i];
		const result = await saveAnswer(ctx, a.attemptId, a.userId, {
			position: 1,
			optionIds: [a.optionIds[rev % a.optionIds.length]],
			rev: rev++
		});
		if (!result.ok) throw new Error(result.reason);
	}
	await flushAnswerEvents(ctx.db);
	recordingMs[mode] += performance.now() - t0;
}
setAnswerEventRecording(true);
const perMode = contestants * 3;
const events = await ctx.db
	.selectFrom('attempt_event')
	.select((eb) => eb.fn.countAll<number>().as('n'))
	.executeTakeFirstOrThrow();
await flushAnswerEvents(ctx.db);
// the page's reports: a batch of 5 events (a question shown, hidden, blur, visible, focus)
const reports = Math.min(contestants, 2000);
t0 = performance.now();
for (let i = 0; i < reports; i++) {
	const a = attempts[i];
	const result = await reportAttemptEvents(ctx, a.attemptId, a.userId, [
		{ kind: 'shown', position: 1 },
		{ kind: 'hidden' },
		{ kind: 'blur' },
		{ kind: 'visible' },
		{ kind: 'focus' }
	]);
	if (!result.ok) throw new Error(result.reason);
}
const reportMs = performance.now() - t0;

const raw = new SQLite(ctx.file);
raw.pragma('journal_mode = WAL');
const update = raw.prepare(
	'update attempt_item set answer_json = ?, answer_rev = ?, answered_at = ? where attempt_id = ? and position = 1 and answer_rev < ?'
);
t0 = performance.now();
for (let i = 0; i < saves; i++) {
	const a = attempts[i % contestants];
	update.run(JSON.stringify([a.optionIds[0]]), 1_000_000 + i, start, a.attemptId, 1_000_000 + i);
}
const rawMs = performance.now() - t0;

line(
	`answer saves through saveAnswer (${saves} saves, ${contestants} attempts)`,
	`${Math.round(saves / (serviceMs / 1000))}/s, ${(serviceMs / saves).toFixed(3)} ms each`
);
line(
	'baseline: bare prepared UPDATE of the same row',
	`${Math.round(saves / (rawMs / 1000))}/s, ${(rawMs / saves).toFixed(3)} ms each`
);
line('ratio service / baseline', `${(serviceMs / rawMs).toFixed(1)}×`);
line(
	`saves with the answer events, batched (${perMode}, alternating)`,
	`${Math.round(perMode / (recordingMs.with / 1000))}/s, ${(recordingMs.with / perMode).toFixed(3)} ms each`
);
line(
	`saves without it (${perMode}, alternating)`,
	`${Math.round(perMode / (recordingMs.without / 1000))}/s, ${(recordingMs.without / perMode).toFixed(3)} ms each`
);
line('ratio with / without recording', `${(recordingMs.with / recordingMs.without).toFixed(2)}×`);
line('answer events written', String(Number(events.n)));
line(
	`page reports through reportAttemptEvents (${reports} × 5 events)`,
	`${Math.round(reports / (reportMs / 1000))}/s, ${(reportMs / reports).toFixed(3)} ms each`
);

// --- 2. leaderboard and rank -----------------------------------------------------------------
const userIds: string[] = [];
const insertUser = raw.prepare(
	"insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at) values (?, ?, ?, null, null, 'x', 'contestant', ?)"
);
const insertResult = raw.prepare(
	'insert into round_result (round_id, user_id, group_id, unit_id, attempt_id, score, max_score, duration_ms, submitted_at, prediction) values (?, ?, ?, ?, ?, ?, 5, ?, ?, null)'
);
raw.transaction(() => {
	for (let i = 0; i < results; i++) {
		const id = newId();
		userIds.push(id);
		insertUser.run(id, `08${String(10_000_000 + i)}`, `Thí sinh ${i}`, start);
		insertResult.run(
			fixture.roundId,
			id,
			fixture.groupIds[0],
			fixture.unitIds[i % 2],
			newId(),
			i % 6,
			60_000 + ((i * 7919) % 240_000),
			start + i
		);
	}
})();
const round = await ctx.db.selectFrom('round').selectAll().where('id', '=', fixture.roundId).executeTakeFirstOrThrow();

const samples = (n: number) => Array.from({ length: n });
const boardTimes: number[] = [];
for (const _ of samples(50)) {
	t0 = performance.now();
	await getLeaderboard(ctx, round, fixture.groupIds[0], userIds[results - 1]);
	boardTimes.push(performance.now() - t0);
}
const rankTimes: number[] = [];
for (const [i] of samples(200).entries()) {
	t0 = performance.now();
	await getStanding(ctx, fixture.roundId, userIds[(i * 9973) % results]);
	rankTimes.push(performance.now() - t0);
}
const naiveTimes: number[] = [];
for (const _ of samples(10)) {
	t0 = performance.now();
	const rows = raw
		.prepare(
			'select attempt_id, score, duration_ms, submitted_at from round_result where round_id = ? and group_id = ?'
		)
		.all(fixture.roundId, fixture.groupIds[0]) as {
		attempt_id: string;
		score: number;
		duration_ms: number;
		submitted_at: number;
	}[];
	rankEntries(
		rows.map((r) => ({
			attemptId: r.attempt_id,
			score: r.score,
			durationMs: r.duration_ms,
			submittedAt: r.submitted_at,
			prediction: null
		})),
		liveCriteria(DEFAULT_CRITERIA),
		null
	);
	naiveTimes.push(performance.now() - t0);
}
for (const list of [boardTimes, rankTimes, naiveTimes]) list.sort((a, b) => a - b);
const ms = (v: number) => `${v.toFixed(2)} ms`;
line(
	`top 50 + viewer's row (${results + contestants} results), p50 / p95`,
	`${ms(percentile(boardTimes, 50))} / ${ms(percentile(boardTimes, 95))}`
);
line(
	"one contestant's rank in round and unit, p50 / p95",
	`${ms(percentile(rankTimes, 50))} / ${ms(percentile(rankTimes, 95))}`
);
line('baseline: load all results and rank in JS, p50', ms(percentile(naiveTimes, 50)));
line('ratio baseline / top 50 page', `${(percentile(naiveTimes, 50) / percentile(boardTimes, 50)).toFixed(1)}×`);
line('ratio baseline / rank lookup', `${(percentile(naiveTimes, 50) / percentile(rankTimes, 50)).toFixed(1)}×`);
raw.close();
await ctx.db.destroy();
