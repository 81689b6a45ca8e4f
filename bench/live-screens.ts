// Measures the live leaderboard with real screens: N socket.io-client connections on loopback
// watch one round while contestants finish attempts at a steady rate, and each screen's update
// is timed from the submit's HTTP response to the moment the screen holds that leaderboard version.
//
// Three kinds of process, so that the server's CPU and memory are its own:
//   bench/live-server.ts  the app's Socket.IO and live rooms on a fresh SQLite file, plus
//                         POST /bench/submit (a whole attempt through the real services);
//   bench/live-client.ts  LIVE_WORKERS processes sharing the screens;
//   this script           drives the submits open-loop at LIVE_RATE a second and reads the figures.
//
// Runs: the baseline (the first size, intervalMs 0: one broadcast per change, no throttling), then
// every size with the live rooms' interval (250 ms, the app's default).
// Run: npx tsx bench/live-screens.ts
// Settings: LIVE_SCREENS=1000,5000  LIVE_SECONDS=20  LIVE_RATE=50  LIVE_WORKERS=2  LIVE_INTERVAL_MS=250
//           LIVE_BASELINE=off (skip the baseline run, for a quick look at one size)
//           LIVE_PROFILE=dir (the server writes a V8 CPU profile of each run there, for Chrome DevTools)
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import {
	Histogram,
	wallNow,
	type ClientCounters,
	type FromClient,
	type ServerStats,
	type SubmitReply,
	type ToClient
} from './live-protocol';
import { line, percentile } from './support';

const sizes = (process.env.LIVE_SCREENS ?? '1000,5000').split(',').map(Number);
const seconds = Number(process.env.LIVE_SECONDS ?? 20);
const rate = Number(process.env.LIVE_RATE ?? 50);
const workers = Number(process.env.LIVE_WORKERS ?? 2);
const throttled = Number(process.env.LIVE_INTERVAL_MS ?? 250);
/** screens connecting at once, over all client processes */
const BATCH = 200;
/** after the last submit, how long screens may take to catch up before the missing ones count as lost */
const DRAIN_MS = 10_000;
const root = path.resolve(import.meta.dirname, '..');

// --- file descriptors ----------------------------------------------------------------------------
// The server holds one socket per screen, each client process its share: 5,000 screens need about
// 10,000 descriptors over the processes, 5,000 in the server alone. A low soft limit is raised for
// the children up to the hard limit.
const limit = (flag: string): number => {
	const out = execFileSync('/bin/sh', ['-c', `ulimit ${flag}`], { encoding: 'utf8' }).trim();
	return out === 'unlimited' ? Infinity : Number(out);
};
const [softFds, hardFds] = [limit('-n'), limit('-Hn')];
const neededFds = Math.max(...sizes) + 512;
const childFds = Math.max(softFds, Math.min(hardFds, neededFds));

const children = new Set<ChildProcess>();
process.on('exit', () => {
	for (const child of children) child.kill('SIGKILL');
});
process.on('SIGINT', () => {
	// The server removes its database on SIGTERM; the clients just end.
	for (const child of children) child.kill('SIGTERM');
	setTimeout(() => process.exit(130), 2000);
});

function launch(script: string, env: Record<string, string>, ipc: boolean, flags: string[] = []): ChildProcess {
	const node = [process.execPath, ...flags, '--import', 'tsx', path.join(import.meta.dirname, script)];
	const command = childFds > softFds ? ['/bin/sh', '-c', `ulimit -n ${childFds} && exec "$0" "$@"`, ...node] : node;
	const child = spawn(command[0], command.slice(1), {
		cwd: root,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit', ...(ipc ? (['ipc'] as const) : [])]
	});
	children.add(child);
	child.once('exit', () => children.delete(child));
	return child;
}

async function stop(child: ChildProcess, how: () => void): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	how();
	const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

function ask<T extends FromClient['type']>(
	child: ChildProcess,
	message: ToClient,
	type: T
): Promise<Extract<FromClient, { type: T }>> {
	return new Promise((resolve, reject) => {
		const onMessage = (reply: FromClient) => {
			if (reply.type !== type) return;
			child.off('message', onMessage);
			child.off('exit', onExit);
			resolve(reply as Extract<FromClient, { type: T }>);
		};
		const onExit = (code: number | null) => reject(new Error(`a client process exited (${code})`));
		child.on('message', onMessage);
		child.once('exit', onExit);
		child.send(message);
	});
}

// node:http rather than fetch: fetch gives up on a connection after 10 s, and a saturated server
// (the baseline) must be measured, not abandoned.
// At most 100 connections, like a reverse proxy's upstream pool: a server that falls behind then
// queues requests here (their time still runs from when they were due) instead of leaving
// hundreds of connection attempts in SYN retransmission, which would measure TCP, not the app.
const agent = new Agent({ keepAlive: true, maxSockets: 100 });

function call(method: string, url: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, agent }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

async function serverStats(url: string): Promise<ServerStats> {
	return JSON.parse((await call('GET', `${url}/bench/stats`)).body) as ServerStats;
}

/**
 * Time some task on the machine waited for a CPU (Linux PSI), µs since boot; null elsewhere.
 * On a machine shared with other work this says how much of a run's figures is the neighbours.
 */
function cpuPressure(): number | null {
	try {
		const some = readFileSync('/proc/pressure/cpu', 'utf8').match(/^some .*total=(\d+)/m);
		return some ? Number(some[1]) : null;
	} catch {
		return null;
	}
}

async function clientCounters(clients: ChildProcess[]): Promise<ClientCounters> {
	const all = await Promise.all(clients.map((c) => ask(c, { type: 'counters' }, 'counters')));
	return all.reduce(
		(sum, c) => ({
			packets: sum.packets + c.packets,
			bytes: sum.bytes + c.bytes,
			cpu: { user: sum.cpu.user + c.cpu.user, system: sum.cpu.system + c.cpu.system },
			loop: { active: sum.loop.active + c.loop.active, idle: sum.loop.idle + c.loop.idle }
		}),
		{ packets: 0, bytes: 0, cpu: { user: 0, system: 0 }, loop: { active: 0, idle: 0 } }
	);
}

interface Submit {
	sentAt: number;
	respondedAt: number;
	version: number | null;
	failed: string | null;
}

async function submitOnce(url: string): Promise<Submit> {
	const sentAt = wallNow();
	try {
		const { status, body } = await call('POST', `${url}/bench/submit`);
		const respondedAt = wallNow();
		if (status !== 200) return { sentAt, respondedAt, version: null, failed: body };
		return { sentAt, respondedAt, version: (JSON.parse(body) as SubmitReply).version, failed: null };
	} catch (error) {
		return { sentAt, respondedAt: wallNow(), version: null, failed: String(error) };
	}
}

/** Submits at `rate` a second for `seconds`, on a fixed schedule whatever the server's pace (open loop). */
async function drive(url: string): Promise<Submit[]> {
	const pending: Promise<Submit>[] = [];
	const start = wallNow();
	for (let i = 0; i < Math.round(rate * seconds); i++) {
		const wait = start + (i * 1000) / rate - wallNow();
		if (wait > 0) await sleep(wait);
		pending.push(submitOnce(url));
	}
	return Promise.all(pending);
}

interface RunResult {
	label: string;
	screens: number;
	intervalMs: number;
	connected: number;
	failed: number;
	connectMs: number;
	submits: number;
	submitsFailed: number;
	submitRate: number;
	submitMs: number[];
	latency: Histogram;
	fromSent: Histogram;
	delivery: Histogram;
	reachedPercent: number;
	earlyPercent: number;
	serverPackets: number;
	/** packets built and JSON bytes sent over the window, per submit answered */
	packetsPerSubmit: number;
	bytesPerSubmit: number;
	deliveries: number;
	serverBytes: number;
	snapshotBytes: number;
	builds: number;
	clientPackets: number;
	clientBytes: number;
	/** the driving window: first submit sent to last response, s */
	windowS: number;
	/** server CPU time over the window, s */
	serverCpuS: number;
	serverCpu: number;
	clientCpu: number;
	/** share of the window the event loop was busy: near 1, the process is the bottleneck */
	serverLoop: number;
	clientLoop: number;
	/** the server's event-loop delay over the window, ms */
	serverDelay: ServerStats['delay'];
	/** Socket.IO broadcasts over the window: mean and max time each held the loop, mean CPU, ms */
	broadcast: { mean: number; max: number; cpu: number };
	/** share of the window some task on the machine waited for a CPU (null: not Linux) */
	pressure: number | null;
	load: number;
	memory: { idle: ServerStats; connected: ServerStats; end: ServerStats };
	resyncs: number;
	disconnects: number;
}

async function run(label: string, screens: number, intervalMs: number): Promise<RunResult> {
	const server = launch(
		'live-server.ts',
		{ LIVE_INTERVAL_MS: String(intervalMs), LIVE_CONTESTANTS: String(Math.ceil(rate * seconds * 1.1) + 100) },
		false,
		process.env.LIVE_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.LIVE_PROFILE)}`] : []
	);
	const clients: ChildProcess[] = [];
	try {
		const lines = createInterface({ input: server.stdout! });
		const started = await new Promise<{ port: number; roundId: string }>((resolve, reject) => {
			lines.once('line', (text) => resolve(JSON.parse(text)));
			server.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
		});
		lines.on('line', (text) => process.stdout.write(`server: ${text}\n`));
		const url = `http://127.0.0.1:${started.port}`;
		const idle = await serverStats(url);

		for (let i = 0; i < workers; i++) clients.push(launch('live-client.ts', {}, true));
		const connected = await Promise.all(
			clients.map((client, i) =>
				ask(
					client,
					{
						type: 'connect',
						url,
						roundId: started.roundId,
						count: Math.floor(screens / workers) + (i < screens % workers ? 1 : 0),
						batch: Math.ceil(BATCH / workers)
					},
					'connected'
				)
			)
		);
		await sleep(1000);
		const ready = await serverStats(url);
		const before = { server: await serverStats(url), clients: await clientCounters(clients), pressure: cpuPressure() };
		const submits = await drive(url);
		const after = { server: await serverStats(url), clients: await clientCounters(clients), pressure: cpuPressure() };
		const load = loadavg()[0];
		const failure = submits.find((s) => s.failed !== null);
		if (failure) process.stdout.write(`a submit failed: ${failure.failed}\n`);

		const versions = submits
			.filter((s) => s.version !== null)
			.map((s): [number, number, number] => [s.version!, s.respondedAt, s.sentAt]);
		const answered = submits.filter((s) => s.failed === null).length;
		if (new Set(versions.map(([version]) => version)).size !== answered) {
			process.stdout.write(`warning: ${answered} submits made ${versions.length} leaderboard versions\n`);
		}
		const finished = await Promise.all(
			clients.map((client) => ask(client, { type: 'finish', submits: versions, drainMs: DRAIN_MS }, 'finished'))
		);
		const end = await serverStats(url);

		const latency = new Histogram();
		const fromSent = new Histogram();
		const delivery = new Histogram();
		for (const f of finished) {
			latency.merge(f.latency, f.maxLatency);
			fromSent.merge(f.fromSent, f.maxFromSent);
			delivery.merge(f.delivery, f.maxDelivery);
		}
		const sum = (pick: (f: (typeof finished)[number]) => number) => finished.reduce((n, f) => n + pick(f), 0);
		const windowS = (after.server.at - before.server.at) / 1000;
		const perS = (a: number, b: number) => (b - a) / windowS;
		const cpuMs = (cpu: { user: number; system: number }) => (cpu.user + cpu.system) / 1000;
		const live = (s: { server: ServerStats }) => s.server.live;
		const percentOf = (part: number, whole: number) => (100 * part) / Math.max(1, whole);
		const busy = (a: { active: number; idle: number }, b: { active: number; idle: number }) =>
			(b.active - a.active) / (b.active - a.active + b.idle - a.idle);
		return {
			label,
			screens,
			intervalMs,
			connected: connected.reduce((n, c) => n + c.screens, 0),
			failed: connected.reduce((n, c) => n + c.failed, 0),
			connectMs: Math.max(...connected.map((c) => c.ms)),
			submits: submits.length,
			submitsFailed: submits.filter((s) => s.failed !== null).length,
			submitRate: submits.length / ((submits.at(-1)!.sentAt - submits[0].sentAt) / 1000 + 1 / rate),
			submitMs: submits
				.filter((s) => s.failed === null)
				.map((s) => s.respondedAt - s.sentAt)
				.sort((a, b) => a - b),
			latency,
			fromSent,
			delivery,
			reachedPercent: percentOf(
				sum((f) => f.reached),
				sum((f) => f.expected)
			),
			earlyPercent: percentOf(
				sum((f) => f.early),
				sum((f) => f.reached)
			),
			serverPackets: perS(live(before).patches + live(before).snapshots, live(after).patches + live(after).snapshots),
			packetsPerSubmit:
				(live(after).patches + live(after).snapshots - live(before).patches - live(before).snapshots) /
				Math.max(1, answered),
			bytesPerSubmit: (live(after).bytes - live(before).bytes) / Math.max(1, answered),
			deliveries: perS(live(before).deliveries, live(after).deliveries),
			serverBytes: perS(live(before).bytes, live(after).bytes),
			snapshotBytes: perS(live(before).snapshotBytes, live(after).snapshotBytes),
			builds: perS(live(before).builds, live(after).builds),
			clientPackets: perS(before.clients.packets, after.clients.packets),
			clientBytes: perS(before.clients.bytes, after.clients.bytes),
			windowS,
			serverCpuS: (cpuMs(after.server.cpu) - cpuMs(before.server.cpu)) / 1000,
			serverCpu: (100 * (cpuMs(after.server.cpu) - cpuMs(before.server.cpu))) / (windowS * 1000),
			clientCpu: (100 * (cpuMs(after.clients.cpu) - cpuMs(before.clients.cpu))) / (windowS * 1000),
			pressure:
				before.pressure === null || after.pressure === null
					? null
					: (after.pressure - before.pressure) / 1000 / (windowS * 1000),
			load,
			serverLoop: busy(before.server.loop, after.server.loop),
			serverDelay: after.server.delay,
			broadcast: (() => {
				const [a, b] = [before.server.broadcasts, after.server.broadcasts];
				const n = Math.max(1, b.count - a.count);
				return { mean: (b.ms - a.ms) / n, max: b.maxMs, cpu: (b.cpuMs - a.cpuMs) / n };
			})(),
			clientLoop: busy(before.clients.loop, after.clients.loop),
			memory: { idle, connected: ready, end },
			resyncs: sum((f) => f.resyncs),
			disconnects: sum((f) => f.disconnects)
		};
	} finally {
		await Promise.all(clients.map((client) => stop(client, () => client.send({ type: 'close' } satisfies ToClient))));
		await stop(server, () => server.kill('SIGTERM'));
	}
}

const ms = (v: number) => (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const mib = (v: number) => `${(v / 2 ** 20).toFixed(0)} MiB`;
const count = (v: number) => Math.round(v).toLocaleString('en-US');
const kib = (v: number) => `${count(v / 1024)} KiB/s`;

function report(r: RunResult): void {
	process.stdout.write(`\n${r.label}: ${r.screens} screens, interval ${r.intervalMs} ms\n`);
	line('screens watching (failed) / time to connect all', `${count(r.connected)} (${r.failed}) / ${ms(r.connectMs)}`);
	line(
		'submits (failed), rate / HTTP round trip p50 / p95',
		`${r.submits} (${r.submitsFailed}) at ${r.submitRate.toFixed(1)}/s / ${ms(percentile(r.submitMs, 50))} / ${ms(percentile(r.submitMs, 95))}`
	);
	line(
		'update latency: submit response → screen, p50 / p95 / max',
		`${ms(r.latency.percentile(50))} / ${ms(r.latency.percentile(95))} / ${ms(r.latency.max)}`
	);
	line(
		'submit sent → screen, p50 / p95 / max',
		`${ms(r.fromSent.percentile(50))} / ${ms(r.fromSent.percentile(95))} / ${ms(r.fromSent.max)}`
	);
	line(
		'(screen, version) updates received / before the response',
		`${r.reachedPercent.toFixed(2)} % / ${r.earlyPercent.toFixed(1)} % (counted as 0)`
	);
	line(
		'delivery: packet built → screen holds it, p50 / p95 / max',
		`${ms(r.delivery.percentile(50))} / ${ms(r.delivery.percentile(95))} / ${ms(r.delivery.max)}`
	);
	line(
		'server: states built / packets / deliveries per second',
		`${r.builds.toFixed(1)} / ${r.serverPackets.toFixed(1)} / ${count(r.deliveries)}`
	);
	line(
		'server: JSON bytes sent / as snapshots would be',
		`${kib(r.serverBytes)} / ${kib(r.snapshotBytes)} (${((100 * r.serverBytes) / r.snapshotBytes).toFixed(0)} %)`
	);
	line(
		'server: packets built / bytes sent per submit answered',
		`${r.packetsPerSubmit.toFixed(3)} / ${count(r.bytesPerSubmit / 1024)} KiB`
	);
	line('clients: packets / bytes received per second', `${count(r.clientPackets)} / ${kib(r.clientBytes)}`);
	line(
		'window / server CPU time in it / per submit answered',
		`${r.windowS.toFixed(1)} s / ${r.serverCpuS.toFixed(1)} s / ${ms((1000 * r.serverCpuS) / Math.max(1, r.submits - r.submitsFailed))}`
	);
	line('CPU, % of one core: server / client processes', `${r.serverCpu.toFixed(0)} % / ${r.clientCpu.toFixed(0)} %`);
	line(
		'event loop busy: server / client processes (mean)',
		`${(100 * r.serverLoop).toFixed(0)} % / ${(100 * r.clientLoop).toFixed(0)} %`
	);
	line(
		'server event-loop delay p50 / p99 / max',
		`${ms(r.serverDelay.p50)} / ${ms(r.serverDelay.p99)} / ${ms(r.serverDelay.max)}`
	);
	line(
		'one broadcast holds the loop: mean / max (mean CPU)',
		`${ms(r.broadcast.mean)} / ${ms(r.broadcast.max)} (${ms(r.broadcast.cpu)})`
	);
	const m = r.memory;
	line('server RSS: idle / connected / end', `${mib(m.idle.rss)} / ${mib(m.connected.rss)} / ${mib(m.end.rss)}`);
	line(
		'server heap: idle / connected / end',
		`${mib(m.idle.heapUsed)} / ${mib(m.connected.heapUsed)} / ${mib(m.end.heapUsed)}`
	);
	line(
		'machine: CPU pressure (some task waiting) / load average',
		`${r.pressure === null ? 'n/a' : `${Math.min(100, 100 * r.pressure).toFixed(0)} %`} / ${r.load.toFixed(1)}`
	);
	line('resyncs / unexpected disconnects', `${r.resyncs} / ${r.disconnects}`);
}

process.stdout.write(
	`live screens: ${sizes.join(', ')} screens, ${rate} submits/s for ${seconds} s, ${workers} client processes, ` +
		`fd limit ${softFds} (hard ${hardFds}${childFds > softFds ? `, raised to ${childFds} for the children` : ''})\n`
);
if (childFds < neededFds) {
	process.stdout.write(
		`warning: ${Math.max(...sizes)} screens want ${neededFds} descriptors per process; expect failures\n`
	);
}

const baseline = process.env.LIVE_BASELINE === 'off' ? null : await run('baseline (no throttle)', sizes[0], 0);
if (baseline) report(baseline);
const results: RunResult[] = [];
for (const size of sizes) {
	results.push(await run('throttled', size, throttled));
	report(results.at(-1)!);
}

const same = results[0];
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const p50p95 = (a: Histogram | number[], b: Histogram | number[]) => {
	const at = (h: Histogram | number[], p: number) => (Array.isArray(h) ? percentile(h, p) : h.percentile(p));
	return `${ratio(at(a, 50), at(b, 50))} / ${ratio(at(a, 95), at(b, 95))}`;
};
if (baseline) {
	process.stdout.write(`\nratios at ${same.screens} screens, ${throttled} ms vs baseline (0 ms)\n`);
	line('packets (and deliveries) sent per second', ratio(same.serverPackets, baseline.serverPackets));
	line('bytes sent per second', ratio(same.serverBytes, baseline.serverBytes));
	line('packets per submit answered', ratio(same.packetsPerSubmit, baseline.packetsPerSubmit));
	line('bytes per submit answered', ratio(same.bytesPerSubmit, baseline.bytesPerSubmit));
	line('server CPU', ratio(same.serverCpu, baseline.serverCpu));
	line('submit HTTP round trip p50 / p95', p50p95(same.submitMs, baseline.submitMs));
	line('update latency p50 / p95', p50p95(same.latency, baseline.latency));
}
process.stdout.write('\nbytes sent against the same deliveries as snapshots\n');
for (const r of [...(baseline ? [baseline] : []), ...results]) {
	line(`${r.screens} screens at ${r.intervalMs} ms`, ratio(r.serverBytes, r.snapshotBytes));
}
if (results.length > 1) {
	const big = results.at(-1)!;
	process.stdout.write(`\nratios ${big.screens} vs ${same.screens} screens at ${throttled} ms\n`);
	line('deliveries per second', ratio(big.deliveries, same.deliveries));
	line('server CPU', ratio(big.serverCpu, same.serverCpu));
	line('submit HTTP round trip p50 / p95', p50p95(big.submitMs, same.submitMs));
	line('update latency p50 / p95', p50p95(big.latency, same.latency));
}
