// The server process of bench/live-screens.ts, alone in its process so that its CPU and memory
// are its own: a fresh SQLite file, one open round with prepared contestants, the app's Socket.IO
// on a loopback HTTP server, and two bench endpoints:
//   POST /bench/submit  the next prepared contestant takes a whole attempt through the real services
//                       (startAttempt, saveAnswer × 5, submitAttempt); answers the leaderboard
//                       version the submit made and the server's time of the answer;
//   GET  /bench/stats   CPU, memory, event-loop delay since the previous call, the live rooms' counters.
// Prints {"port", "roundId"} as one JSON line on stdout when it listens. Stops on SIGTERM.
// Settings: LIVE_INTERVAL_MS (the live rooms' interval, default 250), LIVE_CONTESTANTS (default 1200).
import { AsyncLocalStorage } from 'node:async_hooks';
import { rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { OptionDef } from '../src/lib/domain/types';
import { liveRoom } from '../src/lib/schemas/socket';
import { listAttemptItems } from '../src/lib/server/attempts/attempt.repository';
import { saveAnswer, startAttempt, submitAttempt } from '../src/lib/server/attempts/attempt.service';
import type { AppContext } from '../src/lib/server/context';
import { attachRealtime } from '../src/lib/server/realtime/attach';
import { createContestant, createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { eventLoop, wallNow, type ServerStats, type SubmitReply } from './live-protocol';
import { createBenchContext } from './support';

const intervalMs = Number(process.env.LIVE_INTERVAL_MS ?? 250);
const contestants = Number(process.env.LIVE_CONTESTANTS ?? 1200);

const bench = await createBenchContext(Date.now());
// The real clock: packets carry the server's time, and the screens compare it with their own.
const ctx: AppContext = { db: bench.db, events: bench.events, clock: { now: () => Date.now() } };
const opened = Date.now();
const fixture = await createFixtureContest(ctx, {
	opensAt: opened - MINUTE,
	closesAt: opened + 600 * MINUTE,
	timeLimitMs: 60 * MINUTE
});
const pool: string[] = [];
for (let i = 0; i < contestants; i++) {
	pool.push(
		await createContestant(ctx, fixture, {
			phone: `09${String(10_000_000 + i)}`,
			fullName: `Thí sinh số ${i + 1}`,
			unit: (i % 2) as 0 | 1,
			group: (Math.floor(i / 2) % 2) as 0 | 1
		})
	);
}

// finalizeAttempt announces the version it made on the events, synchronously, in the async
// context of the request that submitted: that request's store takes it.
const submitting = new AsyncLocalStorage<{ version: number | null }>();
ctx.events.on('leaderboard:changed', ({ version }) => {
	const store = submitting.getStore();
	if (store) store.version = version;
});

let next = 0;
async function submitNext(): Promise<number | null> {
	const n = next++;
	const userId = pool[n];
	if (!userId) throw new Error(`only ${contestants} contestants were prepared (LIVE_CONTESTANTS)`);
	const started = await startAttempt(ctx, userId, fixture.roundId);
	if (!started.ok) throw new Error(started.reason);
	// The bench reads the key to answer some questions right, so that scores differ.
	const items = await listAttemptItems(ctx.db, started.attemptId);
	const right = (n * 7919) % (items.length + 1);
	for (const item of items) {
		const keys = JSON.parse(item.option_keys_json) as string[];
		const ids = JSON.parse(item.option_ids_json) as string[];
		const correct = new Set((JSON.parse(item.options_json) as OptionDef[]).filter((o) => o.correct).map((o) => o.key));
		const rightIds = ids.filter((_, i) => correct.has(keys[i]));
		const wrongId = ids.find((_, i) => !correct.has(keys[i]))!;
		const saved = await saveAnswer(ctx, started.attemptId, userId, {
			position: item.position,
			optionIds: item.position <= right ? rightIds : [wrongId],
			rev: 1
		});
		if (!saved.ok) throw new Error(saved.reason);
	}
	const store = { version: null as number | null };
	const submitted = await submitting.run(store, () => submitAttempt(ctx, started.attemptId, userId, null));
	if (!submitted.ok) throw new Error(submitted.reason);
	return store.version;
}

const room = liveRoom({ kind: 'round', id: fixture.roundId });

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

function stats(): ServerStats {
	const memory = process.memoryUsage();
	const ms = (ns: number) => ns / 1e6;
	const held = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
	delay.reset();
	return {
		delay: held,
		broadcasts: { ...broadcasts },
		at: wallNow(),
		cpu: process.cpuUsage(),
		loop: eventLoop(),
		rss: memory.rss,
		heapUsed: memory.heapUsed,
		live: { ...io.live.stats },
		watchers: io.sockets.adapter.rooms.get(room)?.size ?? 0
	};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
	try {
		if (req.method === 'POST' && req.url === '/bench/submit') {
			const version = await submitNext();
			const body: SubmitReply = { version, serverAt: wallNow() };
			return reply(res, 200, body);
		}
		if (req.method === 'GET' && req.url === '/bench/stats') return reply(res, 200, stats());
		reply(res, 404, { error: 'not found' });
	} catch (error) {
		reply(res, 500, { error: String(error) });
	}
}

const http = createServer((req, res) => void handle(req, res));
http.keepAliveTimeout = 60_000;
// A saturated server (the baseline) is measured, not cut off: no 5-minute limit per request.
http.requestTimeout = 0;
const io = attachRealtime(http, ctx, { intervalMs });

// Instrumentation only: how long the adapter's broadcast (encode once, then one write per socket
// in the room, synchronously) holds the event loop. The write callbacks that follow are not in it.
const broadcasts = { count: 0, ms: 0, maxMs: 0, cpuMs: 0 };
const adapter = io.of('/').adapter;
const broadcast = adapter.broadcast.bind(adapter);
adapter.broadcast = (packet, opts) => {
	const [t0, cpu0] = [performance.now(), process.cpuUsage()];
	broadcast(packet, opts);
	const [took, cpu] = [performance.now() - t0, process.cpuUsage(cpu0)];
	broadcasts.count++;
	broadcasts.ms += took;
	broadcasts.maxMs = Math.max(broadcasts.maxMs, took);
	broadcasts.cpuMs += (cpu.user + cpu.system) / 1000;
};

await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port, roundId: fixture.roundId })}\n`);

let stopping = false;
async function shutdown(): Promise<void> {
	if (stopping) return;
	stopping = true;
	io.disconnectSockets(true);
	await io.close();
	// A state being built when the sockets went away finishes before the database closes.
	await new Promise((resolve) => setTimeout(resolve, 200));
	await bench.db.destroy();
	rmSync(path.dirname(bench.file), { recursive: true, force: true });
	process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
