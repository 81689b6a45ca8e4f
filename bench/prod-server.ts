// The production build (scripts/server.js over build/) as a child process, for benches that drive
// the app as users do: over loopback HTTP and Socket.IO. Server CPU and memory are read from
// /proc/<pid>, so a figure is the server's own cost, not the driver's.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const repoRoot = path.resolve(import.meta.dirname, '..');

/** Exits with a plain message when there is no production build to drive. */
export function requireBuild(): void {
	if (!existsSync(path.join(repoRoot, 'build', 'handler.js'))) {
		process.stderr.write('build/ is missing: run `npm run build` first.\n');
		process.exit(1);
	}
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on every Linux we run). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
export function processCpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// the command name (field 2) may hold spaces: count fields after its closing parenthesis
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** processCpuMs for processes that may exit meanwhile: a process that has gone keeps its last figure. */
export function lastingCpuMs(): (pid: number) => number {
	const last = new Map<number, number>();
	return (pid) => {
		try {
			last.set(pid, processCpuMs(pid));
		} catch {
			// the process has gone
		}
		return last.get(pid) ?? 0;
	};
}

/** Resident memory of a process in MiB, from /proc/<pid>/status. */
export function processRssMiB(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const match = /VmRSS:\s+(\d+) kB/.exec(status);
	return match ? Number(match[1]) / 1024 : 0;
}

export interface ProdServer {
	child: ChildProcess;
	pid: number;
	url: string;
	/** CPU ms used by the server process so far. */
	cpuMs(): number;
	rssMiB(): number;
	stop(): Promise<void>;
}

export interface ProdServerOptions {
	port: number;
	/** SQLite file (DATABASE_URL). */
	database: string;
	/** Extra environment (DEMO_DATA defaults to off, LOG_LEVEL to warn). */
	env?: Record<string, string>;
	/** Extra node flags, e.g. ['--cpu-prof', '--cpu-prof-dir=prof']. */
	nodeArgs?: string[];
	/** Another checkout to serve (its scripts/server.js and build/), e.g. the code before a change. */
	root?: string;
}

/** Starts scripts/server.js and resolves once /healthz answers. */
export async function startProdServer(options: ProdServerOptions): Promise<ProdServer> {
	const { port } = options;
	const root = options.root ?? repoRoot;
	const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(root, 'scripts', 'server.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATABASE_URL: options.database,
			DEMO_DATA: 'off',
			LOG_LEVEL: 'warn',
			...options.env
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const url = `http://127.0.0.1:${port}`;
	const deadline = performance.now() + 120_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
		const ok = await fetch(`${url}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		if (performance.now() > deadline) {
			child.kill('SIGKILL');
			throw new Error('server did not come up within 120 s');
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	const pid = child.pid!;
	return {
		child,
		pid,
		url,
		cpuMs: () => processCpuMs(pid),
		rssMiB: () => processRssMiB(pid),
		stop: () =>
			new Promise((resolve) => {
				if (child.exitCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}
