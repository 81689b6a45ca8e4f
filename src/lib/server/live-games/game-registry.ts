import type { RunningGame } from './running-game';

/**
 * The games this process holds, each loaded once: callers asking for a game while it loads share
 * the same load; a game that does not exist (or fails to load) is not kept.
 */
export class GameRegistry {
	private readonly games = new Map<string, Promise<RunningGame | null>>();

	constructor(private readonly load: (gameId: string) => Promise<RunningGame | null>) {}

	get(gameId: string): Promise<RunningGame | null> {
		let pending = this.games.get(gameId);
		if (!pending) {
			pending = this.load(gameId);
			this.games.set(gameId, pending);
			pending.then(
				(g) => {
					if (!g) this.games.delete(gameId);
				},
				() => this.games.delete(gameId)
			);
		}
		return pending;
	}

	/** The game if this process holds it (or is loading it); never loads. */
	peek(gameId: string): Promise<RunningGame | null> | undefined {
		return this.games.get(gameId);
	}

	/** Forgets the game, if this is still the one held. */
	async evict(game: RunningGame): Promise<boolean> {
		const pending = this.games.get(game.id);
		const held = await pending;
		if (held !== game) return false;
		this.games.delete(game.id);
		return true;
	}

	all(): Promise<RunningGame | null>[] {
		return [...this.games.values()];
	}
}
