import type { RoundAttempts } from './round-attempts';
import { runSteps, STEP, type Flag } from './types';

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

/** Attempt indexes grouped by a code (-1: none), groups in order of their first attempt. */
function* groupBy(indexes: Iterable<number>, code: Int32Array): Generator<void, Map<number, number[]>> {
	const groups = new Map<number, number[]>();
	let n = 0;
	for (const i of indexes) {
		if (n++ % STEP === STEP - 1) yield;
		const k = code[i];
		if (k < 0) continue;
		const list = groups.get(k);
		if (list) list.push(i);
		else groups.set(k, [i]);
	}
	return groups;
}

function* range(count: number): Generator<number> {
	for (let i = 0; i < count; i++) yield i;
}

export function detectSharedDevices(r: RoundAttempts): Flag[] {
	return runSteps(sharedDeviceSteps(r));
}

export function* sharedDeviceSteps(r: RoundAttempts): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	let n = 0;
	const byDevice = yield* groupBy(range(r.count), r.device);
	for (const [device, group] of byDevice) {
		if (++n % STEP === 0) yield;
		if (group.length < 2) continue;
		const users = new Set(group.map((i) => r.user[i])).size;
		if (users < 2) continue;
		for (const a of group) {
			flags.push({
				attemptId: r.id[a],
				signal: 'shared_device',
				score: users,
				detail: {
					deviceId: r.devices[device],
					accounts: users,
					others: group.filter((o) => r.user[o] !== r.user[a]).map((o) => r.id[o])
				}
			});
		}
	}
	return flags;
}

export function detectSharedAddresses(r: RoundAttempts, rule: AddressRule = DEFAULT_ADDRESS_RULE): Flag[] {
	return runSteps(sharedAddressSteps(r, rule));
}

export function* sharedAddressSteps(
	r: RoundAttempts,
	rule: AddressRule = DEFAULT_ADDRESS_RULE
): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	// only attempts taken from the address the account registered from
	const same: number[] = [];
	for (let i = 0; i < r.count; i++) if (r.address[i] >= 0 && r.address[i] === r.userAddress[i]) same.push(i);
	const byAddress = yield* groupBy(same, r.address);
	let n = 0;
	for (const [address, group] of byAddress) {
		if (++n % STEP === 0) yield;
		if (group.length < rule.minAccounts) continue;
		const accounts = [...new Map(group.map((i) => [r.user[i], r.userCreatedAt[i]])).entries()].sort(
			(x, y) => x[1] - y[1]
		);
		if (accounts.length < rule.minAccounts) continue;
		// the accounts inside some window of `windowMs` holding at least minAccounts registrations
		const burst = new Set<number>();
		let lo = 0;
		for (let hi = 0; hi < accounts.length; hi++) {
			while (accounts[hi][1] - accounts[lo][1] > rule.windowMs) lo++;
			if (hi - lo + 1 >= rule.minAccounts) for (let k = lo; k <= hi; k++) burst.add(accounts[k][0]);
		}
		if (burst.size === 0) continue;
		const times = accounts.filter(([u]) => burst.has(u)).map(([, t]) => t);
		for (const a of group) {
			if (!burst.has(r.user[a])) continue;
			flags.push({
				attemptId: r.id[a],
				signal: 'shared_address',
				score: burst.size,
				detail: {
					ipHash: r.addresses[address].slice(0, 12),
					accounts: burst.size,
					registeredFrom: Math.min(...times),
					registeredTo: Math.max(...times),
					others: group.filter((o) => r.user[o] !== r.user[a] && burst.has(r.user[o])).map((o) => r.id[o])
				}
			});
		}
	}
	return flags;
}
