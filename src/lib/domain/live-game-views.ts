import type { GamePhase, ScoringPreset } from './live-game';
import type { DoorStats } from './live-game-door';
import type { GameAnswerKey, GameKindStats, WordCount } from './live-game-kinds';
import type { PublicSettings, QuestionType } from './question-kinds';
import type { GamePlayerTeam, GameTeamBoard } from './live-game-teams';

/** The live game's packets as the screen, the host console and the phones receive them. */

/** Every kind of question may be played live (question-kinds.ts, live-game-kinds.ts). */
export type GameQuestionType = QuestionType;
export type { GameAnswerKey, GameKindStats, WordCount };

/** A picture as the screen and the phones show it: the URL names its content (a hash), never an option. */
export interface GamePicture {
	src: string;
	alt: string;
}

/** The current question as everyone may see it: never which option is correct. */
export interface GameQuestionView {
	/** 0-based */
	index: number;
	total: number;
	type: GameQuestionType;
	/** null on the phones when the host chose "screen only" */
	text: string | null;
	/**
	 * option texts; null on the phones when "screen only" (the buttons show colour and shape).
	 * Ordering: its items, shuffled (never in the right order); numeric, short_text, word_cloud: none.
	 */
	options: string[] | null;
	/** numeric: what the player may see of the settings (bounds, step, unit), never the answer */
	settings?: PublicSettings;
	/** the question's picture (absent: none; null on the phones when "screen only") */
	image?: GamePicture | null;
	/** the question read aloud, a URL (absent: none) */
	audio?: string | null;
	/** each option's picture in the order shown (absent: none has one; null when "screen only") */
	optionImages?: (GamePicture | null)[] | null;
	optionCount: number;
	limitMs: number;
	/** server times, ms: when it was sent (moved by pauses) and its deadline (null while paused) */
	startedAt: number | null;
	deadline: number | null;
	pausedRemaining: number | null;
}

export interface GameRevealView {
	/** correct option indexes: only from the reveal on (poll, ordering and the typed kinds: none) */
	correct: number[];
	/** how many players chose each option (choice kinds and poll) */
	counts: number[];
	answered: number;
	/** ordering, numeric, short_text: the right order, the number, the accepted answers */
	key?: GameAnswerKey;
	/** ordering, numeric, short_text: what the answers were (players all right, numbers, typed) */
	stats?: GameKindStats;
}

export interface GameStandingRow {
	playerId: string;
	name: string;
	unit: string | null;
	score: number;
	rank: number;
}

export interface GameUnitRow {
	unitId: string;
	name: string;
	players: number;
	meanScore: number;
	rank: number;
}

/** What the screen shows (and the host console, which adds `host`). */
export interface GameScreenView {
	gameId: string;
	title: string;
	pin: string;
	phase: GamePhase;
	scoring: ScoringPreset;
	/** the host locked the door: no new joins */
	locked: boolean;
	paused: boolean;
	/** players in the game (removed ones not counted) */
	players: number;
	/** the latest names to join, newest last (lobby) */
	lobbyNames: string[];
	question: GameQuestionView | null;
	/** answers received for the current question */
	answered: number;
	/** from the reveal of the current question on */
	reveal: GameRevealView | null;
	/** word cloud: the words typed so far (folded, filtered, the 50 most given), live while it runs */
	cloud?: WordCount[];
	/** top 10, in the leaderboard and podium phases */
	leaderboard: GameStandingRow[];
	/** top 10 units, in the leaderboard and podium phases */
	units: GameUnitRow[];
	/** team games only (live-game-teams.ts): the team standings of the last ranking, counts in the lobby */
	teams?: GameTeamBoard | null;
	/** the version of this view, per game and process */
	seq: number;
	/** server time of the packet, ms */
	now: number;
}

/** Rows in one page of the host console's roster. */
export const ROSTER_PAGE_SIZE = 50;
/** Players named in one host packet's changes (joined, left); the rest are only counted. */
export const ROSTER_CHANGES_MAX = 20;

export interface GameHostPlayer {
	playerId: string;
	name: string;
	unit: string | null;
	score: number;
	/** place from the last reveal; null before the first one, or for a player who joined since */
	rank: number | null;
	connected: boolean;
	/** answered the current question */
	answered: boolean;
	/** what the player gave when asked for an identifier (host console only) */
	identifier: string | null;
}

/** The numbers the host console always shows, whatever the size of the game. */
export interface GameHostCounts {
	/** players in the game (removed ones not counted) */
	players: number;
	/** players with at least one phone connected */
	connected: number;
	/** answers received for the current question */
	answered: number;
}

/**
 * Who joined and who left (was removed, or lost their last connection) since the previous host
 * packet: at most ROSTER_CHANGES_MAX names each, the newest, the rest counted.
 */
export interface GameRosterChanges {
	joined: { playerId: string; name: string }[];
	left: { playerId: string; name: string }[];
	/** joined and left that the lists leave out */
	joinedMore: number;
	leftMore: number;
}

/** One page of the roster: in join order in the lobby, by rank once the game has started. */
export interface GameRosterPage {
	rows: GameHostPlayer[];
	/** 0-based */
	page: number;
	pageSize: number;
	/** players the query finds (all of them without one) */
	total: number;
	query: string;
	/** the roster version the page was read at (see GameHostView.host.roster) */
	version: number;
}

/**
 * The host console's packet. It carries counts and changes, never the roster: the whole roster
 * at 10,000 players was 1.49 MB a packet, up to four a second. The console asks for the page it
 * shows ('game:roster') and asks again when `roster` moves.
 */
export interface GameHostView extends GameScreenView {
	host: {
		counts: GameHostCounts;
		changes: GameRosterChanges;
		/** moves whenever a roster row may have changed (join, removal, connection, answer, score) */
		roster: number;
		lateJoin: boolean;
		screenOnly: boolean;
		streakBonus: boolean;
		/** the door: lock, cap, identifier asked, generated names, and what came through it */
		door: {
			locked: boolean;
			maxPlayers: number | null;
			identifierLabel: string | null;
			generatedNames: boolean;
		} & DoorStats;
		/** team games only: the stage teams' codes, which the host reads out on stage */
		stageCodes?: { teamId: string; name: string; code: string }[];
		/** the commands the game accepts now */
		commands: string[];
	};
}

/** The player's own line. */
export interface GamePlayerSelf {
	playerId: string;
	name: string;
	unit: string | null;
	score: number;
	/** place among all players, from the last reveal */
	rank: number | null;
	streak: number;
	/** the player's answer to the current question, if any (typed kinds: [] with `typed`) */
	answer: number[] | null;
	/** numeric, short_text, word_cloud: what the player typed */
	typed?: string;
	/** after a reveal: how the player did on that question */
	result: { correct: boolean; points: number; bonus: number; answered: boolean } | null;
	/** team games only: the player's team and its place */
	team?: GamePlayerTeam | null;
}

/** What every phone sees; `me` is added in the packets sent to one player. */
export interface GamePlayerView {
	gameId: string;
	title: string;
	phase: GamePhase;
	paused: boolean;
	players: number;
	question: GameQuestionView | null;
	/** correct option indexes, from the reveal on */
	correct: number[] | null;
	/** ordering, numeric, short_text: the key, from the reveal on (absent: none) */
	key?: GameAnswerKey;
	/** top 3 at the podium */
	podium: GameStandingRow[];
	now: number;
}

export interface GamePlayerPacket {
	view: GamePlayerView;
	me: GamePlayerSelf | null;
}
