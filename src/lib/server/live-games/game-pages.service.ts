import { settingsFromJson } from '../../domain/question-kinds';
import type { AppContext } from '../context';
import { findContestById, listGroups, listRounds } from '../contests/contest.repository';
import { listBanksFor, type Actor } from '../questions/bank-access';
import { listTopics } from '../questions/question.repository';
import { listContestUnitOptions } from '../units/unit.service';
import { findRegistration, findUserById } from '../users/user.repository';
import {
	findGame,
	listGameQuestions,
	listGames,
	listPickableQuestions,
	type GameOption,
	type GameRow
} from './game.repository';
import { gameResults } from './game.service';
import { listJoinTeams } from './teams.service';

// What the pages around a live game show: the studio's list and detail, the host console, the
// player's phone and the screen. The running game itself is live-games.ts, over Socket.IO.

/** Top rows of the results shown on the studio's page; the workbook has them all. */
const TOP = 10;

export function findGameById(ctx: AppContext, gameId: string): Promise<GameRow | undefined> {
	return findGame(ctx.db, gameId);
}

/** The game, when it belongs to the contest of the URL; null otherwise (a 404, not a 403). */
export async function findGameOfContest(ctx: AppContext, contestId: string, gameId: string): Promise<GameRow | null> {
	const game = await findGame(ctx.db, gameId);
	return game && game.contest_id === contestId ? game : null;
}

/** The contest's live games, and what the form that creates one picks from. */
export async function getGamesPage(ctx: AppContext, actor: Actor, contestId: string, wantedBankId: string | null) {
	const { db } = ctx;
	const contest = await findContestById(db, contestId);
	if (!contest) return null;
	const [games, banks, rounds, groups] = await Promise.all([
		listGames(db, contest.id),
		// only the banks the organizer may open
		listBanksFor(db, actor),
		listRounds(db, contest.id),
		listGroups(db, contest.id)
	]);
	const bankId = banks.find((b) => b.id === wantedBankId)?.id ?? banks[0]?.id ?? '';
	const [topics, questions] = bankId
		? await Promise.all([listTopics(db, bankId), listPickableQuestions(db, bankId, null)])
		: [[], []];
	return {
		contest: { id: contest.id, title: contest.title },
		games: games.map((g) => ({
			id: g.id,
			title: g.title,
			pin: g.pin,
			phase: g.phase,
			players: Number(g.players ?? 0),
			questions: Number(g.questions ?? 0),
			createdAt: g.created_at
		})),
		banks: banks.map((b) => ({ id: b.id, name: b.name, questionCount: b.questionCount })),
		bankId,
		topics: topics.map((t) => ({ id: t.id, name: t.name })),
		questions,
		rounds: rounds.map((r) => ({ id: r.id, name: r.name })),
		groups: groups.map((g) => ({ id: g.id, name: g.name }))
	};
}

/** A game of the contest in the studio: settings, questions with their keys, top results. */
export async function getGameStudioPage(ctx: AppContext, contestId: string, gameId: string, viewerId: string | null) {
	const { db } = ctx;
	const game = await findGameOfContest(ctx, contestId, gameId);
	if (!game) return null;
	const [contest, questions, host, results] = await Promise.all([
		findContestById(db, game.contest_id),
		listGameQuestions(db, game.id),
		findUserById(db, game.host_user_id),
		gameResults(ctx, game.id)
	]);
	return {
		contest: { id: game.contest_id, title: contest?.title ?? '' },
		game: {
			id: game.id,
			title: game.title,
			pin: game.pin,
			phase: game.phase,
			scoring: game.scoring,
			streakBonus: game.streak_bonus === 1,
			joinMode: game.join_mode,
			lateJoin: game.late_join === 1,
			screenOnly: game.screen_only === 1,
			source: game.source,
			createdAt: game.created_at,
			startedAt: game.started_at,
			endedAt: game.ended_at,
			hostName: host?.full_name ?? ''
		},
		isHost: viewerId === game.host_user_id,
		questions: questions.map((q) => ({
			position: q.position,
			type: q.type,
			text: q.text,
			// an ordering's items as the organizer needs them: in the right order (stored as shown)
			options: ((o: GameOption[]) =>
				q.type === 'ordering' ? o.slice().sort((a, b) => (a.order ?? 0) - (b.order ?? 0)) : o)(
				JSON.parse(q.options_json) as GameOption[]
			),
			// a number's key: the answer, its tolerance and unit (the other kinds' keys are their options)
			numeric: ((n) => (n ? { answer: n.answer, tolerance: n.tolerance, unit: n.unit ?? '' } : null))(
				q.type === 'numeric' ? settingsFromJson(q.settings_json)?.numeric : undefined
			),
			timeLimitSeconds: q.time_limit_ms / 1000,
			points: q.points,
			voided: q.voided === 1
		})),
		players: results.players.length,
		results:
			results.answers > 0
				? {
						players: results.players.slice(0, TOP),
						units: results.units.slice(0, TOP),
						questions: results.questions
					}
				: null
	};
}

/** The host's full name, for a manager who is not the game's host. */
export async function gameHostName(ctx: AppContext, game: Pick<GameRow, 'host_user_id'>): Promise<string | null> {
	const host = await findUserById(ctx.db, game.host_user_id);
	return host?.full_name ?? null;
}

/** What a player's phone needs to join: the game's join rules, the viewer's registered unit, the units. */
export async function getPlayerJoinPage(ctx: AppContext, gameId: string, viewerId: string | null) {
	const game = await findGame(ctx.db, gameId);
	if (!game) return null;
	const [registration, units, teams] = await Promise.all([
		viewerId ? findRegistration(ctx.db, game.contest_id, viewerId) : undefined,
		// the join form offers the contest's own part of the unit tree
		listContestUnitOptions(ctx, game.contest_id),
		// team games: the hall's teams to pick from (never a stage team's code)
		listJoinTeams(ctx.db, game)
	]);
	return {
		game: {
			id: game.id,
			title: game.title,
			joinMode: game.join_mode,
			lateJoin: game.late_join === 1,
			started: game.phase !== 'lobby',
			ended: game.phase === 'podium',
			/** the door asks each player for this (its label); null: nothing asked */
			identifierLabel: game.identifier_label,
			/** nickname players get a generated name */
			generatedNames: game.generated_names === 1
		},
		registeredUnit: registration ? { id: registration.unitId, name: registration.unitName } : null,
		units,
		teams
	};
}
