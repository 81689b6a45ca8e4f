import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
	GameAnswerReply,
	GameCommandReply,
	GameHostView,
	GameJoinReply,
	GamePlayerPacket,
	GameScreenView,
	GameWatchReply
} from '../../src/lib/schemas/game-socket';
import { listJoinTeams, saveGameTeams, type GameTeamsInput } from '../../src/lib/server/live-games/teams.service';
import { findGame } from '../../src/lib/server/live-games/game.repository';
import { writeGameWorkbook } from '../../src/lib/server/live-games/game-export';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import {
	createFixtureGame,
	createSignedInUser,
	startGameServer,
	type GameFixture,
	type GameServer,
	type SignedInUser
} from '../helpers/live-game';
import { ask, openSocket, until } from '../helpers/socket';
import { createTestContext, type TestContext } from '../helpers/test-context';

// Teams in a live game (issue 16), over the wire: a real database (SQLite, or PostgreSQL with
// TEST_DATABASE_URL), the app's Socket.IO on a real HTTP server and real socket.io clients. The
// teams are set in the studio before anyone joins; a player's team is chosen at the join; the
// screen ranks the teams, stage teams apart from the hall, with names and numbers only.

let ctx: TestContext;
let server: GameServer;
let fixture: Fixture;
let host: SignedInUser;
const sockets: Socket[] = [];

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	host = await createSignedInUser(ctx, { role: 'admin', fullName: 'Người Dẫn Chương Trình' });
	server = await startGameServer(ctx);
});

afterEach(async () => {
	await stopServer();
	await ctx.dispose();
});

async function stopServer(): Promise<void> {
	for (const socket of sockets.splice(0)) socket.disconnect();
	server.io.games.stop();
	await server.close();
}

const open = (cookie?: string) => openSocket(server.url, sockets, cookie);
const actor = () => ({ id: host.userId, role: 'admin' as const });

interface Phone {
	socket: Socket;
	packets: GamePlayerPacket[];
	reply: GameJoinReply;
	latest(): GamePlayerPacket;
}

async function tryJoin(game: GameFixture, payload: Record<string, unknown>): Promise<Phone> {
	const socket = open();
	const packets: GamePlayerPacket[] = [];
	socket.on('game:player', (packet: GamePlayerPacket) => packets.push(packet));
	socket.on('game:ping', (ack: () => void) => ack());
	const reply = await ask<GameJoinReply>(socket, 'game:join', {
		gameId: game.gameId,
		unitId: fixture.unitIds[0],
		...payload
	});
	if (reply.ok) packets.push(reply.packet);
	return { socket, packets, reply, latest: () => packets[packets.length - 1] };
}

async function join(game: GameFixture, payload: Record<string, unknown>): Promise<Phone & { playerId: string }> {
	const p = await tryJoin(game, payload);
	if (!p.reply.ok) throw new Error(`join refused: ${p.reply.reason}`);
	return { ...p, playerId: p.reply.playerId };
}

async function watch<V extends GameScreenView>(game: GameFixture, role: 'host' | 'screen', cookie?: string) {
	const socket = open(cookie);
	const views: V[] = [];
	socket.on(role === 'host' ? 'game:host' : 'game:screen', (v: V) => views.push(v));
	const reply = await ask<GameWatchReply>(socket, 'game:watch', { gameId: game.gameId, role });
	if (!reply.ok) throw new Error(`watch as ${role} refused: ${reply.reason}`);
	views.push(reply.view as V);
	return {
		views,
		latest: () => views.reduce((a, b) => (b.seq >= a.seq ? b : a)),
		send: (event: string, payload: Record<string, unknown> = {}) =>
			ask<GameCommandReply>(socket, event, { gameId: game.gameId, ...payload })
	};
}

const answer = (p: Phone, game: GameFixture, position: number, right: boolean) =>
	ask<GameAnswerReply>(p.socket, 'game:answer', {
		gameId: game.gameId,
		position,
		choice: right
			? game.correct[position]
			: [[0, 1, 2, 3].find((i) => i < game.optionCounts[position] && !game.correct[position].includes(i))!]
	});

async function teamIds(gameId: string): Promise<Map<string, { id: string; code: string | null }>> {
	const rows = await ctx.db.selectFrom('live_game_team').selectAll().where('game_id', '=', gameId).execute();
	return new Map(rows.map((r) => [r.name, { id: r.id, code: r.code }]));
}

const named = (stage: string[], hall: string[]): GameTeamsInput => ({
	mode: 'named',
	scoring: 'mean',
	teams: [...stage.map((name) => ({ name, stage: true })), ...hall.map((name) => ({ name, stage: false }))]
});

describe('teams in a live game', () => {
	it('named teams with a stage panel: chosen at the join, ranked on the screen apart from the hall, no codes or identifiers on the screen', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 2 });
		expect(
			await saveGameTeams(ctx, actor(), game.gameId, named(['Đội A', 'Đội B', 'Đội C'], ['Đội Sen', 'Đội Mai']))
		).toEqual({
			ok: true
		});
		const teams = await teamIds(game.gameId);
		const codeA = teams.get('Đội A')!.code!;
		expect(codeA).toMatch(/^\d{4}$/);
		// the phones' join page lists the hall's teams only, without any code
		const joinTeams = await listJoinTeams(ctx.db, (await findGame(ctx.db, game.gameId))!);
		expect(joinTeams).toEqual({
			mode: 'named',
			teams: [
				{ id: teams.get('Đội Sen')!.id, name: 'Đội Sen' },
				{ id: teams.get('Đội Mai')!.id, name: 'Đội Mai' }
			],
			stage: true
		});

		const h = await watch<GameHostView>(game, 'host', host.cookie);
		const screen = await watch<GameScreenView>(game, 'screen');
		expect(await h.send('game:door', { identifierLabel: 'Mã nhân viên' })).toEqual({ ok: true });

		expect((await tryJoin(game, { nickname: 'Không Đội', identifier: 'NV-1' })).reply).toEqual({
			ok: false,
			reason: 'team_required'
		});
		// the hall cannot walk onto the stage: a stage team takes its code
		expect(
			(await tryJoin(game, { nickname: 'Lên Sân Khấu', identifier: 'NV-1', teamId: teams.get('Đội A')!.id })).reply
		).toEqual({ ok: false, reason: 'team_code_invalid' });
		expect((await tryJoin(game, { nickname: 'Đoán Mã', identifier: 'NV-1', teamCode: '12345' })).reply).toMatchObject({
			ok: false
		});

		const stageA = await join(game, { nickname: 'Thí Sinh A', identifier: 'NV-0001', teamCode: codeA });
		const stageB = await join(game, {
			nickname: 'Thí Sinh B',
			identifier: 'NV-0002',
			teamCode: teams.get('Đội B')!.code
		});
		const sen1 = await join(game, { nickname: 'Sen Một', identifier: 'NV-0003', teamId: teams.get('Đội Sen')!.id });
		const sen2 = await join(game, { nickname: 'Sen Hai', identifier: 'NV-0004', teamId: teams.get('Đội Sen')!.id });
		const mai = await join(game, { nickname: 'Mai Một', identifier: 'NV-0005', teamId: teams.get('Đội Mai')!.id });
		expect(stageA.latest().me?.team).toEqual({ name: 'Đội A', stage: true, rank: null, of: 0 });
		expect(sen1.latest().me?.team).toMatchObject({ name: 'Đội Sen', stage: false });
		const rows = await ctx.db
			.selectFrom('live_game_player')
			.select(['nickname', 'team_id'])
			.where('game_id', '=', game.gameId)
			.execute();
		expect(new Map(rows.map((r) => [r.nickname, r.team_id])).get('Thí Sinh A')).toBe(teams.get('Đội A')!.id);

		// the lobby: the screen counts each team's players, the host also sees the codes
		await until(() => screen.latest().players === 5);
		expect(screen.latest().teams?.stage.map((r) => [r.name, r.players])).toEqual([
			['Đội A', 1],
			['Đội B', 1],
			['Đội C', 0]
		]);
		expect(h.latest().host.stageCodes?.map((c) => [c.name, c.code])).toEqual([
			['Đội A', codeA],
			['Đội B', teams.get('Đội B')!.code],
			['Đội C', teams.get('Đội C')!.code]
		]);

		expect(await h.send('game:command', { command: 'start' })).toEqual({ ok: true });
		await until(() => stageA.latest().view.phase === 'question');
		for (const [p, right] of [
			[stageA, true],
			[stageB, false],
			[sen1, true],
			[sen2, false],
			[mai, true]
		] as const) {
			expect(await answer(p, game, 0, right)).toMatchObject({ ok: true });
		}
		expect(await h.send('game:command', { command: 'reveal' })).toEqual({ ok: true });
		expect(await h.send('game:command', { command: 'leaderboard' })).toEqual({ ok: true });
		await until(() => screen.latest().phase === 'leaderboard');

		const board = screen.latest().teams!;
		expect(board.mode).toBe('named');
		expect(board.stage.map((r) => [r.name, r.rank, r.players])).toEqual([
			['Đội A', 1, 1],
			['Đội B', 2, 1],
			['Đội C', 3, 0]
		]);
		expect(board.stage[1].score).toBe(0);
		// the hall: Mai's one right answer beats Sen's mean of a right and a wrong one
		expect(board.hall.map((r) => [r.name, r.rank, r.players])).toEqual([
			['Đội Mai', 1, 1],
			['Đội Sen', 2, 2]
		]);
		expect(board.hall[1].score).toBe(Math.round(((sen1Score(sen1) + 0) / 2) * 10) / 10);
		// the hall's own top players: the stage's contestants are not in it
		expect(board.hallPlayers?.map((r) => r.name).sort()).toEqual(['Mai Một', 'Sen Hai', 'Sen Một']);
		const screenText = JSON.stringify(screen.views);
		for (const secret of [codeA, 'NV-000', 'Mã nhân viên', 'token']) expect(screenText).not.toContain(secret);

		// each phone knows its team's place in its own ranking
		await until(() => mai.latest().me?.team?.rank === 1);
		expect(sen1.latest().me?.team).toEqual({ name: 'Đội Sen', stage: false, rank: 2, of: 2 });
		await until(() => stageB.latest().me?.team?.rank === 2);
		expect(stageB.latest().me?.team).toEqual({ name: 'Đội B', stage: true, rank: 2, of: 3 });

		// the host removes Mai's only player: the team is empty, and last
		expect(await h.send('game:remove', { playerId: mai.playerId })).toEqual({ ok: true });
		await until(() => screen.latest().teams?.hall[0].name === 'Đội Sen');
		expect(screen.latest().teams?.hall.map((r) => [r.name, r.players])).toEqual([
			['Đội Sen', 2],
			['Đội Mai', 0]
		]);

		// a crash: the next server reads the teams and the players' teams back
		await stopServer();
		server = await startGameServer(ctx);
		const again = await watch<GameScreenView>(game, 'screen');
		expect(again.latest().teams?.stage.map((r) => r.name)).toEqual(['Đội A', 'Đội B', 'Đội C']);
		expect(again.latest().teams?.hall.map((r) => [r.name, r.players])).toEqual([
			['Đội Sen', 2],
			['Đội Mai', 0]
		]);
		const h2 = await watch<GameHostView>(game, 'host', host.cookie);
		expect(await h2.send('game:command', { command: 'end' })).toEqual({ ok: true });
		await until(() => again.latest().phase === 'podium');
		expect(again.latest().teams?.stage[0]).toMatchObject({ name: 'Đội A', rank: 1 });

		// the results workbook has a team sheet: the stage's ranking, then the hall's
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (c: Buffer) => chunks.push(c));
		expect(await writeGameWorkbook(ctx, actor(), game.gameId, out)).toEqual({ ok: true, rows: 4 });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
		const sheet = workbook.getWorksheet('Đội')!;
		const cells = Array.from({ length: sheet.rowCount }, (_, r) =>
			Array.from({ length: 5 }, (_, c) => sheet.getCell(r + 1, c + 1).value ?? null)
		);
		const senMean = Math.round((sen1Score(sen1) / 2) * 10) / 10;
		expect(cells).toEqual([
			['Nhóm', 'Hạng', 'Đội', 'Số người chơi', 'Điểm đội'],
			['Sân khấu', 1, 'Đội A', 1, stageA.latest().me?.score ?? -1],
			['Sân khấu', 2, 'Đội B', 1, 0],
			['Sân khấu', 3, 'Đội C', 0, 0],
			['Khán giả', 1, 'Đội Sen', 2, senMean],
			['Khán giả', 2, 'Đội Mai', 0, 0]
		]);
	});

	it('teams by unit, scored by the best member: the players’ units are the teams', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId, { questions: 1 });
		expect(await saveGameTeams(ctx, actor(), game.gameId, { mode: 'unit', scoring: 'best', teams: [] })).toEqual({
			ok: true
		});
		const screen = await watch<GameScreenView>(game, 'screen');
		const h = await watch<GameHostView>(game, 'host', host.cookie);
		const a1 = await join(game, { nickname: 'Hà Khánh Một', unitId: fixture.unitIds[0] });
		const a2 = await join(game, { nickname: 'Hà Khánh Hai', unitId: fixture.unitIds[0] });
		const b1 = await join(game, { nickname: 'Phong Hải Một', unitId: fixture.unitIds[1] });
		expect(await h.send('game:command', { command: 'start' })).toEqual({ ok: true });
		await until(() => a1.latest().view.phase === 'question');
		await answer(a1, game, 0, true);
		await answer(a2, game, 0, false);
		await answer(b1, game, 0, false);
		expect(await h.send('game:command', { command: 'reveal' })).toEqual({ ok: true });
		expect(await h.send('game:command', { command: 'leaderboard' })).toEqual({ ok: true });
		await until(() => screen.latest().phase === 'leaderboard');
		const board = screen.latest().teams!;
		expect(board).toMatchObject({ mode: 'unit', scoring: 'best', stage: [], hallPlayers: null });
		expect(board.hall.map((r) => [r.teamId, r.players, r.rank])).toEqual([
			[fixture.unitIds[0], 2, 1],
			[fixture.unitIds[1], 1, 2]
		]);
		// best member: the unit's score is its best player's, not the mean
		expect(board.hall[0].score).toBe(a1.latest().me?.score ?? -1);
		await until(() => b1.latest().me?.team?.rank === 2);
		expect(h.latest().host.stageCodes).toEqual([]);
	});

	it('teams are set before anyone joins; a lobby game held in memory takes them at once; a game without teams sends none', async () => {
		const game = await createFixtureGame(ctx, fixture, host.userId);
		const screen = await watch<GameScreenView>(game, 'screen');
		expect('teams' in screen.latest()).toBe(false);
		expect(await saveGameTeams(ctx, actor(), game.gameId, named([], ['Đội Sen']))).toEqual({
			ok: false,
			reason: 'too_few_teams',
			at: null
		});
		expect(await saveGameTeams(ctx, actor(), game.gameId, named(['A', 'B'], ['Sen', 'Mai']))).toMatchObject({
			ok: false,
			reason: 'stage_count'
		});
		expect(await saveGameTeams(ctx, actor(), game.gameId, named([], ['Sen', 'Mai']))).toEqual({ ok: true });
		await until(() => screen.latest().teams?.hall.length === 2);
		const p = await join(game, { nickname: 'Người Chơi', teamId: (await teamIds(game.gameId)).get('Sen')!.id });
		expect(p.latest().me?.team?.name).toBe('Sen');
		expect(await saveGameTeams(ctx, actor(), game.gameId, { mode: 'off', scoring: 'mean', teams: [] })).toEqual({
			ok: false,
			reason: 'players_joined',
			at: null
		});
		const stranger = { id: (await createSignedInUser(ctx, { role: 'organizer' })).userId, role: 'organizer' as const };
		expect(await saveGameTeams(ctx, stranger, game.gameId, named([], ['X', 'Y']))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
	});
});

function sen1Score(p: Phone): number {
	return p.latest().me?.score ?? -1;
}
