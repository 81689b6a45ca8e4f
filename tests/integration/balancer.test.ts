import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocketNode from 'ws';
import { startBalancer, type Balancer } from '../../bench/balancer';
import { RealtimeSocket, type RealtimeOptions } from '../../src/lib/client/realtime';

// bench/balancer.ts in front of two real Socket.IO servers over loopback: what the cluster rush and
// the local demo of "Running at scale" rely on. Each upstream answers with its own name.

interface Upstream {
	name: string;
	http: HttpServer;
	io: SocketServer;
	url: string;
}

type Events = { whoami: (payload: null, ack: (name: string) => void) => void };

let upstreams: Upstream[];
let balancer: Balancer;
const closers: (() => void)[] = [];

async function startUpstream(name: string): Promise<Upstream> {
	const http = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () =>
			res.end(JSON.stringify({ name, method: req.method, body, proto: req.headers['x-forwarded-proto'] }))
		);
	});
	const io = new SocketServer(http, { pingInterval: 25_000 });
	io.on('connection', (socket) => socket.on('whoami', (_: null, ack: (name: string) => void) => ack(name)));
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
	return { name, http, io, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

beforeEach(async () => {
	upstreams = [await startUpstream('a'), await startUpstream('b')];
	balancer = await startBalancer({ port: 0, upstreams: upstreams.map((u) => u.url) });
});

afterEach(async () => {
	for (const close of closers.splice(0)) close();
	await balancer.close();
	for (const u of upstreams) {
		await new Promise<void>((resolve) => u.io.close(() => resolve()));
	}
});

function whoami(socket: RealtimeSocket<Record<string, never>, Events>): Promise<string> {
	return new Promise((resolve, reject) =>
		socket.timeout(10_000).emit('whoami', null, (error, name) => (error ? reject(error) : resolve(name)))
	);
}

function browserClient(transports: RealtimeOptions['transports']): RealtimeSocket<Record<string, never>, Events> {
	const socket = new RealtimeSocket<Record<string, never>, Events>({
		url: balancer.url,
		transports,
		WebSocket: WebSocketNode as unknown as RealtimeOptions['WebSocket']
	});
	closers.push(() => socket.disconnect());
	return socket;
}

async function connected(socket: { connected: boolean }): Promise<void> {
	while (!socket.connected) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the bench balancer', () => {
	it('sends HTTP requests to the upstreams in turn, bodies and a forwarded protocol included', async () => {
		const replies = [];
		for (let i = 0; i < 4; i++) {
			const response = await fetch(`${balancer.url}/x`, { method: 'POST', body: `n${i}` });
			replies.push((await response.json()) as { name: string; body: string; proto: string });
		}
		expect(replies.map((r) => r.name)).toEqual(['a', 'b', 'a', 'b']);
		expect(replies.map((r) => r.body)).toEqual(['n0', 'n1', 'n2', 'n3']);
		expect(replies.every((r) => r.proto === 'http')).toBe(true);
	});

	it('passes WebSockets through, each staying on the upstream it opened on', async () => {
		const names = [];
		for (let i = 0; i < 2; i++) {
			const socket = browserClient(['websocket']);
			await connected(socket);
			const first = await whoami(socket);
			for (let k = 0; k < 5; k++) expect(await whoami(socket)).toBe(first);
			names.push(first);
		}
		expect(names.sort()).toEqual(['a', 'b']);
	});

	it('keeps a long-polling session on the upstream that made it, whatever the rotation', async () => {
		// Engine.IO's polling requests carry a session id only the upstream that made it knows:
		// sent to the other one they fail ("Session ID unknown") and the client reconnects.
		const socket = browserClient(['polling']);
		let disconnects = 0;
		socket.on('disconnect', () => disconnects++);
		await connected(socket);
		// HTTP traffic in between moves the round-robin on
		const first = await whoami(socket);
		for (let k = 0; k < 10; k++) {
			await fetch(`${balancer.url}/page`);
			expect(await whoami(socket)).toBe(first);
		}
		expect(disconnects).toBe(0);
	});

	it('skips an upstream that refuses connections', async () => {
		const [a] = upstreams;
		await new Promise<void>((resolve) => a.io.close(() => resolve()));
		const names = [];
		for (let i = 0; i < 4; i++) {
			const response = await fetch(`${balancer.url}/x`);
			names.push(response.status === 200 ? ((await response.json()) as { name: string }).name : response.status);
		}
		// the first turn of the refused upstream answers 502, and it is then left out
		expect(names.filter((n) => n === 'b').length).toBeGreaterThanOrEqual(3);
		expect(names.filter((n) => n !== 'b' && n !== 502)).toEqual([]);
		upstreams = upstreams.slice(1);
	});

	it('upgrades on the official client too (socket.io-client, websocket only, as the benches use it)', async () => {
		const socket = connect(balancer.url, { transports: ['websocket'], forceNew: true, reconnection: false });
		closers.push(() => socket.disconnect());
		const name = await socket.timeout(10_000).emitWithAck('whoami', null);
		expect(['a', 'b']).toContain(name);
	});
});
