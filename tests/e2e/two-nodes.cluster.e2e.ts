import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { E2E_DATABASE_URL, E2E_PORT } from '../../playwright.config';
import { applyLivePatch, type LivePacket, type LiveRoundState } from '../../src/lib/domain/live-board';
import type { WatchReply } from '../../src/lib/schemas/socket';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { systemClock } from '../../src/lib/server/clock';
import type { AppContext } from '../../src/lib/server/context';
import { createDatabase } from '../../src/lib/server/db/database';
import { createAppEvents } from '../../src/lib/server/events';
import { createContestant, createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';

// Two app processes (the production build, scripts/server.js) on two ports against one PostgreSQL
// database of their own and one Redis (a key prefix of their own): the nodes of a deployment behind
// a balancer. Plain HTTP and socket.io-client, no browser. Runs in the `cluster` project only, which
// exists on the PostgreSQL + Redis pass (playwright.config.ts, scripts/test-pg.js): on a machine
// without them it cannot run and is not selected.

const root = path.resolve(import.meta.dirname, '../..');
const redisUrl = process.env.REDIS_URL ?? '';
const ports = [E2E_PORT + 1, E2E_PORT + 2] as const;
const [A, B] = ports.map((port) => `http://127.0.0.1:${port}`);
const databaseName = `cluster_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
const databaseUrl = (() => {
	const url = new URL(E2E_DATABASE_URL);
	url.pathname = `/${databaseName}`;
	return url.toString();
})();

interface Node {
	name: string;
	process: ChildProcess;
	output: string[];
	exited: Promise<number | null>;
}

const nodes: Node[] = [];
const sockets: Socket[] = [];
let ctx: AppContext;

test.describe.configure({ mode: 'serial' });

/** Runs one statement on the server that holds the pass's database. */
async function onServer(statement: string): Promise<void> {
	const client = new pg.Client({ connectionString: E2E_DATABASE_URL });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

function startNode(name: string, port: number): Node {
	const child = spawn(process.execPath, [path.join(root, 'scripts', 'server.js')], {
		cwd: root,
		env: {
			PATH: process.env.PATH,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: databaseUrl,
			REDIS_URL: redisUrl,
			REDIS_PREFIX: `cluster-e2e-${databaseName}`,
			DEMO_DATA: 'off',
			SWEEP_INTERVAL_MS: '200',
			LOG_LEVEL: 'info'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const output: string[] = [];
	child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
	child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const node = { name, process: child, output, exited };
	nodes.push(node);
	return node;
}

/** Waits until the node says it is ready (its database and Redis answer); fails if it exits. */
async function ready(node: Node, base: string): Promise<void> {
	let gone = false;
	void node.exited.then(() => (gone = true));
	for (;;) {
		if (gone) throw new Error(`${node.name} exited:\n${node.output.join('')}`);
		const status = await fetch(`${base}/readyz`).then(
			(r) => r.status,
			() => 0
		);
		if (status === 200) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Waits for a condition; a condition that never holds fails the test at its timeout. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
	while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25));
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	expect(redisUrl, 'REDIS_URL names the Redis of the PostgreSQL + Redis pass').not.toBe('');
	await onServer(`create database "${databaseName}"`);
	// one after the other: the first migrates the new database
	const a = startNode('node A', ports[0]);
	await ready(a, A);
	const b = startNode('node B', ports[1]);
	await ready(b, B);
	ctx = { db: createDatabase(databaseUrl, { poolSize: 2 }), clock: systemClock, events: createAppEvents() };
});

test.afterAll(async () => {
	for (const s of sockets.splice(0)) s.disconnect();
	for (const node of nodes) if (node.process.exitCode === null) node.process.kill('SIGKILL');
	await Promise.all(nodes.map((n) => n.exited));
	await ctx?.db.destroy();
	await onServer(`drop database if exists "${databaseName}" with (force)`);
});

/** A screen on one node: its state kept as the browser keeps it, every epoch it saw, every resync. */
async function screen(base: string, roundId: string) {
	const socket = connect(base, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false });
	sockets.push(socket);
	const viewer = {
		socket,
		state: null as LiveRoundState | null,
		epochs: new Set<string>(),
		packets: 0,
		resyncs: 0,
		disconnectReason: null as string | null
	};
	socket.on('disconnect', (reason: string) => (viewer.disconnectReason = reason));
	socket.on('live:packet', (packet: LivePacket) => {
		viewer.packets++;
		if (packet.type === 'snapshot') {
			viewer.epochs.add(packet.state.epoch);
			viewer.state = packet.state;
			return;
		}
		viewer.epochs.add(packet.patch.epoch);
		const next = viewer.state ? applyLivePatch(viewer.state, packet.patch) : null;
		// what the browser does when a patch does not apply: ask for a snapshot again
		if (next) viewer.state = next;
		else viewer.resyncs++;
	});
	const reply = await new Promise<WatchReply>((resolve) =>
		socket.emit('live:watch', { target: { kind: 'round', id: roundId } }, resolve)
	);
	if (!reply.ok || !reply.packet || reply.packet.type !== 'snapshot') {
		throw new Error(`watch: ${JSON.stringify(reply)}`);
	}
	viewer.state = reply.packet.state;
	viewer.epochs.add(reply.packet.state.epoch);
	return viewer;
}

interface Contestant {
	userId: string;
	cookie: string;
}

let phones = 0;
async function contestant(fixture: Fixture): Promise<Contestant> {
	phones++;
	const phone = `097${String(Date.now() % 100_000).padStart(5, '0')}${String(phones).padStart(2, '0')}`;
	const userId = await createContestant(ctx, fixture, { phone });
	const token = generateSessionToken();
	await createSession(ctx.db, token, userId, Date.now());
	return { userId, cookie: `${SESSION_COOKIE}=${token}` };
}

/** The round page's "Bắt đầu" on one node, as the browser posts it; the attempt's id. */
async function start(base: string, fixture: Fixture, person: Contestant): Promise<string> {
	const response = await fetch(`${base}/cuoc-thi/${fixture.slug}/dot-thi/1?/start`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			cookie: person.cookie,
			origin: base,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: 'x=1'
	});
	const location = response.headers.get('location') ?? '';
	const match = /^\/lam-bai\/([^/?#]+)$/.exec(location);
	if (response.status !== 303 || !match) throw new Error(`start on ${base}: ${response.status} ${location}`);
	return match[1];
}

async function postJson(url: string, person: Contestant, body: unknown): Promise<{ ok: boolean }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { cookie: person.cookie, origin: new URL(url).origin, 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(response.status, `${url}: ${await response.clone().text()}`).toBe(200);
	return (await response.json()) as { ok: boolean };
}

/** Saves the first option of every question, then submits, all on one node. */
async function answerAndSubmit(base: string, attemptId: string, person: Contestant): Promise<void> {
	const items = await ctx.db
		.selectFrom('attempt_item')
		.select(['position', 'option_ids_json'])
		.where('attempt_id', '=', attemptId)
		.orderBy('position')
		.execute();
	for (const item of items) {
		const [first] = JSON.parse(item.option_ids_json) as string[];
		const saved = await postJson(`${base}/api/attempts/${attemptId}/answers`, person, {
			position: item.position,
			optionIds: [first],
			rev: 1
		});
		expect(saved.ok).toBe(true);
	}
	expect((await postJson(`${base}/api/attempts/${attemptId}/submit`, person, { prediction: 3 })).ok).toBe(true);
}

test('contestants on either node move the screens of both, each node one steady stream', async () => {
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	const onB = await screen(B, fixture.roundId);
	const onA = await screen(A, fixture.roundId);
	const people = 4;
	for (let i = 0; i < people; i++) {
		// starts and submits alternate between the nodes; every screen must see every one
		const base = i % 2 === 0 ? A : B;
		const person = await contestant(fixture);
		const attemptId = await start(base, fixture, person);
		await until(() => onB.state?.counters.inProgress === 1 && onA.state?.counters.inProgress === 1);
		await answerAndSubmit(base, attemptId, person);
		await until(() => onB.state?.counters.attempts === i + 1 && onA.state?.counters.attempts === i + 1);
		expect(onB.state?.counters.inProgress).toBe(0);
	}
	expect(onB.state?.counters).toMatchObject({ contestants: people, attempts: people, inProgress: 0 });
	expect(onA.state?.counters).toEqual(onB.state?.counters);
	expect(onA.state?.version).toBe(onB.state?.version);
	// Each node sends its own viewers its own stream: one epoch per screen, never the other
	// node's packets, so no patch ever fails to apply (no resync storm).
	expect(onB.epochs.size).toBe(1);
	expect(onA.epochs.size).toBe(1);
	expect([...onA.epochs][0]).not.toBe([...onB.epochs][0]);
	expect(onB.resyncs).toBe(0);
	expect(onA.resyncs).toBe(0);
	expect(onB.packets).toBeGreaterThan(0);
});

test('with both nodes sweeping, an abandoned attempt is finalized and each round closes exactly once', async () => {
	test.setTimeout(120_000);
	const now = Date.now();
	const rounds: Fixture[] = [];
	for (let i = 0; i < 4; i++) {
		rounds.push(await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, graceMs: 1000 }));
	}
	const marker = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE, graceMs: 1000 });

	const abandoned: string[] = [];
	for (const [i, fixture] of rounds.entries()) {
		// one contestant finishes on one node, another starts on the other node and walks away
		const finisher = await contestant(fixture);
		const base = i % 2 === 0 ? A : B;
		await answerAndSubmit(base, await start(base, fixture, finisher), finisher);
		abandoned.push(await start(i % 2 === 0 ? B : A, fixture, await contestant(fixture)));
	}

	// Time passes for the abandoned attempts (their deadline and grace are over, the rounds still
	// open): a sweeper finalizes them with what they saved.
	await ctx.db
		.updateTable('attempt')
		.set({ deadline: Date.now() - 5_000 })
		.where('id', 'in', abandoned)
		.execute();
	const finished = () =>
		ctx.db
			.selectFrom('attempt')
			.select(['id', 'status', 'finish_reason'])
			.where('id', 'in', abandoned)
			.where('status', '=', 'finished')
			.execute();
	await until(async () => (await finished()).length === abandoned.length);
	for (const attempt of await finished()) expect(attempt.finish_reason).toBe('timeout');

	// Then the four rounds end at the same moment, so both nodes' sweepers meet them together; the
	// marker round ends a little later: once it is closed, both nodes have swept past the others.
	const over = Date.now() - 2_000;
	await ctx.db
		.updateTable('round')
		.set({ closes_at: over })
		.where(
			'id',
			'in',
			rounds.map((r) => r.roundId)
		)
		.execute();
	await ctx.db
		.updateTable('round')
		.set({ closes_at: over + 3_000 })
		.where('id', '=', marker.roundId)
		.execute();
	await until(async () =>
		Boolean(
			await ctx.db
				.selectFrom('round_close')
				.select('round_id')
				.where('round_id', '=', marker.roundId)
				.executeTakeFirst()
		)
	);

	const roundIds = rounds.map((r) => r.roundId);
	const closes = await ctx.db
		.selectFrom('round_close')
		.select(['round_id', 'runs', 'participants'])
		.where('round_id', 'in', roundIds)
		.execute();
	expect(closes).toHaveLength(roundIds.length);
	for (const close of closes) expect(close).toMatchObject({ runs: 1, participants: 2 });
	const audits = await ctx.db
		.selectFrom('audit_log')
		.select(['entity_id'])
		.where('action', '=', 'round.close')
		.where('entity_id', 'in', roundIds)
		.execute();
	expect(audits.map((a) => a.entity_id).sort()).toEqual([...roundIds].sort());
});

test('SIGTERM: the node drains and exits, its screens are told to reconnect, the other node serves on', async () => {
	const now = Date.now();
	const fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	const onB = await screen(B, fixture.roundId);
	const person = await contestant(fixture);
	const attemptId = await start(B, fixture, person);
	await until(() => onB.state?.counters.inProgress === 1);

	const nodeB = nodes[1];
	nodeB.process.kill('SIGTERM');
	expect(await nodeB.exited).toBe(0);
	// closed at the transport, not put out by the server: the client reconnects (to another node
	// through the balancer) instead of giving up
	await until(() => onB.disconnectReason !== null);
	expect(onB.disconnectReason).toBe('transport close');
	expect(nodeB.output.join('')).not.toMatch(/ERROR/);

	// the contestant carries on through node A
	await answerAndSubmit(A, attemptId, person);
	expect((await fetch(`${A}/readyz`)).status).toBe(200);
});
