import { addressKey, type PinLimiter } from '../auth/rate-limit';
import type { Db } from '../db/database';
import { findGameByPin } from './game.repository';

export type PinResult =
	| { ok: true; gameId: string }
	| { ok: false; reason: 'pin_not_found' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

/** The lookup in progress per address: the next one from there starts when it has been counted. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs one address's lookups one after another. Checked and counted apart, lookups sent all at
 * once would each pass the check before any miss was counted: 200 parallel guesses all answered
 * where 50 may be. One at a time, each sees the misses of those before it; a hall's joins are a
 * few quick queries each, so queuing them costs little.
 */
function oneAtATime<T>(address: string, run: () => Promise<T>): Promise<T> {
	const key = addressKey(address);
	const result = (inFlight.get(key) ?? Promise.resolve()).then(run);
	const settled = result.then(
		() => undefined,
		() => undefined
	);
	inFlight.set(key, settled);
	void settled.then(() => {
		if (inFlight.get(key) === settled) inFlight.delete(key);
	});
	return result;
}

/**
 * The game a typed (or scanned) PIN opens. Misses are counted per address, hits are not: a hall
 * of players behind one address all get in, while a script sweeping the six-digit PINs is stopped.
 */
export function openGameByPin(db: Db, limiter: PinLimiter, address: string, pin: string): Promise<PinResult> {
	return oneAtATime(address, async (): Promise<PinResult> => {
		const wait = await limiter.wait(address);
		if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: wait };
		const game = await findGameByPin(db, pin);
		if (game) return { ok: true, gameId: game.id };
		await limiter.missed(address);
		return { ok: false, reason: 'pin_not_found' };
	});
}
