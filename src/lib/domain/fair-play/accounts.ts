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

/**
 * Attempt indexes grouped by a code (-1: none): group g holds members[start[g] .. start[g + 1]]
 * (attempts in increasing index), groups in order of their first attempt, `code[g]` its code.
 * Typed arrays by a counting sort: 100,000 devices are not 100,000 small arrays.
 */
interface Groups {
	count: number;
	code: Int32Array;
	start: Int32Array;
	members: Int32Array;
}

function* groupBy(indexes: Int32Array, codeOf: Int32Array, codes: number): Generator<void, Groups> {
	const size = new Int32Array(codes);
	const group = new Int32Array(codes).fill(-1);
	const code = new Int32Array(codes);
	let count = 0;
	for (let n = 0; n < indexes.length; n++) {
		if (n % STEP === STEP - 1) yield;
		const k = codeOf[indexes[n]];
		if (k < 0) continue;
		if (group[k] < 0) {
			group[k] = count;
			code[count++] = k;
		}
		size[group[k]]++;
	}
	const start = new Int32Array(count + 1);
	for (let g = 0; g < count; g++) start[g + 1] = start[g] + size[g];
	yield;
	const members = new Int32Array(start[count]);
	size.fill(0);
	for (let n = 0; n < indexes.length; n++) {
		if (n % STEP === STEP - 1) yield;
		const k = codeOf[indexes[n]];
		if (k < 0) continue;
		const g = group[k];
		members[start[g] + size[g]++] = indexes[n];
	}
	return { count, code, start, members };
}

/** The members of group g, as an array (only for the groups looked at closely). */
const membersOf = (groups: Groups, g: number): number[] =>
	Array.from(groups.members.subarray(groups.start[g], groups.start[g + 1]));

export function detectSharedDevices(r: RoundAttempts): Flag[] {
	return runSteps(sharedDeviceSteps(r));
}

export function* sharedDeviceSteps(r: RoundAttempts): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	let n = 0;
	const all = new Int32Array(r.count);
	for (let i = 0; i < r.count; i++) all[i] = i;
	const byDevice = yield* groupBy(all, r.device, r.devices.length);
	for (let g = 0; g < byDevice.count; g++) {
		if (++n % STEP === 0) yield;
		if (byDevice.start[g + 1] - byDevice.start[g] < 2) continue;
		const device = byDevice.code[g];
		const group = membersOf(byDevice, g);
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
	const same = new Int32Array(r.count);
	let sameCount = 0;
	for (let i = 0; i < r.count; i++) if (r.address[i] >= 0 && r.address[i] === r.userAddress[i]) same[sameCount++] = i;
	const byAddress = yield* groupBy(same.subarray(0, sameCount), r.address, r.addresses.length);
	let n = 0;
	for (let g = 0; g < byAddress.count; g++) {
		if (++n % STEP === 0) yield;
		if (byAddress.start[g + 1] - byAddress.start[g] < rule.minAccounts) continue;
		const address = byAddress.code[g];
		const group = membersOf(byAddress, g);
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
