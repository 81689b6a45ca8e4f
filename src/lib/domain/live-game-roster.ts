import type { GameState, Player } from './live-game-state';
import {
	ROSTER_CHANGES_MAX,
	ROSTER_PAGE_SIZE,
	type GameHostCounts,
	type GameHostPlayer,
	type GameRosterChanges,
	type GameRosterPage
} from './live-game-views';
import { foldVietnamese } from './text';

// The host console's view of the players, sized for ten thousand of them: counts, the changes
// since the last host packet (bounded), and the roster one page at a time, searchable. The whole
// roster in every host packet was 1.49 MB at 10,000 players, up to four times a second.

/** Changes gathered between two host packets, kept bounded as they come. */
export interface RosterLog {
	joined: { playerId: string; name: string }[];
	left: { playerId: string; name: string }[];
	joinedMore: number;
	leftMore: number;
}

export function emptyRosterLog(): RosterLog {
	return { joined: [], left: [], joinedMore: 0, leftMore: 0 };
}

function push(list: { playerId: string; name: string }[], p: Player): number {
	list.push({ playerId: p.id, name: p.name });
	if (list.length <= ROSTER_CHANGES_MAX) return 0;
	list.shift();
	return 1;
}

/** A new player, for the next host packet. */
export function noteJoined(log: RosterLog, p: Player): void {
	log.joinedMore += push(log.joined, p);
}

/** A player removed by the host or whose last phone disconnected, for the next host packet. */
export function noteLeft(log: RosterLog, p: Player): void {
	log.leftMore += push(log.left, p);
}

/** The changes for one host packet; the log starts again empty. */
export function takeChanges(log: RosterLog): GameRosterChanges {
	const changes: GameRosterChanges = { ...log, joined: log.joined.slice(), left: log.left.slice() };
	log.joined.length = 0;
	log.left.length = 0;
	log.joinedMore = 0;
	log.leftMore = 0;
	return changes;
}

export function noChanges(): GameRosterChanges {
	return { joined: [], left: [], joinedMore: 0, leftMore: 0 };
}

export function hostCounts(game: GameState): GameHostCounts {
	let players = 0;
	let connected = 0;
	let answered = 0;
	for (const p of game.players.values()) {
		if (p.removed) continue;
		players++;
		if (p.sockets.size > 0) connected++;
		if (game.answers.has(p.id)) answered++;
	}
	return { players, connected, answered };
}

/** What a search matches in a player: the name and the unit, folded ("cai cach" finds "cải cách"). */
const searchKeys = new WeakMap<Player, string>();
function searchKey(p: Player): string {
	let key = searchKeys.get(p);
	if (key === undefined) {
		key = `${foldVietnamese(p.name)}\n${foldVietnamese(p.unitName ?? '')}\n${foldVietnamese(p.identifier ?? '')}`;
		searchKeys.set(p, key);
	}
	return key;
}

export function hostPlayer(game: GameState, p: Player): GameHostPlayer {
	return {
		playerId: p.id,
		name: p.name,
		unit: p.unitName,
		score: p.score,
		rank: p.rank,
		connected: p.sockets.size > 0,
		answered: game.answers.has(p.id),
		identifier: p.identifier
	};
}

/**
 * One page of the players (removed ones left out): in join order in the lobby, by rank once the
 * game has started (players who joined since the last reveal after the ranked ones, in join
 * order). A page past the end gives the last page.
 */
export function rosterPage(
	game: GameState,
	request: { page: number; query: string },
	version: number,
	pageSize = ROSTER_PAGE_SIZE
): GameRosterPage {
	const query = foldVietnamese(request.query);
	let players = game.activePlayers();
	if (query) players = players.filter((p) => searchKey(p).includes(query));
	if (game.clock.phase !== 'lobby') {
		// the Map keeps join order, and sort is stable: unranked players stay in it
		players.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
	}
	const total = players.length;
	const last = Math.max(0, Math.ceil(total / pageSize) - 1);
	const page = Math.min(Math.max(0, request.page), last);
	const rows = players.slice(page * pageSize, (page + 1) * pageSize).map((p) => hostPlayer(game, p));
	return { rows, page, pageSize, total, query: request.query.trim(), version };
}
