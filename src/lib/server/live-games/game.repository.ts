import { sql, type Insertable, type Selectable } from 'kysely';
import type { GameClock } from '../../domain/live-game';
import type { Db } from '../db/database';
import type { LiveGameAnswerTable, LiveGamePlayerTable, LiveGameQuestionTable, LiveGameTable } from '../db/schema';
import { forEachSlice, SLICE_SIZE } from './slices';

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
	players: Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>[] = [],
	/** players written per statement */
	sliceSize = SLICE_SIZE
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
		// One statement per slice of players, not one per player (a round trip each on PostgreSQL),
		// and the event loop let through between slices (SQLite runs them synchronously).
		await forEachSlice(players, sliceSize, (slice) => updatePlayerTotals(trx, slice));
	});
}

type PlayerTotals = Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>;

/** Writes the totals of several players in one statement (SQLite ≥ 3.33 and PostgreSQL: UPDATE … FROM). */
async function updatePlayerTotals(db: Db, players: readonly PlayerTotals[]): Promise<void> {
	if (players.length === 0) return;
	// the casts type the VALUES columns on PostgreSQL, where bare parameters would be text
	const rows = sql.join(
		players.map(
			(p) =>
				sql`(${p.id}, CAST(${p.score} AS BIGINT), CAST(${p.correct_count} AS BIGINT), CAST(${p.streak} AS BIGINT), CAST(${p.correct_time_ms} AS BIGINT))`
		)
	);
	await sql`WITH v (id, score, correct_count, streak, correct_time_ms) AS (VALUES ${rows})
		UPDATE live_game_player
		SET score = v.score, correct_count = v.correct_count, streak = v.streak, correct_time_ms = v.correct_time_ms
		FROM v WHERE live_game_player.id = v.id`.execute(db);
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

// ─── The organizer's studio (game.service.ts) ────────────────────────────────────────────────

/** A game and its questions, without a transaction of its own: the caller's holds its audit row too. */
export async function insertGameRows(
	db: Db,
	game: Insertable<LiveGameTable>,
	questions: Insertable<LiveGameQuestionTable>[]
): Promise<void> {
	await db.insertInto('live_game').values(game).execute();
	for (let i = 0; i < questions.length; i += 100) {
		await db
			.insertInto('live_game_question')
			.values(questions.slice(i, i + 100))
			.execute();
	}
}

/** Active questions of a bank (or of one of its topics), in authored order: what a game may use. */
export function listPickableQuestions(db: Db, bankId: string, topicId: string | null) {
	let query = db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select([
			'question.id',
			'question.topic_id as topicId',
			'question.type',
			'question.difficulty',
			'question_version.text'
		])
		.where('question.bank_id', '=', bankId)
		.where('question.status', '=', 'active');
	if (topicId) query = query.where('question.topic_id', '=', topicId);
	return query.orderBy('question.position').orderBy('question.id').execute();
}

const VERSION_COLUMNS = [
	'question.id as questionId',
	'question.bank_id as bankId',
	'question.status',
	'question_version.id as versionId',
	'question_version.type',
	'question_version.text',
	'question_version.options_json'
] as const;

/** The current versions of these questions; the caller checks their bank and status. */
export function listCurrentVersions(db: Db, questionIds: readonly string[]) {
	return db
		.selectFrom('question')
		.innerJoin('question_version', 'question_version.id', 'question.current_version_id')
		.select(VERSION_COLUMNS)
		.where('question.id', 'in', questionIds.length ? [...questionIds] : [''])
		.execute();
}

/** These question versions (what a round's draw picked), with their question's bank and status. */
export function listQuestionVersions(db: Db, versionIds: readonly string[]) {
	return db
		.selectFrom('question_version')
		.innerJoin('question', 'question.id', 'question_version.question_id')
		.select(VERSION_COLUMNS)
		.where('question_version.id', 'in', versionIds.length ? [...versionIds] : [''])
		.execute();
}

export type GameSettingsPatch = Pick<
	Insertable<LiveGameTable>,
	'title' | 'scoring' | 'streak_bonus' | 'join_mode' | 'late_join' | 'screen_only'
>;

/**
 * A lobby game's settings and question limits, without a transaction of its own. False (and
 * nothing written) when the game is not in the lobby any more: the phase is checked by the update.
 */
export async function updateLobbyGame(
	db: Db,
	gameId: string,
	settings: GameSettingsPatch,
	limits: { position: number; timeLimitMs: number; points: number }[],
	at: number
): Promise<boolean> {
	const updated = await db
		.updateTable('live_game')
		.set({ ...settings, updated_at: at })
		.where('id', '=', gameId)
		.where('phase', '=', 'lobby')
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) === 0) return false;
	for (const l of limits) {
		await db
			.updateTable('live_game_question')
			.set({ time_limit_ms: l.timeLimitMs, points: l.points })
			.where('game_id', '=', gameId)
			.where('position', '=', l.position)
			.execute();
	}
	return true;
}
