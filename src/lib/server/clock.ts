/** The server's clock, injected so tests can move time. Milliseconds since the epoch. */
export interface Clock {
	now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
