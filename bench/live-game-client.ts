// A client process of bench/live-game.ts: PLAYERS socket.io-client players, each joining the game
// with its own nickname, answering the server's pings, and answering every question at a random
// moment within its time (right or wrong at random). Records every answer's reply and, per
// question, when its own result arrived; a join that fails is counted by reason. Talks to the main script over IPC.
import { io, type Socket } from 'socket.io-client';
import type { GameAnswerReply, GameJoinReply, GamePlayerPacket } from '../src/lib/schemas/game-socket';
import { wallNow } from './live-protocol';

const url = process.env.GAME_URL!;
const gameId = process.env.GAME_ID!;
const first = Number(process.env.GAME_FIRST);
const count = Number(process.env.GAME_PLAYERS);
const limitMs = Number(process.env.GAME_LIMIT_MS ?? 10_000);
const unitIds = JSON.parse(process.env.GAME_UNITS!) as string[];
const correct = JSON.parse(process.env.GAME_CORRECT!) as number[][];
const BATCH = 100;

const sent: number[] = [];
const refused: Record<string, number> = {};
let accepted = 0;
/** per question: wallNow() when each player got its result */
const results = new Map<number, number[]>();
let packets = 0;
let counts = 0;
let disconnects = 0;
/** joins that did not get in, by reason (a refusal's, or the connection's error) */
const joinFailed: Record<string, number> = {};
const sockets: Socket[] = [];

function player(n: number): Promise<void> {
	const failed = (reason: string) => void (joinFailed[reason] = (joinFailed[reason] ?? 0) + 1);
	return new Promise((resolve) => {
		const socket = io(url, { path: '/socket.io', transports: ['websocket'], forceNew: true, reconnection: false });
		sockets.push(socket);
		let answeredFor = -1;
		socket.on('game:ping', (ack: () => void) => ack());
		socket.on('game:count' as never, () => void counts++);
		socket.on('disconnect', () => void disconnects++);
		socket.on('game:player', (packet: GamePlayerPacket) => {
			packets++;
			const { view } = packet;
			const q = view.question;
			if (view.phase === 'question' && q && answeredFor !== q.index && !view.paused) {
				answeredFor = q.index;
				const delay = 300 + Math.random() * (0.8 * limitMs - 300);
				setTimeout(() => {
					const right = Math.random() < 0.6;
					// a typed question (GAME_TYPED): the accepted answer folded, or another text, compared on the server
					const body =
						q.type === 'short_text'
							? { text: right ? 'mot cua lien thong' : `không biết ${n}` }
							: { choice: right ? correct[q.index] : [(correct[q.index][0] + 1) % q.optionCount] };
					sent[q.index] = (sent[q.index] ?? 0) + 1;
					socket.emit('game:answer', { gameId, position: q.index, ...body }, (reply: GameAnswerReply) => {
						if (reply.ok) accepted++;
						else refused[reply.reason] = (refused[reply.reason] ?? 0) + 1;
					});
				}, delay);
			}
			if (view.phase === 'reveal' && q && packet.me) {
				const list = results.get(q.index) ?? [];
				list.push(wallNow());
				results.set(q.index, list);
			}
		});
		socket.once('connect', () => {
			socket.emit(
				'game:join',
				{ gameId, nickname: `Người chơi ${n}`, unitId: unitIds[n % unitIds.length] },
				(reply: GameJoinReply) => {
					if (!reply.ok) failed(reply.reason);
					resolve();
				}
			);
		});
		socket.once('connect_error', (error) => {
			failed(`connect: ${error.message}`);
			resolve();
		});
	});
}

process.on('message', async (message: { type: string }) => {
	if (message.type === 'join') {
		const started = wallNow();
		for (let i = 0; i < count; i += BATCH) {
			const batch = [];
			for (let n = first + i; n < first + Math.min(count, i + BATCH); n++) batch.push(player(n));
			await Promise.all(batch);
		}
		process.send!({ type: 'joined', ms: wallNow() - started });
	}
	if (message.type === 'report') {
		process.send!({
			type: 'report',
			sent: sent.reduce((a, b) => a + (b ?? 0), 0),
			accepted,
			refused,
			results: [...results.entries()],
			packets,
			counts,
			disconnects,
			joinFailed
		});
	}
	if (message.type === 'stop') {
		for (const s of sockets) s.disconnect();
		process.exit(0);
	}
});
process.send!({ type: 'ready' });
