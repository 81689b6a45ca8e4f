// The fair-play analysis of a synthetic round: 100,000 attempts × 20 questions (plus planted
// copiers, scripts, shared devices and a registration burst), written straight into a SQLite file
// (not timed), then analysed through the real runner (paged reads, sliced analysis, flags stored).
// Prints the total time, the time per phase, the longest slice (the runner's own meter, and the
// event loop's longest delay seen by a histogram) and, as the baseline in the same run, the naive
// all-pairs copying comparison on a 5,000-attempt subset, extrapolated to the full round (n²/2).
// Run: npx tsx bench/fair-play.ts   (FAIR_ATTEMPTS=20000 for a quicker run)
import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { buildPopularity, scorePair } from '../src/lib/domain/fair-play/copying';
import { roundAttemptsOf } from '../src/lib/domain/fair-play/round-attempts';
import { analyzeRoundFairPlay } from '../src/lib/server/fair-play/runner';
import { createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { syntheticRound } from '../tests/helpers/synthetic-round';
import { createBenchContext, line } from './support';

const honest = Number(process.env.FAIR_ATTEMPTS ?? 100_000);
const SUBSET = 5000;

async function main(): Promise<void> {
	const opensAt = Date.UTC(2026, 10, 16, 17, 0, 0);
	const ctx = await createBenchContext(opensAt - MINUTE);
	const fixture = await createFixtureContest(ctx, { opensAt, closesAt: opensAt + 7 * 24 * 60 * MINUTE });
	// only what the report needs is kept: the synthetic round goes before the analysis (a second
	// copy of 100,000 attempts in the heap is the bench's, not the server's, and it doubled the
	// live heap the collector walks during the analysis; its pauses count as stalls)
	const { planted, honestIds, subset } = seedRound(ctx.file, fixture);

	const histogram = monitorEventLoopDelay({ resolution: 1 });
	histogram.enable();
	// the collector's pauses during the analysis, by kind (the pauses the slices cannot bound)
	const gc = new Map<string, { count: number; total: number; longest: number }>();
	const gcKinds: Record<number, string> = {
		[constants.NODE_PERFORMANCE_GC_MINOR]: 'scavenge',
		[constants.NODE_PERFORMANCE_GC_MAJOR]: 'mark-compact',
		[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental marking',
		[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks'
	};
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = gcKinds[(entry as PerformanceEntry & { detail: { kind: number } }).detail.kind] ?? 'other';
			const g = gc.get(kind) ?? { count: 0, total: 0, longest: 0 };
			g.count++;
			g.total += entry.duration;
			g.longest = Math.max(g.longest, entry.duration);
			gc.set(kind, g);
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	const start = performance.now();
	const result = await analyzeRoundFairPlay(ctx, fixture.roundId, null, {
		pageSize: process.env.FAIR_PAGE ? Number(process.env.FAIR_PAGE) : undefined
	});
	const total = performance.now() - start;
	histogram.disable();
	if (!result.ok) throw new Error(result.reason);
	const s = result.summary;
	line('attempts analysed', String(s.attempts));
	line('total', ms(total));
	for (const [phase, t] of Object.entries(s.phases)) line(`  phase ${phase}`, ms(t));
	line('slices', String(s.slices));
	line('longest slice (runner meter)', `${s.longestSliceMs.toFixed(1)} ms (phase ${s.longestSlicePhase})`);
	line('longest slice, CPU time (process)', `${s.longestSliceCpuMs.toFixed(1)} ms`);
	line('event-loop delay p99 (histogram)', `${(histogram.percentile(99) / 1e6).toFixed(1)} ms`);
	line('longest event-loop delay (histogram)', `${(histogram.max / 1e6).toFixed(1)} ms`);
	await new Promise((resolve) => setImmediate(resolve));
	observer.disconnect();
	for (const [kind, g] of gc) {
		line(`GC ${kind}: count / total / longest`, `${g.count} / ${ms(g.total)} / ${g.longest.toFixed(1)} ms`);
	}
	line('candidate pairs scored', String(s.candidatePairs));
	line('flags', String(s.flags));

	const flags = await ctx.db
		.selectFrom('attempt_flag')
		.select(['attempt_id', 'signal', 'score', 'detail_json'])
		.execute();
	// the flagged sets, scores and evidence, order-independent: equal before and after a change
	const checksum = createHash('sha256');
	for (const f of flags.map((f) => `${f.attempt_id}|${f.signal}|${f.score}|${f.detail_json}`).sort()) {
		checksum.update(f + '\n');
	}
	line('flags checksum (sha256 of id|signal|score|detail)', checksum.digest('hex').slice(0, 16));
	const bySignal = new Map<string, { planted: number; honest: number }>();
	for (const f of flags) {
		const c = bySignal.get(f.signal) ?? { planted: 0, honest: 0 };
		if (planted.has(f.attempt_id)) c.planted++;
		else c.honest++;
		bySignal.set(f.signal, c);
	}
	for (const [signal, c] of bySignal) line(`  ${signal}: planted / honest`, `${c.planted} / ${c.honest}`);
	const copiers = [...planted].filter(([, r]) => r === 'copier').map(([id]) => id);
	const copyFlagged = new Set(flags.filter((f) => f.signal === 'copying').map((f) => f.attempt_id));
	line(
		'planted copiers found (90 % copied)',
		`${copiers.filter((id) => copyFlagged.has(id)).length} / ${copiers.length}`
	);
	const honestFlagged = new Set(flags.filter((f) => !planted.has(f.attempt_id)).map((f) => f.attempt_id)).size;
	line(
		'honest attempts flagged (any signal)',
		`${honestFlagged} (${((100 * honestFlagged) / honestIds).toFixed(2)} %)`
	);

	if (process.env.FAIR_BASELINE === '0') {
		await ctx.db.destroy();
		return;
	}
	// baseline: every pair of a 5,000 subset through the same ω, extrapolated to the round
	const columns = roundAttemptsOf(subset);
	const pop = buildPopularity(columns);
	const positions = new Int32Array(64).fill(-1);
	const t0 = performance.now();
	let evaluated = 0;
	for (let i = 0; i < subset.length; i++) {
		for (let j = i + 1; j < subset.length; j++) {
			scorePair(columns, pop, i, j, positions);
			evaluated++;
		}
	}
	const naive = performance.now() - t0;
	const n = s.attempts;
	const extrapolated = naive * ((n * (n - 1)) / 2 / evaluated);
	const copyPhase = s.phases.copying ?? total;
	line(`baseline: all ${evaluated} pairs of ${SUBSET}`, ms(naive));
	line('baseline extrapolated to all pairs of the round', ms(extrapolated));
	line('ratio naive all-pairs / bucketed copying phase', `${(extrapolated / copyPhase).toFixed(0)}×`);
	await ctx.db.destroy();
}

function seedRound(
	file: string,
	fixture: { roundId: string; groupIds: string[]; unitIds: string[] }
): {
	planted: ReturnType<typeof syntheticRound>['planted'];
	honestIds: number;
	subset: ReturnType<typeof syntheticRound>['attempts'];
} {
	const opensAt = Date.UTC(2026, 10, 16, 17, 0, 0);
	const round = syntheticRound({
		seed: 14,
		honest,
		opensAt,
		copiers: 100,
		scripts: 50,
		deviceGroups: 30,
		burstAccounts: 6
	});
	const seedStart = performance.now();
	seed(file, fixture.roundId, fixture.groupIds[0], fixture.unitIds[0], round);
	line('seeded attempts (not timed as a figure)', `${round.attempts.length} in ${ms(performance.now() - seedStart)}`);
	const planted = round.planted;
	return {
		planted,
		honestIds: round.attempts.filter((a) => !planted.has(a.id)).length,
		subset: round.attempts.slice(0, SUBSET)
	};
}

function seed(
	file: string,
	roundId: string,
	groupId: string,
	unitId: string,
	round: ReturnType<typeof syntheticRound>
): void {
	const raw = new SQLite(file);
	raw.pragma('journal_mode = WAL');
	raw.pragma('synchronous = OFF');
	raw.pragma('foreign_keys = OFF');
	const user = raw.prepare(
		`insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at, device_id, ip_hash)
		 values (?, ?, ?, null, null, 'x', 'contestant', ?, ?, ?)`
	);
	const attempt = raw.prepare(
		`insert into attempt (id, round_id, user_id, group_id, unit_id, ordinal, status, seed, started_at, deadline,
		 submitted_at, finished_at, finish_reason, score, max_score, correct_count, duration_ms, prediction, disqualified,
		 device_id, ip_hash)
		 values (?, ?, ?, ?, ?, 1, 'finished', 's', ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, null, 0, ?, ?)`
	);
	const item = raw.prepare(
		`insert into attempt_item (attempt_id, position, question_version_id, option_keys_json, option_ids_json, answer_json,
		 answer_rev, answered_at, is_correct) values (?, ?, ?, '["k0","k1","k2","k3"]', '["o0","o1","o2","o3"]', ?, 1, ?, ?)`
	);
	const users = new Set<string>();
	raw.transaction(() => {
		for (const a of round.attempts) {
			if (!users.has(a.userId)) {
				users.add(a.userId);
				user.run(
					a.userId,
					`09${String(users.size).padStart(8, '0')}`,
					`Thí sinh ${users.size}`,
					a.userCreatedAt,
					a.deviceId,
					a.userIpHash
				);
			}
			const score = a.correct.reduce((s, c) => s + c, 0);
			attempt.run(
				a.id,
				roundId,
				a.userId,
				groupId,
				unitId,
				a.startedAt,
				a.startedAt + 30 * MINUTE,
				a.finishedAt,
				a.finishedAt,
				score,
				a.questions.length,
				score,
				a.durationMs,
				a.deviceId,
				a.ipHash
			);
			let at = a.startedAt;
			a.questions.forEach((q, i) => {
				at += Math.max(0, a.itemMs[i]);
				item.run(
					a.id,
					i,
					`qv-${q}`,
					a.answers[i] < 0 ? null : `["o${a.answers[i]}"]`,
					a.answers[i] < 0 ? null : at,
					a.correct[i]
				);
			});
		}
	})();
	raw.close();
}

function ms(value: number): string {
	return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
}

await main();
