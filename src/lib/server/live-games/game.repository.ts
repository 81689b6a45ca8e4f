import { sql, type Insertable, type Selectable } from 'kysely';
import type { GameClock } from '../../domain/live-game';
import { isPostgres, type Db } from '../db/database';
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
	image?: { media: string; alt: string };
	/** ordering: this item's place in the right order, 0-based (the options are stored as shown) */
	order?: number;
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

/**
 * Games a node must hold in memory after a restart: started and not finished, and nobody else's
 * (no owner, an expired lease, or `node`'s own from before a restart). Without a node: all of them.
 */
export function listRunningGameIds(db: Db, orphanedAt?: { node: string; now: number }): Promise<string[]> {
	let query = db.selectFrom('live_game').select('id').where('phase', 'in', ['question', 'reveal', 'leaderboard']);
	if (orphanedAt) {
		query = query.where((eb) =>
			eb.or([
				eb('owner_node', 'is', null),
				eb('owner_node', '=', orphanedAt.node),
				eb('lease_until', '<', orphanedAt.now)
			])
		);
	}
	return query.execute().then((rows) => rows.map((r) => r.id));
}

/** The game's questions, with the picture and sound of the version each one shows. */
export function listGameQuestions(db: Db, gameId: string) {
	return db
		.selectFrom('live_game_question')
		.leftJoin('question_version', 'question_version.id', 'live_game_question.question_version_id')
		.selectAll('live_game_question')
		.select(['question_version.image_media_id', 'question_version.image_alt', 'question_version.audio_media_id'])
		.where('live_game_question.game_id', '=', gameId)
		.orderBy('live_game_question.position')
		.execute();
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

/**
 * The game's row changed under this node: another node took the game over (its lease expired) or
 * moved it on. Nothing was written; the game must be reloaded from the database by its owner.
 */
export class GameVersionConflict extends Error {
	constructor(readonly gameId: string) {
		super(`Live game ${gameId} changed under this node`);
		this.name = 'GameVersionConflict';
	}
}

/** Rows one UPDATE of the players' totals carries at most (5 parameters a row; SQLite takes 32,766). */
export const TOTALS_MAX_ROWS = 1_000;

/**
 * Writes the state machine's position, if the game is still at `version` (then at version + 1);
 * `players` are the totals that changed with it (a reveal), written in a few set-based UPDATEs
 * whatever the number of players. Throws GameVersionConflict, writing nothing, when the version moved.
 */
export async function saveGameClock(
	db: Db,
	gameId: string,
	version: number,
	clock: GameClock,
	at: number,
	extra: { startedAt?: number; endedAt?: number; voidPosition?: number } = {},
	players: Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>[] = [],
	/** players written per statement (5 parameters a row), the event loop let through in between */
	sliceSize = SLICE_SIZE
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const updated = await trx
			.updateTable('live_game')
			.set((eb) => ({
				phase: clock.phase,
				question_index: clock.index,
				question_started_at: clock.questionStartedAt,
				deadline_at: clock.deadline,
				paused_remaining_ms: clock.pausedRemaining,
				question_extra_ms: clock.extraMs ?? 0,
				updated_at: at,
				version: eb('version', '+', 1),
				...(extra.startedAt !== undefined ? { started_at: extra.startedAt } : {}),
				...(extra.endedAt !== undefined ? { ended_at: extra.endedAt } : {})
			}))
			.where('id', '=', gameId)
			.where('version', '=', version)
			.executeTakeFirst();
		if (Number(updated.numUpdatedRows) !== 1) throw new GameVersionConflict(gameId);
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
		if (isPostgres(db)) {
			// PostgreSQL: one statement for every player, the totals as five arrays (five parameters
			// whatever the players; at 10,000 players statements of VALUES rows took 10–50 round trips
			// and building them held the owner before the results went out)
			await updatePlayerTotalsPg(trx, gameId, players);
			return;
		}
		// SQLite: a statement per slice of players, the event loop let through between slices (SQLite
		// runs each statement synchronously: 10,000 players' totals in one go held the process)
		await forEachSlice(players, Math.min(sliceSize, TOTALS_MAX_ROWS), (slice) =>
			updatePlayerTotals(trx, gameId, slice)
		);
	});
}

/**
 * One UPDATE for many players' totals: a VALUES list joined on the player's id (UPDATE … FROM, in
 * SQLite since 3.33 and in PostgreSQL). The casts type the parameters for PostgreSQL; SQLite reads
 * them as integer affinity.
 */
async function updatePlayerTotals(
	db: Db,
	gameId: string,
	rows: readonly Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>[]
): Promise<void> {
	if (rows.length === 0) return;
	const values = sql.join(
		rows.map(
			(r) =>
				sql`(${r.id}, cast(${r.score} as bigint), cast(${r.correct_count} as bigint), cast(${r.streak} as bigint), cast(${r.correct_time_ms} as bigint))`
		)
	);
	await sql`with v(id, score, correct_count, streak, correct_time_ms) as (values ${values})
		update live_game_player set score = v.score, correct_count = v.correct_count, streak = v.streak,
			correct_time_ms = v.correct_time_ms
		from v where live_game_player.id = v.id and live_game_player.game_id = ${gameId}`.execute(db);
}

/** The players' totals on PostgreSQL: one UPDATE … FROM unnest(arrays), whatever the number of players. */
async function updatePlayerTotalsPg(
	db: Db,
	gameId: string,
	rows: readonly Pick<GamePlayerRow, 'id' | 'score' | 'correct_count' | 'streak' | 'correct_time_ms'>[]
): Promise<void> {
	if (rows.length === 0) return;
	await sql`update live_game_player set score = v.score, correct_count = v.correct_count, streak = v.streak,
			correct_time_ms = v.correct_time_ms
		from unnest(cast(${rows.map((r) => r.id)} as text[]), cast(${rows.map((r) => r.score)} as bigint[]),
			cast(${rows.map((r) => r.correct_count)} as bigint[]), cast(${rows.map((r) => r.streak)} as bigint[]),
			cast(${rows.map((r) => r.correct_time_ms)} as bigint[])) as v(id, score, correct_count, streak, correct_time_ms)
		where live_game_player.id = v.id and live_game_player.game_id = ${gameId}`.execute(db);
}

export async function insertPlayer(
	db: Db,
	player: Insertable<LiveGamePlayerTable>,
	at: number,
	owner?: string
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('live_game_player').values(player).execute();
		await touchGame(trx, player.game_id, at, owner);
	});
}

/**
 * The game's last-write time; with an owner, only while that node still holds the game (a node that
 * lost it writes no answer or player). Not the version: answers come in while the owner moves the
 * game on, and an answer the move made late is refused by the game's own rules, not by the database.
 */
async function touchGame(db: Db, gameId: string, at: number, owner: string | undefined): Promise<void> {
	let update = db.updateTable('live_game').set({ updated_at: at }).where('id', '=', gameId);
	if (owner !== undefined) update = update.where('owner_node', '=', owner);
	const updated = await update.executeTakeFirst();
	if (owner !== undefined && Number(updated.numUpdatedRows) !== 1) throw new GameVersionConflict(gameId);
}

export async function replacePlayerToken(db: Db, playerId: string, tokenHash: string): Promise<void> {
	await db.updateTable('live_game_player').set({ token_hash: tokenHash }).where('id', '=', playerId).execute();
}

/** Players removed by the host (one, or several at once), in one statement. */
export async function markPlayersRemoved(db: Db, playerIds: readonly string[], at: number): Promise<void> {
	if (playerIds.length === 0) return;
	await db
		.updateTable('live_game_player')
		.set({ removed_at: at })
		.where('id', 'in', [...playerIds])
		.where('removed_at', 'is', null)
		.execute();
}

/** The door's settings (lock, cap, identifier, generated names), as the host set them. */
export type GameDoorRow = Pick<GameRow, 'locked' | 'max_players' | 'identifier_label' | 'generated_names'>;

/**
 * Writes the game's door on the version it was built on (a node that lost the game writes nothing:
 * GameVersionConflict); the version moves, as with a phase change.
 */
export async function saveGameDoor(
	db: Db,
	gameId: string,
	version: number,
	door: GameDoorRow,
	at: number
): Promise<void> {
	const updated = await db
		.updateTable('live_game')
		.set((eb) => ({ ...door, updated_at: at, version: eb('version', '+', 1) }))
		.where('id', '=', gameId)
		.where('version', '=', version)
		.executeTakeFirst();
	if (Number(updated.numUpdatedRows) !== 1) throw new GameVersionConflict(gameId);
}

/**
 * One accepted answer; the game's last-write time moves with it (a restart resumes from there).
 * With an owner, written only while that node holds the game.
 */
export async function insertAnswer(db: Db, answer: Insertable<LiveGameAnswerTable>, owner?: string): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await trx.insertInto('live_game_answer').values(answer).execute();
		await touchGame(trx, answer.game_id, answer.received_at, owner);
	});
}

/** Rows one INSERT of answers carries at most (8 parameters a row; SQLite takes 32,766). */
export const ANSWERS_MAX_ROWS = 1_000;

/**
 * Many accepted answers of one game in one transaction: one INSERT, one write to the game's row
 * (at 10,000 players, a transaction per answer queued thousands of writes on that row, and the
 * owner's lease renewal behind them). An answer already stored (the same player, game and
 * question) is skipped, not an error. With an owner, written only while that node holds the game
 * (else GameVersionConflict, nothing written). Returns, per answer in order, whether it was stored.
 */
export async function insertAnswers(
	db: Db,
	gameId: string,
	answers: readonly Insertable<LiveGameAnswerTable>[],
	owner?: string
): Promise<boolean[]> {
	if (answers.length === 0) return [];
	const key = (a: { position: number; player_id: string }) => `${a.position}:${a.player_id}`;
	return db.transaction().execute(async (trx) => {
		const stored = new Set<string>();
		for (let i = 0; i < answers.length; i += ANSWERS_MAX_ROWS) {
			const rows = await trx
				.insertInto('live_game_answer')
				.values(answers.slice(i, i + ANSWERS_MAX_ROWS).map((a) => ({ ...a, game_id: gameId })))
				.onConflict((oc) => oc.columns(['game_id', 'position', 'player_id']).doNothing())
				.returning(['position', 'player_id'])
				.execute();
			for (const r of rows) stored.add(key(r));
		}
		const last = Math.max(...answers.map((a) => Number(a.received_at)));
		await touchGame(trx, gameId, last, owner);
		// the same player twice in one batch: the first one is the stored one
		const seen = new Set<string>();
		return answers.map((a) => {
			const k = key(a);
			const first = stored.has(k) && !seen.has(k);
			seen.add(k);
			return first;
		});
	});
}

// ─── Ownership (several app nodes) ──────────────────────────────────────────────────────────

/**
 * Takes the game's lease for `node` until `until` when it is free, expired or already this node's.
 * Taking it from another node (or from nobody) moves the version, so the former owner's writes fail.
 * Returns the game's version after the claim, or null when another node holds the game (or no game).
 */
export async function claimGameLease(
	db: Db,
	gameId: string,
	node: string,
	now: number,
	until: number,
	/** one node: take it whoever held it (a former process of this node) */
	force = false
): Promise<number | null> {
	return db.transaction().execute(async (trx) => {
		let claim = trx
			.updateTable('live_game')
			.set((eb) => ({
				lease_until: until,
				version: eb
					.case()
					.when('owner_node', '=', node)
					.then(eb.ref('version'))
					.else(eb('version', '+', 1))
					.end(),
				owner_node: node
			}))
			.where('id', '=', gameId);
		if (!force) {
			claim = claim.where((eb) =>
				eb.or([eb('owner_node', 'is', null), eb('owner_node', '=', node), eb('lease_until', '<', now)])
			);
		}
		const taken = await claim.executeTakeFirst();
		if (Number(taken.numUpdatedRows) !== 1) return null;
		const row = await trx.selectFrom('live_game').select('version').where('id', '=', gameId).executeTakeFirst();
		return row?.version ?? null;
	});
}

/** Extends this node's leases; returns the ids it still holds (the others were taken over). */
export async function renewGameLeases(db: Db, node: string, gameIds: string[], until: number): Promise<Set<string>> {
	if (gameIds.length === 0) return new Set();
	const rows = await db
		.updateTable('live_game')
		.set({ lease_until: until })
		.where('owner_node', '=', node)
		.where('id', 'in', gameIds)
		.returning('id')
		.execute();
	return new Set(rows.map((r) => r.id));
}

/** Gives the games up (shutdown): another node may take them at once. */
export async function releaseGameLeases(db: Db, node: string, gameIds: string[]): Promise<void> {
	if (gameIds.length === 0) return;
	await db
		.updateTable('live_game')
		.set({ owner_node: null, lease_until: null })
		.where('owner_node', '=', node)
		.where('id', 'in', gameIds)
		.execute();
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
	'question_version.options_json',
	'question_version.settings_json'
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
