import { takeChanges } from '../../domain/live-game-roster';
import { hostView, playerView, playerSelf, screenView } from '../../domain/live-game-state';
import type { GamePlayerPacket } from '../../domain/live-game-views';
import { gameRooms } from '../../schemas/game-socket';
import type { Clock } from '../clock';
import type { RunningGame } from './running-game';
import { forEachSlice, SLICE_SIZE } from './slices';

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
		private readonly clock: Clock,
		/** players whose packets go out between two turns of the event loop */
		private readonly sliceSize = SLICE_SIZE
	) {}

	/** The screen and the host console, one packet each. */
	stage(game: RunningGame): void {
		game.lastFlush = Date.now();
		game.seq++;
		const now = this.clock.now();
		this.outlet.toRoom(gameRooms.screen(game.id), 'game:screen', screenView(game, now));
		this.outlet.toRoom(gameRooms.host(game.id), 'game:host', hostView(game, now, takeChanges(game.rosterLog)));
	}

	/**
	 * A phase change: the stage at once; players one packet for all, or each their own result, a
	 * slice of players at a time with the event loop let through in between (a reveal at 10,000
	 * players was one block of 0.6–0.8 s). Resolves once every player's packet is out: the caller
	 * holds the game's queue until then, so no later phase overtakes a result.
	 */
	async phase(game: RunningGame): Promise<void> {
		this.stage(game);
		const view = playerView(game, this.clock.now());
		const personal = game.clock.phase !== 'question' && game.clock.phase !== 'lobby';
		if (!personal) {
			this.outlet.toRoom(gameRooms.players(game.id), 'game:player', { view, me: null } satisfies GamePlayerPacket);
			return;
		}
		const connected = game.activePlayers().filter((p) => p.sockets.size > 0);
		await forEachSlice(connected, this.sliceSize, (slice) => {
			for (const p of slice) {
				// a player removed while earlier slices went out hears nothing more
				if (p.removed) continue;
				const packet: GamePlayerPacket = { view, me: playerSelf(game, p) };
				for (const socketId of p.sockets) this.outlet.toSocket(socketId, 'game:player', packet);
			}
		});
	}

	/** A removed player's sockets hear it and leave the players' room. */
	removed(game: RunningGame, sockets: Iterable<string>): void {
		for (const socketId of sockets) {
			this.outlet.toSocket(socketId, 'game:removed', { gameId: game.id });
			this.outlet.leave(socketId, gameRooms.players(game.id));
		}
	}
}
