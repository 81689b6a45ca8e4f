// What one start and one submit cost the server, over HTTP against the production build, with no
// screen and with SCREENS screens watching the round, and SvelteKit's floor (GET /healthz) in the
// same run.
//
// A start is what a contestant's browser does from pressing "Bắt đầu" to seeing the first question:
// the form POST of the round page's start action (with the session cookie and the page's origin),
// then the GET of the attempt page it redirects to (the draw, the attempt and its items written,
// the page's data read and rendered; a start that succeeds is answered by the raw start fast
// path, the page by SvelteKit). A submit is POST /api/attempts/:id/submit (scoring, the
// round result, the leaderboard change) plus the live rebuilds it makes the screens' room do,
// folded to at most one per interval.
//
// The database is seeded before the server starts: a bank of BANK questions in three topics and
// two difficulties, a round drawing 20 of them for two groups over ten units, PRIOR contestants
// who already finished (their attempts and round results, so every live rebuild reads a round
// the size of a Sunday night), and 2 × CONTESTANTS contestants with sessions who start and submit
// here. For each screen count (0, then SCREENS), CONTESTANTS start one after another, then after a
// quiet pause the same contestants submit one after another. Server CPU comes from /proc deltas
// over each phase, less the idle CPU the server used over the same time with the same screens
// connected (measured just before); the baseline is GET /healthz, one after another.
//
// With START_SUBMIT_BEFORE=<dir> (a checkout of an earlier commit with its own build/, node_modules
// linked), that build runs on its own copy of the same seed, taking turns with this one, so both
// are measured on the same machine at the same time. Then the services alone, in this process.
// Run: npx tsx bench/start-submit.ts   (build/ must exist: `npm run build`)
// Settings: CONTESTANTS=300 SCREENS=1000 PRIOR=20000 BANK=300 START_SUBMIT_PORT=3520
//           START_SUBMIT_BEFORE=dir START_SUBMIT_TURNS=2
//           START_SUBMIT_PROFILE=dir (the server writes a V8 CPU profile there, for DevTools)
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect, type Socket } from 'socket.io-client';
import type { QuestionSpec } from '../src/lib/server/demo/builders';
import { insertContest, insertQuestionBank, insertUnitTree } from '../src/lib/server/demo/builders';
import { createSession, generateSessionToken, SESSION_COOKIE } from '../src/lib/server/auth/session';
import { hashPassword } from '../src/lib/server/auth/password';
import { newId } from '../src/lib/server/ids';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/lib/schemas/socket';
import { getAttemptView, startAttempt, submitAttempt } from '../src/lib/server/attempts/attempt.service';
import { drawForAttempt } from '../src/lib/server/attempts/draw.service';
import { findRound } from '../src/lib/server/contests/contest.repository';
import { createDatabase } from '../src/lib/server/db/database';
import { createAppEvents } from '../src/lib/server/events';
import { requireBuild, repoRoot, startProdServer, type ProdServer } from './prod-server';
import { createBenchContext, line, percentile } from './support';

const contestants = Number(process.env.CONTESTANTS ?? 300);
const screenCounts = [0, Number(process.env.SCREENS ?? 1000)];
const prior = Number(process.env.PRIOR ?? 20_000);
const bankSize = Number(process.env.BANK ?? 300);
const port = Number(process.env.START_SUBMIT_PORT ?? 3520);
const profileDir = process.env.START_SUBMIT_PROFILE;
/** a checkout of the code before this work, with its own build/ (scripts/server.js and build/ are enough) */
const beforeRoot = process.env.START_SUBMIT_BEFORE;
/** with a before build, how many turns each build takes (alternating) */
const turns = beforeRoot ? Number(process.env.START_SUBMIT_TURNS ?? 2) : 1;
const HEALTHZ = 1000;
/** contestants who start and submit first, not counted (JIT, page code, statement caches) */
const WARM = 30;
const QUIET_MS = 1500;
const MINUTE = 60_000;
const workDir = path.join(repoRoot, 'data-bench');

requireBuild();

interface Contestant {
	userId: string;
	cookie: string;
	attemptId: string;
}

interface Seeded {
	slug: string;
	roundId: string;
	people: Contestant[];
}

function bankQuestions(n: number): QuestionSpec[] {
	const topics = ['luat', 'an-toan', 'phong-chay'];
	const questions: QuestionSpec[] = [];
	for (let i = 0; i < n; i++) {
		const kind = i % 10;
		const type = kind < 7 ? 'single' : kind < 9 ? 'true_false' : 'multiple';
		const options =
			type === 'true_false'
				? [
						{ text: 'Đúng', correct: i % 2 === 0 },
						{ text: 'Sai', correct: i % 2 === 1 }
					]
				: [
						{ text: `Phương án thứ nhất của câu ${i}, đủ dài như một điều luật trích dẫn`, correct: true },
						{ text: `Phương án thứ hai của câu ${i}`, correct: type === 'multiple' },
						{ text: `Phương án thứ ba của câu ${i}`, correct: false },
						{ text: `Phương án thứ tư của câu ${i}`, correct: false }
					];
		questions.push({
			topic: topics[i % 3],
			type,
			difficulty: i % 2 === 0 ? 'easy' : 'medium',
			text: `Theo quy định hiện hành, câu hỏi số ${i} hỏi điều gì về trách nhiệm của công dân trong tình huống được mô tả?`,
			options,
			explanation: 'Giải thích theo điều luật.',
			legalReference: 'Điều 1',
			tags: []
		});
	}
	return questions;
}

/** The seeded database, copied to `file` with its WAL checkpointed. */
async function seed(file: string): Promise<Seeded> {
	const now = Date.now();
	const ctx = await createBenchContext(now);
	const slug = 'tuan-thi-bench';
	const unitSpecs = [
		{ code: 'root', name: 'Tỉnh Thử Nghiệm', parentCode: null, kind: 'province' as const, headcount: 100_000 },
		...Array.from({ length: 10 }, (_, i) => ({
			code: `u${i}`,
			name: `Xã số ${i + 1}`,
			parentCode: 'root',
			kind: 'commune' as const,
			headcount: 5000
		}))
	];
	const units = await insertUnitTree(ctx.db, unitSpecs, now);
	const unitIds = Array.from({ length: 10 }, (_, i) => units.get(`u${i}`)!);
	const bank = await insertQuestionBank(
		ctx.db,
		{
			name: 'Ngân hàng tuần thi',
			topics: [
				{ code: 'luat', name: 'Pháp luật' },
				{ code: 'an-toan', name: 'An toàn giao thông' },
				{ code: 'phong-chay', name: 'Phòng cháy' }
			],
			questions: bankQuestions(bankSize)
		},
		now
	);
	const contest = await insertContest(
		ctx.db,
		{
			slug,
			title: 'Cuộc thi tìm hiểu pháp luật',
			summary: 'Bench.',
			rulesMarkdown: '## Thể lệ',
			consentText: 'Tôi đồng ý.',
			groups: [
				{ code: 'ccvc', name: 'Cán bộ, công chức, viên chức' },
				{ code: 'nguoi-dan', name: 'Người dân' }
			],
			rounds: [
				{
					name: 'Tuần thi thứ 1',
					opensAt: now - 60 * MINUTE,
					closesAt: now + 600 * MINUTE,
					timeLimitMs: 60 * MINUTE,
					maxAttempts: 3,
					graceMs: 5000,
					predictionQuestion: 'Bao nhiêu người trả lời đúng tất cả?',
					visibility: 'live',
					blueprint: [
						{ topic: 'luat', difficulty: 'easy', count: 4 },
						{ topic: 'luat', difficulty: 'medium', count: 3 },
						{ topic: 'an-toan', difficulty: 'easy', count: 4 },
						{ topic: 'an-toan', difficulty: 'medium', count: 3 },
						{ topic: 'phong-chay', difficulty: 'easy', count: 3 },
						{ topic: 'phong-chay', difficulty: 'medium', count: 3 }
					]
				}
			]
		},
		bank,
		now
	);
	const roundId = contest.roundIds[0];
	const groupIds = [...contest.groupIds.values()];
	const hash = await hashPassword('matkhau123');
	await ctx.db.destroy();

	// The crowd: plain inserts in one transaction (the services would take minutes for 20,000).
	const raw = new Database(ctx.file);
	const user = raw.prepare(
		`insert into app_user (id, phone, full_name, birth_date, email, password_hash, role, created_at)
		 values (?, ?, ?, '1990-01-01', null, ?, 'contestant', ?)`
	);
	const registration = raw.prepare(
		`insert into registration (id, contest_id, user_id, unit_id, group_id, consented_at, created_at)
		 values (?, ?, ?, ?, ?, ?, ?)`
	);
	const attempt = raw.prepare(
		`insert into attempt (id, round_id, user_id, group_id, unit_id, ordinal, status, seed, started_at, deadline,
		   submitted_at, finished_at, finish_reason, score, max_score, correct_count, duration_ms, disqualified, is_preview)
		 values (?, ?, ?, ?, ?, 1, 'finished', 'seed', ?, ?, ?, ?, 'submitted', ?, 20, ?, ?, 0, 0)`
	);
	const result = raw.prepare(
		`insert into round_result (round_id, user_id, group_id, unit_id, attempt_id, score, max_score, duration_ms,
		   submitted_at, prediction) values (?, ?, ?, ?, ?, ?, 20, ?, ?, null)`
	);
	const people: { userId: string; unitId: string; groupId: string }[] = [];
	raw.transaction(() => {
		for (let i = 0; i < prior + 3 * contestants + WARM; i++) {
			const id = newId();
			const unitId = unitIds[i % unitIds.length];
			const groupId = groupIds[i % 2];
			user.run(id, `08${String(10_000_000 + i)}`, `Thí sinh ${i}`, hash, now);
			registration.run(newId(), contest.contestId, id, unitId, groupId, now, now);
			if (i < prior) {
				const attemptId = newId();
				const score = (i * 7) % 21;
				const duration = 60_000 + ((i * 7919) % 1_000_000);
				const started = now - 50 * MINUTE + (i % 1000) * 1000;
				const end = started + duration;
				attempt.run(
					attemptId,
					roundId,
					id,
					groupId,
					unitId,
					started,
					started + 60 * MINUTE,
					end,
					end,
					score,
					score,
					duration
				);
				result.run(roundId, id, groupId, unitId, attemptId, score, duration, started + duration);
			} else {
				people.push({ userId: id, unitId, groupId });
			}
		}
	})();
	raw.close();

	const db2 = createDatabase(ctx.file);
	const withSessions: Contestant[] = [];
	for (const p of people) {
		const token = generateSessionToken();
		await createSession(db2, token, p.userId, now);
		withSessions.push({ userId: p.userId, cookie: `${SESSION_COOKIE}=${token}`, attemptId: '' });
	}
	await db2.destroy();
	copyFileSync(ctx.file, file);
	rmSync(path.dirname(ctx.file), { recursive: true, force: true });
	return { slug, roundId, people: withSessions };
}

type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Screens {
	sockets: ScreenSocket[];
	packets: number;
}

async function openScreens(url: string, roundId: string, count: number): Promise<Screens> {
	const screens: Screens = { sockets: [], packets: 0 };
	const BATCH = 100;
	for (let i = 0; i < count; i += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, count - i) }, async () => {
			const socket: ScreenSocket = connect(url, {
				path: '/socket.io',
				transports: ['websocket'],
				forceNew: true,
				reconnection: false,
				timeout: 60_000
			});
			socket.on('live:packet', () => void screens.packets++);
			await new Promise<void>((resolve, reject) => {
				socket.once('connect', () => resolve());
				socket.once('connect_error', reject);
			});
			const reply = await socket.timeout(60_000).emitWithAck('live:watch', { target: { kind: 'round', id: roundId } });
			if (!reply.ok) throw new Error('watch refused');
			screens.sockets.push(socket);
		});
		await Promise.all(batch);
	}
	return screens;
}

interface Phase {
	count: number;
	wallMs: number;
	cpuMs: number;
	/** CPU ms per operation, the idle CPU of the same time subtracted */
	perOp: number;
	latencies: number[];
	packets: number;
}

/** Runs `count` operations one after another; CPU per operation less the idle rate over the same time. */
async function phase(
	server: ProdServer,
	idlePerMs: number,
	count: number,
	op: (i: number) => Promise<void>,
	screens: Screens | null
): Promise<Phase> {
	const latencies: number[] = [];
	const packets0 = screens?.packets ?? 0;
	const cpu0 = server.cpuMs();
	const t0 = performance.now();
	for (let i = 0; i < count; i++) {
		const s = performance.now();
		await op(i);
		latencies.push(performance.now() - s);
	}
	// the trailing folded rebuild belongs to this phase: wait for it, then count the quiet as idle
	await sleep(QUIET_MS);
	const wallMs = performance.now() - t0;
	const cpuMs = server.cpuMs() - cpu0;
	return {
		count,
		wallMs,
		cpuMs,
		perOp: (cpuMs - idlePerMs * wallMs) / count,
		latencies: latencies.sort((a, b) => a - b),
		packets: (screens?.packets ?? 0) - packets0
	};
}

/** Server CPU per ms with nothing to do but keep the screens connected. */
async function idleRate(server: ProdServer): Promise<number> {
	await sleep(500);
	const cpu0 = server.cpuMs();
	const t0 = performance.now();
	await sleep(3000);
	return (server.cpuMs() - cpu0) / (performance.now() - t0);
}

/** What a browser's navigation asks for: the page, not the enhanced form's JSON. */
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

async function start(url: string, slug: string, who: Contestant): Promise<void> {
	const round = `${url}/cuoc-thi/${slug}/dot-thi/1`;
	const posted = await fetch(`${round}?/start`, {
		method: 'POST',
		headers: {
			accept: HTML,
			cookie: who.cookie,
			origin: url,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: '',
		redirect: 'manual'
	});
	const location = posted.headers.get('location');
	const body = await posted.text();
	if (posted.status !== 303 || !location?.startsWith('/lam-bai/')) {
		throw new Error(`start refused: ${posted.status} ${location} ${body.slice(0, 2000)}`);
	}
	who.attemptId = location.slice('/lam-bai/'.length);
	await attemptPage(url, who);
}

/** GET /lam-bai/:id as a browser navigates to it: the page's data, rendered. */
async function attemptPage(url: string, who: Contestant): Promise<void> {
	const page = await fetch(`${url}/lam-bai/${who.attemptId}`, {
		headers: { accept: HTML, cookie: who.cookie },
		redirect: 'manual'
	});
	const html = await page.text();
	if (page.status !== 200 || !html.includes('Tuần thi thứ 1')) throw new Error(`attempt page: ${page.status}`);
}

async function submit(url: string, who: Contestant): Promise<void> {
	const response = await fetch(`${url}/api/attempts/${who.attemptId}/submit`, {
		method: 'POST',
		headers: { cookie: who.cookie, 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ prediction: 42 })
	});
	const reply = (await response.json()) as { ok: boolean; reason?: string };
	if (!reply.ok) throw new Error(`submit refused: ${reply.reason}`);
}

async function healthz(url: string): Promise<void> {
	const response = await fetch(`${url}/healthz`);
	await response.arrayBuffer();
	if (!response.ok) throw new Error(`healthz ${response.status}`);
}

/** CPU ms (user + system) this process has used so far. */
function ownCpuMs(): number {
	const usage = process.cpuUsage();
	return (usage.user + usage.system) / 1000;
}

/**
 * The services alone, in this process on the same file after the server stopped: what the draw
 * and its writes, the page's data and the submit cost without HTTP, SvelteKit or the page's render.
 */
async function inProcess(file: string, seeded: Seeded, people: Contestant[]): Promise<void> {
	const db = createDatabase(file);
	const ctx = { db, clock: { now: () => Date.now() }, events: createAppEvents() };
	const parts: Record<string, number> = {
		'one query (findRound), the floor of each statement': 0,
		'the draw alone (blueprint, candidates, picked options)': 0,
		'startAttempt (checks, draw, attempt + items written)': 0,
		'getAttemptView (the attempt page’s data)': 0,
		'submitAttempt (scoring, result, leaderboard change)': 0
	};
	const [query, drawing, starting, viewing, submitting] = Object.keys(parts);
	const groupId = (await db.selectFrom('contest_group').select('id').executeTakeFirstOrThrow()).id;
	const warmUp = Math.min(30, Math.floor(people.length / 4));
	const time = async (key: string, f: () => Promise<unknown>) => {
		const c0 = ownCpuMs();
		await f();
		parts[key] += ownCpuMs() - c0;
	};
	for (const [i, who] of people.entries()) {
		if (i === warmUp) for (const key of Object.keys(parts)) parts[key] = 0; // the first ones warm up
		await time(query, () => findRound(db, seeded.roundId));
		await time(drawing, () => drawForAttempt(db, seeded.roundId, groupId, `bench-${i}`));
		await time(starting, async () => {
			const started = await startAttempt(ctx, who.userId, seeded.roundId);
			if (!started.ok) throw new Error(started.reason);
			who.attemptId = started.attemptId;
		});
		await time(viewing, () => getAttemptView(ctx, who.attemptId, who.userId));
		await time(submitting, () => submitAttempt(ctx, who.attemptId, who.userId, 42));
	}
	await db.destroy();
	process.stdout.write(
		`\nthe services in process, no HTTP (${people.length - warmUp} contestants, CPU of this process)\n`
	);
	for (const [key, total] of Object.entries(parts)) line(key, `${(total / (people.length - warmUp)).toFixed(2)} ms`);
}

interface Variant {
	name: string;
	/** the checkout whose scripts/server.js and build/ serve */
	root: string;
	file: string;
}

/** Whether a build's server code knows migration 0010 (its tallies): then it takes the seed as it is. */
function buildKnowsTallies(root: string): boolean {
	const dir = path.join(root, 'build', 'server');
	return readdirSync(dir, { recursive: true, encoding: 'utf8' }).some(
		(name) => name.endsWith('.js') && readFileSync(path.join(dir, name), 'utf8').includes('round_minute_tally')
	);
}

/**
 * A copy of the seeded file for a build from before migration 0010 (START_SUBMIT_BEFORE): without
 * its tallies, triggers and record, so that build's migrator finds nothing it does not know.
 */
function withoutLaterMigrations(source: string, target: string): void {
	copyFileSync(source, target);
	const raw = new Database(target);
	const known = raw.prepare("select name from kysely_migration where name >= '0010'").all() as { name: string }[];
	for (const { name } of raw.prepare("select name from sqlite_master where type = 'trigger'").all() as {
		name: string;
	}[]) {
		raw.exec(`drop trigger "${name}"`);
	}
	raw.exec('drop table if exists round_result_tally; drop table if exists round_attempt_tally');
	raw.prepare("delete from kysely_migration where name >= '0010'").run();
	raw.close();
	if (known.length === 0) throw new Error('expected migration 0010 in the seeded file');
}

/** One server of one build: warm-up, then each screen count's phases; its rows of the table. */
async function runVariant(variant: Variant, seeded: Seeded): Promise<Row[]> {
	const server = await startProdServer({
		port,
		root: variant.root,
		database: variant.file,
		nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
	});
	const rows: Row[] = [];
	try {
		const url = server.url;
		// warm-up, not counted: JIT, page code, statement caches
		for (let i = 0; i < 200; i++) await healthz(url);
		const warm = seeded.people.slice(0, WARM);
		for (const who of warm) await start(url, seeded.slug, who);
		for (const who of warm) await submit(url, who);
		let offset = WARM;
		for (const m of screenCounts) {
			const screens = m > 0 ? await openScreens(url, seeded.roundId, m) : null;
			const idle = await idleRate(server);
			const base = await phase(server, idle, HEALTHZ, () => healthz(url), screens);
			const people = seeded.people.slice(offset, offset + contestants);
			offset += contestants;
			const starts = await phase(server, idle, people.length, (i) => start(url, seeded.slug, people[i]), screens);
			// the attempt page again (a reload): its data and render without the start action
			const pages = await phase(server, idle, people.length, (i) => attemptPage(url, people[i]), screens);
			const submits = await phase(server, idle, people.length, (i) => submit(url, people[i]), screens);
			rows.push({ variant: variant.name, label: 'GET /healthz (baseline)', m, p: base });
			rows.push({ variant: variant.name, label: 'start (POST ?/start + GET /lam-bai/:id)', m, p: starts });
			rows.push({ variant: variant.name, label: '  of which the page: GET /lam-bai/:id again', m, p: pages });
			rows.push({ variant: variant.name, label: 'submit (POST /api/attempts/:id/submit)', m, p: submits });
			process.stdout.write(
				`${variant.name}, ${m} screens: idle ${(idle * 1000).toFixed(1)} ms CPU/s, load ${loadavg()[0].toFixed(2)}, RSS ${server.rssMiB().toFixed(0)} MiB\n`
			);
			for (const s of screens?.sockets ?? []) s.disconnect();
			await sleep(1000);
		}
	} finally {
		await server.stop();
	}
	return rows;
}

interface Row {
	variant: string;
	label: string;
	m: number;
	p: Phase;
}

mkdirSync(workDir, { recursive: true });
const file = path.join(workDir, 'start-submit.sqlite');
const variants: Variant[] = [
	{ name: 'this build', root: repoRoot, file: path.join(workDir, 'start-submit-this.sqlite') }
];
if (beforeRoot) {
	variants.push({ name: 'before', root: beforeRoot, file: path.join(workDir, 'start-submit-before.sqlite') });
}
const beforeKnowsTallies = beforeRoot ? buildKnowsTallies(beforeRoot) : false;
const removeDb = (f: string) => {
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${f}${suffix}`, { force: true });
};
try {
	const t0 = performance.now();
	const seeded = await seed(file);
	process.stdout.write(
		`seeded ${prior} finished contestants, ${3 * contestants + WARM} to start, bank of ${bankSize} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`
	);
	const rows: Row[] = [];
	// each build on its own copy of the same seed, the same contestants; they take turns
	for (let turn = 0; turn < turns; turn++) {
		for (const variant of turn % 2 === 0 ? variants : [...variants].reverse()) {
			if (variant.name === 'before' && !beforeKnowsTallies) withoutLaterMigrations(file, variant.file);
			else copyFileSync(file, variant.file);
			rows.push(...(await runVariant(variant, seeded)));
			removeDb(variant.file);
		}
	}
	const ms = (v: number) => v.toFixed(2);
	process.stdout.write(
		`\n${contestants} contestants per screen count, one request after another; round already holds ${prior} results\n`
	);
	process.stdout.write(
		`${'build'.padEnd(11)} ${'operation'.padEnd(42)} ${'screens'.padStart(7)} ${'CPU ms/op'.padStart(10)} ${'× healthz'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'packets'.padStart(8)}\n`
	);
	for (const [i, row] of rows.entries()) {
		const { label, m, p } = row;
		// rows come in fours (healthz, start, page, submit) per build and screen count
		const floor = rows[i - (i % 4)].p.perOp;
		process.stdout.write(
			`${row.variant.padEnd(11)} ${label.padEnd(42)} ${String(m).padStart(7)} ${ms(p.perOp).padStart(10)} ${`${(p.perOp / floor).toFixed(1)}×`.padStart(10)} ${ms(percentile(p.latencies, 50)).padStart(8)} ${ms(percentile(p.latencies, 99)).padStart(8)} ${String(p.packets).padStart(8)}\n`
		);
	}
	await inProcess(file, seeded, seeded.people.slice(WARM + 2 * contestants));
	line('\nmachine load (1 min) at the end', loadavg()[0].toFixed(2));
} finally {
	if (process.env.START_SUBMIT_KEEP) copyFileSync(file, process.env.START_SUBMIT_KEEP);
	removeDb(file);
	for (const variant of variants) removeDb(variant.file);
}
process.exit(0);
