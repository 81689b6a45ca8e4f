import { hostView, playerView, playerSelf, screenView } from '../../domain/live-game-state';
import type { GamePlayerPacket } from '../../domain/live-game-views';
import { gameRooms } from '../../schemas/game-socket';
import type { Clock } from '../clock';
import type { RunningGame } from './running-game';

/** Where packets go: a room, or one socket. The Socket.IO layer implements it. */
export interface GameOutlet {
	toRoom(room: string, event: 'game:player' | 'game:screen' | 'game:host', payload: unknown): void;
	toSocket(socketId: string, event: 'game:player' | 'game:removed', payload: unknown): void;
	/** takes a removed player's sockets out of the game's rooms */
	leave(socketId: string, room: string): void;
}

/** Sends a game's views through the outlet: the stage (screen and host), the phones. */
export class GameBroadcaster {
	constructor(
		private readonly outlet: GameOutlet,
		private readonly clock: Clock
	) {}

	/** The screen and the host console, one packet each. */
	stage(game: RunningGame): void {
		game.lastFlush = Date.now();
		game.seq++;
		const now = this.clock.now();
		this.outlet.toRoom(gameRooms.screen(game.id), 'game:screen', screenView(game, now));
		this.outlet.toRoom(gameRooms.host(game.id), 'game:host', hostView(game, this.clock.now()));
	}

	/** A phase change: the stage at once; players one packet for all, or each their own result. */
	phase(game: RunningGame): void {
		this.stage(game);
		const view = playerView(game, this.clock.now());
		const personal = game.clock.phase !== 'question' && game.clock.phase !== 'lobby';
		if (!personal) {
			this.outlet.toRoom(gameRooms.players(game.id), 'game:player', { view, me: null } satisfies GamePlayerPacket);
			return;
		}
		for (const p of game.activePlayers()) {
			if (p.sockets.size === 0) continue;
			const packet: GamePlayerPacket = { view, me: playerSelf(game, p) };
			for (const socketId of p.sockets) this.outlet.toSocket(socketId, 'game:player', packet);
		}
	}

	/** A removed player's sockets hear it and leave the players' room. */
	removed(game: RunningGame, sockets: Iterable<string>): void {
		for (const socketId of sockets) {
			this.outlet.toSocket(socketId, 'game:removed', { gameId: game.id });
			this.outlet.leave(socketId, gameRooms.players(game.id));
		}
	}
}
