// A client process of bench/live-screens.ts (forked, driven over IPC): opens its share of the
// screens as real socket.io-client connections, each watching the round and keeping its state
// the way the browser does (snapshot, then applyLivePatch; a fresh watch when a patch does not
// apply), and notes when each screen first held each leaderboard version.
import { io as connect, type Socket } from 'socket.io-client';
import { applyLivePatch, type LivePacket, type LiveRoundState } from '../src/lib/domain/live-board';
import type { ClientToServerEvents, LiveTarget, ServerToClientEvents } from '../src/lib/schemas/socket';
import { eventLoop, Histogram, wallNow, type FromClient, type ToClient } from './live-protocol';

type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Screen {
	socket: ScreenSocket;
	state: LiveRoundState | null;
	resyncing: boolean;
	/** the highest version this screen has held */
	top: number;
	/** each time `top` rose: version, local time, server time the packet was built */
	marks: number[];
}

/** Every this many screens, the bytes received are counted exactly; the rest are scaled from them. */
const BYTE_SAMPLE = 25;

const screens: Screen[] = [];
let target: LiveTarget = { kind: 'round', id: '' };
let closing = false;
const totals = { packets: 0, chars: 0, sampleChars: 0, sampleBytes: 0, resyncs: 0, disconnects: 0, snapshots: 0 };
const delivery = new Histogram();

function send(message: FromClient): void {
	process.send!(message);
}

function hold(screen: Screen, state: LiveRoundState, at: number, builtAt: number): void {
	screen.state = state;
	if (state.version > screen.top) {
		screen.top = state.version;
		screen.marks.push(state.version, at, builtAt);
	}
}

/** Asks for the room's state (a snapshot unless the held one is current); false when refused. */
async function watch(screen: Screen): Promise<boolean> {
	const held = screen.state;
	try {
		const reply = await screen.socket
			.timeout(60_000)
			.emitWithAck('live:watch', { target, epoch: held?.epoch, seq: held?.seq });
		if (!reply.ok) return false;
		const packet = reply.packet;
		if (packet?.type === 'snapshot') {
			totals.snapshots++;
			// A packet sent while the reply was on its way may already have moved this screen on.
			if (!screen.state || screen.state.epoch !== packet.state.epoch || packet.state.seq >= screen.state.seq) {
				hold(screen, packet.state, wallNow(), packet.now);
			}
		}
		return true;
	} catch {
		return false;
	}
}

function onPacket(screen: Screen, packet: LivePacket): void {
	const at = wallNow();
	totals.packets++;
	delivery.add(at - packet.now);
	if (packet.type === 'snapshot') {
		totals.snapshots++;
		hold(screen, packet.state, at, packet.now);
		return;
	}
	// Before the first snapshot, and while a resync is on its way, patches are stale by design.
	if (!screen.state || screen.resyncing) return;
	const next = applyLivePatch(screen.state, packet.patch);
	if (next) hold(screen, next, at, packet.now);
	else if (packet.patch.epoch !== screen.state.epoch || packet.patch.seq > screen.state.seq) {
		totals.resyncs++;
		screen.resyncing = true;
		void watch(screen).finally(() => {
			screen.resyncing = false;
		});
	}
}

function open(url: string, sample: boolean): Promise<boolean> {
	const socket: ScreenSocket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: 60_000
	});
	const screen: Screen = { socket, state: null, resyncing: false, top: 0, marks: [] };
	socket.on('live:packet', (packet) => onPacket(screen, packet));
	socket.on('disconnect', () => {
		if (!closing) totals.disconnects++;
	});
	socket.io.on('open', () => {
		socket.io.engine.on('data', (data: unknown) => {
			const text = typeof data === 'string' ? data : '';
			totals.chars += text.length;
			if (sample) {
				totals.sampleChars += text.length;
				totals.sampleBytes += Buffer.byteLength(text);
			}
		});
	});
	return new Promise((resolve) => {
		socket.once('connect', () => {
			void watch(screen).then((ok) => {
				if (ok) screens.push(screen);
				else socket.disconnect();
				resolve(ok);
			});
		});
		socket.once('connect_error', () => {
			socket.disconnect();
			resolve(false);
		});
	});
}

/** Bytes of the socket.io messages received (payload and framing, without WebSocket headers). */
function bytesReceived(): number {
	return totals.sampleChars === 0 ? totals.chars : (totals.chars * totals.sampleBytes) / totals.sampleChars;
}

async function finish(submits: [number, number, number][], drainMs: number): Promise<void> {
	const sorted = [...submits].sort((a, b) => a[0] - b[0]);
	const last = sorted.at(-1)?.[0] ?? 0;
	const until = wallNow() + drainMs;
	while (wallNow() < until && screens.some((s) => s.top < last)) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const latency = new Histogram();
	const fromSent = new Histogram();
	let reached = 0;
	let early = 0;
	for (const screen of screens) {
		let i = 0;
		for (let m = 0; m < screen.marks.length; m += 3) {
			const [version, at] = [screen.marks[m], screen.marks[m + 1]];
			while (i < sorted.length && sorted[i][0] <= version) {
				const wait = at - sorted[i][1];
				if (wait < 0) early++;
				latency.add(Math.max(0, wait));
				fromSent.add(at - sorted[i][2]);
				reached++;
				i++;
			}
		}
	}
	send({
		type: 'finished',
		expected: screens.length * sorted.length,
		reached,
		early,
		latency: latency.entries(),
		fromSent: fromSent.entries(),
		delivery: delivery.entries(),
		maxLatency: latency.max,
		maxFromSent: fromSent.max,
		maxDelivery: delivery.max,
		resyncs: totals.resyncs,
		disconnects: totals.disconnects,
		snapshots: totals.snapshots
	});
}

process.on('message', (message: ToClient) => {
	void (async () => {
		switch (message.type) {
			case 'connect': {
				target = { kind: 'round', id: message.roundId };
				const start = wallNow();
				let failed = 0;
				for (let i = 0; i < message.count; i += message.batch) {
					const batch = Array.from({ length: Math.min(message.batch, message.count - i) }, (_, j) =>
						open(message.url, (i + j) % BYTE_SAMPLE === 0)
					);
					failed += (await Promise.all(batch)).filter((ok) => !ok).length;
				}
				send({ type: 'connected', screens: screens.length, failed, ms: wallNow() - start });
				break;
			}
			case 'counters':
				send({
					type: 'counters',
					packets: totals.packets,
					bytes: bytesReceived(),
					cpu: process.cpuUsage(),
					loop: eventLoop()
				});
				break;
			case 'finish':
				await finish(message.submits, message.drainMs);
				break;
			case 'close':
				closing = true;
				for (const screen of screens) screen.socket.disconnect();
				process.disconnect();
				setTimeout(() => process.exit(0), 100).unref();
				break;
		}
	})();
});
