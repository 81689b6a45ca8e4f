import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OptionDef } from '../../src/lib/domain/types';
import {
	gameCreateInput,
	gameCreateSchema,
	gameFieldErrors,
	gameUpdateInput,
	gameUpdateSchema
} from '../../src/lib/schemas/live-game';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Actor } from '../../src/lib/server/contests/contest-access';
import { newId } from '../../src/lib/server/ids';
import { gameExportFileName, optionLetters, writeGameWorkbook } from '../../src/lib/server/live-games/game-export';
import {
	findGame,
	insertAnswer,
	insertPlayer,
	listGameQuestions,
	type GameOption
} from '../../src/lib/server/live-games/game.repository';
import { createGame, gameResults, updateGame } from '../../src/lib/server/live-games/game.service';
import type { GameCreateInput, GameUpdateInput } from '../../src/lib/schemas/live-game';
import { GET } from '../../src/routes/studio/cuoc-thi/[contestId]/tro-choi/[gameId]/ket-qua.xlsx/+server';
import { createFixtureContest, MINUTE, type Fixture } from '../helpers/fixtures';
import { createSignedInUser } from '../helpers/live-game';
import { createTestContext, type TestContext } from '../helpers/test-context';

let ctx: TestContext;
let fixture: Fixture;
let organizer: Actor;

/** An organizer granted one contest. */
async function organizerOf(contestId: string, phone?: string): Promise<Actor> {
	const user = await createSignedInUser(ctx, { role: 'organizer', fullName: 'Ban tổ chức', phone });
	await ctx.db
		.insertInto('organizer_grant')
		.values({ id: newId(), user_id: user.userId, contest_id: contestId, granted_by: null, created_at: 0 })
		.execute();
	return { id: user.userId, role: 'organizer' };
}

beforeEach(async () => {
	ctx = await createTestContext();
	const now = ctx.clock.now();
	fixture = await createFixtureContest(ctx, { opensAt: now - MINUTE, closesAt: now + 60 * MINUTE });
	organizer = await organizerOf(fixture.contestId, '0900111222');
});

afterEach(async () => {
	await ctx.dispose();
});

interface BankQuestion {
	id: string;
	versionId: string;
	bankId: string;
	topicId: string;
	type: string;
	difficulty: string;
	text: string;
	options: OptionDef[];
}

/** The bank a fixture contest's round draws from. */
async function bankOf(roundId: string): Promise<string> {
	const row = await ctx.db
		.selectFrom('blueprint_item')
		.select('bank_id')
		.where('round_id', '=', roundId)
		.executeTakeFirstOrThrow();
	return row.bank_id;
}

/** A bank's questions in authored order: the fixture contest's unless told. */
async function bankQuestions(bankId?: string): Promise<BankQuestion[]> {
	const rows = await ctx.db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select([
			'question.id',
			'question_version.id as versionId',
			'question.bank_id as bankId',
			'question.topic_id as topicId',
			'question.type',
			'question.difficulty',
			'question_version.text',
			'question_version.options_json'
		])
		.where('question.bank_id', '=', bankId ?? (await bankOf(fixture.roundId)))
		.orderBy('question.position')
		.execute();
	return rows.map((r) => ({ ...r, options: JSON.parse(r.options_json) as OptionDef[] }));
}

function input(source: GameCreateInput['source'], overrides: Partial<GameCreateInput> = {}): GameCreateInput {
	return {
		title: 'Rung chuông vàng CCHC',
		scoring: 'speed',
		streakBonus: true,
		joinMode: 'both',
		lateJoin: true,
		screenOnly: false,
		timeLimitSeconds: 20,
		source,
		...overrides
	};
}

const sortedOptions = (options: readonly { text: string; correct: boolean }[]) =>
	options.map((o) => `${o.text}|${o.correct}`).sort();

async function counts(): Promise<{ games: number; questions: number; audits: number }> {
	const n = async (table: 'live_game' | 'live_game_question') =>
		Number(
			(
				await ctx.db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<number>().as('n'))
					.executeTakeFirstOrThrow()
			).n
		);
	const audits = await ctx.db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('entity', '=', 'live_game')
		.executeTakeFirstOrThrow();
	return { games: await n('live_game'), questions: await n('live_game_question'), audits: Number(audits.n) };
}

describe('creating a game', () => {
	it('copies the picked questions in the order picked, with their current version and shuffled options', async () => {
		const bank = await bankQuestions();
		const picked = [bank[3], bank[0], bank[6]]; // multiple, single, true/false
		const result = await createGame(
			ctx,
			organizer,
			fixture.contestId,
			input({ kind: 'bank', bankId: bank[0].bankId, questionIds: picked.map((q) => q.id) })
		);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.pin).toMatch(/^[1-9]\d{5}$/);

		const game = (await findGame(ctx.db, result.gameId))!;
		expect(game).toMatchObject({
			contest_id: fixture.contestId,
			title: 'Rung chuông vàng CCHC',
			pin: result.pin,
			host_user_id: organizer.id,
			created_by: organizer.id,
			scoring: 'speed',
			streak_bonus: 1,
			join_mode: 'both',
			late_join: 1,
			screen_only: 0,
			source: 'bank',
			phase: 'lobby',
			question_index: -1,
			created_at: ctx.clock.now(),
			updated_at: ctx.clock.now()
		});
		const questions = await listGameQuestions(ctx.db, result.gameId);
		expect(questions.map((q) => q.position)).toEqual([0, 1, 2]);
		expect(questions.map((q) => q.question_id)).toEqual(picked.map((q) => q.id));
		expect(questions.map((q) => q.question_version_id)).toEqual(picked.map((q) => q.versionId));
		expect(questions.map((q) => q.type)).toEqual(['multiple', 'single', 'true_false']);
		for (const [i, q] of questions.entries()) {
			expect(q.text).toBe(picked[i].text);
			expect(q.time_limit_ms).toBe(20_000);
			expect(q.points).toBe(1000);
			const options = JSON.parse(q.options_json) as GameOption[];
			expect(Object.keys(options[0]).sort()).toEqual(['correct', 'text']);
			expect(sortedOptions(options)).toEqual(sortedOptions(picked[i].options));
		}
		// true/false keeps Đúng, Sai in the authored order
		expect(JSON.parse(questions[2].options_json)).toEqual(
			picked[2].options.map(({ text, correct }) => ({ text, correct }))
		);

		const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', result.gameId).execute();
		expect(audit.map((a) => a.action)).toEqual(['live_game.create']);
		expect(audit[0].actor_id).toBe(organizer.id);
	});

	it('shuffles options between games and gives every unfinished game its own PIN', async () => {
		const single = (await bankQuestions())[0];
		const authored = single.options.map((o) => o.text).join('|');
		const orders = new Set<string>();
		const pins = new Set<string>();
		for (let i = 0; i < 12; i++) {
			const result = await createGame(
				ctx,
				organizer,
				fixture.contestId,
				input({ kind: 'bank', bankId: single.bankId, questionIds: [single.id] })
			);
			if (!result.ok) throw new Error(result.reason);
			pins.add(result.pin);
			const [q] = await listGameQuestions(ctx.db, result.gameId);
			orders.add((JSON.parse(q.options_json) as GameOption[]).map((o) => o.text).join('|'));
		}
		expect(pins.size).toBe(12);
		// 12 games all in the authored order of 4 options: a chance of 1 in 24^12
		expect([...orders].some((o) => o !== authored)).toBe(true);
	});

	it('draws N random active questions of a topic, and stores no streak bonus under accuracy scoring', async () => {
		const bank = await bankQuestions();
		const topicB = bank[3].topicId;
		const inB = bank.filter((q) => q.topicId === topicB);
		expect(inB).toHaveLength(5);
		await ctx.db.updateTable('question').set({ status: 'retired' }).where('id', '=', inB[0].id).execute();

		const result = await createGame(
			ctx,
			organizer,
			fixture.contestId,
			input({ kind: 'random', bankId: bank[0].bankId, topicId: topicB, count: 4 }, { scoring: 'accuracy' })
		);
		if (!result.ok) throw new Error(result.reason);
		const questions = await listGameQuestions(ctx.db, result.gameId);
		expect(questions.map((q) => q.question_id).sort()).toEqual(
			inB
				.slice(1)
				.map((q) => q.id)
				.sort()
		);
		const game = (await findGame(ctx.db, result.gameId))!;
		expect(game.scoring).toBe('accuracy');
		expect(game.streak_bonus).toBe(0);
		expect(game.source).toBe('bank');

		const before = await counts();
		expect(
			await createGame(
				ctx,
				organizer,
				fixture.contestId,
				input({ kind: 'random', bankId: bank[0].bankId, topicId: topicB, count: 5 })
			)
		).toEqual({
			ok: false,
			reason: 'not_enough_questions',
			field: 'randomCount',
			params: { count: 5, available: 4 }
		});
		expect(await counts()).toEqual(before);
	});

	it("draws a round's blueprint for a group, with each version's correct flags", async () => {
		const bank = await bankQuestions();
		const byVersion = new Map(bank.map((q) => [q.versionId, q]));
		const result = await createGame(
			ctx,
			organizer,
			fixture.contestId,
			input({ kind: 'round', roundId: fixture.roundId, groupId: fixture.groupIds[1] }, { timeLimitSeconds: 30 })
		);
		if (!result.ok) throw new Error(result.reason);
		expect((await findGame(ctx.db, result.gameId))!.source).toBe('round');
		const questions = await listGameQuestions(ctx.db, result.gameId);
		// the fixture blueprint: 2 easy of topic a, 1 medium and 2 easy of topic b
		expect(questions).toHaveLength(5);
		expect(new Set(questions.map((q) => q.question_id)).size).toBe(5);
		const drawn = questions.map((q) => byVersion.get(q.question_version_id)!);
		const shape = drawn.map((q) => `${q.topicId === bank[0].topicId ? 'a' : 'b'}:${q.difficulty}`).sort();
		expect(shape).toEqual(['a:easy', 'a:easy', 'b:easy', 'b:easy', 'b:medium']);
		for (const [i, q] of questions.entries()) {
			expect(q.question_id).toBe(drawn[i].id);
			expect(q.type).toBe(drawn[i].type);
			expect(q.time_limit_ms).toBe(30_000);
			expect(sortedOptions(JSON.parse(q.options_json) as GameOption[])).toEqual(sortedOptions(drawn[i].options));
		}
	});

	it('refuses bad input and writes nothing', async () => {
		const bank = await bankQuestions();
		const other = await createFixtureContest(ctx, {
			opensAt: ctx.clock.now(),
			closesAt: ctx.clock.now() + MINUTE,
			slug: 'cuoc-thi-khac'
		});
		const otherBank = await bankQuestions(await bankOf(other.roundId));
		const refusals: [GameCreateInput, string, string][] = [
			[input({ kind: 'bank', bankId: bank[0].bankId, questionIds: [] }), 'no_questions', 'questionIds'],
			[input({ kind: 'bank', bankId: 'khong-co', questionIds: [bank[0].id] }), 'bank_not_found', 'bankId'],
			[
				input({ kind: 'bank', bankId: bank[0].bankId, questionIds: [bank[0].id, otherBank[0].id] }),
				'question_unavailable',
				'questionIds'
			],
			[input({ kind: 'random', bankId: bank[0].bankId, topicId: 'khong-co', count: 2 }), 'topic_not_found', 'topicId'],
			[input({ kind: 'round', roundId: other.roundId, groupId: fixture.groupIds[0] }), 'round_not_found', 'roundId'],
			[input({ kind: 'round', roundId: fixture.roundId, groupId: other.groupIds[0] }), 'group_not_found', 'groupId']
		];
		for (const [bad, reason, field] of refusals) {
			const result = await createGame(ctx, organizer, fixture.contestId, bad);
			expect(result).toMatchObject({ ok: false, reason, field });
		}
		const unavailable = await createGame(ctx, organizer, fixture.contestId, refusals[2][0]);
		expect(unavailable).toMatchObject({ params: { n: 2 } });

		// an organizer of the other contest may not create games in this one
		const stranger = await organizerOf(other.contestId);
		expect(
			await createGame(
				ctx,
				stranger,
				fixture.contestId,
				input({ kind: 'bank', bankId: bank[0].bankId, questionIds: [bank[0].id] })
			)
		).toMatchObject({ ok: false, reason: 'forbidden' });

		// a blueprint the bank cannot fill any more
		for (const q of bank.filter((q) => q.difficulty === 'medium')) {
			await ctx.db.updateTable('question').set({ status: 'retired' }).where('id', '=', q.id).execute();
		}
		expect(
			await createGame(
				ctx,
				organizer,
				fixture.contestId,
				input({ kind: 'round', roundId: fixture.roundId, groupId: fixture.groupIds[0] })
			)
		).toMatchObject({ ok: false, reason: 'draw_failed', field: 'roundId', params: { needed: 1, available: 0 } });

		expect(await counts()).toEqual({ games: 0, questions: 0, audits: 0 });
	});

	it('reports form errors on the fields the form names', () => {
		const form = new FormData();
		form.set('title', ' x ');
		form.set('source', 'random');
		form.set('bankId', 'b1');
		form.set('topicId', '');
		form.set('randomCount', '0');
		form.set('scoring', 'speed');
		form.set('joinMode', 'both');
		form.set('timeLimitSeconds', '3');
		const parsed = gameCreateSchema.safeParse(gameCreateInput(form));
		expect(parsed.success).toBe(false);
		if (parsed.success) return;
		expect(gameFieldErrors(parsed.error)).toEqual({
			title: 'game_studio.error.title',
			randomCount: 'game_studio.error.random_count',
			timeLimitSeconds: 'game_studio.error.time_limit'
		});

		form.set('title', 'Rung chuông vàng');
		form.set('source', 'bank');
		form.set('timeLimitSeconds', '20');
		const none = gameCreateSchema.safeParse(gameCreateInput(form));
		expect(none.success ? {} : gameFieldErrors(none.error)).toEqual({
			questionIds: 'game_studio.error.questions_none'
		});

		form.append('questionIds', 'q2');
		form.append('questionIds', 'q1');
		form.append('questionIds', 'q2');
		form.set('streakBonus', 'on');
		const ok = gameCreateSchema.parse(gameCreateInput(form));
		expect(ok.source).toEqual({ kind: 'bank', bankId: 'b1', questionIds: ['q2', 'q1'] });
		expect(ok).toMatchObject({ streakBonus: true, lateJoin: false, screenOnly: false, timeLimitSeconds: 20 });
	});
});

describe('editing a game', () => {
	async function lobbyGame(): Promise<string> {
		const bank = await bankQuestions();
		const result = await createGame(
			ctx,
			organizer,
			fixture.contestId,
			input({ kind: 'bank', bankId: bank[0].bankId, questionIds: [bank[0].id, bank[1].id] })
		);
		if (!result.ok) throw new Error(result.reason);
		return result.gameId;
	}

	const update = (overrides: Partial<GameUpdateInput> = {}): GameUpdateInput => ({
		title: 'Vòng chung kết',
		scoring: 'accuracy',
		streakBonus: true,
		joinMode: 'account',
		lateJoin: false,
		screenOnly: true,
		questions: [{ position: 1, timeLimitSeconds: 45, points: 2000 }],
		...overrides
	});

	it('saves settings and per-question limits while the game is in the lobby', async () => {
		const gameId = await lobbyGame();
		ctx.clock.advance(60_000);
		expect(await updateGame(ctx, organizer, gameId, update())).toEqual({ ok: true });
		const game = (await findGame(ctx.db, gameId))!;
		expect(game).toMatchObject({
			title: 'Vòng chung kết',
			scoring: 'accuracy',
			streak_bonus: 0,
			join_mode: 'account',
			late_join: 0,
			screen_only: 1,
			updated_at: ctx.clock.now()
		});
		const questions = await listGameQuestions(ctx.db, gameId);
		expect(questions.map((q) => [q.time_limit_ms, q.points])).toEqual([
			[20_000, 1000],
			[45_000, 2000]
		]);
		const actions = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', gameId).execute();
		expect(actions.map((a) => a.action).sort()).toEqual(['live_game.create', 'live_game.update']);

		expect(
			await updateGame(
				ctx,
				organizer,
				gameId,
				update({ questions: [{ position: 7, timeLimitSeconds: 20, points: 1000 }] })
			)
		).toMatchObject({ ok: false, reason: 'unknown_question', field: 'limit:7' });
	});

	it('announces a saved edit on the event bus, so the live layer re-reads the game, and a refused one not', async () => {
		const gameId = await lobbyGame();
		const edited: string[] = [];
		ctx.events.on('game:edited', (e) => void edited.push(e.gameId));
		expect(await updateGame(ctx, organizer, gameId, update())).toEqual({ ok: true });
		expect(edited).toEqual([gameId]);
		await ctx.db
			.updateTable('live_game')
			.set({ phase: 'question', question_index: 0 })
			.where('id', '=', gameId)
			.execute();
		expect(await updateGame(ctx, organizer, gameId, update())).toMatchObject({ ok: false, reason: 'not_in_lobby' });
		expect(edited).toEqual([gameId]);
	});

	it('refuses once the game has left the lobby, changing nothing', async () => {
		const gameId = await lobbyGame();
		await ctx.db
			.updateTable('live_game')
			.set({ phase: 'question', question_index: 0 })
			.where('id', '=', gameId)
			.execute();
		const before = await findGame(ctx.db, gameId);
		const limits = await listGameQuestions(ctx.db, gameId);
		expect(await updateGame(ctx, organizer, gameId, update())).toEqual({
			ok: false,
			reason: 'not_in_lobby',
			field: 'form'
		});
		expect(await findGame(ctx.db, gameId)).toEqual(before);
		expect(await listGameQuestions(ctx.db, gameId)).toEqual(limits);
	});

	it("refuses another contest's organizer", async () => {
		const gameId = await lobbyGame();
		const other = await createFixtureContest(ctx, {
			opensAt: ctx.clock.now(),
			closesAt: ctx.clock.now() + MINUTE,
			slug: 'cuoc-thi-khac'
		});
		const stranger = await organizerOf(other.contestId);
		expect(await updateGame(ctx, stranger, gameId, update())).toMatchObject({ ok: false, reason: 'forbidden' });
		expect((await findGame(ctx.db, gameId))!.title).toBe('Rung chuông vàng CCHC');
	});

	it('reads per-question limits from the form by position', () => {
		const form = new FormData();
		form.set('title', 'Vòng loại');
		form.set('scoring', 'speed');
		form.set('joinMode', 'nickname');
		form.set('limit:0', '30');
		form.set('points:0', '1000');
		form.set('limit:4', '200');
		form.set('points:4', '50');
		const parsed = gameUpdateSchema.safeParse(gameUpdateInput(form));
		expect(parsed.success ? {} : gameFieldErrors(parsed.error)).toEqual({
			'limit:4': 'game_studio.error.time_limit',
			'points:4': 'game_studio.error.points'
		});
		form.set('limit:4', '10');
		form.set('points:4', '500');
		expect(gameUpdateSchema.parse(gameUpdateInput(form)).questions).toEqual([
			{ position: 0, timeLimitSeconds: 30, points: 1000 },
			{ position: 4, timeLimitSeconds: 10, points: 500 }
		]);
	});
});

describe('results and their workbook', () => {
	interface Played {
		gameId: string;
		pin: string;
		/** per question, the correct option indexes as the game shows them */
		correct: number[][];
		wrong: number[];
	}

	/**
	 * Three questions (the second skipped by the host) and four players: An (signed in, Hà Khánh),
	 * Bình (nickname, Phong Hải), Cúc (nickname, no unit, no answer to question 3), and Dũng, removed.
	 */
	async function playedGame(): Promise<Played> {
		const bank = await bankQuestions();
		const created = await createGame(
			ctx,
			organizer,
			fixture.contestId,
			input({ kind: 'bank', bankId: bank[0].bankId, questionIds: [bank[0].id, bank[1].id, bank[3].id] })
		);
		if (!created.ok) throw new Error(created.reason);
		const { gameId, pin } = created;
		const questions = await listGameQuestions(ctx.db, gameId);
		const correct = questions.map((q) =>
			(JSON.parse(q.options_json) as GameOption[]).flatMap((o, i) => (o.correct ? [i] : []))
		);
		const wrong = questions.map((q) => (JSON.parse(q.options_json) as GameOption[]).findIndex((o) => !o.correct));
		const at = ctx.clock.now();
		const account = await createSignedInUser(ctx, {
			role: 'contestant',
			fullName: 'Nguyễn Văn An',
			phone: '0912345678'
		});
		const players = [
			{ id: 'p-an', user_id: account.userId, nickname: 'Nguyễn Văn An', unit_id: fixture.unitIds[0] },
			{ id: 'p-binh', user_id: null, nickname: 'Bình', unit_id: fixture.unitIds[1] },
			{ id: 'p-cuc', user_id: null, nickname: 'Cúc', unit_id: null },
			{ id: 'p-dung', user_id: null, nickname: 'Dũng', unit_id: fixture.unitIds[0] }
		];
		for (const [i, p] of players.entries()) {
			await insertPlayer(
				ctx.db,
				{ ...p, game_id: gameId, nickname_key: p.nickname.toLowerCase(), token_hash: `t${i}`, joined_at: at + i },
				at + i
			);
		}
		const answer = async (player: string, position: number, choice: number[], ms: number, points: number) =>
			insertAnswer(ctx.db, {
				game_id: gameId,
				player_id: player,
				position,
				choice_json: JSON.stringify(choice),
				correct: JSON.stringify(choice) === JSON.stringify(correct[position]) ? 1 : 0,
				elapsed_ms: ms,
				points,
				received_at: at + 10_000 * (position + 1) + ms
			});
		await answer('p-an', 0, correct[0], 1200, 950);
		await answer('p-binh', 0, [wrong[0]], 800, 0);
		await answer('p-cuc', 0, correct[0], 1000, 960);
		await answer('p-dung', 0, correct[0], 500, 1000);
		await answer('p-an', 1, correct[1], 1500, 0);
		await answer('p-an', 2, correct[2], 3000, 900);
		await answer('p-binh', 2, correct[2], 2000, 930);
		const totals: [string, number, number, number][] = [
			['p-an', 1850, 2, 4200],
			['p-binh', 930, 1, 2000],
			['p-cuc', 960, 1, 1000],
			['p-dung', 5000, 3, 500]
		];
		for (const [id, score, correctCount, time] of totals) {
			await ctx.db
				.updateTable('live_game_player')
				.set({ score, correct_count: correctCount, correct_time_ms: time })
				.where('id', '=', id)
				.execute();
		}
		await ctx.db
			.updateTable('live_game_player')
			.set({ removed_at: at + 5000 })
			.where('id', '=', 'p-dung')
			.execute();
		await ctx.db
			.updateTable('live_game_question')
			.set({ voided: 1 })
			.where('game_id', '=', gameId)
			.where('position', '=', 1)
			.execute();
		await ctx.db
			.updateTable('live_game')
			.set({ phase: 'podium', question_index: 2, started_at: at + 1000, ended_at: at + 60_000 })
			.where('id', '=', gameId)
			.execute();
		return { gameId, pin, correct, wrong };
	}

	async function workbookOf(gameId: string, actor: Actor = organizer): Promise<ExcelJS.Workbook> {
		const out = new PassThrough();
		const chunks: Buffer[] = [];
		out.on('data', (c: Buffer) => chunks.push(c));
		const outcome = await writeGameWorkbook(ctx, actor, gameId, out);
		expect(outcome).toEqual({ ok: true, rows: 3 });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
		return workbook;
	}

	const rows = (sheet: ExcelJS.Worksheet): ExcelJS.CellValue[][] =>
		Array.from({ length: sheet.rowCount }, (_, r) =>
			Array.from({ length: sheet.columnCount }, (_, c) => sheet.getCell(r + 1, c + 1).value ?? null)
		);

	it('ranks the players still in the game, their units and each question', async () => {
		const { gameId } = await playedGame();
		const results = await gameResults(ctx, gameId);
		expect(results.players.map((p) => [p.rank, p.name, p.signedIn, p.unitName, p.score])).toEqual([
			[1, 'Nguyễn Văn An', true, 'Phường Hà Khánh', 1850],
			[2, 'Cúc', false, null, 960],
			[3, 'Bình', false, 'Xã Phong Hải', 930]
		]);
		expect(results.units.map((u) => [u.rank, u.name, u.players, u.meanScore])).toEqual([
			[1, 'Phường Hà Khánh', 1, 1850],
			[2, 'Xã Phong Hải', 1, 930]
		]);
		expect(results.questions.map((q) => [q.position, q.voided, q.answered, q.correct, q.meanElapsedMs])).toEqual([
			[0, false, 3, 2, 1000],
			[1, true, 1, 1, 1500],
			[2, false, 2, 2, 2500]
		]);
		expect(results.answers).toBe(6);
	});

	it('exports the identifier the door asked for, under its label, beside the name', async () => {
		const { gameId } = await playedGame();
		await ctx.db.updateTable('live_game').set({ identifier_label: 'Mã nhân viên' }).where('id', '=', gameId).execute();
		const ids = await ctx.db
			.selectFrom('live_game_player')
			.select(['id', 'nickname'])
			.where('game_id', '=', gameId)
			.execute();
		for (const p of ids) {
			await ctx.db
				.updateTable('live_game_player')
				.set({ identifier: `NV-${p.nickname.length}` })
				.where('id', '=', p.id)
				.execute();
		}
		const ranking = (await workbookOf(gameId)).worksheets[0];
		expect(rows(ranking).map((r) => r.slice(0, 4))).toEqual([
			['Hạng', 'Người chơi', 'Mã nhân viên', 'Tham gia bằng'],
			[1, 'Nguyễn Văn An', 'NV-13', 'Tài khoản'],
			[2, 'Cúc', 'NV-3', 'Biệt danh'],
			[3, 'Bình', 'NV-4', 'Biệt danh']
		]);
	});

	it('exports the ranking, every answer with its letters, the units and the game, without personal data', async () => {
		const { gameId, pin, correct, wrong } = await playedGame();
		const workbook = await workbookOf(gameId);
		expect(workbook.worksheets.map((s) => s.name)).toEqual(['Xếp hạng', 'Chi tiết', 'Đơn vị', 'Thông tin']);
		const [ranking, detail, units, info] = workbook.worksheets;

		expect(rows(ranking)).toEqual([
			['Hạng', 'Người chơi', 'Tham gia bằng', 'Đơn vị', 'Điểm', 'Số câu đúng', 'Thời gian trả lời đúng (giây)'],
			[1, 'Nguyễn Văn An', 'Tài khoản', 'Phường Hà Khánh', 1850, 2, 4.2],
			[2, 'Cúc', 'Biệt danh', null, 960, 1, 1],
			[3, 'Bình', 'Biệt danh', 'Xã Phong Hải', 930, 1, 2]
		]);
		expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
		expect(ranking.getCell(1, 1).font?.bold).toBe(true);
		expect(ranking.autoFilter).toBeTruthy();

		const detailRows = rows(detail);
		expect(detailRows[0]).toEqual([
			'Người chơi',
			'Đơn vị',
			'Câu số',
			'Nội dung câu hỏi',
			'Đáp án đã chọn',
			'Đúng',
			'Thời gian (giây)',
			'Điểm',
			'Ghi chú'
		]);
		expect(detailRows).toHaveLength(1 + 3 * 3);
		const line = (player: string, n: number) => detailRows.find((r) => r[0] === player && r[2] === n)!;
		expect(line('Nguyễn Văn An', 1).slice(4, 9)).toEqual([optionLetters(correct[0]), 'Có', 1.2, 950, null]);
		expect(line('Bình', 1).slice(4, 8)).toEqual([String.fromCharCode(65 + wrong[0]), 'Không', 0.8, 0]);
		expect(line('Nguyễn Văn An', 2)[8]).toBe('Câu bị bỏ qua, không tính điểm');
		expect(line('Nguyễn Văn An', 2)[7]).toBe(0);
		// Cúc never answered question 3: an empty answer, no time, no points
		expect(line('Cúc', 3).slice(4, 8)).toEqual([null, null, null, 0]);
		expect(detailRows.slice(1).map((r) => r[0])).toEqual([
			...Array(3).fill('Nguyễn Văn An'),
			...Array(3).fill('Cúc'),
			...Array(3).fill('Bình')
		]);
		expect(optionLetters([0, 2])).toBe('A, C');

		expect(rows(units).slice(1)).toEqual([
			[1, 'Phường Hà Khánh', 1, 1850, 1850],
			[2, 'Xã Phong Hải', 1, 930, 930]
		]);
		const about = new Map(rows(info).map((r) => [r[0], r[1]]));
		expect(about.get('Trò chơi')).toBe('Rung chuông vàng CCHC');
		expect(about.get('Cuộc thi')).toBe('Cuộc thi thử nghiệm');
		expect(about.get('Mã PIN')).toBe(pin);
		expect(about.get('Số người chơi')).toBe(3);
		expect(String(about.get('Cách tính điểm'))).toMatch(/^Tốc độ/);
		// 16/11/2026 10:00 in Vietnam, as Excel shows a wall-clock time
		expect(about.get('Tạo lúc')).toEqual(new Date(Date.UTC(2026, 10, 16, 10, 0)));
		expect(info.getCell(7 + 1, 2).numFmt).toBe('dd/mm/yyyy hh:mm');

		const everything = workbook.worksheets.flatMap((s) => rows(s).flat().map(String)).join('\n');
		expect(everything).not.toMatch(/0912345678|điện thoại|email|ngày sinh|Dũng/i);

		const audit = await ctx.db.selectFrom('audit_log').selectAll().where('action', '=', 'live_game.export').execute();
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actor_id: organizer.id, entity_id: gameId });
	});

	describe('the download', () => {
		type Event = Parameters<typeof GET>[0];
		const user = (actor: Actor): SessionUser => ({
			id: actor.id,
			role: actor.role,
			fullName: 'Ban tổ chức',
			phone: '0900'
		});
		const get = (actor: Actor, contestId: string, gameId: string) => {
			const url = new URL(`http://localhost/studio/cuoc-thi/${contestId}/tro-choi/${gameId}/ket-qua.xlsx`);
			return GET({
				locals: { app: ctx, user: user(actor) },
				params: { contestId, gameId },
				request: new Request(url),
				url
			} as unknown as Event);
		};

		it('sends the workbook to the organizers of the contest, named by the PIN', async () => {
			const { gameId, pin } = await playedGame();
			const response = await get(organizer, fixture.contestId, gameId);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tro-choi-${pin}-ket-qua.xlsx"`);
			expect(gameExportFileName({ pin })).toBe(`tro-choi-${pin}-ket-qua.xlsx`);
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
			expect(workbook.worksheets[0].rowCount).toBe(4);
		});

		it("answers 403 to another contest's organizer and 404 for a game of another contest", async () => {
			const { gameId } = await playedGame();
			const other = await createFixtureContest(ctx, {
				opensAt: ctx.clock.now(),
				closesAt: ctx.clock.now() + MINUTE,
				slug: 'cuoc-thi-khac'
			});
			const stranger = await organizerOf(other.contestId);
			await expect(get(stranger, fixture.contestId, gameId)).rejects.toMatchObject({ status: 403 });
			await expect(get(stranger, other.contestId, gameId)).rejects.toMatchObject({ status: 404 });
			const exports = await ctx.db
				.selectFrom('audit_log')
				.select('id')
				.where('action', '=', 'live_game.export')
				.execute();
			expect(exports).toHaveLength(0);
		});
	});
});
