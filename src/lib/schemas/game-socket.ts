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
	connected: boolean;
	/** answered the current question */
	answered: boolean;
}

export interface GameHostView extends GameScreenView {
	host: {
		players: GameHostPlayer[];
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
}

export const gameRooms = {
	players: (gameId: string) => `game:${gameId}:players`,
	screen: (gameId: string) => `game:${gameId}:screen`,
	host: (gameId: string) => `game:${gameId}:host`
};
