import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import {
	beginShutdown,
	drainHttp,
	isShuttingDown,
	onShutdown,
	runShutdownHooks
} from '../../src/lib/server/cluster/lifecycle';

// The shutdown's parts on a real HTTP server: what is in flight finishes, nothing new gets in.

let server: Server | null = null;

afterEach(async () => {
	server?.closeAllConnections();
	server = null;
});

function get(port: number, path: string): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
			let body = '';
			res.on('data', (d: Buffer) => (body += d.toString()));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

it('answers the requests in flight, refuses new connections, then resolves', async () => {
	let answer!: () => void;
	const arrived: string[] = [];
	let received!: () => void;
	const inFlight = new Promise<void>((resolve) => (received = resolve));
	server = createServer((req, res) => {
		arrived.push(req.url ?? '');
		received();
		// a slow save: answered only when the test says so
		answer = () => res.end('saved');
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	const save = get(port, '/save');
	await inFlight;
	let drainedYet = false;
	const drained = drainHttp(server, 60_000).then((ok) => {
		drainedYet = true;
		return ok;
	});
	// no longer accepting: a new client is refused (the balancer tries another node)
	await expect(get(port, '/late')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
	expect(drainedYet).toBe(false);
	answer();
	expect(await save).toEqual({ status: 200, body: 'saved' });
	expect(await drained).toBe(true);
	expect(arrived).toEqual(['/save']);
});

it('cuts what is still running at the timeout', async () => {
	server = createServer(() => {
		// never answers
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const stuck = get(port, '/stuck').catch((error: NodeJS.ErrnoException) => error.code);
	await new Promise<void>((resolve) => server!.once('request', () => resolve()));
	expect(await drainHttp(server, 50)).toBe(false);
	expect(await stuck).toBe('ECONNRESET');
});

it('runs every shutdown hook once, also when one fails or hangs, and flags the shutdown', async () => {
	const ran: string[] = [];
	onShutdown('lease', async () => void ran.push('lease'));
	onShutdown('broken', () => {
		throw new Error('boom');
	});
	onShutdown('hangs', () => new Promise(() => {}));
	const removed = onShutdown('removed', () => void ran.push('removed'));
	removed();
	expect(isShuttingDown()).toBe(false);
	beginShutdown();
	expect(isShuttingDown()).toBe(true);
	await runShutdownHooks(100);
	expect(ran).toEqual(['lease']);
	await runShutdownHooks(100);
	expect(ran).toEqual(['lease']);
});
