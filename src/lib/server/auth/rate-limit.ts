import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { Redis } from 'ioredis';
import {
	RateLimiterMemory,
	RateLimiterPostgres,
	RateLimiterRedis,
	RateLimiterSQLite,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';
import type { Clock } from '../clock';
import { isPostgres, postgresPool, sqliteHandle, type Db } from '../db/database';

// Throttling of guesses: login passwords, registrations (which say whether a phone has an
// account) and game PINs. Only failures count against an address, so a hall or an office behind
// one NAT never locks itself out by logging in; a stranger cannot lock an account from their own
// address (the tight limit is per phone AND address), and the slower per-phone limit across all
// addresses stops a guesser who rotates addresses. The counters live behind LimitStore: the
// app's database (SQLite file or PostgreSQL; they survive a restart), Redis when REDIS_URL is set
// (shared by every node, no table to prune), memory for quick tests.

/** At most `points` counted per key in a fixed window of `seconds`. */
export interface Rule {
	points: number;
	seconds: number;
}

/** One named counter over many keys. Every method answers in seconds to wait (0: go ahead). */
export interface Counter {
	/** Seconds until the key may try again; 0 while it is under its limit. Counts nothing. */
	wait(key: string): Promise<number>;
	/** What the key has counted in its current window (0 when nothing). Counts nothing. */
	used(key: string): Promise<number>;
	/** Counts one for the key; a positive answer means this one went over the limit. */
	hit(key: string): Promise<number>;
	/** Takes back one counted earlier (an attempt counted before it was known to succeed). */
	unhit(key: string): Promise<void>;
	reset(key: string): Promise<void>;
}

export interface LimitStore {
	counter(name: string, rule: Rule): Counter;
}

type Run = <T>(operation: () => Promise<T>) => Promise<T>;

function counterOver(limiter: RateLimiterAbstract, rule: Rule, run: Run): Counter {
	const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
	return {
		async wait(key) {
			const state = await run(() => limiter.get(hashKey(key)));
			return state && state.consumedPoints >= rule.points ? seconds(state.msBeforeNext) : 0;
		},
		async used(key) {
			const state = await run(() => limiter.get(hashKey(key)));
			return state ? Math.max(0, state.consumedPoints) : 0;
		},
		async hit(key) {
			const state = await run(() => limiter.penalty(hashKey(key), 1));
			return state.consumedPoints > rule.points ? seconds(state.msBeforeNext) : 0;
		},
		async unhit(key) {
			await run(() => limiter.reward(hashKey(key), 1));
		},
		async reset(key) {
			await run(() => limiter.delete(hashKey(key)));
		}
	};
}

// Phones and addresses are personal data: the table keeps only a hash of them.
function hashKey(key: string): string {
	return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}

/** Counters in this process's memory: gone on restart. For tests and throwaway runs. */
export function memoryLimitStore(): LimitStore {
	const run: Run = (operation) => operation();
	return {
		counter(name, rule) {
			const limiter = new RateLimiterMemory({ keyPrefix: name, points: rule.points, duration: rule.seconds });
			return counterOver(limiter, rule, run);
		}
	};
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;
/** Rows stay an hour past their window before they are pruned. */
const PRUNE_GRACE_MS = 60 * 60 * 1000;

// clearExpired is in the stores' code and README, not in their type declarations.
type Prunable = { clearExpired(beforeMs: number): Promise<void> };

/** Drops rows whose window ended now and then, after an operation of any counter of the store. */
function pruner(clock: Clock, limiters: Prunable[]): () => Promise<void> {
	let prunedAt = clock.now();
	return async () => {
		if (clock.now() - prunedAt <= PRUNE_EVERY_MS || limiters.length === 0) return;
		prunedAt = clock.now();
		await limiters[0].clearExpired(prunedAt - PRUNE_GRACE_MS);
	};
}

/**
 * Counters in the app's SQLite file (table `rate_limit`, made by a migration). They go through
 * the one connection Kysely shares, while holding it: better-sqlite3 is synchronous, so a second
 * connection waiting on a write lock held by an open Kysely transaction would block the event
 * loop that transaction needs to finish; and holding the connection keeps a counter's write out
 * of another request's transaction, whose rollback would undo it. So never call a limiter from
 * inside a Kysely transaction: it would wait for the connection that transaction holds.
 */
export function sqliteLimitStore(db: Db, clock: Clock): LimitStore {
	const client = sqliteHandle(db);
	const limiters: Prunable[] = [];
	const prune = pruner(clock, limiters);
	const run: Run = (operation) =>
		db.connection().execute(async () => {
			const result = await operation();
			await prune();
			return result;
		});
	return {
		counter(name, rule) {
			const limiter = new RateLimiterSQLite({
				storeClient: client,
				storeType: 'better-sqlite3',
				tableName: 'rate_limit',
				tableCreated: true,
				keyPrefix: name,
				points: rule.points,
				duration: rule.seconds
			});
			limiters.push(limiter as RateLimiterSQLite & Prunable);
			return counterOver(limiter, rule, run);
		}
	};
}

/**
 * Counters in PostgreSQL's `rate_limit` (the same table; its `expire` is a bigint there,
 * migration 0011), shared by every node on the database. Each operation is one upsert or read on
 * a pooled connection, atomic on its own, outside any request's transaction.
 */
export function postgresLimitStore(db: Db, clock: Clock): LimitStore {
	const pool = postgresPool(db);
	const limiters: Prunable[] = [];
	const prune = pruner(clock, limiters);
	const run: Run = async (operation) => {
		const result = await operation();
		await prune();
		return result;
	};
	return {
		counter(name, rule) {
			const limiter = new RateLimiterPostgres({
				storeClient: pool,
				storeType: 'pool',
				tableName: 'rate_limit',
				tableCreated: true,
				// pruned above, on the app's clock, instead of a timer per counter
				clearExpiredByTimeout: false,
				keyPrefix: name,
				points: rule.points,
				duration: rule.seconds
			});
			limiters.push(limiter as RateLimiterPostgres & Prunable);
			return counterOver(limiter, rule, run);
		}
	};
}

/** The database's own store: SQLite's or PostgreSQL's, by the database's dialect. */
export function databaseLimitStore(db: Db, clock: Clock): LimitStore {
	return isPostgres(db) ? postgresLimitStore(db, clock) : sqliteLimitStore(db, clock);
}

/**
 * Counters in Redis, shared by every node: each key expires with its window (Redis drops it; no
 * pruning), each hit one atomic script. `prefix` starts every key (`cuocthi:` in the app), so the
 * counters can share a Redis with other data.
 */
export function redisLimitStore(redis: Redis, prefix = 'cuocthi:'): LimitStore {
	const run: Run = (operation) => operation();
	return {
		counter(name, rule) {
			const limiter = new RateLimiterRedis({
				storeClient: redis,
				keyPrefix: `${prefix}rl:${name}`,
				points: rule.points,
				duration: rule.seconds
			});
			return counterOver(limiter, rule, run);
		}
	};
}

/**
 * The key for a client address: an IPv4-mapped IPv6 address is the IPv4 one, and an IPv6 address
 * counts by its /64 (one subscriber's network gets a whole /64 to pick from).
 */
export function addressKey(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped && isIPv4(mapped[1])) return mapped[1];
	if (!isIPv6(address)) return address;
	const [head, tail = ''] = address.toLowerCase().split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups = address.includes('::')
		? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
		: left;
	return `${groups
		.slice(0, 4)
		.map((g) => g.replace(/^0+(?=.)/, ''))
		.join(':')}::/64`;
}

/** Per scope and address, the run in progress: the next one from there starts when it is done. */
const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs one address's checks of a kind (`scope`) one after another. A throttle that checks a
 * counter, learns the answer it rations, then counts it, lets requests sent all at once each pass
 * the check before any is counted (200 parallel PIN guesses were all answered where 50 may be).
 * One at a time, each sees the counts of those before it. Keep `run` short (a few queries): a
 * hall's requests from one address queue behind it. In this process only: with several nodes the
 * counts are shared (a database or Redis store), but a burst spread over N nodes may pass the
 * check up to N at a time (one per node), so a limit can be overshot by up to N − 1.
 */
export function oneAtATime<T>(scope: string, address: string, run: () => Promise<T>): Promise<T> {
	const key = `${scope}|${addressKey(address)}`;
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

export const LOGIN_RULES = {
	/** wrong passwords for one phone from one address */
	phoneAddress: { points: 5, seconds: 15 * 60 },
	/** wrong passwords for one phone from everywhere: slow enough to stop rotating addresses */
	phone: { points: 30, seconds: 60 * 60 },
	/** wrong passwords from one address, any phone: a hall's typos fit, a sweep over phones does not */
	address: { points: 100, seconds: 15 * 60 }
} satisfies Record<string, Rule>;

export interface LoginLimiter {
	/**
	 * Before the password is checked: the seconds to wait when the attempt is refused. Otherwise 0,
	 * and the attempt is already counted against the phone, so parallel guesses cannot all slip
	 * past a check made before any of them failed. Every 0 is followed by one of succeeded,
	 * failed or abandoned.
	 */
	begin(address: string, phone: string): Promise<number>;
	/** The password was right: the phone's counts from this address are cleared, the attempt given back. */
	succeeded(address: string, phone: string): Promise<void>;
	/** The password was wrong: counted against the address too. */
	failed(address: string, phone: string): Promise<void>;
	/** The check did not finish (an error): the attempt no longer holds its place. */
	abandoned(address: string): void;
}

export function createLoginLimiter(store: LimitStore, rules = LOGIN_RULES): LoginLimiter {
	const phoneAddress = store.counter('login_phone_address', rules.phoneAddress);
	const phone = store.counter('login_phone', rules.phone);
	const address = store.counter('login_address', rules.address);
	const pair = (a: string, p: string) => `${p}|${addressKey(a)}`;
	// Checks under way per address: each may still turn into a failure, so the failures counted
	// plus the checks under way never pass the address's limit. A check that would pass it waits
	// for one under way to end instead of being refused: a hall logging in at once queues for a
	// moment, while a burst of guesses over many phones stops at the limit (checked first and
	// counted only when wrong, every guess of a burst passed the check before any was counted).
	const underWay = new Map<string, number>();
	const slotFreed = new Map<string, (() => void)[]>();
	const release = (k: string): void => {
		const left = (underWay.get(k) ?? 1) - 1;
		if (left > 0) underWay.set(k, left);
		else underWay.delete(k);
		const waiting = slotFreed.get(k) ?? [];
		slotFreed.delete(k);
		for (const wake of waiting) wake();
	};
	type Admission = { refused: number } | { admitted: true } | { full: Promise<void> };
	// Through oneAtATime with the failure count of `failed`, so the count read and the checks
	// under way are one consistent picture; a full address's waiter is registered in the same turn.
	const admit = (a: string, k: string): Promise<Admission> =>
		oneAtATime('login', a, async (): Promise<Admission> => {
			const failures = await address.used(k);
			if (failures >= rules.address.points) return { refused: Math.max(1, await address.wait(k)) };
			const busy = underWay.get(k) ?? 0;
			if (failures + busy < rules.address.points) {
				underWay.set(k, busy + 1);
				return { admitted: true };
			}
			const full = new Promise<void>((resolve) => slotFreed.set(k, [...(slotFreed.get(k) ?? []), resolve]));
			return { full };
		});
	return {
		async begin(a, p) {
			const k = addressKey(a);
			const waits = await Promise.all([phoneAddress.wait(pair(a, p)), phone.wait(p)]);
			const refused = Math.max(...waits);
			if (refused > 0) return refused;
			for (;;) {
				const admission = await admit(a, k);
				if ('refused' in admission) return admission.refused;
				if ('admitted' in admission) break;
				await admission.full;
			}
			let over: number;
			try {
				over = Math.max(...(await Promise.all([phoneAddress.hit(pair(a, p)), phone.hit(p)])));
			} catch (error) {
				// a place held by nobody would keep a waiting login from this address waiting for good
				release(k);
				throw error;
			}
			if (over > 0) release(k);
			return over;
		},
		async succeeded(a, p) {
			release(addressKey(a));
			await phoneAddress.reset(pair(a, p));
			await phone.unhit(p);
		},
		async failed(a) {
			const k = addressKey(a);
			await oneAtATime('login', a, async () => {
				await address.hit(k);
				release(k);
			});
		},
		abandoned(a) {
			release(addressKey(a));
		}
	};
}

export const REGISTRATION_RULES = {
	/** registrations from one address: a hall of hundreds signing up together fits */
	address: { points: 600, seconds: 60 * 60 },
	/** "this phone is already registered" answers to one address: each one reveals an account */
	phoneTaken: { points: 20, seconds: 60 * 60 }
} satisfies Record<string, Rule>;

export interface RegistrationLimiter {
	/** Before a registration is tried: seconds to wait, or 0 and the registration is counted. */
	begin(address: string): Promise<number>;
	/**
	 * Right before the phone is looked up (inside oneAtATime('register', …) with phoneTaken):
	 * seconds to wait when the address has had its ration of "already registered" answers.
	 */
	phoneTakenWait(address: string): Promise<number>;
	/** The phone had an account: counted, since the answer told the client so. */
	phoneTaken(address: string): Promise<void>;
}

export function createRegistrationLimiter(store: LimitStore, rules = REGISTRATION_RULES): RegistrationLimiter {
	const address = store.counter('register_address', rules.address);
	const taken = store.counter('register_phone_taken', rules.phoneTaken);
	return {
		async begin(a) {
			const refused = await taken.wait(addressKey(a));
			if (refused > 0) return refused;
			return address.hit(addressKey(a));
		},
		phoneTakenWait: (a) => taken.wait(addressKey(a)),
		async phoneTaken(a) {
			await taken.hit(addressKey(a));
		}
	};
}

export const PIN_RULES = {
	/** PINs that lead nowhere, from one address: a hall's typos fit, a sweep of the 10⁶ PINs does not */
	address: { points: 50, seconds: 10 * 60 }
} satisfies Record<string, Rule>;

export interface PinLimiter {
	/** Seconds to wait before this address may look up another PIN; 0 to go ahead. */
	wait(address: string): Promise<number>;
	/** The PIN matched no game. */
	missed(address: string): Promise<void>;
}

export function createPinLimiter(store: LimitStore, rules = PIN_RULES): PinLimiter {
	const misses = store.counter('pin_address', rules.address);
	return {
		wait: (a) => misses.wait(addressKey(a)),
		missed: async (a) => void (await misses.hit(addressKey(a)))
	};
}

/**
 * Joins to live games (new players, whatever the answer), from one address: a hall of hundreds
 * behind one NAT joining in the same minute fits; a script opening sockets to fill a game with
 * fake players does not. The host sees what the door refused (live-game-door.ts).
 */
export const GAME_JOIN_RULES = {
	address: { points: 600, seconds: 60 }
} satisfies Record<string, Rule>;

export interface GameJoinLimiter {
	/** Counts one join from the address; false when the address is over its limit. */
	allow(address: string): Promise<boolean>;
}

export function createGameJoinLimiter(store: LimitStore, rules = GAME_JOIN_RULES): GameJoinLimiter {
	const joins = store.counter('game_join_address', rules.address);
	return { allow: async (a) => (await joins.hit(addressKey(a))) === 0 };
}

export interface RateLimits {
	login: LoginLimiter;
	registration: RegistrationLimiter;
	pin: PinLimiter;
}

export function createRateLimits(store: LimitStore): RateLimits {
	return {
		login: createLoginLimiter(store),
		registration: createRegistrationLimiter(store),
		pin: createPinLimiter(store)
	};
}
