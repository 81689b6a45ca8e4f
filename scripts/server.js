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
globalThis.__cuocthiHttpServer = server;

const { handler } = await import('../build/handler.js');
handle = handler;

server.listen(port, host, () => {
	const shown = host === '0.0.0.0' ? 'localhost' : host;
	process.stdout.write(`CuộcThi is listening on http://${shown}:${port}\n`);
});

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
