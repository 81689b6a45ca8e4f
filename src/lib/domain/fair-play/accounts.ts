import { runSteps, STEP, type AttemptRecord, type Flag } from './types';

// Same person, several accounts.
//
// - shared_device: attempts of two or more accounts in the round carry the same device cookie
//   (random per browser). A family sharing a phone is flagged too: a person decides.
// - shared_address: one hashed address alone proves nothing (an office, a school or a mobile
//   carrier puts hundreds behind one NAT, and they take the round together after a meeting), so
//   attempts from one address are never flagged for their number. What is flagged is a burst of
//   registrations: at least `minAccounts` (5) accounts registered from one address within
//   `windowMs` (10 minutes) that then took this round from that same address. People in one office
//   register over days; one person feeding several phone numbers does it in minutes.

export interface AddressRule {
	minAccounts: number;
	/** ms */
	windowMs: number;
}

export const DEFAULT_ADDRESS_RULE: AddressRule = { minAccounts: 5, windowMs: 10 * 60_000 };

function* groupBy<T>(items: readonly T[], key: (t: T) => string | null): Generator<void, Map<string, T[]>> {
	const groups = new Map<string, T[]>();
	for (let n = 0; n < items.length; n++) {
		if (n % STEP === STEP - 1) yield;
		const item = items[n];
		const k = key(item);
		if (k === null) continue;
		const list = groups.get(k);
		if (list) list.push(item);
		else groups.set(k, [item]);
	}
	return groups;
}

export function detectSharedDevices(attempts: readonly AttemptRecord[]): Flag[] {
	return runSteps(sharedDeviceSteps(attempts));
}

export function* sharedDeviceSteps(attempts: readonly AttemptRecord[]): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	let n = 0;
	const byDevice: Map<string, AttemptRecord[]> = yield* groupBy(attempts, (a) => a.deviceId);
	for (const [deviceId, group] of byDevice) {
		if (++n % STEP === 0) yield;
		if (group.length < 2) continue;
		const users = [...new Set(group.map((a) => a.userId))];
		if (users.length < 2) continue;
		for (const a of group) {
			flags.push({
				attemptId: a.id,
				signal: 'shared_device',
				score: users.length,
				detail: {
					deviceId,
					accounts: users.length,
					others: group.filter((o) => o.userId !== a.userId).map((o) => o.id)
				}
			});
		}
	}
	return flags;
}

export function detectSharedAddresses(
	attempts: readonly AttemptRecord[],
	rule: AddressRule = DEFAULT_ADDRESS_RULE
): Flag[] {
	return runSteps(sharedAddressSteps(attempts, rule));
}

export function* sharedAddressSteps(
	attempts: readonly AttemptRecord[],
	rule: AddressRule = DEFAULT_ADDRESS_RULE
): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	// only attempts taken from the address the account registered from
	const same = attempts.filter((a) => a.ipHash !== null && a.ipHash === a.userIpHash);
	const byAddress: Map<string, AttemptRecord[]> = yield* groupBy(same, (a) => a.ipHash);
	let n = 0;
	for (const [ipHash, group] of byAddress) {
		if (++n % STEP === 0) yield;
		if (group.length < rule.minAccounts) continue;
		const accounts = [...new Map(group.map((a) => [a.userId, a.userCreatedAt])).entries()].sort((x, y) => x[1] - y[1]);
		if (accounts.length < rule.minAccounts) continue;
		// the accounts inside some window of `windowMs` holding at least minAccounts registrations
		const burst = new Set<string>();
		let lo = 0;
		for (let hi = 0; hi < accounts.length; hi++) {
			while (accounts[hi][1] - accounts[lo][1] > rule.windowMs) lo++;
			if (hi - lo + 1 >= rule.minAccounts) for (let k = lo; k <= hi; k++) burst.add(accounts[k][0]);
		}
		if (burst.size === 0) continue;
		const times = accounts.filter(([u]) => burst.has(u)).map(([, t]) => t);
		for (const a of group) {
			if (!burst.has(a.userId)) continue;
			flags.push({
				attemptId: a.id,
				signal: 'shared_address',
				score: burst.size,
				detail: {
					ipHash: ipHash.slice(0, 12),
					accounts: burst.size,
					registeredFrom: Math.min(...times),
					registeredTo: Math.max(...times),
					others: group.filter((o) => o.userId !== a.userId && burst.has(o.userId)).map((o) => o.id)
				}
			});
		}
	}
	return flags;
}
