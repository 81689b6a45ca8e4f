import type { Insertable, Selectable } from 'kysely';
import type { GameClock } from '../../domain/live-game';
import type { Db } from '../db/database';
import type { LiveGameAnswerTable, LiveGamePlayerTable, LiveGameQuestionTable, LiveGameTable } from '../db/schema';

export type GameRow = Selectable<LiveGameTable>;
export type GameQuestionRow = Selectable<LiveGameQuestionTable>;
export type GamePlayerRow = Selectable<LiveGamePlayerTable>;
export type GameAnswerRow = Selectable<LiveGameAnswerTable>;

/** One option of a game question as stored: the order is the order shown. */
export interface GameOption {
	text: string;
	correct: boolean;
}

export async function insertGame(
	db: Db,
	game: Insertable<LiveGameTable>,
	questions: Insertable<LiveGameQuestionTable>[]
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('live_game').values(game).execute();
		for (let i = 0; i < questions.length; i += 100) {
			await trx
				.insertInto('live_game_question')
				.values(questions.slice(i, i + 100))
				.execute();
		}
	});
}

export function findGame(db: Db, gameId: string): Promise<GameRow | undefined> {
	return db.selectFrom('live_game').selectAll().where('id', '=', gameId).executeTakeFirst();
}

/** The game a PIN opens: only games not yet finished hold a PIN. */
export function findGameByPin(db: Db, pin: string): Promise<GameRow | undefined> {
	return db
		.selectFrom('live_game')
		.selectAll()
		.where('pin', '=', pin)
		.where('phase', '<>', 'podium')
		.executeTakeFirst();
}

export async function pinInUse(db: Db, pin: string): Promise<boolean> {
	return (await findGameByPin(db, pin)) !== undefined;
}

export function listGames(db: Db, contestId: string) {
	return db
		.selectFrom('live_game as g')
		.select((eb) => [
			'g.id',
			'g.title',
			'g.pin',
			'g.phase',
			'g.scoring',
			'g.host_user_id',
			'g.created_at',
			'g.started_at',
			'g.ended_at',
			eb
				.selectFrom('live_game_player as p')
				.whereRef('p.game_id', '=', 'g.id')
				.where('p.removed_at', 'is', null)
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('players'),
			eb
				.selectFrom('live_game_question as q')
				.whereRef('q.game_id', '=', 'g.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('questions')
		])
		.where('g.contest_id', '=', contestId)
		.orderBy('g.created_at', 'desc')
		.execute();
}

/** Games the server must hold in memory after a restart: started and not finished. */
export function listRunningGameIds(db: Db): Promise<string[]> {
	return db
		.selectFrom('live_game')
		.select('id')
		.where('phase', 'in', ['question', 'reveal', 'leaderboard'])
		.execute()
		.then((rows) => rows.map((r) => r.id));
}

export function listGameQuestions(db: Db, gameId: string): Promise<GameQuestionRow[]> {
	return db.selectFrom('live_game_question').selectAll().where('game_id', '=', gameId).orderBy('position').execute();
}

export function listGamePlayers(db: Db, gameId: string): Promise<GamePlayerRow[]> {
	return db
		.selectFrom('live_game_player')
		.selectAll()
		.where('game_id', '=', gameId)
		.orderBy('joined_at')
		.orderBy('id')
		.execute();
}

export function listGameAnswers(db: Db, gameId: string, position?: number): Promise<GameAnswerRow[]> {
	let q = db.selectFrom('live_game_answer').selectAll().where('game_id', '=', gameId);
	if (position !== undefined) q = q.where('position', '=', position);
	return q.orderBy('position').orderBy('received_at').execute();
}

/** Writes the state machine's position; `players` are the totals that changed with it (a reveal). */
export async function saveGameClock(
	db: Db,
	gameId: string,
	clock: GameClock,
	at: number,
	extra: { startedAt?: number; endedAt?: number; voidPosition?: number } = {},
	players: Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>[] = []
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('live_game')
			.set({
				phase: clock.phase,
				question_index: clock.index,
				question_started_at: clock.questionStartedAt,
				deadline_at: clock.deadline,
				paused_remaining_ms: clock.pausedRemaining,
				updated_at: at,
				...(extra.startedAt !== undefined ? { started_at: extra.startedAt } : {}),
				...(extra.endedAt !== undefined ? { ended_at: extra.endedAt } : {})
			})
			.where('id', '=', gameId)
			.execute();
		if (extra.voidPosition !== undefined) {
			await trx
				.updateTable('live_game_question')
				.set({ voided: 1 })
				.where('game_id', '=', gameId)
				.where('position', '=', extra.voidPosition)
				.execute();
			await trx
				.updateTable('live_game_answer')
				.set({ points: 0 })
				.where('game_id', '=', gameId)
				.where('position', '=', extra.voidPosition)
				.execute();
		}
		for (const p of players) {
			await trx
				.updateTable('live_game_player')
				.set({ score: p.score, correct_count: p.correct_count, streak: p.streak, correct_time_ms: p.correct_time_ms })
				.where('id', '=', p.id)
				.execute();
		}
	});
}

export async function insertPlayer(db: Db, player: Insertable<LiveGamePlayerTable>, at: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('live_game_player').values(player).execute();
		await trx.updateTable('live_game').set({ updated_at: at }).where('id', '=', player.game_id).execute();
	});
}

export async function replacePlayerToken(db: Db, playerId: string, tokenHash: string): Promise<void> {
	await db.updateTable('live_game_player').set({ token_hash: tokenHash }).where('id', '=', playerId).execute();
}

export async function markPlayerRemoved(db: Db, playerId: string, at: number): Promise<void> {
	await db.updateTable('live_game_player').set({ removed_at: at }).where('id', '=', playerId).execute();
}

/** One accepted answer; the game's last-write time moves with it (a restart resumes from there). */
export async function insertAnswer(db: Db, answer: Insertable<LiveGameAnswerTable>): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('live_game_answer').values(answer).execute();
		await trx
			.updateTable('live_game')
			.set({ updated_at: answer.received_at })
			.where('id', '=', answer.game_id)
			.execute();
	});
}

export async function updateQuestionLimits(
	db: Db,
	gameId: string,
	limits: { position: number; timeLimitMs: number; points: number }[]
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		for (const l of limits) {
			await trx
				.updateTable('live_game_question')
				.set({ time_limit_ms: l.timeLimitMs, points: l.points })
				.where('game_id', '=', gameId)
				.where('position', '=', l.position)
				.execute();
		}
	});
}
