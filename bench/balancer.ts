// A small load balancer for benches and the local demo of several nodes (README, "Running at
// scale"): node:http only, round-robin over N upstream app nodes, HTTP requests and WebSocket
// upgrades passed through as they are. In production put nginx there (deploy/nginx.conf).
//
// Sticky sessions: the browser's realtime client (src/lib/client/realtime.ts) opens a WebSocket
// first, and a WebSocket stays on the node it was opened on, so round-robin is enough for it.
// When a WebSocket cannot open (a hall's proxy blocks it), the client goes on over Engine.IO
// long-polling, a series of HTTP requests carrying the session id (`sid`) that only the node which
// made it knows: this balancer learns each polling session's node from its handshake answer and
// sends the session's later requests there (nginx does the same job with `ip_hash` on
// /socket.io/). Benches' clients are WebSocket-only and never need it.
//
// Upstreams that refuse a connection are skipped for a few seconds (a node restarting or killed);
// a request that finds none answers 502. It adds `x-forwarded-for` and `x-forwarded-proto`, as a
// proxy does (scripts/server.js reads them when ORIGIN or PROTOCOL_HEADER is set).
//
// Run: npx tsx bench/balancer.ts --port=3500 http://127.0.0.1:3501 http://127.0.0.1:3502
// or import startBalancer() from a bench.
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface Balancer {
	server: Server;
	url: string;
	/** requests and upgrades sent to each upstream, in order of `upstreams` */
	counts: number[];
	close(): Promise<void>;
}

interface Upstream {
	host: string;
	port: number;
	/** performance.now() until which the upstream is skipped after a refused connection */
	downUntil: number;
}

/** How long an upstream that refused a connection is left out of the rotation, ms. */
const DOWN_MS = 3_000;
/** How long a polling session's node is remembered after its last request, ms. */
const SESSION_IDLE_MS = 120_000;

/** Starts the balancer on `port` (0: any free port, see `url`) in front of `upstreams` (http://host:port). */
export async function startBalancer(options: { port: number; host?: string; upstreams: string[] }): Promise<Balancer> {
	const upstreams: Upstream[] = options.upstreams.map((u) => {
		const url = new URL(u);
		return { host: url.hostname, port: Number(url.port || 80), downUntil: 0 };
	});
	if (upstreams.length === 0) throw new Error('the balancer needs at least one upstream');
	const counts = upstreams.map(() => 0);
	/** Engine.IO polling sessions: sid → upstream index, and when last used */
	const sessions = new Map<string, { upstream: number; usedAt: number }>();
	let next = 0;
	// Keep-alive to the upstreams; `timeout` makes the agent honour the app's `Keep-Alive: timeout=5`
	// and drop an idle socket before the app does (a request can still race the app's close: resent).
	const agent = new Agent({ keepAlive: true, maxSockets: 512, timeout: 60_000 });

	/** The next live upstream, round-robin (a dead one only when all are). */
	function pick(): number {
		const now = performance.now();
		for (let tried = 0; tried < upstreams.length; tried++) {
			const i = next;
			next = (next + 1) % upstreams.length;
			if (upstreams[i].downUntil <= now) return i;
		}
		const i = next;
		next = (next + 1) % upstreams.length;
		return i;
	}

	/** A polling session's node, when the request names one this balancer has seen made. */
	function route(req: IncomingMessage): { upstream: number; learn: boolean } {
		const url = req.url ?? '/';
		if (!url.startsWith('/socket.io/')) return { upstream: pick(), learn: false };
		const query = new URLSearchParams(url.slice(url.indexOf('?') + 1));
		const sid = query.get('sid');
		const known = sid ? sessions.get(sid) : undefined;
		if (known) {
			known.usedAt = performance.now();
			return { upstream: known.upstream, learn: false };
		}
		return { upstream: pick(), learn: !sid && query.get('transport') === 'polling' };
	}

	/** The client's headers, less `drop`, with the proxy's own added. */
	function forwardedHeaders(req: IncomingMessage, drop: string[] = []): Record<string, string | string[]> {
		const headers: Record<string, string | string[]> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined && !drop.includes(name)) headers[name] = value;
		}
		const from = req.socket.remoteAddress ?? '';
		const prior = req.headers['x-forwarded-for'];
		headers['x-forwarded-for'] = prior ? `${String(prior)}, ${from}` : from;
		headers['x-forwarded-proto'] = (req.headers['x-forwarded-proto'] as string | undefined) ?? 'http';
		return headers;
	}

	/**
	 * One request to its upstream. The body is held (benches and the demo send small ones) so
	 * that a request written to a keep-alive socket the app had just closed can go again on a
	 * fresh one, as browsers and nginx do: once, and only when no answer had begun.
	 */
	function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, retry: boolean): void {
		const { upstream: index, learn } = route(req);
		const upstream = upstreams[index];
		counts[index]++;
		const proxied = request(
			{
				host: upstream.host,
				port: upstream.port,
				method: req.method,
				path: req.url,
				headers: { ...forwardedHeaders(req, ['transfer-encoding']), 'content-length': String(body.length) },
				agent
			},
			(upstreamRes) => {
				res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.rawHeaders);
				if (learn && upstreamRes.statusCode === 200) {
					// the handshake's answer: `0{"sid":"…",…}`, a few hundred bytes
					let head = '';
					upstreamRes.on('data', (chunk: Buffer) => {
						if (head.length < 512) head += chunk.toString('latin1');
					});
					upstreamRes.on('end', () => {
						const sid = /"sid":"([^"]+)"/.exec(head)?.[1];
						if (sid) sessions.set(sid, { upstream: index, usedAt: performance.now() });
					});
				}
				upstreamRes.pipe(res);
			}
		);
		proxied.on('error', (error: NodeJS.ErrnoException) => {
			if (retry && proxied.reusedSocket && error.code === 'ECONNRESET' && !res.headersSent) {
				counts[index]--;
				return forward(req, res, body, false);
			}
			if (error.code === 'ECONNREFUSED') upstream.downUntil = performance.now() + DOWN_MS;
			if (!res.headersSent) {
				res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
				res.end(`upstream ${upstream.host}:${upstream.port}: ${error.code ?? error.message}`);
			} else res.destroy();
		});
		res.on('close', () => {
			if (!res.writableFinished) proxied.destroy();
		});
		proxied.end(body);
	}

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => forward(req, res, Buffer.concat(chunks), true));
	});

	// WebSocket (and any other) upgrades: one TCP connection to the upstream, the request line and
	// headers replayed, then bytes both ways until either side closes.
	server.on('upgrade', (req: IncomingMessage, client: Socket, head: Buffer) => {
		const { upstream: index } = route(req);
		const upstream = upstreams[index];
		counts[index]++;
		const toUpstream = connect(upstream.port, upstream.host);
		const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
		const headers = forwardedHeaders(req);
		for (const [name, value] of Object.entries(headers)) {
			for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v}`);
		}
		toUpstream.on('connect', () => {
			toUpstream.write(`${lines.join('\r\n')}\r\n\r\n`);
			if (head.length > 0) toUpstream.write(head);
			toUpstream.pipe(client);
			client.pipe(toUpstream);
		});
		toUpstream.setNoDelay(true);
		client.setNoDelay(true);
		toUpstream.on('error', (error: NodeJS.ErrnoException) => {
			if (error.code === 'ECONNREFUSED') upstream.downUntil = performance.now() + DOWN_MS;
			client.destroy();
		});
		client.on('error', () => toUpstream.destroy());
		toUpstream.on('close', () => client.destroy());
		client.on('close', () => toUpstream.destroy());
	});

	const sweeper = setInterval(() => {
		const old = performance.now() - SESSION_IDLE_MS;
		for (const [sid, session] of sessions) if (session.usedAt < old) sessions.delete(sid);
	}, 30_000);
	sweeper.unref();

	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, host, () => resolve());
	});
	// keep-alive from clients: longer than the app's own 5 s, so the client's pool is what closes
	server.keepAliveTimeout = 65_000;
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : options.port;
	return {
		server,
		url: `http://${host}:${port}`,
		counts,
		close: () =>
			new Promise((resolve) => {
				clearInterval(sweeper);
				server.close(() => resolve());
				server.closeAllConnections();
				agent.destroy();
			})
	};
}

// Run directly: a balancer in a process of its own (benches spawn it so its CPU is its own).
if (process.argv[1] && import.meta.filename === process.argv[1]) {
	const args = process.argv.slice(2);
	const port = Number(args.find((a) => a.startsWith('--port='))?.slice(7) ?? process.env.PORT ?? 3500);
	const upstreams = args.filter((a) => !a.startsWith('--'));
	const balancer = await startBalancer({ port, upstreams });
	process.stdout.write(`balancer on ${balancer.url} → ${upstreams.join(', ')}\n`);
	const stop = () => void balancer.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
	// a bench that spawned this over IPC and went away takes the balancer with it
	process.on('disconnect', () => process.exit(0));
}
