import { oneAtATime, type PinLimiter } from '../auth/rate-limit';
import type { AppContext } from '../context';
import { findGameByPin } from './game.repository';

export type PinResult =
	| { ok: true; gameId: string }
	| { ok: false; reason: 'pin_not_found' }
	| { ok: false; reason: 'too_many_attempts'; retryAfterSeconds: number };

/**
 * The game a typed (or scanned) PIN opens. Misses are counted per address, hits are not: a hall
 * of players behind one address all get in, while a script sweeping the six-digit PINs is stopped.
 * One lookup at a time per address, so guesses sent all at once see each other's misses.
 */
export function openGameByPin(ctx: AppContext, limiter: PinLimiter, address: string, pin: string): Promise<PinResult> {
	return oneAtATime('pin', address, async (): Promise<PinResult> => {
		const wait = await limiter.wait(address);
		if (wait > 0) return { ok: false, reason: 'too_many_attempts', retryAfterSeconds: wait };
		const game = await findGameByPin(ctx.db, pin);
		if (game) return { ok: true, gameId: game.id };
		await limiter.missed(address);
		return { ok: false, reason: 'pin_not_found' };
	});
}
