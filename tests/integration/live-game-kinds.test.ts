import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scoreShare } from '../../src/lib/domain/live-game-kinds';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameScreenView,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { insertQuestionBank, type QuestionSpec } from '../../src/lib/server/demo/builders';
import { answerText } from '../../src/lib/server/live-games/game-export';
import { getGameStudioPage } from '../../src/lib/server/live-games/game-pages.service';
import { createGame } from '../../src/lib/server/live-games/game.service';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createSignedInUser, startGameServer, type GameServer, type SignedInUser } from '../helpers/live-game';
import { ask, openSocket, until } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// The kinds beyond options in live games (issue 16), over the wire: a real database (SQLite, or
// PostgreSQL with TEST_DATABASE_URL), the app's Socket.IO on a real HTTP server, real socket.io
// clients. The game is made by the studio's service from a bank holding one question of each kind,
// so the settings are copied as a real game copies them. Every packet a phone and the screen
// receive is kept, to show that none carries the key before the reveal.

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const sockets: Socket[] = [];
/** one counter over everything every client receives, to order it against the reveals */
let received = 0;

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx, { role: 'admin', fullName: 'Người Dẫn Chương Trình' });
	// answers are timed on the test clock without a latency allowance: points are exact
	server = await startGameServer(ctx, { gameAllowance: () => 0 });
	received = 0;
});

afterEach(async () => {
	await stop();
	await ctx.dispose();
});

async function stop(): Promise<void> {
	for (const socket of sockets.splice(0)) socket.disconnect();
	server.io.games.stop();
	await server.close();
}

const RIGHT_ORDER = ['Tiếp nhận hồ sơ', 'Thẩm định hồ sơ', 'Trình lãnh đạo ký', 'Trả kết quả'];
const ACCEPTED = ['Một cửa liên thông', 'Cơ chế một cửa liên thông'];

const spec = (q: Partial<QuestionSpec> & Pick<QuestionSpec, 'type' | 'text'>): QuestionSpec => ({
	topic: 'k',
	difficulty: 'easy',
	options: [],
	explanation: '',
	legalReference: null,
	tags: [],
	...q
});

/** One question of each kind, in this order. */
const KIND_QUESTIONS: QuestionSpec[] = [
	spec({
		type: 'ordering',
		text: 'Sắp xếp các bước giải quyết thủ tục hành chính',
		options: RIGHT_ORDER.map((text) => ({ text, correct: false })),
		settings: { ordering: { scoring: 'pairs' } }
	}),
	spec({
		type: 'numeric',
		text: 'Sau sắp xếp năm 2025, cả nước có bao nhiêu tỉnh, thành phố?',
		settings: {
			numeric: { answer: 34, tolerance: 1, scoring: 'distance', spread: 10, min: 0, max: 100, unit: 'tỉnh, thành' }
		}
	}),
	spec({
		type: 'short_text',
		text: 'Cơ chế tiếp nhận và trả kết quả tại một nơi gọi là gì?',
		options: ACCEPTED.map((text) => ({ text, correct: true })),
		settings: { text: { ignoreCase: true, ignoreDiacritics: true } }
	}),
	spec({
		type: 'poll',
		text: 'Bạn thường làm thủ tục vào buổi nào?',
		options: ['Sáng', 'Chiều', 'Tối'].map((text) => ({ text, correct: false }))
	}),
	spec({ type: 'word_cloud', text: 'Một từ về cải cách hành chính?' })
];

const LIMIT_MS = 20_000;
const POINTS = 1000;

async function createKindsGame(questions = KIND_QUESTIONS): Promise<string> {
	const bank = await insertQuestionBank(
		ctx.db,
		{ name: 'Ngân hàng các loại câu hỏi', topics: [{ code: 'k', name: 'Các loại' }], questions },
		ctx.clock.now()
	);
	const ids = await ctx.db
		.selectFrom('question')
		.select('id')
		.where('bank_id', '=', bank.bankId)
		.orderBy('position')
		.execute();
	const created = await createGame(ctx, { id: host.userId, role: 'admin' }, fixture.contestId, {
		title: 'Trò chơi các loại câu hỏi',
		scoring: 'speed',
		streakBonus: true,
		joinMode: 'nickname',
		lateJoin: true,
		screenOnly: false,
		timeLimitSeconds: LIMIT_MS / 1000,
		source: { kind: 'bank', bankId: bank.bankId, questionIds: ids.map((r) => r.id) }
	});
	if (!created.ok) throw new Error(`game refused: ${created.reason}`);
	return created.gameId;
}

interface Log {
	at: number;
	data: unknown;
}

interface Phone {
	socket: Socket;
	log: Log[];
	packets: GamePlayerPacket[];
	token: string;
	name: string;
}

async function join(gameId: string, name: string): Promise<Phone> {
	const socket = openSocket(server.url, sockets);
	const p: Phone = { socket, log: [], packets: [], token: '', name };
	socket.on('game:player', (packet: GamePlayerPacket) => {
		p.log.push({ at: ++received, data: packet });
		p.packets.push(packet);
	});
	socket.on('game:ping', (ack: () => void) => ack());
	const reply = await ask<GameJoinReply>(socket, 'game:join', {
		gameId,
		nickname: name,
		unitId: fixture.unitIds[1]
	});
	p.log.push({ at: ++received, data: reply });
	if (!reply.ok) throw new Error(`join refused: ${reply.reason}`);
	p.packets.push(reply.packet);
	p.token = reply.token;
	return p;
}

async function rejoin(gameId: string, from: Phone): Promise<Phone> {
	const socket = openSocket(server.url, sockets);
	const p: Phone = { ...from, socket, packets: [] };
	socket.on('game:player', (packet: GamePlayerPacket) => {
		p.log.push({ at: ++received, data: packet });
		p.packets.push(packet);
	});
	socket.on('game:ping', (ack: () => void) => ack());
	const reply = await ask<GameJoinReply>(socket, 'game:rejoin', { gameId, token: from.token });
	if (!reply.ok) throw new Error(`rejoin refused: ${reply.reason}`);
	p.packets.push(reply.packet);
	return p;
}

interface Stage<V extends GameScreenView> {
	log: Log[];
	latest(): V;
	command(command: string): Promise<GameCommandReply>;
}

async function watch<V extends GameScreenView>(gameId: string, role: 'screen' | 'host'): Promise<Stage<V>> {
	const socket = openSocket(server.url, sockets, role === 'host' ? host.cookie : undefined);
	const log: Log[] = [];
	const views: V[] = [];
	socket.on(role === 'host' ? 'game:host' : 'game:screen', (v: V) => {
		log.push({ at: ++received, data: v });
		views.push(v);
	});
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId, role });
	if (!reply.ok) throw new Error(`watch refused: ${reply.reason}`);
	views.push(reply.view as V);
	log.push({ at: ++received, data: reply.view });
	return {
		log,
		latest: () => views.reduce((a, b) => (b.seq >= a.seq ? b : a)),
		command: (command) => ask<GameCommandReply>(socket, 'game:command', { gameId, command })
	};
}

const last = (p: Phone): GamePlayerPacket => p.packets[p.packets.length - 1];
const onQuestion = (p: Phone, index: number) =>
	last(p).view.phase === 'question' && last(p).view.question?.index === index;
const revealedTo = (p: Phone, index: number) =>
	last(p).view.phase === 'reveal' && last(p).view.question?.index === index && last(p).me !== null;

function answer(p: Phone, gameId: string, position: number, body: { choice?: number[]; text?: string }) {
	return ask<GameAnswerReply>(p.socket, 'game:answer', { gameId, position, ...body });
}

/** The question a packet shows open (its phase 'question'), or -1 in the lobby; null once revealed. */
function openQuestion(data: unknown): number | null {
	const d = data as { view?: GameScreenView; packet?: GamePlayerPacket; phase?: string; question?: { index: number } };
	const view = (d.packet?.view ?? d.view ?? d) as { phase?: string; question?: { index: number } | null };
	if (view.phase === 'lobby') return -1;
	return view.phase === 'question' ? (view.question?.index ?? null) : null;
}

/**
 * What must not be in any packet before a question's reveal: the key's fields, a correct flag,
 * the accepted answers' words, the number's settings.
 */
function leaks(entries: readonly Log[]): string[] {
	const found: string[] = [];
	for (const e of entries) {
		const json = JSON.stringify(e.data);
		for (const bad of [
			'"key"',
			'"order"',
			'"accepted"',
			'"tolerance"',
			'"answer":34',
			'"spread"',
			'"stats"',
			'"correct":true',
			'"correct":[0',
			'"correct":[1',
			'"correct":[2',
			'"correct":[3',
			...ACCEPTED
		]) {
			if (json.includes(bad)) found.push(`${bad} in ${json.slice(0, 200)}`);
		}
	}
	return found;
}

describe('the kinds beyond options in a live game', () => {
	it('keeps every key secret until its reveal, scores each kind by its share, and shows the answers at the reveal', async () => {
		const gameId = await createKindsGame();
		const stored = await ctx.db
			.selectFrom('live_game_question')
			.select(['position', 'type', 'options_json', 'settings_json'])
			.where('game_id', '=', gameId)
			.orderBy('position')
			.execute();
		// the settings are copied into the game; the ordering's items are stored shuffled away from the right order
		expect(stored.map((q) => q.type)).toEqual(['ordering', 'numeric', 'short_text', 'poll', 'word_cloud']);
		expect(JSON.parse(stored[1].settings_json!).numeric.answer).toBe(34);
		const shown = (JSON.parse(stored[0].options_json) as { text: string }[]).map((o) => o.text);
		expect(shown).not.toEqual(RIGHT_ORDER);
		expect([...shown].sort()).toEqual([...RIGHT_ORDER].sort());
		expect(JSON.parse(stored[3].options_json).every((o: { correct: boolean }) => !o.correct)).toBe(true);
		// the studio's game page shows the organizer each key before the game, a number's too
		const studio = await getGameStudioPage(ctx, fixture.contestId, gameId, null);
		expect(studio!.questions[0].options.map((o) => o.text)).toEqual(RIGHT_ORDER);
		expect(studio!.questions[1].numeric).toEqual({ answer: 34, tolerance: 1, unit: 'tỉnh, thành' });
		expect(studio!.questions[2].numeric).toBeNull();

		// the checker catches what it is for
		const fake = (view: object): Log[] => [{ at: 0, data: { view: { phase: 'question', ...view } } }];
		expect(leaks(fake({ key: { order: [1, 0] } }))).toHaveLength(2);
		expect(leaks(fake({ question: { options: [ACCEPTED[0]] } }))).toHaveLength(1);
		expect(leaks(fake({ reveal: { correct: [1], stats: {} } }))).toHaveLength(2);
		expect(openQuestion({ packet: { view: { phase: 'question', question: { index: 2 } } } })).toBe(2);
		expect(openQuestion({ phase: 'reveal', question: { index: 2 } })).toBeNull();

		const h = await watch<GameHostView>(gameId, 'host');
		const screen = await watch<GameScreenView>(gameId, 'screen');
		const [an, binh, chi] = [await join(gameId, 'An'), await join(gameId, 'Bình'), await join(gameId, 'Chi')];
		const phones = [an, binh, chi];
		const everything = () => [...phones.flatMap((p) => p.log), ...screen.log, ...h.log];
		const phonesAndScreen = () => [...phones.flatMap((p) => p.log), ...screen.log];
		const scores = new Map(phones.map((p) => [p, 0]));
		const streaks = new Map(phones.map((p) => [p, 0]));

		/** sends, checks the reply, and returns the points the answer must earn */
		async function play(p: Phone, q: number, body: { choice?: number[]; text?: string }, share: number) {
			ctx.clock.advance(1_500);
			const reply = await answer(p, gameId, q, body);
			if (!reply.ok) throw new Error(`${p.name}'s answer to ${q} refused: ${reply.reason}`);
			const type = KIND_QUESTIONS[q].type;
			const expected = scoreShare({ preset: 'speed', streakBonus: true }, type, {
				share,
				elapsedMs: reply.elapsedMs,
				limitMs: LIMIT_MS,
				questionPoints: POINTS,
				streakBefore: streaks.get(p)!
			});
			scores.set(p, scores.get(p)! + expected.points);
			streaks.set(p, expected.streak);
			return expected;
		}

		async function reveal(q: number): Promise<void> {
			// the key was nowhere before the reveal, in any packet to the phones or the screen (or the host)
			const open = everything().filter((e) => openQuestion(e.data) !== null);
			expect(open.filter((e) => openQuestion(e.data) === q).length).toBeGreaterThan(phones.length);
			expect(leaks(open)).toEqual([]);
			expect(await h.command('reveal')).toEqual({ ok: true });
			await until(() => phones.every((p) => revealedTo(p, q)) && screen.latest().phase === 'reveal');
			for (const p of phones) {
				expect(last(p).me!.score).toBe(scores.get(p));
				expect(last(p).me!.streak).toBe(streaks.get(p));
			}
		}

		async function next(q: number): Promise<void> {
			expect(await h.command('next')).toEqual({ ok: true });
			await until(() => phones.every((p) => onQuestion(p, q)) && screen.latest().question?.index === q);
		}

		expect(await h.command('start')).toEqual({ ok: true });
		await until(() => phones.every((p) => onQuestion(p, 0)));

		// ── ordering: the items shown shuffled, answered as every item's index in the player's order
		const q0 = last(an).view.question!;
		expect(q0.type).toBe('ordering');
		expect(q0.options).toEqual(shown);
		expect(q0.options).not.toEqual(RIGHT_ORDER);
		const right = RIGHT_ORDER.map((text) => shown.indexOf(text));
		// A B D C: one pair of three in order
		const partial = [right[0], right[1], right[3], right[2]];
		expect(await answer(an, gameId, 0, { choice: right.slice(0, 3) })).toEqual({ ok: false, reason: 'invalid_order' });
		expect(await answer(an, gameId, 0, { choice: [right[0], right[0], right[1], right[2]] })).toEqual({
			ok: false,
			reason: 'invalid_order'
		});
		expect(await answer(an, gameId, 0, { text: RIGHT_ORDER.join(', ') })).toEqual({
			ok: false,
			reason: 'invalid_order'
		});
		expect(await answer(an, gameId, 0, { choice: right, text: 'x' })).toEqual({ ok: false, reason: 'invalid' });
		expect((await play(an, 0, { choice: right }, 1)).streak).toBe(1);
		const binhOrder = await play(binh, 0, { choice: partial }, 1 / 3);
		expect(binhOrder.points).toBeGreaterThan(0);
		expect(binhOrder.streak).toBe(0);
		await play(chi, 0, { choice: [...right].reverse() }, 0);
		await reveal(0);
		expect(last(an).view.key).toEqual({ order: right });
		expect(last(an).me!.result).toMatchObject({ correct: true, answered: true });
		expect(last(binh).me!.result).toMatchObject({ correct: false, points: binhOrder.points });
		const r0 = screen.latest().reveal!;
		expect(r0.key!.order!.map((i) => screen.latest().question!.options![i])).toEqual(RIGHT_ORDER);
		expect(r0.stats).toEqual({ allRight: 1 });
		expect(r0.answered).toBe(3);

		// ── numeric: only the public settings before the reveal (bounds and unit), never the answer
		await next(1);
		const q1 = last(an).view.question!;
		expect(q1.options).toEqual([]);
		expect(q1.settings).toEqual({ numeric: { min: 0, max: 100, unit: 'tỉnh, thành' } });
		expect(screen.latest().question!.settings).toEqual(q1.settings);
		expect(await answer(an, gameId, 1, { text: 'ba mươi tư' })).toEqual({ ok: false, reason: 'invalid_number' });
		expect(await answer(an, gameId, 1, { choice: [0] })).toEqual({ ok: false, reason: 'invalid_text' });
		await play(an, 1, { text: '34' }, 1);
		// 5 beyond the band (33–35) of a spread of 10: half the points
		await play(binh, 1, { text: '40' }, 0.5);
		await play(chi, 1, { text: '63' }, 0);
		await reveal(1);
		expect(last(binh).view.key).toEqual({ numeric: { answer: 34, tolerance: 1, unit: 'tỉnh, thành' } });
		const r1 = screen.latest().reveal!;
		expect(r1.stats!.withinBand).toBe(1);
		expect(r1.stats!.histogram!.reduce((n, b) => n + b.count, 0)).toBe(3);
		expect(streaks.get(an)).toBe(2);

		// ── short typed answer: compared folded on the server; the text's limits have their reasons
		await next(2);
		expect(last(an).view.question!.options).toEqual([]);
		expect(await answer(an, gameId, 2, { text: 'x'.repeat(81) })).toEqual({ ok: false, reason: 'text_too_long' });
		expect(await answer(an, gameId, 2, { text: 'Một cửa\u0007' })).toEqual({ ok: false, reason: 'text_unsafe' });
		expect(await answer(an, gameId, 2, { text: '   ' })).toEqual({ ok: false, reason: 'invalid_text' });
		await play(an, 2, { text: 'mot cua lien thong' }, 1);
		await play(binh, 2, { text: 'MỘT CỬA  liên thông.' }, 1);
		await play(chi, 2, { text: 'Một dấu' }, 0);
		// the player's own typed answer comes back to it, and to nobody else
		await until(() => screen.latest().answered === 3);
		await reveal(2);
		expect(last(an).me!.typed).toBe('mot cua lien thong');
		expect(last(an).view.key).toEqual({ accepted: ACCEPTED });
		// counted folded; shown as typed (the first spelling of a tie)
		expect(screen.latest().reveal!.stats!.typed).toEqual([
			{ word: 'mot cua lien thong', count: 2, right: true },
			{ word: 'Một dấu', count: 1, right: false }
		]);
		expect(streaks.get(an)).toBe(3);
		expect(streaks.get(binh)).toBe(1);

		// ── poll: one option, no right answer, no points, streaks untouched
		await next(3);
		expect(last(an).view.question!.options).toEqual(['Sáng', 'Chiều', 'Tối']);
		expect(await answer(an, gameId, 3, { choice: [0, 1] })).toEqual({ ok: false, reason: 'invalid_choice' });
		await play(an, 3, { choice: [0] }, 0);
		await play(binh, 3, { choice: [0] }, 0);
		// Chi does not answer: a poll left unanswered does not end a streak either
		await reveal(3);
		const r3 = screen.latest().reveal!;
		expect(r3.correct).toEqual([]);
		expect(r3.counts).toEqual([2, 0, 0]);
		expect(last(an).view.correct).toEqual([]);
		expect(last(an).me!.result).toEqual({ correct: false, points: 0, bonus: 0, answered: true });
		expect(last(an).me!.streak).toBe(3);

		// ── word cloud: the words go to the screen as they come, folded, the abusive one left out
		await next(4);
		await play(an, 4, { text: 'Minh bạch' }, 0);
		expect(await answer(binh, gameId, 4, { text: 'Đ.M' })).toMatchObject({ ok: true });
		await play(chi, 4, { text: 'minh bach!' }, 0);
		await until(() => screen.latest().answered === 3);
		// counted folded, shown as the first spelling typed (one each)
		expect(screen.latest().cloud).toEqual([{ word: 'Minh bạch', count: 2 }]);
		expect(JSON.stringify(phonesAndScreen().map((e) => e.data))).not.toMatch(/"d\.?m"/);
		await reveal(4);
		expect(screen.latest().cloud).toEqual([{ word: 'Minh bạch', count: 2 }]);
		expect(last(binh).me!.result).toMatchObject({ answered: true, points: 0 });

		// the answers are stored readably: typed text as typed (cleaned), an ordering in the player's order
		const rows = await ctx.db
			.selectFrom('live_game_answer')
			.select(['position', 'choice_json', 'correct', 'points'])
			.where('game_id', '=', gameId)
			.orderBy('position')
			.orderBy('received_at')
			.execute();
		expect(rows.filter((r) => r.position === 0).map((r) => JSON.parse(r.choice_json))).toContainEqual(partial);
		expect(rows.filter((r) => r.position === 2).map((r) => JSON.parse(r.choice_json))).toContainEqual([
			'MỘT CỬA liên thông.'
		]);
		expect(rows.filter((r) => r.position >= 3).every((r) => r.correct === 0 && r.points === 0)).toBe(true);
		// and the results workbook writes them readably
		expect(answerText(stored[0], JSON.stringify(right))).toBe(RIGHT_ORDER.join(' → '));
		expect(answerText(stored[2], '["MỘT CỬA liên thông."]')).toBe('MỘT CỬA liên thông.');
		expect(answerText(stored[3], '[1]')).toBe('B. Chiều');
	});

	it('keeps typed answers through a restart mid-question and scores them once', async () => {
		const gameId = await createKindsGame([KIND_QUESTIONS[2], KIND_QUESTIONS[0]]);
		let h = await watch<GameHostView>(gameId, 'host');
		const an = await join(gameId, 'An');
		const binh = await join(gameId, 'Bình');
		expect(await h.command('start')).toEqual({ ok: true });
		await until(() => onQuestion(an, 0) && onQuestion(binh, 0));
		ctx.clock.advance(1_000);
		const a = await answer(an, gameId, 0, { text: 'Cơ chế một cửa liên thông' });
		const b = await answer(binh, gameId, 0, { text: 'không biết' });
		expect(a.ok && b.ok).toBe(true);

		// the server dies with the answers acknowledged; the next one reads them back
		await stop();
		server = await startGameServer(ctx, { gameAllowance: () => 0 });
		h = await watch<GameHostView>(gameId, 'host');
		const an2 = await rejoin(gameId, an);
		expect(last(an2).me!.typed).toBe('Cơ chế một cửa liên thông');
		expect(await answer(an2, gameId, 0, { text: 'lần nữa' })).toEqual({ ok: false, reason: 'duplicate' });
		const binh2 = await rejoin(gameId, binh);
		expect(await h.command('reveal')).toEqual({ ok: true });
		await until(() => revealedTo(an2, 0) && revealedTo(binh2, 0));
		const expected = scoreShare({ preset: 'speed', streakBonus: true }, 'short_text', {
			share: 1,
			elapsedMs: a.ok ? a.elapsedMs : 0,
			limitMs: LIMIT_MS,
			questionPoints: POINTS,
			streakBefore: 0
		});
		expect(last(an2).me!.score).toBe(expected.points);
		expect(last(binh2).me!.score).toBe(0);
		expect(h.latest().reveal!.stats!.typed).toEqual([
			{ word: 'Cơ chế một cửa liên thông', count: 1, right: true },
			{ word: 'không biết', count: 1, right: false }
		]);
	});
});
