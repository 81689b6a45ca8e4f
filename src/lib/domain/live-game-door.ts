import { nicknameKey, nicknameProblem } from './live-game';
import { unsafeCharacter } from './text';

// The live game's door (issue 16): lock, a cap on players, an identifier asked of each player,
// generated nicknames, and what the host sees of the joins (refusals, the rate). Pure: the server
// keeps a DoorLog per game and asks these rules.

/** Players the host removes in one go, at most. */
export const REMOVE_MANY_MAX = 200;
/** Players a game may be capped at, at most. */
export const MAX_PLAYERS_CAP = 100_000;
/** Characters in an identifier (employee number, last digits of a phone) and in its label. */
export const IDENTIFIER_MAX = 32;
export const IDENTIFIER_LABEL_MAX = 40;
/** The window of the host's "joins in the last minute". */
export const JOIN_RATE_WINDOW_MS = 60_000;

export type IdentifierProblem = 'empty' | 'too_long' | 'unsafe';

/** What is wrong with an identifier as typed, or null. */
export function identifierProblem(value: string, max = IDENTIFIER_MAX): IdentifierProblem | null {
	if (unsafeCharacter(value.trim(), 'name') !== null) return 'unsafe';
	const clean = cleanIdentifier(value);
	if (clean.length === 0) return 'empty';
	if ([...clean].length > max) return 'too_long';
	return null;
}

export function cleanIdentifier(value: string): string {
	return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

// ─── Generated nicknames ─────────────────────────────────────────────────────────────────────

/** Flowers, trees and animals of the country, then colours: "Sen Hồng 17", "Sếu Vàng 4". */
export const NICKNAME_NOUNS: readonly string[] = [
	'Sen',
	'Mai',
	'Đào',
	'Cúc',
	'Lan',
	'Huệ',
	'Tre',
	'Trúc',
	'Bàng',
	'Phượng',
	'Sếu',
	'Hạc',
	'Công',
	'Sáo',
	'Khướu',
	'Nai',
	'Voi',
	'Hổ',
	'Sóc',
	'Rùa',
	'Cá Chép',
	'Chim Én',
	'Họa Mi',
	'Sơn Ca'
];
export const NICKNAME_COLOURS: readonly string[] = [
	'Hồng',
	'Vàng',
	'Xanh',
	'Đỏ',
	'Tím',
	'Trắng',
	'Bạc',
	'Nâu',
	'Lam',
	'Ngọc'
];

/**
 * A nickname nobody in the game has (`taken` answers by nicknameKey), that passes the nickname
 * filter: a noun, a colour and a number below 100, drawn with `randomInt`; the number grows past
 * 99 only when a game has used up most of the 24,000 combinations.
 */
export function generateNickname(taken: (key: string) => boolean, randomInt: (maxExclusive: number) => number): string {
	for (let attempt = 0; ; attempt++) {
		const noun = NICKNAME_NOUNS[randomInt(NICKNAME_NOUNS.length)];
		const colour = NICKNAME_COLOURS[randomInt(NICKNAME_COLOURS.length)];
		// after many collisions the numbers widen, so a crowded game still finds a free name quickly
		const range = attempt < 50 ? 100 : 100 * 10 ** Math.min(4, Math.ceil((attempt - 49) / 50));
		const name = `${noun} ${colour} ${1 + randomInt(range - 1)}`;
		if (nicknameProblem(name) === null && !taken(nicknameKey(name))) return name;
	}
}

// ─── What the host sees of the door ──────────────────────────────────────────────────────────

export type DoorRefusal = 'locked' | 'full' | 'throttled';

/** Joins and refusals of one game since it was loaded on its owner (memory only). */
export interface DoorLog {
	refused: Record<DoorRefusal, number>;
	/** times of the recent joins, oldest first (bounded by the rate window) */
	joins: number[];
}

export function emptyDoorLog(): DoorLog {
	return { refused: { locked: 0, full: 0, throttled: 0 }, joins: [] };
}

function prune(log: DoorLog, now: number): void {
	let drop = 0;
	while (drop < log.joins.length && log.joins[drop] <= now - JOIN_RATE_WINDOW_MS) drop++;
	if (drop) log.joins.splice(0, drop);
}

export function noteJoin(log: DoorLog, now: number): void {
	prune(log, now);
	log.joins.push(now);
}

export function noteRefusal(log: DoorLog, reason: DoorRefusal, count = 1): void {
	log.refused[reason] += count;
}

/** The host console's line about the door. */
export interface DoorStats {
	refused: Record<DoorRefusal, number>;
	/** joins in the last JOIN_RATE_WINDOW_MS */
	joinsLastMinute: number;
}

export function doorStats(log: DoorLog, now: number): DoorStats {
	prune(log, now);
	return { refused: { ...log.refused }, joinsLastMinute: log.joins.length };
}

/** Why the door refuses a new player now, or null: locked, or the cap reached. */
export function doorClosed(
	door: { locked: boolean; maxPlayers: number | null },
	activePlayers: number
): 'locked' | 'full' | null {
	if (door.locked) return 'locked';
	if (door.maxPlayers !== null && activePlayers >= door.maxPlayers) return 'full';
	return null;
}
