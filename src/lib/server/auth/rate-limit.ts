import { RateLimiterMemory } from 'rate-limiter-flexible';

// Login throttling, per IP and per phone: a phone under attack locks for that phone only, and an
// address trying many phones is stopped too. In memory per process (fine for one node; several
// nodes would move these to Redis with RateLimiterRedis).

export interface LoginLimiter {
	/** Returns seconds to wait when the attempt must be refused, otherwise 0 and counts it. */
	consume(ip: string, phone: string): Promise<number>;
	reset(phone: string): Promise<void>;
}

export function createLoginLimiter(options = { perIp: 30, perPhone: 5, windowSeconds: 15 * 60 }): LoginLimiter {
	const byIp = new RateLimiterMemory({ keyPrefix: 'login_ip', points: options.perIp, duration: options.windowSeconds });
	const byPhone = new RateLimiterMemory({
		keyPrefix: 'login_phone',
		points: options.perPhone,
		duration: options.windowSeconds
	});
	const wait = (error: unknown): number => {
		const ms = (error as { msBeforeNext?: number }).msBeforeNext;
		if (typeof ms !== 'number') throw error;
		return Math.max(1, Math.ceil(ms / 1000));
	};
	return {
		async consume(ip, phone) {
			try {
				await byIp.consume(ip);
				await byPhone.consume(phone);
				return 0;
			} catch (error) {
				return wait(error);
			}
		},
		async reset(phone) {
			await byPhone.delete(phone);
		}
	};
}
