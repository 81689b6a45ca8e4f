import { resumeAfterRestart, standingUnitOf } from '../../domain/live-game';
import { countedOptions, readStoredAnswer, scoreShare } from '../../domain/live-game-kinds';
import { rankGame, type LoadedQuestion, type Player } from '../../domain/live-game-state';
import type { GameQuestionType } from '../../domain/live-game-views';
import { isScored, settingsFromJson } from '../../domain/question-kinds';
import type { AppContext } from '../context';
import { listContestUnits } from '../units/contest-units';
import {
	findGame,
	listGameAnswers,
	listGamePlayers,
	listGameQuestions,
	saveGameClock,
	type GameOption
} from './game.repository';
import { RunningGame } from './running-game';
import { pictureOf, questionMedia } from '../media/views';
import { loadGameTeams } from './teams.service';

// Loading a live game from the database: what a restart (or another node taking the game over)
// rebuilds in memory before the game's clock runs again.

export async function loadQuestions(ctx: AppContext, gameId: string): Promise<LoadedQuestion[]> {
	return (await listGameQuestions(ctx.db, gameId)).map((q) => {
		const stored = JSON.parse(q.options_json) as GameOption[];
		const media = questionMedia(q);
		const type = q.type as GameQuestionType;
		// a short answer's options are its accepted answers: the key, never shown as options
		const options = type === 'short_text' ? [] : stored;
		const order =
			type === 'ordering'
				? stored
						.map((o, shown) => ({ shown, order: o.order ?? shown }))
						.sort((a, b) => a.order - b.order)
						.map((o) => o.shown)
				: undefined;
		return {
			position: q.position,
			type,
			text: q.text,
			options: options.map((o) => o.text),
			image: media.image ?? null,
			audio: media.audio ?? null,
			optionImages: options.map((o) => pictureOf(o.image)),
			correct: type === 'ordering' ? [] : options.flatMap((o, i) => (o.correct ? [i] : [])),
			...(order ? { order } : {}),
			...(type === 'short_text' ? { accepted: stored.map((o) => o.text) } : {}),
			settings: settingsFromJson(q.settings_json),
			limitMs: q.time_limit_ms,
			points: q.points
		};
	});
}

/**
 * The game as the database holds it: players, totals, the current question's accepted answers,
 * and its clock moved on past the time nobody ran it (written back). No timers yet.
 */
export async function loadGame(ctx: AppContext, gameId: string): Promise<RunningGame | null> {
	const row = await findGame(ctx.db, gameId);
	if (!row) return null;
	const questions = await loadQuestions(ctx, gameId);
	// the contest's units only: a player joins with one of them, standings start at its root
	const units = await listContestUnits(ctx.db, row.contest_id);
	const unitNames = new Map(units.map((u) => [u.id, u.name]));
	const tree = new Map(units.map((u) => [u.id, { parentId: u.parentId }]));
	const game = new RunningGame(row, questions, unitNames, tree);
	game.teams = await loadGameTeams(ctx.db, row);
	for (const p of await listGamePlayers(ctx.db, gameId)) {
		const player: Player = {
			id: p.id,
			userId: p.user_id,
			name: p.nickname,
			unitId: p.unit_id,
			unitName: p.unit_id ? (unitNames.get(p.unit_id) ?? null) : null,
			standingUnitId: standingUnitOf(tree, p.unit_id),
			joinedAt: p.joined_at,
			removed: p.removed_at !== null,
			score: p.score,
			correctCount: p.correct_count,
			streak: p.streak,
			correctTimeMs: p.correct_time_ms,
			tokenHash: p.token_hash,
			identifier: p.identifier,
			teamId: p.team_id,
			sockets: new Set(),
			bestRtt: null,
			rank: null,
			lastResult: null
		};
		game.players.set(p.id, player);
		game.byToken.set(p.token_hash, p.id);
		game.byNickKey.set(p.nickname_key, p.id);
	}
	rankGame(game);
	const q = game.current();
	if (q) {
		game.counts = new Array<number>(q.options.length).fill(0);
		// Answers to the current question already accepted before a restart still count, once; after
		// its reveal they are already in the totals and only rebuild the chart and the results.
		const phase = game.clock.phase;
		if (phase === 'question' || phase === 'reveal' || phase === 'leaderboard') {
			const rule = { preset: row.scoring, streakBonus: row.streak_bonus === 1 };
			for (const a of await listGameAnswers(ctx.db, gameId, q.position)) {
				const player = game.players.get(a.player_id);
				if (!player || player.removed) continue;
				// judged again as when it came: the share, and what the screen groups it by
				const judged = readStoredAnswer(q, a.choice_json);
				const correct = a.correct === 1;
				// the saved streak is the one before this question until its reveal, after it once revealed
				// (a poll or word cloud leaves it as it was)
				const streakBefore =
					phase === 'question' || !isScored(q.type) ? player.streak : correct ? player.streak - 1 : 0;
				const score = scoreShare(rule, q.type, {
					share: judged.share,
					elapsedMs: a.elapsed_ms,
					limitMs: q.limitMs,
					questionPoints: q.points,
					streakBefore
				});
				game.answers.set(a.player_id, { ...judged, correct, elapsedMs: a.elapsed_ms, ...score, points: a.points });
				for (const c of countedOptions(q.type, judged)) game.counts[c] = (game.counts[c] ?? 0) + 1;
				if (phase !== 'question') {
					player.lastResult = { correct, points: a.points, bonus: score.bonus, answered: true };
				}
			}
			if (phase !== 'question') {
				for (const p of game.activePlayers()) {
					p.lastResult ??= { correct: false, points: 0, bonus: 0, answered: false };
				}
			}
		}
	}
	const now = ctx.clock.now();
	const resumed = resumeAfterRestart(game.clock, row.updated_at, now, game.shape);
	if (resumed !== game.clock) {
		game.clock = resumed;
		await saveGameClock(ctx.db, gameId, game.version, resumed, now);
		game.version++;
	}
	return game;
}
