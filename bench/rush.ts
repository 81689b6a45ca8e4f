// The Sunday-night rush, driven over loopback against the production build, as people do it:
// N contestants start within START_S seconds (the round page's start form: POST, then the 303 to
// the attempt page, fetched as HTML the way a browser follows it), each saves SAVES answers at
// human pace (one click every GAP_MIN_S–GAP_MAX_S seconds, sent one at a time in order as the
// page's queue does: the next save only once the previous one is acknowledged), and submits in
// the last SUBMIT_S seconds; M screens watch the round over Socket.IO (websocket transport only),
// keeping their state as the browser does (snapshot, then patches), in a process of their own
// (bench/rush-screens.ts).
//
// Every step's latency runs from its *scheduled* time (the click), not from when the request
// left: a server that falls behind shows as queueing here. After the run the server is stopped
// and the database read: every acknowledged save must be stored (same or newer revision, the
// same options) and every acknowledged submit finished. A hard stop (HARD_STOP_S after the last
// scheduled submit) ends the run whatever the server does, and says what did not finish.
//
// Setup is not measured: users, registrations and sessions go straight into the SQLite file in
// one transaction before the server starts. The database lives under ./data-bench-rush/ (the
// disk ./data uses, not a tmpfs) and is removed afterwards unless KEEP_DB=1.
//
// Two processes drive: the contestants' (this one: keep-alive HTTP over a bounded pool, POOL
// sockets like a proxy's upstream pool, requests beyond it queue here and their time still runs;
// one timer heap for every scheduled click) and the screens' (bench/rush-screens.ts over IPC: each
// screen is its own device in reality, and applying 1,000 screens' patches here would queue the
// contestants' requests and timestamps behind them). Both CPUs are reported, next to the server's.
// The screens' times cross over on the clock both processes share, performance.timeOrigin +
// performance.now() (wallNow, bench/live-protocol.ts). The screens process is killed at the end
// whatever happens, and exits by itself if this one goes.
//
// Topologies (TOPOLOGY): `sqlite` (the default) is one app process on a SQLite file; `cluster` is
// NODES app processes (2) on one PostgreSQL database and one Redis, behind bench/balancer.ts (its
// own process) on RUSH_PORT, the nodes on the ports after it. The driver, the schedule and the
// checks are the same: bench/rush-cluster.ts runs both and sets the figures side by side. On the
// cluster, "server" is the nodes' CPU summed, and the balancer's, PostgreSQL's (every backend and
// the ones that exited, through the postmaster's children times) and Redis's are reported too.
//
// Run: npm run build && npx tsx bench/rush.ts
// Quick: N=1000 M=100 START_S=60 SUBMIT_S=30 npx tsx bench/rush.ts
// Settings (env or --name=value): N=20000 M=1000 START_S=300 SAVES=20 GAP_MIN_S=2 GAP_MAX_S=6
//   SUBMIT_S=120 POOL=200 HARD_STOP_S=120 DRAIN_S=10 RUSH_PORT=3540 PROGRESS_S=30
//   PROFILE=dir (the server writes a V8 CPU profile there; its top self-time entries are printed)
//   KEEP_DB=1 (keep the database file for a look afterwards)
//   TOPOLOGY=sqlite|cluster NODES=2 PG_URL=postgres://postgres@127.0.0.1:5432/test (a server where
//   the bench may CREATE DATABASE; TEST_DATABASE_URL by default) REDIS_URL=redis://127.0.0.1:6379
//   RESULT_JSON=file (the summary as JSON, for bench/rush-cluster.ts)
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileMigrationProvider } from 'kysely';
import pg from 'pg';
import { hashPassword } from '../src/lib/server/auth/password';
import { generateSessionToken, SESSION_COOKIE, sessionIdFromToken } from '../src/lib/server/auth/session';
import { createDatabase } from '../src/lib/server/db/database';
import { migrateToLatest } from '../src/lib/server/db/migrator';
import { insertContest, insertQuestionBank, insertUnitTree, type QuestionSpec } from '../src/lib/server/demo/builders';
import { newId } from '../src/lib/server/ids';
import { benchPgDatabase } from './bench-postgres';
import {
	lastingCpuMs,
	processCpuMs,
	processRssMiB,
	repoRoot,
	requireBuild,
	startProdServer,
	type ProdServer
} from './prod-server';
import { serviceCpuMs } from './service-cpu';
import type { FromScreens, ToScreens } from './rush-screens';
import { line, percentile } from './support';

// --- settings ------------------------------------------------------------------------------------
const args = new Map(
	process.argv
		.slice(2)
		.map((a) => /^--([^=]+)=(.*)$/.exec(a))
		.filter((m): m is RegExpExecArray => m !== null)
		.map((m) => [m[1].toUpperCase(), m[2]])
);
const setting = (name: string, fallback: number): number => Number(args.get(name) ?? process.env[name] ?? fallback);
const N = setting('N', 20_000);
const M = setting('M', 1_000);
const START_S = setting('START_S', 300);
const SAVES = setting('SAVES', 20);
const GAP_MIN_S = setting('GAP_MIN_S', 2);
const GAP_MAX_S = setting('GAP_MAX_S', 6);
const SUBMIT_S = setting('SUBMIT_S', 120);
const POOL = setting('POOL', 200);
const HARD_STOP_S = setting('HARD_STOP_S', 120);
const DRAIN_S = setting('DRAIN_S', 10);
const PORT = setting('RUSH_PORT', 3540);
const PROGRESS_S = setting('PROGRESS_S', 30);
const PROFILE = args.get('PROFILE') ?? process.env.PROFILE ?? '';
const KEEP_DB = (args.get('KEEP_DB') ?? process.env.KEEP_DB ?? '') === '1';
const text = (name: string, fallback: string): string => args.get(name) ?? process.env[name] ?? fallback;
const TOPOLOGY = text('TOPOLOGY', 'sqlite');
if (TOPOLOGY !== 'sqlite' && TOPOLOGY !== 'cluster') throw new Error(`TOPOLOGY is sqlite or cluster, not ${TOPOLOGY}`);
const CLUSTER = TOPOLOGY === 'cluster';
const NODES = CLUSTER ? setting('NODES', 2) : 1;
const PG_URL = text('PG_URL', process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
const REDIS_URL = text('REDIS_URL', 'redis://127.0.0.1:6379');
const RESULT_JSON = text('RESULT_JSON', '');
/** questions in an attempt: one save per question, in order (SAVES beyond it revise earlier ones) */
const ITEMS = 20;
const workDir = path.join(repoRoot, 'data-bench-rush');
const dbFile = path.join(workDir, 'rush.sqlite');
/** The cluster's database: one per run, created here and dropped at the end unless KEEP_DB=1. */
const pgDb = benchPgDatabase(PG_URL, `cuocthi_bench_rush_${process.pid}_${Date.now().toString(36)}`, {
	keep: KEEP_DB || !CLUSTER
});
/** What the app nodes open. */
const databaseUrl = CLUSTER ? pgDb.url : dbFile;

requireBuild();

/** A repeatable random stream, so two runs schedule the same rush. */
let seed = 12_345;
function random(): number {
	seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
	return seed / 0x80000000;
}

// --- setup: contest, bank, people, sessions (not measured) ----------------------------------------
function questions(): QuestionSpec[] {
	const filler = 'theo quy định của pháp luật hiện hành về phòng, chống tác hại của thuốc lá';
	const single = Array.from({ length: 24 }, (_, n) => ({
		topic: 'a',
		type: 'single' as const,
		difficulty: 'easy' as const,
		text: `Câu ${n + 1}: hành vi nào sau đây bị nghiêm cấm ${filler}?`,
		options: [1, 2, 3, 4].map((k) => ({ text: `Phương án ${k} ${filler.slice(0, 30 + k * 5)}`, correct: k === 1 })),
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	}));
	const multiple = Array.from({ length: 8 }, (_, n) => ({
		topic: 'b',
		type: 'multiple' as const,
		difficulty: 'medium' as const,
		text: `Câu nhiều đáp án ${n + 1}: những quyền nào của công dân ${filler}?`,
		options: [1, 2, 3, 4].map((k) => ({ text: `Quyền ${k} ${filler.slice(0, 40)}`, correct: k <= 2 })),
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	}));
	const trueFalse = Array.from({ length: 8 }, (_, n) => ({
		topic: 'b',
		type: 'true_false' as const,
		difficulty: 'easy' as const,
		text: `Nhận định ${n + 1}: mọi người có nghĩa vụ chấp hành ${filler}.`,
		options: [
			{ text: 'Đúng', correct: n % 2 === 0 },
			{ text: 'Sai', correct: n % 2 === 1 }
		],
		explanation: 'Giải thích.',
		legalReference: null,
		tags: []
	}));
	return [...single, ...multiple, ...trueFalse];
}

interface Person {
	index: number;
	userId: string;
	cookie: string;
	attemptId: string | null;
	/** option ids per position (1-based), from the attempt page */
	options: string[][];
	types: string[];
	/** scheduled click times, ms on the run clock */
	startAt: number;
	saveAt: number[];
	submitAt: number;
	/** saves acknowledged so far (the next one to send) */
	saved: number;
	/** what each acknowledged save sent and got back, per position */
	acked: Map<number, { rev: number; optionIds: string[] }>;
	revs: Map<number, number>;
	state: 'waiting' | 'starting' | 'answering' | 'saving' | 'submitting' | 'done' | 'failed';
	submitted: boolean;
}

async function seedDatabase(): Promise<{ slug: string; roundId: string; people: Person[] }> {
	rmSync(workDir, { recursive: true, force: true });
	mkdirSync(workDir, { recursive: true });
	if (CLUSTER) await pgDb.create();
	const db = createDatabase(databaseUrl);
	await migrateToLatest(
		db,
		new FileMigrationProvider({ fs, path, migrationFolder: path.join(repoRoot, 'migrations') })
	);
	const now = Date.now();
	const slug = 'cao-diem-toi-chu-nhat';
	const units = await insertUnitTree(
		db,
		[
			{ code: 'tinh', name: 'Tỉnh Thử Nghiệm', parentCode: null, kind: 'province', headcount: N * 2 },
			...Array.from({ length: 20 }, (_, i) => ({
				code: `xa-${i}`,
				name: `Xã Thử Nghiệm ${i + 1}`,
				parentCode: 'tinh',
				kind: 'commune',
				headcount: Math.ceil(N / 10)
			}))
		],
		now
	);
	const bank = await insertQuestionBank(
		db,
		{
			name: 'Ngân hàng cao điểm',
			topics: [
				{ code: 'a', name: 'Chủ đề A' },
				{ code: 'b', name: 'Chủ đề B' }
			],
			questions: questions()
		},
		now
	);
	// Open for the whole run and long after; the time limit never cuts an attempt short.
	const contest = await insertContest(
		db,
		{
			slug,
			title: 'Cuộc thi cao điểm tối Chủ nhật',
			summary: 'Đo tải.',
			rulesMarkdown: '## Thể lệ\n\nLàm bài trong thời gian quy định.',
			consentText: 'Tôi đồng ý.',
			groups: [
				{ code: 'ccvc', name: 'Cán bộ, công chức, viên chức' },
				{ code: 'nguoi-dan', name: 'Người dân' }
			],
			rounds: [
				{
					name: 'Tuần thi cao điểm',
					opensAt: now - 60_000,
					closesAt: now + 6 * 3_600_000,
					timeLimitMs: 3 * 3_600_000,
					maxAttempts: 1,
					graceMs: 5000,
					predictionQuestion: 'Bao nhiêu người trả lời đúng tất cả?',
					visibility: 'live',
					blueprint: [
						{ topic: 'a', difficulty: 'easy', count: 12 },
						{ topic: 'b', difficulty: 'medium', count: 4 },
						{ topic: 'b', difficulty: 'easy', count: 4 }
					]
				}
			]
		},
		bank,
		now
	);
	const groupIds = [...contest.groupIds.values()];
	const unitIds = [...units.entries()].filter(([code]) => code !== 'tinh').map(([, id]) => id);
	const passwordHash = await hashPassword('matkhau123');
	const people: Person[] = [];
	const users: object[] = [];
	const registrations: object[] = [];
	const sessions: object[] = [];
	for (let i = 0; i < N; i++) {
		const userId = newId();
		const token = generateSessionToken();
		users.push({
			id: userId,
			phone: `09${String(10_000_000 + i)}`,
			full_name: `Thí sinh ${i + 1}`,
			birth_date: '1990-01-01',
			email: `thisinh${i}@example.vn`,
			password_hash: passwordHash,
			role: 'contestant',
			created_at: now
		});
		registrations.push({
			id: newId(),
			contest_id: contest.contestId,
			user_id: userId,
			unit_id: unitIds[i % unitIds.length],
			group_id: groupIds[i % groupIds.length],
			consented_at: now,
			created_at: now
		});
		sessions.push({
			id: sessionIdFromToken(token),
			user_id: userId,
			expires_at: now + 30 * 86_400_000,
			created_at: now
		});
		people.push({
			index: i,
			userId,
			cookie: `${SESSION_COOKIE}=${token}`,
			attemptId: null,
			options: [],
			types: [],
			startAt: 0,
			saveAt: [],
			submitAt: 0,
			saved: 0,
			acked: new Map(),
			revs: new Map(),
			state: 'waiting',
			submitted: false
		});
	}
	if (CLUSTER) {
		// Bulk rows in one transaction, a few hundred a statement.
		await db.transaction().execute(async (trx) => {
			for (const [table, rows] of [
				['app_user', users],
				['registration', registrations],
				['session', sessions]
			] as const) {
				for (let i = 0; i < rows.length; i += 500) {
					await trx
						.insertInto(table)
						.values(rows.slice(i, i + 500) as never)
						.execute();
				}
			}
		});
		await db.destroy();
		return { slug, roundId: contest.roundIds[0], people };
	}
	await db.destroy();
	// Bulk rows through better-sqlite3 in one transaction: 20,000 people take a second or two.
	const raw = new Database(dbFile);
	const insertAll = (table: string, rows: object[]) => {
		if (rows.length === 0) return;
		const columns = Object.keys(rows[0]);
		const statement = raw.prepare(
			`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
		);
		for (const row of rows) statement.run(row);
	};
	raw.transaction(() => {
		insertAll('app_user', users);
		insertAll('registration', registrations);
		insertAll('session', sessions);
	})();
	raw.pragma('wal_checkpoint(TRUNCATE)');
	raw.close();
	return { slug, roundId: contest.roundIds[0], people };
}

// --- one scheduler ---------------------------------------------------------------------------------
/** Run clock: ms since the rush began (performance.now based, monotonic). */
let t0 = 0;
const clock = (): number => performance.now() - t0;

interface TimerEvent {
	at: number;
	run: () => void;
}
/** A binary min-heap of due times and one setTimeout for its head: not 400,000 timers. */
const heap: TimerEvent[] = [];
let timer: NodeJS.Timeout | null = null;
let timerAt = Infinity;
let stopped = false;

function heapPush(event: TimerEvent): void {
	heap.push(event);
	let i = heap.length - 1;
	while (i > 0) {
		const parent = (i - 1) >> 1;
		if (heap[parent].at <= heap[i].at) break;
		[heap[parent], heap[i]] = [heap[i], heap[parent]];
		i = parent;
	}
}

function heapPop(): TimerEvent | undefined {
	const top = heap[0];
	const last = heap.pop();
	if (heap.length > 0 && last) {
		heap[0] = last;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			const r = l + 1;
			let m = i;
			if (l < heap.length && heap[l].at < heap[m].at) m = l;
			if (r < heap.length && heap[r].at < heap[m].at) m = r;
			if (m === i) break;
			[heap[m], heap[i]] = [heap[i], heap[m]];
			i = m;
		}
	}
	return top;
}

function arm(): void {
	if (stopped || heap.length === 0) return;
	const at = heap[0].at;
	if (timer && at >= timerAt) return;
	if (timer) clearTimeout(timer);
	timerAt = at;
	timer = setTimeout(tick, Math.max(0, at - clock()));
}

function tick(): void {
	timer = null;
	timerAt = Infinity;
	const now = clock();
	while (!stopped && heap.length > 0 && heap[0].at <= now) heapPop()!.run();
	arm();
}

function schedule(at: number, run: () => void): void {
	if (stopped) return;
	heapPush({ at, run });
	arm();
}

// --- HTTP ------------------------------------------------------------------------------------------
// `timeout` lets the agent honour the server's `Keep-Alive: timeout=5` hint (Node expires an idle
// socket a second before it; with no timeout set it ignores the hint). Busy requests are not cut.
const agent = new Agent({ keepAlive: true, maxSockets: POOL, maxFreeSockets: POOL, timeout: 60_000 });
const base = `http://127.0.0.1:${PORT}`;

interface Reply {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** Requests resent because the server had closed the idle keep-alive socket they went out on. */
let resent = 0;

/**
 * One request. A request written to a pooled socket that the server closed meanwhile (its
 * keep-alive timeout, 5 s, racing our send) fails with ECONNRESET before any response: browsers
 * resend it on a fresh connection, and so do we, once, counting it (Node's docs, `reusedSocket`).
 */
function call(
	method: string,
	pathname: string,
	headers: Record<string, string>,
	body?: string,
	retry = true
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		let answered = false;
		const req = request(`${base}${pathname}`, { method, agent, headers }, (res) => {
			answered = true;
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
			res.on('error', reject);
		});
		req.on('error', (error: NodeJS.ErrnoException) => {
			if (retry && !answered && req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
				resent++;
				call(method, pathname, headers, body, false).then(resolve, reject);
			} else reject(error);
		});
		req.end(body);
	});
}

function postJson(pathname: string, cookie: string, payload: unknown): Promise<Reply> {
	const body = JSON.stringify(payload);
	return call(
		'POST',
		pathname,
		{ cookie, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
		body
	);
}

// --- what happened --------------------------------------------------------------------------------
type Step = 'start' | 'save' | 'submit';
const latency: Record<Step, number[]> = { start: [], save: [], submit: [] };
const errors = new Map<string, number>();
const counts = { started: 0, saves: 0, submitted: 0 };
let inFlight = 0;
let lastSubmitAck = -1;

function fail(person: Person, step: Step, what: string): void {
	// After the hard stop the driver drops its connections and stops the server: what fails then
	// is counted as unfinished (above), not as the server's error.
	if (stopped) return;
	const key = `${step}: ${what.slice(0, 160)}`;
	errors.set(key, (errors.get(key) ?? 0) + 1);
	person.state = 'failed';
	settleCheck();
}

/**
 * The attempt page's data, from the HTML a browser gets: SvelteKit inlines the load's result as
 * a JavaScript expression (devalue) in the hydration script, `data: [...]`. Evaluated here as the
 * browser would; only the option ids and question types are kept.
 */
function readAttemptPage(html: string): { options: string[][]; types: string[] } | null {
	const at = html.indexOf('data: [');
	if (at < 0) return null;
	const end = html.indexOf(',\n\t\t\t\t\t\tform:', at);
	const expression = html
		.slice(at + 6, end > 0 ? end : html.indexOf('form:', at))
		.trim()
		.replace(/,$/, '');
	const nodes = new Function(`return ${expression}`)() as ({ data?: { attempt?: unknown } } | null)[];
	const attempt = nodes.map((n) => n?.data?.attempt).find(Boolean) as
		{ items: { position: number; type: string; options: { id: string }[] }[] } | undefined;
	if (!attempt) return null;
	const options: string[][] = [];
	const types: string[] = [];
	for (const item of attempt.items) {
		options[item.position] = item.options.map((o) => o.id);
		types[item.position] = item.type;
	}
	return { options, types };
}

let slug = '';

async function start(person: Person): Promise<void> {
	person.state = 'starting';
	inFlight++;
	try {
		const form = 'x=1';
		const posted = await call(
			'POST',
			`/cuoc-thi/${slug}/dot-thi/1?/start`,
			{
				cookie: person.cookie,
				origin: base,
				'content-type': 'application/x-www-form-urlencoded',
				'content-length': String(form.length),
				accept: 'text/html'
			},
			form
		);
		const location = posted.headers.location ?? '';
		const match = /^\/lam-bai\/([^/?#]+)$/.exec(location);
		if (posted.status !== 303 || !match) return fail(person, 'start', `POST ${posted.status} ${location}`);
		person.attemptId = match[1];
		const page = await call('GET', location, { cookie: person.cookie, accept: 'text/html' });
		if (page.status !== 200) return fail(person, 'start', `GET attempt page ${page.status}`);
		const data = readAttemptPage(page.body);
		if (!data || data.options.length < ITEMS + 1) return fail(person, 'start', 'attempt page without its items');
		person.options = data.options;
		person.types = data.types;
		const loaded = clock();
		latency.start.push(loaded - person.startAt);
		counts.started++;
		// The person reads, then clicks every few seconds from the moment the page appeared.
		let at = loaded;
		for (let k = 0; k < SAVES; k++) {
			at += (GAP_MIN_S + random() * (GAP_MAX_S - GAP_MIN_S)) * 1000;
			person.saveAt.push(at);
		}
		const lastClick = at + (GAP_MIN_S + random() * (GAP_MAX_S - GAP_MIN_S)) * 1000;
		person.submitAt = Math.max(person.submitAt, lastClick);
		person.state = 'answering';
		schedule(person.saveAt[0], () => void save(person));
	} catch (error) {
		fail(person, 'start', String(error));
	} finally {
		inFlight--;
	}
}

async function save(person: Person): Promise<void> {
	const k = person.saved;
	const position = (k % ITEMS) + 1;
	const ids = person.options[position];
	const chosen =
		person.types[position] === 'multiple' && random() < 0.5
			? [ids[0], ids[1 + Math.floor(random() * (ids.length - 1))]]
			: [ids[Math.floor(random() * ids.length)]];
	const rev = (person.revs.get(position) ?? 0) + 1;
	person.revs.set(position, rev);
	person.state = 'saving';
	inFlight++;
	try {
		const reply = await postJson(`/api/attempts/${person.attemptId}/answers`, person.cookie, {
			position,
			optionIds: chosen,
			rev
		});
		const parsed = reply.status === 200 ? (JSON.parse(reply.body) as { ok: boolean; rev?: number }) : null;
		if (!parsed?.ok) return fail(person, 'save', `${reply.status} ${reply.body}`);
		latency.save.push(clock() - person.saveAt[k]);
		counts.saves++;
		person.acked.set(position, { rev: parsed.rev ?? rev, optionIds: chosen });
		person.saved++;
		person.state = 'answering';
		// The queue sends the next click as soon as this one is acknowledged, or when it happens.
		if (person.saved < SAVES) schedule(person.saveAt[person.saved], () => void save(person));
		else schedule(person.submitAt, () => void submit(person));
	} catch (error) {
		fail(person, 'save', String(error));
	} finally {
		inFlight--;
	}
}

async function submit(person: Person): Promise<void> {
	person.state = 'submitting';
	inFlight++;
	try {
		const reply = await postJson(`/api/attempts/${person.attemptId}/submit`, person.cookie, {
			prediction: person.index % 500
		});
		const parsed = reply.status === 200 ? (JSON.parse(reply.body) as { ok: boolean }) : null;
		if (!parsed?.ok) return fail(person, 'submit', `${reply.status} ${reply.body}`);
		const now = clock();
		latency.submit.push(now - person.submitAt);
		counts.submitted++;
		lastSubmitAck = Math.max(lastSubmitAck, now);
		person.submitted = true;
		person.state = 'done';
		settleCheck();
	} catch (error) {
		fail(person, 'submit', String(error));
	} finally {
		inFlight--;
	}
}

const people: Person[] = [];
let settled: () => void = () => {};
const allSettled = new Promise<void>((resolve) => (settled = resolve));
let unsettled = 0;
function settleCheck(): void {
	unsettled--;
	if (unsettled === 0) settled();
}

// --- screens: their own process -------------------------------------------------------------------
// Started now, so that tsx has compiled it by the time the server is up.
const screensChild = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'rush-screens.ts')], {
	cwd: repoRoot,
	stdio: ['ignore', 'ignore', 'inherit', 'ipc']
});
const screensPid = screensChild.pid ?? 0;
/** The app processes: one on SQLite, NODES on the cluster (behind the balancer's process). */
const servers: ProdServer[] = [];
let balancerChild: ChildProcess | null = null;
let closingScreens = false;
/** Set when the screens process ended before the driver closed it: the run then fails. */
let screensDied = '';
screensChild.once('exit', (code, signal) => {
	if (closingScreens) return;
	screensDied = `the screens process exited early (${signal ?? `code ${code}`})`;
	process.stderr.write(`${screensDied}\n`);
});
// No orphans: whatever ends this process (the end, an error, Ctrl-C, a kill) ends the screens and
// the server with it (the screens also exit by themselves when the IPC channel goes).
process.on('exit', () => {
	screensChild.kill('SIGKILL');
	for (const node of servers) node.child.kill('SIGKILL');
	balancerChild?.kill('SIGKILL');
});
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

/** The next message of this type from the screens process; null if it exits or `timeoutMs` passes first. */
function fromScreens<T extends FromScreens['type']>(
	type: T,
	timeoutMs: number
): Promise<Extract<FromScreens, { type: T }> | null> {
	return new Promise((resolve) => {
		const done = (reply: Extract<FromScreens, { type: T }> | null) => {
			clearTimeout(timer);
			screensChild.off('message', onMessage);
			screensChild.off('exit', onExit);
			resolve(reply);
		};
		const onMessage = (message: FromScreens) => {
			if (message.type === type) done(message as Extract<FromScreens, { type: T }>);
		};
		const onExit = () => done(null);
		const timer = setTimeout(() => done(null), timeoutMs);
		screensChild.on('message', onMessage);
		screensChild.once('exit', onExit);
		if (screensChild.exitCode !== null || screensChild.signalCode !== null) done(null);
	});
}
const screensReady = fromScreens('ready', 120_000);

function tellScreens(message: ToScreens): void {
	if (screensChild.connected) screensChild.send(message);
}

/** The screens process's CPU ms so far (the last reading once it has gone). */
let screensCpuLast = 0;
function screensCpuMs(): number {
	try {
		screensCpuLast = processCpuMs(screensPid);
	} catch {
		// the screens process has gone
	}
	return screensCpuLast;
}

// --- CPU, memory, progress ------------------------------------------------------------------------
interface Mark {
	label: string;
	at: number;
	server: number;
	driver: number;
	screens: number;
	/** ms the server's main thread (its event loop) ran, and sat runnable waiting for a CPU */
	serverRun: number;
	serverWait: number;
	/** the cluster's other processes: the balancer, PostgreSQL (all of it), Redis */
	balancer: number;
	postgres: number;
	redis: number;
}
const marks: Mark[] = [];
let serverPids: number[] = [];
/** CPU ms of each process last read, so that a process that has gone keeps its last figure. */
const cpuOf = lastingCpuMs();
/** The app processes' CPU ms so far, summed. */
const serversCpuMs = (): number => serverPids.reduce((sum, pid) => sum + cpuOf(pid), 0);
const driverCpuMs = (): number => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};
/**
 * Time a thread sat runnable waiting for a CPU (the second field of schedstat, ns), in ms: on a
 * machine shared with other work, this is how much of the latency is the neighbours.
 */
function mainThreadMs(pid: number): { run: number; wait: number } {
	try {
		const [run, wait] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
		return { run: run / 1e6, wait: wait / 1e6 };
	} catch {
		return { run: 0, wait: 0 };
	}
}
function mark(label: string): void {
	const mains = serverPids.map(mainThreadMs);
	const main = { run: mains.reduce((a, m) => a + m.run, 0), wait: mains.reduce((a, m) => a + m.wait, 0) };
	marks.push({
		label,
		at: clock(),
		server: serversCpuMs(),
		balancer: balancerChild?.pid ? cpuOf(balancerChild.pid) : 0,
		postgres: CLUSTER ? serviceCpuMs('postgres') : 0,
		redis: CLUSTER ? serviceCpuMs('redis-server') : 0,
		driver: driverCpuMs(),
		screens: screensCpuMs(),
		serverRun: main.run,
		serverWait: main.wait
	});
}
/** the peak resident memory of each app process */
const rssPeaks: number[] = [];
function sampleRss(): void {
	serverPids.forEach((pid, i) => {
		try {
			const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
			if (match) rssPeaks[i] = Math.max(rssPeaks[i] ?? 0, Number(match[1]) / 1024);
		} catch {
			// the server has gone
		}
	});
}

const timeline: string[] = [];
let lastProgress = { at: 0, server: 0, driver: 0, screens: 0, started: 0, saves: 0, submitted: 0 };
function progress(): void {
	const now = clock();
	const server = serversCpuMs();
	const driver = driverCpuMs();
	const screensCpu = screensCpuMs();
	const span = (now - lastProgress.at) / 1000;
	const row =
		`${(now / 1000).toFixed(0).padStart(5)} s` +
		`${((server - lastProgress.server) / 10 / span).toFixed(0).padStart(7)} %` +
		`${((driver - lastProgress.driver) / 10 / span).toFixed(0).padStart(7)} %` +
		`${((screensCpu - lastProgress.screens) / 10 / span).toFixed(0).padStart(7)} %` +
		`${((counts.started - lastProgress.started) / span).toFixed(1).padStart(9)}` +
		`${((counts.saves - lastProgress.saves) / span).toFixed(0).padStart(8)}` +
		`${((counts.submitted - lastProgress.submitted) / span).toFixed(1).padStart(10)}` +
		`${String(inFlight).padStart(10)}` +
		`${loadavg()[0].toFixed(2).padStart(7)}`;
	timeline.push(row);
	process.stderr.write(`${row}\n`);
	lastProgress = {
		at: now,
		server,
		driver,
		screens: screensCpu,
		started: counts.started,
		saves: counts.saves,
		submitted: counts.submitted
	};
}
const timelineHead = `${'time'.padStart(7)}${'server'.padStart(9)}${'driver'.padStart(9)}${'screens'.padStart(9)}${'starts/s'.padStart(9)}${'saves/s'.padStart(8)}${'submits/s'.padStart(10)}${'in flight'.padStart(10)}${'load'.padStart(7)}`;

// --- the run ---------------------------------------------------------------------------------------
const ms = (v: number | undefined): string =>
	v === undefined ? '—' : v < 10 ? `${v.toFixed(1)} ms` : `${v.toFixed(0)} ms`;
const cpuPressure = (): number | null => {
	try {
		const some = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
		return some ? Number(some[1]) : null;
	} catch {
		return null;
	}
};

const setupStarted = performance.now();
const seeded = await seedDatabase();
slug = seeded.slug;
people.push(...seeded.people);
const setupMs = performance.now() - setupStarted;
process.stderr.write(`seeded ${N} contestants in ${(setupMs / 1000).toFixed(1)} s\n`);

const profileDir = PROFILE ? path.resolve(PROFILE) : '';
if (profileDir) mkdirSync(profileDir, { recursive: true });
const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
if (CLUSTER) {
	// The nodes on the ports after the balancer's, started together; then the balancer in front.
	const ports = Array.from({ length: NODES }, (_, i) => PORT + 1 + i);
	servers.push(
		...(await Promise.all(
			ports.map((port) =>
				startProdServer({
					port,
					database: databaseUrl,
					env: { REDIS_URL, REDIS_PREFIX: process.env.REDIS_PREFIX || pgDb.name },
					nodeArgs
				})
			)
		))
	);
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			path.join(import.meta.dirname, 'balancer.ts'),
			`--port=${PORT}`,
			...ports.map((port) => `http://127.0.0.1:${port}`)
		],
		{ cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }
	);
	balancerChild = child;
	const up = performance.now() + 60_000;
	while (
		!(await fetch(`${base}/healthz`).then(
			(r) => r.ok,
			() => false
		))
	) {
		if (child.exitCode !== null || performance.now() > up) throw new Error('the balancer did not come up');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
} else {
	servers.push(await startProdServer({ port: PORT, database: dbFile, nodeArgs }));
}
serverPids = servers.map((node) => node.pid);
const loadBefore = loadavg();
const pressureBefore = cpuPressure();
t0 = performance.now();
const rssTimer = setInterval(sampleRss, 500);
const rssIdle = servers.map((node) => node.rssMiB());

// Screens first: they are watching before the first contestant starts (100 at a time, a minute
// at most for all of them, in their process).
if (!(await screensReady)) {
	process.stderr.write(`the screens process did not start${screensDied ? `: ${screensDied}` : ''}\n`);
	process.exit(1);
}
mark('begin');
const screensAnswer = fromScreens('connected', 90_000);
tellScreens({ type: 'connect', url: base, target: { kind: 'round', id: seeded.roundId }, count: M });
const connected = (await screensAnswer) ?? { screens: 0, failed: M };
const screensFailed = connected.failed;
mark('screens connected');
process.stderr.write(
	`${connected.screens} screens watching (${screensFailed} failed) in ${(clock() / 1000).toFixed(1)} s\n`
);

// The schedule, from now: starts spread over START_S, submits over the last SUBMIT_S (never
// before a person's last click; a late start pushes its submit later).
const rushStart = clock() + 500;
const submitFrom = rushStart + (START_S + SAVES * ((GAP_MIN_S + GAP_MAX_S) / 2)) * 1000;
const submitTo = submitFrom + SUBMIT_S * 1000;
unsettled = people.length;
for (const person of people) {
	person.startAt = rushStart + random() * START_S * 1000;
	person.submitAt = submitFrom + random() * (submitTo - submitFrom);
	schedule(person.startAt, () => void start(person));
}
schedule(rushStart, () => mark('rush begins'));
schedule(rushStart + START_S * 1000, () => mark('start window over'));
schedule(submitFrom, () => mark('submit window opens'));
const hardStopAt = submitTo + HARD_STOP_S * 1000;
process.stderr.write(
	`schedule: starts ${START_S} s, submits from ${((submitFrom - rushStart) / 1000).toFixed(0)} s to ${((submitTo - rushStart) / 1000).toFixed(0)} s, hard stop at ${((hardStopAt - rushStart) / 1000).toFixed(0)} s\n${timelineHead}\n`
);
lastProgress = {
	at: clock(),
	server: serversCpuMs(),
	driver: driverCpuMs(),
	screens: screensCpuMs(),
	started: 0,
	saves: 0,
	submitted: 0
};
const progressTimer = setInterval(progress, PROGRESS_S * 1000);

let hardStopped = false;
let hardStopTimer: NodeJS.Timeout | undefined;
const hardStop = new Promise<void>((resolve) => {
	const wait = hardStopAt - clock();
	hardStopTimer = setTimeout(() => {
		hardStopped = true;
		resolve();
	}, wait).unref();
});
await Promise.race([allSettled, hardStop]);
// Everyone settled in time: the screens' drain below may run past the hard stop's moment, which
// must not mark the run as stopped.
clearTimeout(hardStopTimer);
mark('last submit settled');

// Screens: until every one shows the final count, DRAIN_S at most (and never past the hard stop).
const finalCount = counts.submitted;
const drainUntil = Math.min(clock() + DRAIN_S * 1000, hardStopped ? clock() : hardStopAt + DRAIN_S * 1000);
const drainMs = Math.max(0, drainUntil - clock());
const finalAnswer = fromScreens('final', drainMs + 30_000);
tellScreens({ type: 'final', count: finalCount, waitMs: drainMs });
// A screens process that has gone (or does not answer) leaves every screen behind.
const screensFinal = (await finalAnswer) ?? {
	screens: connected.screens,
	risenAt: [],
	behind: connected.screens,
	packets: 0,
	resyncs: 0,
	disconnects: 0
};
mark('screens final');
stopped = true;
if (timer) clearTimeout(timer);
clearInterval(progressTimer);
progress();
sampleRss();
clearInterval(rssTimer);
const loadAfter = loadavg();
const pressureAfter = cpuPressure();

// What did not finish: the hard stop abandons whatever was still queued or in flight.
const unfinished = { start: 0, save: 0, submit: 0, people: 0 };
for (const person of people) {
	if (person.state === 'done' || person.state === 'failed') continue;
	unfinished.people++;
	if (person.attemptId === null || person.state === 'starting' || person.state === 'waiting') unfinished.start++;
	else if (person.saved < SAVES) unfinished.save += SAVES - person.saved;
	else unfinished.submit++;
}
agent.destroy();
let screensRss = 0;
try {
	screensRss = processRssMiB(screensPid);
} catch {
	// the screens process has gone
}
closingScreens = true;
if (screensChild.exitCode === null && screensChild.signalCode === null) {
	const exited = new Promise<void>((resolve) => screensChild.once('exit', () => resolve()));
	tellScreens({ type: 'close' });
	const screensKiller = setTimeout(() => screensChild.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(screensKiller);
}
// A server exits within 5 s of SIGTERM by its own timer; SIGKILL it if it has not after 15.
const killer = setTimeout(() => {
	for (const node of servers) node.child.kill('SIGKILL');
}, 15_000);
await Promise.all(servers.map((node) => node.stop()));
clearTimeout(killer);
balancerChild?.kill('SIGTERM');

// --- acknowledged vs stored -------------------------------------------------------------------------
interface StoredItem {
	attempt_id: string;
	position: number;
	answer_json: string | null;
	answer_rev: number;
}
/** Every attempt item and attempt status of the run (the database holds this run only). */
async function readStored(): Promise<{ items: StoredItem[]; attempts: { id: string; status: string }[] }> {
	const itemsSql = 'SELECT attempt_id, position, answer_json, answer_rev FROM attempt_item';
	const attemptsSql = 'SELECT id, status FROM attempt';
	if (CLUSTER) {
		const client = new pg.Client({ connectionString: pgDb.url });
		await client.connect();
		try {
			const items = (await client.query<StoredItem>(itemsSql)).rows;
			const attempts = (await client.query<{ id: string; status: string }>(attemptsSql)).rows;
			// int8 columns arrive as strings from a bare client
			return { items: items.map((r) => ({ ...r, answer_rev: Number(r.answer_rev) })), attempts };
		} finally {
			await client.end();
		}
	}
	const stored = new Database(dbFile, { readonly: true });
	try {
		return {
			items: stored.prepare(itemsSql).all() as StoredItem[],
			attempts: stored.prepare(attemptsSql).all() as { id: string; status: string }[]
		};
	} finally {
		stored.close();
	}
}
const storedRows = await readStored().catch((error: unknown) => {
	process.stderr.write(`could not read the database back: ${String(error)}\n`);
	return { items: [], attempts: [] };
});
const itemsByAttempt = new Map<string, Map<number, StoredItem>>();
for (const row of storedRows.items) {
	const rows = itemsByAttempt.get(row.attempt_id) ?? new Map<number, StoredItem>();
	rows.set(row.position, row);
	itemsByAttempt.set(row.attempt_id, rows);
}
const statusOf = new Map(storedRows.attempts.map((a) => [a.id, a.status]));
let savesChecked = 0;
let savesMissing = 0;
let submitsMissing = 0;
const missingExamples: string[] = [];
for (const person of people) {
	if (!person.attemptId) continue;
	const rows = itemsByAttempt.get(person.attemptId) ?? new Map<number, StoredItem>();
	for (const [position, ack] of person.acked) {
		savesChecked++;
		const row = rows.get(position);
		const storedIds = row?.answer_json ? (JSON.parse(row.answer_json) as string[]) : [];
		const same =
			row !== undefined &&
			(row.answer_rev > ack.rev ||
				(row.answer_rev === ack.rev &&
					storedIds.length === new Set(ack.optionIds).size &&
					ack.optionIds.every((id) => storedIds.includes(id))));
		if (!same) {
			savesMissing++;
			if (missingExamples.length < 5) {
				missingExamples.push(
					`attempt ${person.attemptId} position ${position}: acknowledged rev ${ack.rev} ${JSON.stringify(ack.optionIds)}, stored rev ${row?.answer_rev} ${row?.answer_json}`
				);
			}
		}
	}
	if (person.submitted) {
		const status = statusOf.get(person.attemptId);
		if (status !== 'finished') {
			submitsMissing++;
			if (missingExamples.length < 5) {
				missingExamples.push(`attempt ${person.attemptId}: submit acknowledged, status ${status}`);
			}
		}
	}
}
const finishedInDb = storedRows.attempts.filter((a) => a.status === 'finished').length;
if (CLUSTER && !KEEP_DB) {
	await pgDb.drop().catch((error: unknown) => process.stderr.write(`could not drop ${pgDb.name}: ${String(error)}\n`));
}

// --- report ------------------------------------------------------------------------------------------
// The screens' times are wallNow() in their process: on the run clock here, minus the run's start.
const runOrigin = performance.timeOrigin + t0;
const lag = screensFinal.risenAt.map((at) => Math.max(0, at - runOrigin - lastSubmitAck)).sort((a, b) => a - b);
const screensBehind = screensFinal.behind;
const phase = (from: string, to: string) => {
	const a = marks.find((m) => m.label === from);
	const b = marks.find((m) => m.label === to);
	if (!a || !b) return null;
	const seconds = (b.at - a.at) / 1000;
	return {
		seconds,
		server: b.server - a.server,
		driver: b.driver - a.driver,
		screens: b.screens - a.screens,
		run: b.serverRun - a.serverRun,
		wait: b.serverWait - a.serverWait,
		balancer: b.balancer - a.balancer,
		postgres: b.postgres - a.postgres,
		redis: b.redis - a.redis
	};
};
const totalErrors = [...errors.values()].reduce((a, b) => a + b, 0);

const where = CLUSTER ? `${NODES} app nodes behind bench/balancer.ts, PostgreSQL + Redis` : 'one app process on SQLite';
process.stdout.write(
	`\nRush (${where}): ${N} contestants over ${START_S} s, ${SAVES} saves each every ${GAP_MIN_S}–${GAP_MAX_S} s, submits in ${SUBMIT_S} s; ${M} screens; pool ${POOL} sockets\n`
);
process.stdout.write(
	`load average before ${loadBefore.map((v) => v.toFixed(2)).join(' ')}, after ${loadAfter.map((v) => v.toFixed(2)).join(' ')}`
);
if (pressureBefore !== null && pressureAfter !== null) {
	const runSeconds = (marks.at(-1)!.at - marks[0].at) / 1000;
	process.stdout.write(
		`; some task waited for a CPU ${(((pressureAfter - pressureBefore) / 1e6 / runSeconds) * 100).toFixed(0)} % of the run (PSI)`
	);
}
process.stdout.write(`\n\n${timelineHead}\n${timeline.join('\n')}\n\n`);
line('setup (seeding, not measured)', `${(setupMs / 1000).toFixed(1)} s`);
line('screens watching / failed to connect', `${screensFinal.screens} / ${screensFailed}`);
if (screensDied) line('screens process', screensDied);
line(
	'starts / saves / submits acknowledged',
	`${counts.started} / ${counts.saves} / ${counts.submitted} of ${N} / ${N * SAVES} / ${N}`
);
line('errors', totalErrors === 0 ? '0' : String(totalErrors));
line('requests resent (idle keep-alive socket closed by the server)', String(resent));
for (const [what, n] of [...errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)) line(`  ${n} ×`, what);
line(
	'hard stop reached',
	hardStopped
		? `yes: ${unfinished.people} people unfinished (${unfinished.start} starts, ${unfinished.save} saves, ${unfinished.submit} submits)`
		: 'no'
);
line('acknowledged saves checked against the database', String(savesChecked));
line('acknowledged saves missing or different', String(savesMissing));
line('acknowledged submits not finished in the database', String(submitsMissing));
line('finished attempts in the database', String(finishedInDb));
for (const example of missingExamples) line('  missing', example);
process.stdout.write('\nlatency from the scheduled click          p50        p95        p99        max\n');
for (const step of ['start', 'save', 'submit'] as const) {
	const sorted = latency[step].sort((a, b) => a - b);
	process.stdout.write(
		`${`${step} (${sorted.length})`.padEnd(40)}${ms(percentile(sorted, 50)).padStart(10)} ${ms(percentile(sorted, 95)).padStart(10)} ${ms(percentile(sorted, 99)).padStart(10)} ${ms(sorted.at(-1)).padStart(10)}\n`
	);
}
process.stdout.write(
	`${`screens' final-count lag (${lag.length})`.padEnd(40)}${ms(percentile(lag, 50)).padStart(10)} ${ms(percentile(lag, 95)).padStart(10)} ${ms(percentile(lag, 99)).padStart(10)} ${ms(lag.at(-1)).padStart(10)}\n`
);
line('\nscreens not showing the final count after the drain', `${screensBehind} (final count ${finalCount})`);
line(
	'screen packets received / resyncs / unexpected disconnects',
	`${screensFinal.packets} / ${screensFinal.resyncs} / ${screensFinal.disconnects}`
);
process.stdout.write(
	'\nCPU (s of CPU, % of one core)            seconds         server         driver        screens   server loop: ran + waited for a CPU\n'
);
const phases: [string, string, string][] = [
	['screens connect', 'begin', 'screens connected'],
	['starts window', 'rush begins', 'start window over'],
	['answering', 'start window over', 'submit window opens'],
	['submits until the last settled', 'submit window opens', 'last submit settled'],
	['screens catch up', 'last submit settled', 'screens final'],
	['total', 'begin', 'screens final']
];
for (const [label, from, to] of phases) {
	const p = phase(from, to);
	if (!p) continue;
	const pct = (cpu: number) => (p.seconds > 0 ? `${((cpu / 10 / p.seconds) | 0).toString()} %` : '');
	process.stdout.write(
		`${label.padEnd(40)}${p.seconds.toFixed(1).padStart(8)} ${`${(p.server / 1000).toFixed(1)} s ${pct(p.server)}`.padStart(14)} ${`${(p.driver / 1000).toFixed(1)} s ${pct(p.driver)}`.padStart(14)} ${`${(p.screens / 1000).toFixed(1)} s ${pct(p.screens)}`.padStart(14)} ${`${pct(p.run)} + ${pct(p.wait)}`.padStart(16)}\n`
	);
}
const total = phase('rush begins', 'last submit settled');
process.stdout.write(
	"(server, screens: all their threads, from /proc/<pid>/stat; loop: the server's main thread, from schedstat: ran + waited near 100 % = saturated)\n"
);
if (total && counts.saves > 0) {
	line(
		'\nserver CPU per step (rush CPU / acknowledged steps)',
		ms(total.server / (counts.started + counts.saves + counts.submitted))
	);
}
if (CLUSTER && total) {
	const pct = (cpu: number) => `${(cpu / 1000).toFixed(1)} s, ${((cpu / 10 / total.seconds) | 0).toString()} %`;
	line('rush CPU: balancer', pct(total.balancer));
	line('rush CPU: PostgreSQL (every backend, exited ones too)', pct(total.postgres));
	line('rush CPU: Redis', pct(total.redis));
}
line(
	'server RSS idle / peak',
	servers.map((_, i) => `${rssIdle[i].toFixed(0)} MiB / ${(rssPeaks[i] ?? 0).toFixed(0)} MiB`).join('; ')
);
const driverRss = process.memoryUsage().rss / 1024 / 1024;
line('driver RSS at the end', `${driverRss.toFixed(0)} MiB`);
line('screens process RSS at the end', `${screensRss.toFixed(0)} MiB`);

if (profileDir) {
	const file = readdirSync(profileDir)
		.filter((f) => f.endsWith('.cpuprofile'))
		.map((f) => path.join(profileDir, f))
		.sort()
		.at(-1);
	if (file) {
		const profile = JSON.parse(readFileSync(file, 'utf8')) as {
			nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
			samples: number[];
			timeDeltas: number[];
		};
		const byId = new Map(profile.nodes.map((n) => [n.id, n]));
		const self = new Map<string, number>();
		let all = 0;
		profile.samples.forEach((id, i) => {
			const frame = byId.get(id)!.callFrame;
			const where = frame.url
				? `${frame.url
						.replace(/^.*node_modules\//, '')
						.replace(/^.*\/build\//, 'build/')
						.replace(/^file:\/\//, '')}:${frame.lineNumber + 1}`
				: '';
			const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
			const dt = profile.timeDeltas[i] ?? 0;
			self.set(key, (self.get(key) ?? 0) + dt);
			all += dt;
		});
		process.stdout.write(`\nserver profile ${path.basename(file)}: top self time\n`);
		for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
			process.stdout.write(`${((us / all) * 100).toFixed(1).padStart(6)} %  ${key}\n`);
		}
	}
}
if (!KEEP_DB) rmSync(workDir, { recursive: true, force: true });

if (RESULT_JSON) {
	const steps = Object.fromEntries(
		(['start', 'save', 'submit'] as const).map((step) => {
			const sorted = latency[step];
			return [
				step,
				{
					count: sorted.length,
					p50: percentile(sorted, 50),
					p95: percentile(sorted, 95),
					p99: percentile(sorted, 99),
					max: sorted.at(-1)
				}
			];
		})
	);
	const rush = phase('rush begins', 'last submit settled');
	const summary = {
		topology: TOPOLOGY,
		nodes: NODES,
		settings: { N, M, START_S, SAVES, GAP_MIN_S, GAP_MAX_S, SUBMIT_S, POOL },
		acknowledged: counts,
		errors: totalErrors,
		errorKinds: Object.fromEntries([...errors.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8)),
		hardStopped,
		unfinished,
		savesChecked,
		savesMissing,
		submitsMissing,
		finishedInDb,
		missingExamples,
		latency: steps,
		screens: {
			watching: screensFinal.screens,
			failed: screensFailed,
			behind: screensBehind,
			resyncs: screensFinal.resyncs,
			lagP99: percentile(lag, 99)
		},
		rushCpuMs: rush && {
			seconds: rush.seconds,
			servers: rush.server,
			balancer: rush.balancer,
			postgres: rush.postgres,
			redis: rush.redis,
			driver: rush.driver,
			screens: rush.screens
		},
		rssPeakMiB: rssPeaks,
		screensDied
	};
	await fs.writeFile(RESULT_JSON, JSON.stringify(summary, null, '\t'));
}
process.exit(totalErrors > 0 || savesMissing > 0 || submitsMissing > 0 || hardStopped || screensDied ? 1 : 0);
