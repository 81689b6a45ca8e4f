// What the fair-play record adds to an attempt's start (issue 14): the same in-process
// `startAttempt` as the start fast path calls it, without the client's signals, with them (the
// device id, the keyed hash of the address computed per start as `clientSignals` does it, the user
// agent), and with them on a database that still has migration 0015's two indexes on
// attempt (round_id, device_id) and (round_id, ip_hash), which migration 0024 drops. The three
// take turns in TURNS rounds on the same machine at the same time (SQLite files of their own,
// seeded alike), so a shared machine's load falls on all three.
// Run: npx tsx bench/start-signals.ts   (START_N=600 starts a side, START_TURNS=6)
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startAttempt } from '../src/lib/server/attempts/attempt.service';
import type { AppContext } from '../src/lib/server/context';
import { clientSignals, newDeviceId } from '../src/lib/server/fair-play/client-signals';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../tests/helpers/fixtures';
import { createBenchContext, line } from './support';

const N = Number(process.env.START_N ?? 600);
const TURNS = Number(process.env.START_TURNS ?? 6);
const USER_AGENT =
	'Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

interface Side {
	label: string;
	ctx: AppContext;
	fixture: Fixture;
	users: string[];
	signals: boolean;
	ms: number;
	cpu: number;
	/** of which computing the signals (device id, keyed hash, user agent) */
	signalMs: number;
	done: number;
}

async function side(label: string, signals: boolean, oldIndexes: boolean, start: number): Promise<Side> {
	const ctx = await createBenchContext(start);
	if (oldIndexes) {
		await ctx.db.schema.createIndex('attempt_device_idx').on('attempt').columns(['round_id', 'device_id']).execute();
		await ctx.db.schema.createIndex('attempt_ip_idx').on('attempt').columns(['round_id', 'ip_hash']).execute();
	}
	const fixture = await createFixtureContest(ctx, { opensAt: start - MINUTE, closesAt: start + 600 * MINUTE });
	const users: string[] = [];
	for (let i = 0; i < N; i++) {
		users.push(await createContestant(ctx, fixture, { phone: `09${String(10_000_000 + i)}` }));
	}
	return { label, ctx, fixture, users, signals, ms: 0, cpu: 0, signalMs: 0, done: 0 };
}

async function turn(s: Side, count: number): Promise<void> {
	const t0 = performance.now();
	const c0 = process.cpuUsage();
	for (let k = 0; k < count && s.done < s.users.length; k++, s.done++) {
		const t = performance.now();
		const client = s.signals
			? await clientSignals(
					s.ctx.db,
					{
						deviceId: newDeviceId(),
						address: `10.${randomBytes(1)[0]}.${s.done >> 8}.${s.done & 255}`,
						userAgent: USER_AGENT
					},
					s.ctx.clock.now()
				)
			: undefined;
		s.signalMs += performance.now() - t;
		const result = await startAttempt(s.ctx, s.users[s.done], s.fixture.roundId, undefined, client);
		if (!result.ok) throw new Error(result.reason);
	}
	const cpu = process.cpuUsage(c0);
	s.ms += performance.now() - t0;
	s.cpu += (cpu.user + cpu.system) / 1000;
}

const start = Date.UTC(2026, 10, 16, 3, 0, 0);
const sides = [
	await side('without signals', false, false, start),
	await side('with signals (kept)', true, false, start),
	await side('with signals, 0015 indexes', true, true, start)
];
const loads = [loadavg()[0]];
for (let t = 0; t < TURNS; t++) {
	for (const s of t % 2 === 0 ? sides : [...sides].reverse()) await turn(s, Math.ceil(N / TURNS));
	loads.push(loadavg()[0]);
}
line('starts a side / turns', `${N} / ${TURNS}`);
line('load average (1 min) over the run', `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
const base = sides[0];
for (const s of sides) {
	line(
		`${s.label}: ms a start (wall / CPU)`,
		`${(s.ms / s.done).toFixed(3)} / ${(s.cpu / s.done).toFixed(3)}  (CPU ×${(s.cpu / base.cpu).toFixed(2)}; signals ${(s.signalMs / s.done).toFixed(3)} ms)`
	);
}
for (const s of sides) await s.ctx.db.destroy();
