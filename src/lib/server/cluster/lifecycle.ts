import type { Server as HttpServer } from 'node:http';
import { log } from '../logger';

/**
 * The process's shutdown: a flag readiness reads, and hooks that parts of the app register to hand
 * their work over before the process exits (live games release their lease so another node takes
 * them at once). One registry per process, like the app itself.
 */
interface Hook {
	name: string;
	run: () => Promise<void> | void;
}

const hooks = new Set<Hook>();
let shuttingDown = false;

/** Runs `run` when the process shuts down (SIGTERM), before sockets and the database close. Returns an unregister. */
export function onShutdown(name: string, run: () => Promise<void> | void): () => void {
	const hook: Hook = { name, run };
	hooks.add(hook);
	return () => void hooks.delete(hook);
}

/** The process is shutting down: readiness answers 503 so balancers send nothing new. */
export function isShuttingDown(): boolean {
	return shuttingDown;
}

export function beginShutdown(): void {
	shuttingDown = true;
}

/** Runs every registered hook, side by side, each given at most `timeoutMs`. */
export async function runShutdownHooks(timeoutMs: number): Promise<void> {
	const pending = [...hooks];
	hooks.clear();
	await Promise.all(
		pending.map(async (hook) => {
			try {
				const done = await within(Promise.resolve().then(hook.run), timeoutMs);
				if (!done) log.warn(`Shutdown: "${hook.name}" did not finish in ${timeoutMs} ms`);
			} catch (error) {
				log.error(`Shutdown: "${hook.name}" failed`, error);
			}
		})
	);
}

/**
 * Stops accepting connections and waits until the requests in flight have been answered (a save
 * that arrived before the signal is stored and acknowledged), at most `timeoutMs`; then cuts what
 * is left. Idle keep-alive connections are closed as soon as they are idle, so a client's next
 * request goes to another node. Long-lived connections (WebSockets) must be closed by their owner.
 * Resolves true when everything finished in time.
 */
export function drainHttp(server: HttpServer, timeoutMs: number): Promise<boolean> {
	return new Promise((resolve) => {
		let finished = false;
		const finish = (drained: boolean): void => {
			if (finished) return;
			finished = true;
			clearInterval(poll);
			clearTimeout(deadline);
			if (!drained) server.closeAllConnections();
			resolve(drained);
		};
		if (server.listening) server.close();
		// A connection whose response was just sent becomes idle: close it then rather than after
		// the keep-alive timeout, and finish when no connection is left.
		const check = (): void => {
			server.closeIdleConnections();
			server.getConnections((error, count) => {
				if (!error && count === 0) finish(true);
			});
		};
		const poll = setInterval(check, 50);
		const deadline = setTimeout(() => finish(false), timeoutMs);
		check();
	});
}

function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	return Promise.race([
		promise.then(() => true),
		new Promise<boolean>((resolve) => {
			timer = setTimeout(() => resolve(false), ms);
		})
	]).finally(() => clearTimeout(timer));
}
