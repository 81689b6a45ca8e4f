import type { Db } from './db/database';
import type { Clock } from './clock';
import type { AppEvents } from './events';

/** What a use case needs from the outside world; built once at start, or per test. */
export interface AppContext {
	db: Db;
	clock: Clock;
	events: AppEvents;
}
