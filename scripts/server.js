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

// Open websockets (audience screens) would keep server.close() waiting forever: close Socket.IO,
// which disconnects them and closes the HTTP server; give up waiting after a few seconds.
const stop = () => {
	const realtime = globalThis.__cuocthiRealtime;
	if (realtime) realtime.close(() => process.exit(0));
	else server.close(() => process.exit(0));
	setTimeout(() => process.exit(0), 5000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
