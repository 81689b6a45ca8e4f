// `npm run test:pg`: the second pass of the test suite, on PostgreSQL and Redis (issue 13).
//
// The first pass (`npm run test:unit`, `npm run test:e2e`) runs on SQLite in one process. This one
// runs the same suites again where the nodes of a real deployment meet:
//   1. Vitest with TEST_DATABASE_URL (every test context clones a migrated template database,
//      tests/helpers/global-setup.ts) and REDIS_URL;
//   2. Playwright with the server under test on a fresh PostgreSQL database, created here and
//      dropped afterwards (E2E_DATABASE_URL, playwright.config.ts) and REDIS_URL; specs named
//      `*.cluster.e2e.ts` (several app nodes) run in this pass only.
//
// Where PostgreSQL or Redis cannot be reached, the pass says which one and why and exits 0, so
// that `npm test` stays green on a machine without them; with TEST_PG_REQUIRED=1 (set by .ci/run
// when the services are installed) it exits 1 instead.
//
// Settings: TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test: a server and a
// database the user may run CREATE DATABASE from), REDIS_URL (default redis://127.0.0.1:6379),
// E2E_PORT (the browser tests' server port).
// Usage: node scripts/test-pg.js [--only=unit|e2e] [-- arguments for vitest or playwright]
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const databaseUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const required = process.env.TEST_PG_REQUIRED === '1';

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const own = dashes < 0 ? argv : argv.slice(0, dashes);
const passThrough = dashes < 0 ? [] : argv.slice(dashes + 1);
const only = own.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? '';
if (only && only !== 'unit' && only !== 'e2e') {
	process.stderr.write(`test:pg: --only takes unit or e2e, not ${only}\n`);
	process.exit(2);
}

const say = (text) => process.stdout.write(`\n[test:pg] ${text}\n`);
/** The URL without its password, for messages. */
const shown = (url) => {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return url;
	}
};
const reason = (error) => (error && (error.code || error.message) ? `${error.code ?? ''} ${error.message ?? ''}`.trim() : String(error));

async function probePostgres() {
	if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return `TEST_DATABASE_URL is not a postgres:// URL (${databaseUrl})`;
	const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
	try {
		await client.connect();
		const { rows } = await client.query('select current_setting($1) as version', ['server_version']);
		say(`PostgreSQL ${rows[0].version} at ${shown(databaseUrl)}`);
		return null;
	} catch (error) {
		return `PostgreSQL at ${shown(databaseUrl)} cannot be reached: ${reason(error)}`;
	} finally {
		await client.end().catch(() => {});
	}
}

async function probeRedis() {
	const redis = new Redis(redisUrl, {
		lazyConnect: true,
		connectTimeout: 3000,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
		enableOfflineQueue: false
	});
	// ioredis rejects connect() with "Connection is closed"; the cause comes as an 'error' event
	let cause = null;
	redis.on('error', (error) => (cause ??= error));
	try {
		await redis.connect();
		const pong = await redis.ping();
		if (pong !== 'PONG') return `Redis at ${shown(redisUrl)} answered PING with ${pong}`;
		const info = await redis.info('server');
		say(`Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'} at ${shown(redisUrl)}`);
		return null;
	} catch (error) {
		return `Redis at ${shown(redisUrl)} cannot be reached: ${reason(cause ?? error)}`;
	} finally {
		redis.disconnect();
	}
}

const missing = (await Promise.all([probePostgres(), probeRedis()])).filter(Boolean);
if (missing.length > 0) {
	say(`second pass (PostgreSQL + Redis) NOT RUN:\n  - ${missing.join('\n  - ')}`);
	say(
		required
			? 'TEST_PG_REQUIRED=1: failing.'
			: 'Only the SQLite pass ran. Start them (see .ci/run) or set TEST_DATABASE_URL / REDIS_URL, then `npm run test:pg`.'
	);
	process.exit(required ? 1 : 0);
}

const env = { ...process.env, TEST_DATABASE_URL: databaseUrl, REDIS_URL: redisUrl };
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const failed = [];

// A Ctrl-C reaches the tool in the foreground through the terminal; this process outlives it to
// drop the database it created, then stops.
let interrupted = false;
process.on('SIGINT', () => (interrupted = true));

/** Runs a tool in the foreground, its output straight to ours. */
function run(label, command, args, extraEnv = {}) {
	if (interrupted) return;
	say(`${label}: ${command} ${args.join(' ')}`);
	const result = spawnSync(bin(command), args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
	if (result.signal === 'SIGINT' || result.status === 130) interrupted = true;
	if (result.status !== 0) failed.push(`${label} (exit ${result.status ?? result.signal})`);
}

/** Runs statements on the server's administrative database (the one TEST_DATABASE_URL names). */
async function onServer(statement) {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		await client.query(statement);
	} finally {
		await client.end();
	}
}

if (only !== 'e2e') run('vitest on PostgreSQL + Redis', 'vitest', ['run', ...passThrough]);

if (only !== 'unit') {
	// A database of its own per run, so that runs from several checkouts on one server never meet.
	const name = `cuocthi_e2e_${process.pid}_${Date.now().toString(36)}`;
	const url = new URL(databaseUrl);
	url.pathname = `/${name}`;
	await onServer(`create database "${name}"`);
	const drop = () => onServer(`drop database if exists "${name}" with (force)`);
	try {
		run('playwright on PostgreSQL + Redis', 'playwright', ['test', ...passThrough], {
			E2E_DATABASE_URL: url.toString()
		});
	} finally {
		await drop().catch((error) => say(`could not drop ${name}: ${reason(error)}`));
	}
}

say(failed.length === 0 ? 'second pass (PostgreSQL + Redis) passed.' : `second pass FAILED: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
