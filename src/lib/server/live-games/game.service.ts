import { randomInt } from 'node:crypto';
import { isScored, type QuestionType } from '../../domain/question-kinds';
import { DEFAULT_SPEED_POINTS, makePin, rankPlayers, rankUnits, standingUnitOf } from '../../domain/live-game';
import {
	MAX_GAME_QUESTIONS,
	type GameCreateInput,
	type GameSettingsInput,
	type GameUpdateInput
} from '../../schemas/live-game';
import { recordAudit } from '../audit/audit.repository';
import type { AppContext } from '../context';
import { canManageContest, type Actor } from '../contests/contest-access';
import { findContestById } from '../contests/contest.repository';
import type { Db } from '../db/database';
import { newId } from '../ids';
import { listContestUnits } from '../units/contest-units';
import {
	findGame,
	insertGameRows,
	listGameAnswers,
	listGamePlayers,
	listGameQuestions,
	pinInUse,
	updateLobbyGame,
	type GameSettingsPatch
} from './game.repository';
import { gameOptions, pickFromBank, pickFromRound, refuse, type GameFailure } from './game-questions';

// The organizer's side of live games: creating a game from a bank or a round's draw, editing it
// while it waits in the lobby, and its results once played. The running game is live-games.ts.

export type { GameFailure, GameFailureReason } from './game-questions';

function settingsPatch(input: GameSettingsInput): GameSettingsPatch {
	return {
		title: input.title,
		scoring: input.scoring,
		// the streak bonus only exists under speed scoring
		streak_bonus: input.scoring === 'speed' && input.streakBonus ? 1 : 0,
		join_mode: input.joinMode,
		late_join: input.lateJoin ? 1 : 0,
		screen_only: input.screenOnly ? 1 : 0
	};
}

/** A PIN no unfinished game holds. The unique index has the last word (a race is retried). */
async function freePin(db: Db): Promise<string> {
	for (let i = 0; i < 50; i++) {
		const pin = makePin(randomInt);
		if (!(await pinInUse(db, pin))) return pin;
	}
	throw new Error('no free game PIN after 50 tries');
}

const isPinTaken = (error: unknown): boolean => /live_game\.pin|live_game_pin_idx/.test(String(error));

export type CreateGameResult = { ok: true; gameId: string; pin: string } | GameFailure;

/**
 * A new game in the lobby, hosted by its creator. Questions are copied from their current
 * version (active ones only), options shuffled once; nothing is written when anything is refused.
 */
export async function createGame(
	ctx: AppContext,
	actor: Actor,
	contestId: string,
	input: GameCreateInput
): Promise<CreateGameResult> {
	if (!(await canManageContest(ctx.db, actor, contestId))) return refuse('forbidden');
	if (!(await findContestById(ctx.db, contestId))) return refuse('contest_not_found');
	const source = input.source;
	const found =
		source.kind === 'round'
			? await pickFromRound(ctx.db, contestId, source)
			: await pickFromBank(ctx.db, actor, source);
	if (!found.ok) return found;
	const field = source.kind === 'round' ? 'roundId' : source.kind === 'random' ? 'randomCount' : 'questionIds';
	if (found.questions.length === 0) return refuse('no_questions', field);
	if (found.questions.length > MAX_GAME_QUESTIONS) {
		return refuse('too_many_questions', field, { n: found.questions.length, max: MAX_GAME_QUESTIONS });
	}

	const now = ctx.clock.now();
	const gameId = newId();
	const questions = found.questions.map((q, position) => ({
		game_id: gameId,
		position,
		question_id: q.questionId,
		question_version_id: q.versionId,
		type: q.type,
		text: q.text,
		options_json: JSON.stringify(gameOptions(q)),
		settings_json: q.settingsJson,
		time_limit_ms: input.timeLimitSeconds * 1000,
		points: DEFAULT_SPEED_POINTS
	}));
	for (let tries = 0; ; tries++) {
		const pin = await freePin(ctx.db);
		try {
			await ctx.db.transaction().execute(async (trx) => {
				await insertGameRows(
					trx,
					{
						id: gameId,
						contest_id: contestId,
						pin,
						host_user_id: actor.id,
						...settingsPatch(input),
						source: source.kind === 'round' ? 'round' : 'bank',
						phase: 'lobby',
						question_index: -1,
						created_by: actor.id,
						created_at: now,
						updated_at: now
					},
					questions
				);
				await recordAudit(
					trx,
					{
						actorId: actor.id,
						action: 'live_game.create',
						entity: 'live_game',
						entityId: gameId,
						summary: `Tạo trò chơi trực tiếp "${input.title}" (mã PIN ${pin}, ${questions.length} câu hỏi)`,
						detail: { contestId, source: source.kind, questions: questions.length }
					},
					now
				);
			});
			return { ok: true, gameId, pin };
		} catch (error) {
			if (!isPinTaken(error) || tries >= 5) throw error;
		}
	}
}

export type UpdateGameResult = { ok: true } | GameFailure;

/**
 * A lobby game's settings and per-question time limits and points. Refused once the game has
 * started; announces the edit so a process holding the game in memory re-reads it.
 */
export async function updateGame(
	ctx: AppContext,
	actor: Actor,
	gameId: string,
	input: GameUpdateInput
): Promise<UpdateGameResult> {
	const game = await findGame(ctx.db, gameId);
	if (!game) return refuse('game_not_found');
	if (!(await canManageContest(ctx.db, actor, game.contest_id))) return refuse('forbidden');
	if (game.phase !== 'lobby') return refuse('not_in_lobby');
	const positions = new Set((await listGameQuestions(ctx.db, gameId)).map((q) => q.position));
	const unknown = input.questions.find((q) => !positions.has(q.position));
	if (unknown) return refuse('unknown_question', `limit:${unknown.position}`, { n: unknown.position + 1 });

	const now = ctx.clock.now();
	const limits = input.questions.map((q) => ({
		position: q.position,
		timeLimitMs: q.timeLimitSeconds * 1000,
		points: q.points
	}));
	const saved = await ctx.db.transaction().execute(async (trx) => {
		if (!(await updateLobbyGame(trx, gameId, settingsPatch(input), limits, now))) return false;
		await recordAudit(
			trx,
			{
				actorId: actor.id,
				action: 'live_game.update',
				entity: 'live_game',
				entityId: gameId,
				summary: `Sửa trò chơi trực tiếp "${input.title}" (mã PIN ${game.pin})`,
				detail: { contestId: game.contest_id, questions: limits.length }
			},
			now
		);
		return true;
	});
	// the host may have started the game between the check above and the update
	if (!saved) return refuse('not_in_lobby');
	ctx.events.emit('game:edited', { gameId });
	return { ok: true };
}

export interface GameResultPlayer {
	rank: number;
	id: string;
	name: string;
	/** a signed-in contestant (else a nickname) */
	signedIn: boolean;
	unitId: string | null;
	unitName: string | null;
	score: number;
	correctCount: number;
	/** ms */
	correctTimeMs: number;
	joinedAt: number;
	/** what the player gave when the host asked for an identifier (studio and export only) */
	identifier: string | null;
}

export interface GameResultUnit {
	rank: number;
	unitId: string;
	name: string;
	players: number;
	meanScore: number;
	totalScore: number;
}

export interface GameResultQuestion {
	position: number;
	text: string;
	/** skipped by the host: nobody scored on it */
	voided: boolean;
	/** false for a poll or a word cloud: nobody is right or wrong, `correct` means nothing */
	scored: boolean;
	answered: number;
	correct: number;
	/** mean server-measured time of the answers, ms; null without answers */
	meanElapsedMs: number | null;
}

export interface GameResults {
	players: GameResultPlayer[];
	units: GameResultUnit[];
	questions: GameResultQuestion[];
	/** answers of the players still in the game */
	answers: number;
}

/** Players ranked (removed ones left out), unit standings, and each question's answers. */
export async function gameResults(ctx: AppContext, gameId: string): Promise<GameResults> {
	const { db } = ctx;
	const game = await findGame(db, gameId);
	const [players, answers, questions, units] = await Promise.all([
		listGamePlayers(db, gameId),
		listGameAnswers(db, gameId),
		listGameQuestions(db, gameId),
		game ? listContestUnits(db, game.contest_id) : []
	]);
	const unitNames = new Map(units.map((u) => [u.id, u.name]));
	const tree = new Map(units.map((u) => [u.id, { parentId: u.parentId }]));
	const present = players.filter((p) => p.removed_at === null);
	const ranked = rankPlayers(
		present.map((p) => ({
			id: p.id,
			name: p.nickname,
			signedIn: p.user_id !== null,
			unitId: p.unit_id,
			unitName: p.unit_id ? (unitNames.get(p.unit_id) ?? null) : null,
			score: p.score,
			correctCount: p.correct_count,
			correctTimeMs: Number(p.correct_time_ms),
			joinedAt: Number(p.joined_at),
			identifier: p.identifier
		}))
	).map((p, i) => ({ rank: i + 1, ...p }));
	const standings = rankUnits(ranked.map((p) => ({ unitId: standingUnitOf(tree, p.unitId), score: p.score })));
	const presentIds = new Set(present.map((p) => p.id));
	const byPosition = new Map<number, { answered: number; correct: number; elapsed: number }>();
	let counted = 0;
	for (const a of answers) {
		if (!presentIds.has(a.player_id)) continue;
		const q = byPosition.get(a.position) ?? { answered: 0, correct: 0, elapsed: 0 };
		q.answered++;
		q.correct += a.correct === 1 ? 1 : 0;
		q.elapsed += a.elapsed_ms;
		byPosition.set(a.position, q);
		counted++;
	}
	return {
		players: ranked,
		units: standings.map((u, i) => ({ rank: i + 1, name: unitNames.get(u.unitId) ?? '', ...u })),
		questions: questions.map((q) => {
			const stats = byPosition.get(q.position) ?? { answered: 0, correct: 0, elapsed: 0 };
			return {
				position: q.position,
				text: q.text,
				voided: q.voided === 1,
				scored: isScored(q.type as QuestionType),
				answered: stats.answered,
				correct: stats.correct,
				meanElapsedMs: stats.answered ? Math.round(stats.elapsed / stats.answered) : null
			};
		}),
		answers: counted
	};
}
