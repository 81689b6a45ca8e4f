import type { RunningGame } from './running-game';

/**
 * The games this process holds, each loaded once: callers asking for a game while it loads share
 * the same load; a game that does not exist (or fails to load) is not kept.
 */
export class GameRegistry {
	private readonly games = new Map<string, Promise<RunningGame | null>>();
	/** the games whose load finished, to forget one at once */
	private readonly loaded = new Map<string, RunningGame>();

	constructor(private readonly load: (gameId: string) => Promise<RunningGame | null>) {}

	get(gameId: string): Promise<RunningGame | null> {
		let pending = this.games.get(gameId);
		if (!pending) {
			const loading = this.load(gameId);
			pending = loading;
			this.games.set(gameId, loading);
			loading.then(
				(g) => {
					if (this.games.get(gameId) !== loading) return;
					if (g) this.loaded.set(gameId, g);
					else this.games.delete(gameId);
				},
				() => {
					if (this.games.get(gameId) === loading) this.games.delete(gameId);
				}
			);
		}
		return pending;
	}

	/** The game if this process holds it (or is loading it); never loads. */
	peek(gameId: string): Promise<RunningGame | null> | undefined {
		return this.games.get(gameId);
	}

	/** Forgets the game at once, if this is still the one held; false when it is not. */
	evict(game: RunningGame): boolean {
		if (this.loaded.get(game.id) !== game) return false;
		this.loaded.delete(game.id);
		this.games.delete(game.id);
		return true;
	}

	all(): Promise<RunningGame | null>[] {
		return [...this.games.values()];
	}
}
