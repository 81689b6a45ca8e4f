import {
	isPaused,
	legalEvents,
	nicknameKey,
	rankPlayers,
	rankUnits,
	type GameClock,
	type GamePhase,
	type GameShape,
	type JoinMode,
	type ScoringPreset
} from './live-game';
import { doorStats, emptyDoorLog, type DoorLog } from './live-game-door';
import { emptyRosterLog, hostCounts, noChanges, type RosterLog } from './live-game-roster';
import { answerKey, kindStats, wordCloud, type JudgedAnswer } from './live-game-kinds';
import { playerTeam, rankGameTeams, stageCodes, teamBoardView, type GameTeams } from './live-game-teams';
import { isScored, publicSettings, type QuestionSettings } from './question-kinds';
import type {
	GameHostView,
	GameRosterChanges,
	GamePlayerPacket,
	GamePlayerSelf,
	GamePlayerView,
	GamePicture,
	GameQuestionType,
	GameQuestionView,
	GameScreenView,
	GameStandingRow,
	GameUnitRow
} from './live-game-views';

// One live game's state in memory and the views built from it: no clock of its own, no timers,
// no database, no sockets. The server (src/lib/server/live-games) loads it, drives it and
// persists each change.

/** The game's settings and saved position, as its database row holds them. */
export interface GameRecord {
	id: string;
	contest_id: string;
	title: string;
	pin: string;
	host_user_id: string;
	scoring: ScoringPreset;
	streak_bonus: number;
	join_mode: JoinMode;
	late_join: number;
	screen_only: number;
	phase: GamePhase;
	question_index: number;
	question_started_at: number | null;
	deadline_at: number | null;
	paused_remaining_ms: number | null;
	updated_at: number;
	/** the door (see live-game-door.ts): no new joins while 1 */
	locked: number;
	max_players: number | null;
	/** the label of the identifier asked at the door; null: none */
	identifier_label: string | null;
	/** 1: nickname players get a generated name */
	generated_names: number;
	question_extra_ms: number;
}

export interface LoadedQuestion {
	position: number;
	type: GameQuestionType;
	text: string;
	options: string[];
	/** the question's picture, sound, and its options' pictures (in the order shown), if any */
	image?: GamePicture | null;
	audio?: string | null;
	optionImages?: (GamePicture | null)[];
	correct: number[];
	/** ordering: the shown indexes in the right order (the key: never in a view before the reveal) */
	order?: number[];
	/** short_text: the accepted answers (the key) */
	accepted?: string[];
	/** the kind's settings (numeric: the answer and tolerance, the key) */
	settings?: QuestionSettings | null;
	limitMs: number;
	points: number;
}

export interface Player {
	id: string;
	userId: string | null;
	name: string;
	unitId: string | null;
	unitName: string | null;
	standingUnitId: string | null;
	joinedAt: number;
	removed: boolean;
	score: number;
	correctCount: number;
	streak: number;
	correctTimeMs: number;
	tokenHash: string;
	/** what the player gave when the host asked for an identifier; the host's eyes only */
	identifier: string | null;
	/** the named team joined (live-game-teams.ts); absent or null without named teams */
	teamId?: string | null;
	sockets: Set<string>;
	/** the smallest round trip the server measured to this player, ms */
	bestRtt: number | null;
	rank: number | null;
	lastResult: GamePlayerSelf['result'];
}

/** An answer taken (see live-game-kinds.ts for `choice`, `text`, `group`, `value` and `share`). */
export interface PendingAnswer extends JudgedAnswer {
	choice: number[];
	/** the whole share earned (a poll or word cloud answer is never correct) */
	correct: boolean;
	elapsedMs: number;
	points: number;
	bonus: number;
	streak: number;
}

export const LOBBY_NAMES = 40;
export const TOP = 10;

/** One game held in memory: the state machine's clock, players and the current question's answers. */
export class GameState<R extends GameRecord = GameRecord> {
	clock: GameClock;
	readonly players = new Map<string, Player>();
	readonly byToken = new Map<string, string>();
	readonly byNickKey = new Map<string, string>();
	/** answers to the current question, by player */
	answers = new Map<string, PendingAnswer>();
	counts: number[] = [];
	seq = 0;
	leaderboard: GameStandingRow[] = [];
	units: GameUnitRow[] = [];
	/** who joined and left since the last host packet */
	readonly rosterLog: RosterLog = emptyRosterLog();
	/** joins and refusals at the door, for the host */
	readonly doorLog: DoorLog = emptyDoorLog();
	/** the game's teams (live-game-teams.ts); null: no teams */
	teams: GameTeams | null = null;

	constructor(
		public row: R,
		public questions: LoadedQuestion[],
		public unitNames: Map<string, string>,
		/** the unit tree, for the unit a player counts for in the standings */
		public tree: Map<string, { parentId: string | null }>
	) {
		this.clock = {
			phase: row.phase,
			index: row.question_index,
			questionStartedAt: row.question_started_at,
			deadline: row.deadline_at,
			pausedRemaining: row.paused_remaining_ms,
			...(row.question_extra_ms > 0 ? { extraMs: row.question_extra_ms } : {})
		};
	}

	get id(): string {
		return this.row.id;
	}

	get shape(): GameShape {
		return { count: this.questions.length, limitMs: (i) => this.questions[i]?.limitMs ?? 0 };
	}

	activePlayers(): Player[] {
		return [...this.players.values()].filter((p) => !p.removed);
	}

	current(): LoadedQuestion | null {
		return this.clock.index >= 0 ? (this.questions[this.clock.index] ?? null) : null;
	}
}

/** Applies the current question's answers to the players' totals; returns who changed. */
export function scoreQuestion(game: GameState): Player[] {
	const changed: Player[] = [];
	// a poll or word cloud scores nobody and leaves the streaks as they were
	const scored = isScored(game.current()?.type ?? 'single');
	for (const p of game.activePlayers()) {
		const a = game.answers.get(p.id);
		if (a) {
			p.score += a.points;
			if (a.correct) {
				p.correctCount++;
				p.correctTimeMs += a.elapsedMs;
			}
			p.streak = a.streak;
			p.lastResult = { correct: a.correct, points: a.points, bonus: a.bonus, answered: true };
			changed.push(p);
		} else {
			p.lastResult = { correct: false, points: 0, bonus: 0, answered: false };
			if (scored && p.streak !== 0) {
				p.streak = 0;
				changed.push(p);
			}
		}
	}
	rankGame(game);
	return changed;
}

export function rankGame(game: GameState): void {
	const ranked = rankPlayers(
		game.activePlayers().map((p) => ({
			id: p.id,
			score: p.score,
			correctCount: p.correctCount,
			correctTimeMs: p.correctTimeMs,
			joinedAt: p.joinedAt,
			player: p
		}))
	);
	ranked.forEach((r, i) => (r.player.rank = i + 1));
	game.leaderboard = ranked.slice(0, TOP).map((r) => standingRow(r.player));
	game.units = rankUnits(game.activePlayers().map((p) => ({ unitId: p.standingUnitId, score: p.score })))
		.slice(0, TOP)
		.map((u, i) => ({
			unitId: u.unitId,
			name: game.unitNames.get(u.unitId) ?? '',
			players: u.players,
			meanScore: u.meanScore,
			rank: i + 1
		}));
	rankGameTeams(game);
}

export function standingRow(p: Player): GameStandingRow {
	return { playerId: p.id, name: p.name, unit: p.unitName, score: p.score, rank: p.rank ?? 0 };
}

export function isHost(game: GameState, user: { id: string } | null): boolean {
	return user !== null && user.id === game.row.host_user_id;
}

/** An account's name made unique in the game: "Nguyễn Văn An (2)" for the second of that name. */
export function uniqueName(game: GameState, name: string): string {
	if (!game.byNickKey.has(nicknameKey(name))) return name;
	for (let n = 2; ; n++) {
		const candidate = `${name} (${n})`;
		if (!game.byNickKey.has(nicknameKey(candidate))) return candidate;
	}
}

// ─── Views ───────────────────────────────────────────────────────────────────────────────────

function questionView(game: GameState, forPlayers: boolean): GameQuestionView | null {
	const q = game.current();
	if (!q || game.clock.phase === 'lobby' || game.clock.phase === 'podium') return null;
	const hide = forPlayers && game.row.screen_only === 1;
	return {
		index: q.position,
		total: game.questions.length,
		type: q.type,
		text: hide ? null : q.text,
		options: hide ? null : q.options,
		...(q.image ? { image: hide ? null : q.image } : {}),
		...(q.audio ? { audio: hide ? null : q.audio } : {}),
		...(q.optionImages?.some(Boolean) ? { optionImages: hide ? null : q.optionImages } : {}),
		...(q.type === 'numeric' ? { settings: publicSettings(q.type, q.settings) } : {}),
		optionCount: q.options.length,
		limitMs: q.limitMs,
		startedAt: game.clock.questionStartedAt,
		deadline: game.clock.deadline,
		pausedRemaining: game.clock.pausedRemaining
	};
}

function revealed(game: GameState): boolean {
	return game.clock.phase === 'reveal' || game.clock.phase === 'leaderboard';
}

/** The screen's reveal: counts, correct options, and for the new kinds the key and the figures. */
function revealView(game: GameState, q: LoadedQuestion): GameScreenView['reveal'] {
	const key = answerKey(q);
	const stats = key ? kindStats(q, [...game.answers.values()]) : null;
	return {
		correct: q.correct,
		counts: game.counts.slice(),
		answered: game.answers.size,
		...(key ? { key } : {}),
		...(stats ? { stats } : {})
	};
}

export function screenView(game: GameState, now: number): GameScreenView {
	const active = game.activePlayers();
	const standings = game.clock.phase === 'leaderboard' || game.clock.phase === 'podium';
	const q = game.current();
	return {
		gameId: game.id,
		title: game.row.title,
		pin: game.row.pin,
		phase: game.clock.phase,
		scoring: game.row.scoring,
		locked: game.row.locked === 1,
		paused: isPaused(game.clock),
		players: active.length,
		lobbyNames: active.slice(-LOBBY_NAMES).map((p) => p.name),
		question: questionView(game, false),
		answered: game.clock.phase === 'question' || revealed(game) ? game.answers.size : 0,
		reveal: revealed(game) && q ? revealView(game, q) : null,
		// a word cloud holds no key: the screen shows it grow while the question runs
		...(q?.type === 'word_cloud' && (game.clock.phase === 'question' || revealed(game))
			? { cloud: wordCloud(game.answers.values()) }
			: {}),
		leaderboard: standings ? game.leaderboard : [],
		units: standings ? game.units : [],
		...(game.teams ? { teams: teamBoardView(game) } : {}),
		seq: game.seq,
		now
	};
}

/**
 * The host console's packet: counts and the changes since the previous packet, never the roster
 * (asked for a page at a time, see live-game-roster.ts). Its `roster` version is the view's seq.
 */
export function hostView(game: GameState, now: number, changes: GameRosterChanges = noChanges()): GameHostView {
	return {
		...screenView(game, now),
		host: {
			counts: hostCounts(game),
			changes,
			roster: game.seq,
			lateJoin: game.row.late_join === 1,
			screenOnly: game.row.screen_only === 1,
			streakBonus: game.row.streak_bonus === 1,
			door: {
				locked: game.row.locked === 1,
				maxPlayers: game.row.max_players,
				identifierLabel: game.row.identifier_label,
				generatedNames: game.row.generated_names === 1,
				...doorStats(game.doorLog, now)
			},
			...(game.teams ? { stageCodes: stageCodes(game) } : {}),
			commands: legalEvents(game.clock, now).filter((e) => e !== 'timeout')
		}
	};
}

export function playerView(game: GameState, now: number): GamePlayerView {
	const q = game.current();
	const key = revealed(game) && q ? answerKey(q) : null;
	return {
		gameId: game.id,
		title: game.row.title,
		phase: game.clock.phase,
		paused: isPaused(game.clock),
		players: game.activePlayers().length,
		question: questionView(game, true),
		correct: revealed(game) && q ? q.correct : null,
		...(key ? { key } : {}),
		podium: game.clock.phase === 'podium' ? game.leaderboard.slice(0, 3) : [],
		now
	};
}

export function playerSelf(game: GameState, p: Player): GamePlayerSelf {
	const inQuestion = game.clock.phase === 'question' || revealed(game);
	const typed = inQuestion ? game.answers.get(p.id)?.text : undefined;
	return {
		playerId: p.id,
		name: p.name,
		unit: p.unitName,
		score: p.score,
		rank: p.rank,
		streak: p.streak,
		answer: inQuestion ? (game.answers.get(p.id)?.choice ?? null) : null,
		...(typed !== undefined ? { typed } : {}),
		result: revealed(game) || game.clock.phase === 'podium' ? p.lastResult : null,
		...(game.teams ? { team: playerTeam(game, p) } : {})
	};
}

export function playerPacket(game: GameState, p: Player, now: number): GamePlayerPacket {
	return { view: playerView(game, now), me: playerSelf(game, p) };
}
