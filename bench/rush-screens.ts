// The screens of bench/rush.ts, in a process of their own (spawned with `node --import tsx`,
// driven over IPC), so that decoding and applying every live patch on M screens does not sit on
// the contestant driver's event loop and delay its requests and their timestamps: in reality each
// screen is its own device. Each screen is a socket.io-client connection (websocket transport
// only) that `live:watch`es the round and keeps its state as the browser does (snapshot, then
// applyLivePatch; a fresh watch when a patch does not apply), and notes when its finished-attempts
// count last rose.
//
// Times cross the process boundary on the clock both processes share: wallNow() =
// performance.timeOrigin + performance.now() (bench/live-protocol.ts), the wall clock fixed at
// each process's start plus its monotonic time since; on one machine the two agree to within
// about a millisecond.
//
// The process ends when the driver says `close`, and on its own when the IPC channel goes (the
// driver exited or was killed), so it never outlives the run.
import { io as connect, type Socket } from 'socket.io-client';
import { applyLivePatch, type LivePacket, type LiveRoundState } from '../src/lib/domain/live-board';
import type { ClientToServerEvents, LiveTarget, ServerToClientEvents } from '../src/lib/schemas/socket';
import { wallNow } from './live-protocol';

/** What the driver says. */
export type ToScreens =
	| { type: 'connect'; url: string; target: LiveTarget; count: number }
	/** wait until every screen shows `count` finished attempts, `waitMs` at most, then report */
	| { type: 'final'; count: number; waitMs: number }
	| { type: 'close' };

/** What the screens process answers. */
export type FromScreens =
	| { type: 'ready' }
	| { type: 'connected'; screens: number; failed: number }
	| {
			type: 'final';
			/** screens watching at the end */
			screens: number;
			/** for each screen showing the final count, wallNow() when its count last rose */
			risenAt: number[];
			/** screens not showing the final count */
			behind: number;
			packets: number;
			resyncs: number;
			disconnects: number;
	  };

type ScreenSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Screen {
	socket: ScreenSocket;
	state: LiveRoundState | null;
	resyncing: boolean;
	/** finished attempts the screen shows, and when that count last rose (wallNow) */
	attempts: number;
	risenAt: number;
}
const screens: Screen[] = [];
const totals = { packets: 0, resyncs: 0, disconnects: 0 };
let url = '';
let target: LiveTarget = { kind: 'round', id: '' };
let closing = false;

function send(message: FromScreens): void {
	process.send!(message);
}

function hold(screen: Screen, state: LiveRoundState): void {
	screen.state = state;
	if (state.counters.attempts > screen.attempts) {
		screen.attempts = state.counters.attempts;
		screen.risenAt = wallNow();
	}
}

async function watch(screen: Screen): Promise<boolean> {
	const held = screen.state;
	try {
		const reply = await screen.socket
			.timeout(60_000)
			.emitWithAck('live:watch', { target, epoch: held?.epoch, seq: held?.seq });
		if (!reply.ok) return false;
		const packet = reply.packet;
		if (packet?.type === 'snapshot') {
			if (!screen.state || screen.state.epoch !== packet.state.epoch || packet.state.seq >= screen.state.seq) {
				hold(screen, packet.state);
			}
		}
		return true;
	} catch {
		return false;
	}
}

function onPacket(screen: Screen, packet: LivePacket): void {
	totals.packets++;
	if (packet.type === 'snapshot') return hold(screen, packet.state);
	if (!screen.state || screen.resyncing) return;
	const next = applyLivePatch(screen.state, packet.patch);
	if (next) hold(screen, next);
	else if (packet.patch.epoch !== screen.state.epoch || packet.patch.seq > screen.state.seq) {
		totals.resyncs++;
		screen.resyncing = true;
		void watch(screen).finally(() => (screen.resyncing = false));
	}
}

function openScreen(): Promise<boolean> {
	const socket: ScreenSocket = connect(url, {
		path: '/socket.io',
		transports: ['websocket'],
		forceNew: true,
		reconnection: false,
		timeout: 60_000
	});
	const screen: Screen = { socket, state: null, resyncing: false, attempts: 0, risenAt: 0 };
	socket.on('live:packet', (packet) => onPacket(screen, packet));
	socket.on('disconnect', () => {
		if (!closing) totals.disconnects++;
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

/** 100 at a time, a minute at most for all of them: a server that does not answer must not hold the run. */
async function connectAll(count: number): Promise<number> {
	let failed = 0;
	const connectBy = wallNow() + 60_000;
	for (let i = 0; i < count; i += 100) {
		const size = Math.min(100, count - i);
		if (wallNow() > connectBy) {
			failed += size;
			continue;
		}
		const late = new Promise<boolean[]>((resolve) =>
			setTimeout(() => resolve([]), Math.max(0, connectBy - wallNow())).unref()
		);
		const batch = await Promise.race([Promise.all(Array.from({ length: size }, openScreen)), late]);
		failed += batch.length === 0 ? size : batch.filter((ok) => !ok).length;
	}
	return failed;
}

async function final(count: number, waitMs: number): Promise<void> {
	const until = wallNow() + waitMs;
	while (wallNow() < until && screens.some((s) => s.attempts < count)) {
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	send({
		type: 'final',
		screens: screens.length,
		risenAt: screens.filter((s) => s.attempts >= count).map((s) => s.risenAt),
		behind: screens.filter((s) => s.attempts < count).length,
		...totals
	});
}

process.on('message', (message: ToScreens) => {
	switch (message.type) {
		case 'connect':
			url = message.url;
			target = message.target;
			void connectAll(message.count).then((failed) => send({ type: 'connected', screens: screens.length, failed }));
			break;
		case 'final':
			void final(message.count, message.waitMs);
			break;
		case 'close':
			closing = true;
			for (const screen of screens) screen.socket.disconnect();
			// a moment for the close frames to go out
			setTimeout(() => process.exit(0), 100);
	}
});
// The driver is gone (exited, crashed or killed): so are the screens.
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
