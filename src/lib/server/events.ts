import { EventEmitter } from 'node:events';

/** In-process domain events: services announce, the realtime layer listens. */
export interface AppEventMap {
	/** a contestant's best result in the round changed: a new leaderboard version */
	'leaderboard:changed': [{ roundId: string; version: number }];
	/**
	 * an attempt started or finished in the round: counters moved. `startOnly`: nothing but the
	 * count of attempts in progress moved (a start), which screens may show a little later.
	 */
	'round:activity': [{ roundId: string; startOnly?: boolean }];
	/** a lobby game's settings or questions were edited: a process holding it re-reads it */
	'game:edited': [{ gameId: string }];
}

export type AppEvents = EventEmitter<AppEventMap>;

export function createAppEvents(): AppEvents {
	const events = new EventEmitter<AppEventMap>();
	events.setMaxListeners(100);
	return events;
}
