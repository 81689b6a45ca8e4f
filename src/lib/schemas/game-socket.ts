import { z } from 'zod';
import { GAME_COMMANDS, NICKNAME_MAX, type GamePhase, type ScoringPreset } from '../domain/live-game';

// The live game's socket contract, shared by the server and the three views (host console,
// screen, player). Every event a browser sends is parsed with these schemas on the server.

const id = z.string().min(1).max(64);

export const gameJoinSchema = z.object({
	gameId: id,
	/** true: join as the signed-in contestant (name and unit from the account) */
	asAccount: z.boolean().default(false),
	nickname: z
		.string()
		.max(NICKNAME_MAX * 4)
		.optional(),
	unitId: id.optional()
});
export type GameJoin = z.input<typeof gameJoinSchema>;

export const gameRejoinSchema = z.object({ gameId: id, token: z.string().min(16).max(128) });
export type GameRejoin = z.infer<typeof gameRejoinSchema>;

export const gameAnswerSchema = z.object({
	gameId: id,
	/** the question the player is answering, 0-based */
	position: z.number().int().min(0).max(1000),
	/** chosen option indexes */
	choice: z.array(z.number().int().min(0).max(15)).min(1).max(16)
});
export type GameAnswer = z.infer<typeof gameAnswerSchema>;

export const gameWatchSchema = z.object({ gameId: id, role: z.enum(['screen', 'host']) });
export type GameWatch = z.infer<typeof gameWatchSchema>;

export const gameCommandSchema = z.object({ gameId: id, command: z.enum(GAME_COMMANDS as [string, ...string[]]) });
export type GameCommandPayload = z.infer<typeof gameCommandSchema>;

export const gameRemoveSchema = z.object({ gameId: id, playerId: id });
export type GameRemove = z.infer<typeof gameRemoveSchema>;

/** Rows in one page of the host console's roster. */
export const ROSTER_PAGE_SIZE = 50;
/** Players named in one host packet's changes (joined, left); the rest are only counted. */
export const ROSTER_CHANGES_MAX = 20;

/** The host asks for one page of the roster, optionally of the players a search finds. */
export const gameRosterSchema = z.object({
	gameId: id,
	/** 0-based */
	page: z.number().int().min(0).max(100_000).default(0),
	/** part of a name or a unit, diacritics and case ignored */
	query: z.string().max(64).default('')
});
export type GameRosterRequest = z.input<typeof gameRosterSchema>;

// ─── Views ───────────────────────────────────────────────────────────────────────────────────

export type GameQuestionType = 'single' | 'multiple' | 'true_false';

/** The current question as everyone may see it: never which option is correct. */
export interface GameQuestionView {
	/** 0-based */
	index: number;
	total: number;
	type: GameQuestionType;
	/** null on the phones when the host chose "screen only" */
	text: string | null;
	/** option texts; null on the phones when "screen only" (the buttons show colour and shape) */
	options: string[] | null;
	optionCount: number;
	limitMs: number;
	/** server times, ms: when it was sent (moved by pauses) and its deadline (null while paused) */
	startedAt: number | null;
	deadline: number | null;
	pausedRemaining: number | null;
}

export interface GameRevealView {
	/** correct option indexes: only from the reveal on */
	correct: number[];
	/** how many players chose each option */
	counts: number[];
	answered: number;
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
	/** top 10, in the leaderboard and podium phases */
	leaderboard: GameStandingRow[];
	/** top 10 units, in the leaderboard and podium phases */
	units: GameUnitRow[];
	/** the version of this view, per game and process */
	seq: number;
	/** server time of the packet, ms */
	now: number;
}

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
	/** the player's answer to the current question, if any */
	answer: number[] | null;
	/** after a reveal: how the player did on that question */
	result: { correct: boolean; points: number; bonus: number; answered: boolean } | null;
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
	/** top 3 at the podium */
	podium: GameStandingRow[];
	now: number;
}

export interface GamePlayerPacket {
	view: GamePlayerView;
	me: GamePlayerSelf | null;
}

export type GameJoinRefusal =
	| 'invalid'
	| 'not_found'
	| 'closed'
	| 'ended'
	| 'login_required'
	| 'nickname_not_allowed'
	| 'nickname_empty'
	| 'nickname_too_long'
	| 'nickname_unsafe'
	| 'nickname_abusive'
	| 'nickname_taken'
	| 'unit_required'
	| 'removed'
	| 'throttled'
	| 'unavailable';

export type GameJoinReply =
	{ ok: true; playerId: string; token: string; packet: GamePlayerPacket } | { ok: false; reason: GameJoinRefusal };

export type GameAnswerReply =
	| { ok: true; elapsedMs: number }
	| {
			ok: false;
			reason:
				| 'invalid'
				| 'not_joined'
				| 'not_in_question'
				| 'paused'
				| 'wrong_question'
				| 'late'
				| 'duplicate'
				| 'invalid_choice'
				| 'throttled'
				| 'unavailable';
	  };

export type GameWatchReply =
	| { ok: true; view: GameScreenView | GameHostView }
	| { ok: false; reason: 'invalid' | 'not_found' | 'forbidden' | 'throttled' | 'unavailable' };

export type GameRosterReply =
	| { ok: true; roster: GameRosterPage }
	| { ok: false; reason: 'invalid' | 'not_found' | 'forbidden' | 'throttled' | 'unavailable' };

export type GameCommandReply =
	{ ok: true } | { ok: false; reason: 'invalid' | 'not_found' | 'forbidden' | 'illegal' | 'throttled' | 'unavailable' };

export interface GameServerToClientEvents {
	'game:player': (packet: GamePlayerPacket) => void;
	'game:screen': (view: GameScreenView) => void;
	'game:host': (view: GameHostView) => void;
	/** the host removed this player */
	'game:removed': (payload: { gameId: string }) => void;
	/** answered at once: the server measures the round trip */
	'game:ping': (ack: () => void) => void;
}

export interface GameClientToServerEvents {
	'game:join': (payload: GameJoin, ack: (reply: GameJoinReply) => void) => void;
	'game:rejoin': (payload: GameRejoin, ack: (reply: GameJoinReply) => void) => void;
	'game:answer': (payload: GameAnswer, ack: (reply: GameAnswerReply) => void) => void;
	'game:watch': (payload: GameWatch, ack: (reply: GameWatchReply) => void) => void;
	'game:command': (payload: GameCommandPayload, ack: (reply: GameCommandReply) => void) => void;
	'game:remove': (payload: GameRemove, ack: (reply: GameCommandReply) => void) => void;
	/** the host console's roster, one page at a time */
	'game:roster': (payload: GameRosterRequest, ack: (reply: GameRosterReply) => void) => void;
}

export const gameRooms = {
	players: (gameId: string) => `game:${gameId}:players`,
	screen: (gameId: string) => `game:${gameId}:screen`,
	host: (gameId: string) => `game:${gameId}:host`
};
