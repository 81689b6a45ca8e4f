// Production entry: one HTTP server for the SvelteKit handler and Socket.IO, on one port.
// The app attaches Socket.IO to this server itself (src/lib/server/app.ts) when it starts.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '0.0.0.0';

/** @type {(req: http.IncomingMessage, res: http.ServerResponse) => void} */
let handle = (_req, res) => {
	res.statusCode = 503;
	res.setHeader('retry-after', '1');
	res.end('Starting');
};
// Requests reach the SvelteKit handler through this indirection, so that Socket.IO, attached
// while the handler module loads, wraps one listener instead of racing a second one.
const server = http.createServer((req, res) => handle(req, res));

// adapter-node assumes https unless told otherwise, which makes plain-http form posts fail the
// CSRF origin check. Without a proxy (no ORIGIN or PROTOCOL_HEADER set), tell it the protocol
// the connection really uses; behind a proxy, set PROTOCOL_HEADER=x-forwarded-proto instead.
const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = 'x-cuocthi-protocol';

// Question-bank workbooks of 10,000 questions run to a few megabytes; adapter-node's default
// request body limit is 512 kB.
process.env.BODY_SIZE_LIMIT ??= '30M';

globalThis.__cuocthiHttpServer = server;

const { handler } = await import('../build/handler.js');
handle = ownProtocolHeader
	? (req, res) => {
			req.headers['x-cuocthi-protocol'] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
			handler(req, res);
		}
	: handler;

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	process.stdout.write(`CuộcThi is listening on http://${shown}:${port}\n`);
});

// SIGTERM (a deploy, a scale-down): the app stops accepting connections, lets the requests in
// flight finish, runs its shutdown hooks (live games hand over to another node), closes the
// sockets at the transport so clients reconnect through the balancer to another node, closes
// Redis and the database, and the process exits (src/lib/server/app.ts). If that hangs, exit anyway.
const shutdownTimeout = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 10_000);
let stopping = false;
const stop = () => {
	if (stopping) return;
	stopping = true;
	setTimeout(() => process.exit(1), shutdownTimeout + 5_000).unref();
	/** @type {(() => Promise<void>) | undefined} */
	const shutdown = Reflect.get(globalThis, '__cuocthiShutdown');
	if (!shutdown) {
		server.close(() => process.exit(0));
		server.closeIdleConnections();
		return;
	}
	shutdown().then(
		() => process.exit(0),
		(/** @type {unknown} */ error) => {
			process.stderr.write(`Shutdown failed: ${String(error)}\n`);
			process.exit(1);
		}
	);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
