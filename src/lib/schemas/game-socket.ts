import { z } from 'zod';
import { EXTEND_STEPS_MS, GAME_COMMANDS, NICKNAME_MAX } from '../domain/live-game';
import { IDENTIFIER_LABEL_MAX, IDENTIFIER_MAX, MAX_PLAYERS_CAP, REMOVE_MANY_MAX } from '../domain/live-game-door';
import type { GameHostView, GamePlayerPacket, GameRosterPage, GameScreenView } from '../domain/live-game-views';
import { TYPED_ANSWER_MAX } from '../domain/question-kinds';
export { ROSTER_CHANGES_MAX, ROSTER_PAGE_SIZE } from '../domain/live-game-views';

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
	unitId: id.optional(),
	/** what the host asked for at the door (employee number…), when they asked */
	identifier: z
		.string()
		.max(IDENTIFIER_MAX * 4)
		.optional(),
	/** team games: the hall team chosen, or a stage team's code (live-game-teams.ts) */
	teamId: id.optional(),
	teamCode: z.string().max(16).optional()
});
export type GameJoin = z.input<typeof gameJoinSchema>;

export const gameRejoinSchema = z.object({ gameId: id, token: z.string().min(16).max(128) });
export type GameRejoin = z.infer<typeof gameRejoinSchema>;

/**
 * An answer: `choice` for the option kinds (the chosen option indexes as shown; ordering: every
 * item's index, in the player's order), `text` for the typed kinds (numeric, short_text,
 * word_cloud). Exactly one of them; what fits the question is checked on the server
 * (live-game-kinds.ts judgeAnswer). The text's bound here is loose (a few bytes per character):
 * its real limit, TYPED_ANSWER_MAX characters once cleaned, is checked there with its own reason.
 */
export const gameAnswerSchema = z
	.object({
		gameId: id,
		/** the question the player is answering, 0-based */
		position: z.number().int().min(0).max(1000),
		choice: z.array(z.number().int().min(0).max(15)).min(1).max(16).optional(),
		text: z
			.string()
			.max(TYPED_ANSWER_MAX * 4)
			.optional()
	})
	.refine((a) => (a.choice === undefined) !== (a.text === undefined));
export type GameAnswer = z.infer<typeof gameAnswerSchema>;

export const gameWatchSchema = z.object({ gameId: id, role: z.enum(['screen', 'host']) });
export type GameWatch = z.infer<typeof gameWatchSchema>;

export const gameCommandSchema = z.object({ gameId: id, command: z.enum(GAME_COMMANDS as [string, ...string[]]) });
export type GameCommandPayload = z.infer<typeof gameCommandSchema>;

export const gameRemoveSchema = z.object({ gameId: id, playerId: id });
export type GameRemove = z.infer<typeof gameRemoveSchema>;

/** Players removed at once (the host ticked them in the roster): at most REMOVE_MANY_MAX. */
export const gameRemoveManySchema = z.object({ gameId: id, playerIds: z.array(id).min(1).max(REMOVE_MANY_MAX) });
export type GameRemoveMany = z.infer<typeof gameRemoveManySchema>;

/** The host changes the door; only the fields sent change. */
export const gameDoorSchema = z.object({
	gameId: id,
	locked: z.boolean().optional(),
	/** null: no cap */
	maxPlayers: z.number().int().min(1).max(MAX_PLAYERS_CAP).nullable().optional(),
	/** null: no identifier asked */
	identifierLabel: z
		.string()
		.max(IDENTIFIER_LABEL_MAX * 4)
		.nullable()
		.optional(),
	generatedNames: z.boolean().optional()
});
export type GameDoor = z.infer<typeof gameDoorSchema>;
export type GameDoorChange = Omit<GameDoor, 'gameId'>;

/** The host gives everyone more time on the running question. */
export const gameExtendSchema = z.object({
	gameId: id,
	ms: z
		.number()
		.int()
		.refine((ms) => EXTEND_STEPS_MS.includes(ms))
});
export type GameExtend = z.infer<typeof gameExtendSchema>;

/** The host asks for one page of the roster, optionally of the players a search finds. */
export const gameRosterSchema = z.object({
	gameId: id,
	/** 0-based */
	page: z.number().int().min(0).max(100_000).default(0),
	/** part of a name or a unit, diacritics and case ignored */
	query: z.string().max(64).default('')
});
export type GameRosterRequest = z.input<typeof gameRosterSchema>;

// ─── Views (built by the domain, src/lib/domain/live-game-views.ts) ─────────────────────────

export type {
	GameAnswerKey,
	GameKindStats,
	WordCount,
	GameQuestionType,
	GameQuestionView,
	GameRevealView,
	GameStandingRow,
	GameUnitRow,
	GameScreenView,
	GameHostPlayer,
	GameHostCounts,
	GameRosterChanges,
	GameRosterPage,
	GameHostView,
	GamePlayerSelf,
	GamePlayerView,
	GamePlayerPacket
} from '../domain/live-game-views';
export type { GamePlayerTeam, GameTeamBoard, GameTeamRow } from '../domain/live-game-teams';
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
	| 'locked'
	| 'full'
	| 'identifier_empty'
	| 'identifier_too_long'
	| 'identifier_unsafe'
	| 'removed'
	| 'team_required'
	| 'team_code_invalid'
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
				/** ordering: not every shown item once */
				| 'invalid_order'
				/** typed kinds: no text, or text sent to an option question */
				| 'invalid_text'
				| 'text_too_long'
				/** control or bidi characters */
				| 'text_unsafe'
				/** numeric: not a number */
				| 'invalid_number'
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
	| { ok: true }
	| {
			ok: false;
			reason: 'invalid' | 'not_found' | 'forbidden' | 'illegal' | 'throttled' | 'unavailable' | 'label_invalid';
	  };

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
	'game:remove-many': (payload: GameRemoveMany, ack: (reply: GameCommandReply) => void) => void;
	/** the host locks or unlocks the door, caps the players, asks for an identifier, generated names */
	'game:door': (payload: GameDoor, ack: (reply: GameCommandReply) => void) => void;
	/** the host gives everyone more time on the running question */
	'game:extend': (payload: GameExtend, ack: (reply: GameCommandReply) => void) => void;
	/** the host console's roster, one page at a time */
	'game:roster': (payload: GameRosterRequest, ack: (reply: GameRosterReply) => void) => void;
}

export const gameRooms = {
	players: (gameId: string) => `game:${gameId}:players`,
	screen: (gameId: string) => `game:${gameId}:screen`,
	host: (gameId: string) => `game:${gameId}:host`
};
