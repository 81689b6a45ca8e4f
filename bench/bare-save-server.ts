// The bare baseline of bench/http-saves.ts, in its own process so its CPU is read from /proc like
// the app's: a node:http server that parses the save's JSON and writes the answer with one
// prepared better-sqlite3 statement, nothing else (no session, no checks, no framework). Same
// SQLite settings as the app (WAL, synchronous=NORMAL). It answers what the app answers on
// success: {"ok":true,"rev":…,"serverNow":…}.
// Run by the bench: node --import tsx bench/bare-save-server.ts   env PORT, DATABASE (a file path)
import http from 'node:http';
import SQLite from 'better-sqlite3';

const port = Number(process.env.PORT ?? 3501);
const file = process.env.DATABASE;
if (!file) throw new Error('DATABASE is required');

const db = new SQLite(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 5000');
const save = db.prepare(
	'update attempt_item set answer_json = ?, answer_rev = ?, answered_at = ? where attempt_id = ? and position = ?'
);
const url = /^\/api\/attempts\/([^/]+)\/answers$/;

const server = http.createServer((req, res) => {
	const match = req.method === 'POST' && req.url ? url.exec(req.url) : null;
	if (!match) {
		res.writeHead(404).end();
		return;
	}
	const chunks: Buffer[] = [];
	req.on('data', (chunk: Buffer) => chunks.push(chunk));
	req.on('end', () => {
		try {
			const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
				position: number;
				optionIds: string[];
				rev: number;
			};
			const now = Date.now();
			save.run(JSON.stringify(body.optionIds), body.rev, now, match[1], body.position);
			const payload = JSON.stringify({ ok: true, rev: body.rev, serverNow: now });
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
			res.end(payload);
		} catch {
			res.writeHead(400).end();
		}
	});
});

server.listen(port, '127.0.0.1', () => process.stdout.write('listening\n'));
const stop = () => {
	server.close(() => (db.close(), process.exit(0)));
	server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
