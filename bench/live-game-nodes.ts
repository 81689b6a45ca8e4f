// The production build (scripts/server.js over build/) as the server of bench/live-game.ts
// (GAME_TOPOLOGY=sqlite or cluster), where the default topology runs the app's Socket.IO in a
// bench process of its own (bench/live-game-server.ts):
//
//   sqlite   one app process on a fresh SQLite file;
//   cluster  NODES app processes (2) on one PostgreSQL database, created for the run and dropped
//            after it, and one Redis (keys and channels under a prefix of the run's own).
//
// The host's console opens its socket on node A (the first), so node A owns the game; the players'
// client processes reach the nodes either directly (GAME_ENTRY=direct, the default: client
// process w on node w mod NODES) or through bench/balancer.ts in a process of its own
// (GAME_ENTRY=balancer: round-robin WebSocket upgrades, as nginx would spread them; it holds two
// descriptors per player, so it needs a descriptor limit of twice the players). The contest, the
// game and the host's session are written into the database once node A has migrated it; the
// figures come from /proc: each node's CPU and memory, the balancer's, and PostgreSQL's and Redis's
// (every process of that name, with the children it has reaped: other users of the same server
// count too).
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type Db } from '../src/lib/server/db/database';
import { createAppEvents } from '../src/lib/server/events';
import { systemClock } from '../src/lib/server/clock';
import { createFixtureContest, MINUTE } from '../tests/helpers/fixtures';
import { createFixtureGame, createSignedInUser } from '../tests/helpers/live-game';
import { lastingCpuMs, processRssMiB, requireBuild, startProdServer, type ProdServer } from './prod-server';
import { benchPgDatabase, defaultPgAdminUrl } from './bench-postgres';
import { serviceCpuMs } from './service-cpu';

export type Topology = 'sqlite' | 'cluster';
export type Entry = 'direct' | 'balancer';

/** The game as the driver needs it: where to connect, who hosts, what is right. */
export interface LiveGame {
	gameId: string;
	hostCookie: string;
	correct: number[][];
	optionCounts: number[];
	unitIds: string[];
}

export interface NodesTarget {
	/** one line saying where the players and the host connect */
	entry: string;
	hostUrl: string;
	/** where client process `worker` sends its players */
	playerUrl(worker: number): string;
	/** the node (0 = A) client process `worker` lands on, when the bench chose it (direct entry) */
	nodeOf(worker: number): number | null;
	game: LiveGame;
	/** CPU ms used so far, per process (or per service): node A, node B, …, balancer, PostgreSQL, Redis */
	cpuMs(): Record<string, number>;
	/** resident memory of the app processes, bytes, summed */
	rss(): number;
	/** open sockets per app process (its players, plus its pool's and Redis's connections) */
	sockets(): number[];
	close(): Promise<void>;
}

export interface NodesOptions {
	topology: Topology;
	nodes: number;
	entry: Entry;
	/** the balancer's port (or node A's when there is none); the nodes take the ports after it */
	port: number;
	questions: number;
	limitMs: number;
	/** starts a bench script in a process of its own (bench/live-game.ts's launcher, with its descriptor limit) */
	launch(script: string, args: string[]): ChildProcess;
}

const nodeName = (i: number) => `node ${String.fromCharCode(65 + i)}`;

function socketsOf(pid: number): number {
	let count = 0;
	try {
		for (const fd of readdirSync(`/proc/${pid}/fd`)) {
			try {
				if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count++;
			} catch {
				// closed meanwhile
			}
		}
	} catch {
		// the process has gone
	}
	return count;
}

async function until(check: () => Promise<boolean>, what: string, child?: ChildProcess): Promise<void> {
	const deadline = performance.now() + 60_000;
	while (!(await check())) {
		if (child?.exitCode != null || performance.now() > deadline) throw new Error(`${what} did not come up`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Starts the app processes (and the balancer) with one lobby game in their database. */
export async function startNodes(options: NodesOptions): Promise<NodesTarget> {
	requireBuild();
	const cluster = options.topology === 'cluster';
	const count = cluster ? options.nodes : 1;
	const balanced = cluster && options.entry === 'balancer';
	const dir = mkdtempSync(path.join(tmpdir(), 'cuocthi-live-bench-'));
	const pgDb = cluster
		? benchPgDatabase(
				defaultPgAdminUrl(),
				`${process.env.PG_DB_PREFIX ?? ''}live_bench_${process.pid}_${Date.now().toString(36)}`
			)
		: null;
	const databaseUrl = pgDb ? pgDb.url : path.join(dir, 'live.sqlite');
	const nodes: ProdServer[] = [];
	let balancer: ChildProcess | null = null;
	// whatever ends the bench ends the nodes (and the database goes with it: bench-postgres.ts)
	const onExit = () => {
		for (const node of nodes) node.child.kill('SIGKILL');
		balancer?.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	};
	process.on('exit', onExit);

	await pgDb?.create();
	const firstPort = balanced ? options.port + 1 : options.port;
	// every bench player joins from this machine's address: no join limit
	const env: Record<string, string> = {
		GAME_JOINS_PER_MINUTE: '0',
		...(pgDb
			? {
					REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
					REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'live-bench'}-${pgDb.name}`
				}
			: {})
	};
	// node A migrates the new database as it starts; the others start on a migrated one
	for (let i = 0; i < count; i++) {
		nodes.push(await startProdServer({ port: firstPort + i, database: databaseUrl, env }));
	}
	const db: Db = createDatabase(databaseUrl, { poolSize: 2 });
	const ctx = { db, clock: systemClock, events: createAppEvents() };
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 600 * MINUTE });
	const host = await createSignedInUser(ctx);
	const game = await createFixtureGame(ctx, fixture, host.userId, {
		questions: options.questions,
		timeLimitMs: options.limitMs,
		joinMode: 'nickname'
	});
	await db.destroy();

	let balancerUrl = '';
	if (balanced) {
		balancer = options.launch('balancer.ts', [`--port=${options.port}`, ...nodes.map((n) => n.url)]);
		balancerUrl = `http://127.0.0.1:${options.port}`;
		await until(
			() =>
				fetch(`${balancerUrl}/healthz`).then(
					(r) => r.ok,
					() => false
				),
			'the balancer',
			balancer
		);
	}
	const where = cluster
		? `${count} nodes (production build) on PostgreSQL + Redis`
		: 'one process (production build) on SQLite';
	const entry = balanced
		? `${where}; players through bench/balancer.ts (round-robin upgrades), host on node A directly`
		: cluster
			? `${where}; players directly on each node's port (client process w on node w mod ${count}), host on node A`
			: `${where}; players and host on its port`;
	const pids = nodes.map((n) => n.pid);
	const cpuOf = lastingCpuMs();
	return {
		entry,
		hostUrl: nodes[0].url,
		playerUrl: (worker) => (balanced ? balancerUrl : nodes[worker % count].url),
		nodeOf: (worker) => (balanced ? null : worker % count),
		game: {
			gameId: game.gameId,
			hostCookie: host.cookie,
			correct: game.correct,
			optionCounts: game.optionCounts,
			unitIds: fixture.unitIds
		},
		cpuMs: () => {
			const cpu: Record<string, number> = {};
			pids.forEach((pid, i) => (cpu[count > 1 ? nodeName(i) : 'app process'] = cpuOf(pid)));
			if (balancer?.pid) cpu.balancer = cpuOf(balancer.pid);
			if (cluster) {
				cpu.PostgreSQL = serviceCpuMs('postgres');
				cpu.Redis = serviceCpuMs('redis-server');
			}
			return cpu;
		},
		rss: () => pids.reduce((sum, pid) => sum + processRssMiB(pid) * 2 ** 20, 0),
		sockets: () => pids.map(socketsOf),
		close: async () => {
			const killer = setTimeout(() => nodes.forEach((n) => n.child.kill('SIGKILL')), 15_000);
			await Promise.all(nodes.map((n) => n.stop()));
			clearTimeout(killer);
			if (balancer && balancer.exitCode === null) {
				const gone = new Promise((resolve) => balancer!.once('exit', resolve));
				balancer.kill('SIGTERM');
				await gone;
			}
			await pgDb?.drop();
			rmSync(dir, { recursive: true, force: true });
			process.off('exit', onExit);
		}
	};
}
