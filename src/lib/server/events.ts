import { EventEmitter } from 'node:events';

/** In-process domain events: services announce, the realtime layer listens. */
export interface AppEventMap {
	'leaderboard:changed': [{ roundId: string; version: number }];
}

export type AppEvents = EventEmitter<AppEventMap>;

export function createAppEvents(): AppEvents {
	const events = new EventEmitter<AppEventMap>();
	events.setMaxListeners(100);
	return events;
}
