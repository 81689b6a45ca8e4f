import type { AttemptRecord } from './types';

// A round's attempts as columns: one typed array per numeric field for the whole round, and the
// items of every attempt one after another in four round-wide arrays (attempt i's items are
// itemStart[i] .. itemStart[i + 1]). 100,000 attempts are a dozen arrays, not 100,000 objects each
// holding four small arrays: the collector has nothing to trace or copy in them, where the
// records made the young-generation collections of the read phase copy megabytes (the longest
// pauses of the analysis). The accounts, devices and addresses are interned as small integers
// (equality is all the detectors ask of them); their texts are kept once for the evidence.

export interface RoundAttempts {
	readonly count: number;
	readonly id: readonly string[];
	/** the account, as a code (equal codes: the same account) */
	readonly user: Int32Array;
	/** ms since epoch */
	readonly startedAt: Float64Array;
	readonly finishedAt: Float64Array;
	readonly durationMs: Float64Array;
	/** the account's registration time, ms */
	readonly userCreatedAt: Float64Array;
	/** device cookie as a code into `devices`; -1 none */
	readonly device: Int32Array;
	readonly devices: readonly string[];
	/** the attempt's and the account's registration address, codes into `addresses`; -1 none */
	readonly address: Int32Array;
	readonly userAddress: Int32Array;
	readonly addresses: readonly string[];
	readonly focusLosses: Int32Array;
	readonly focusLostMs: Float64Array;
	/** attempt i's items: itemStart[i] .. itemStart[i + 1] (count + 1 entries) */
	readonly itemStart: Int32Array;
	/** per item: the interned question, the interned answer (-1 blank), 1 when right, ms to its first answer (-1 unknown) */
	readonly questions: Int32Array;
	readonly answers: Int32Array;
	readonly correct: Uint8Array;
	readonly itemMs: Float64Array;
}

/** An attempt's fields other than its items, as `beginAttempt` takes them. */
export type AttemptHead = Omit<AttemptRecord, 'unitId' | 'questions' | 'answers' | 'correct' | 'itemMs'>;

export interface RoundAttemptsBuilder {
	readonly count: number;
	/** items added so far */
	readonly items: number;
	beginAttempt(head: AttemptHead): void;
	/** makes room for this many items in all (one allocation, where doubling would copy several times) */
	reserveItems(items: number): void;
	/** an item of the attempt begun last */
	addItem(question: number, answer: number, correct: boolean | number, itemMs: number): void;
	/** the columns, trimmed to their length; the builder is not used after */
	finish(): RoundAttempts;
}

function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, length: number): T {
	if (length <= array.length) return array;
	let size = array.length;
	while (size < length) size *= 2;
	const next = new (array.constructor as new (n: number) => T)(size);
	next.set(array);
	return next;
}

function intern(map: Map<string, number>, texts: string[], key: string | null): number {
	if (key === null) return -1;
	let code = map.get(key);
	if (code === undefined) {
		code = texts.length;
		map.set(key, code);
		texts.push(key);
	}
	return code;
}

/** Columns grown by doubling; `attempts` and `items` are the first capacities. */
export function createRoundAttemptsBuilder(attempts = 1024, items = attempts * 20): RoundAttemptsBuilder {
	let n = 0;
	let m = 0;
	const id: string[] = [];
	const users = new Map<string, number>();
	const userTexts: string[] = [];
	const deviceCodes = new Map<string, number>();
	const devices: string[] = [];
	const addressCodes = new Map<string, number>();
	const addresses: string[] = [];
	let a = Math.max(1, attempts);
	let user = new Int32Array(a);
	let startedAt = new Float64Array(a);
	let finishedAt = new Float64Array(a);
	let durationMs = new Float64Array(a);
	let userCreatedAt = new Float64Array(a);
	let device = new Int32Array(a);
	let address = new Int32Array(a);
	let userAddress = new Int32Array(a);
	let focusLosses = new Int32Array(a);
	let focusLostMs = new Float64Array(a);
	let itemStart = new Int32Array(a + 1);
	const i = Math.max(1, items);
	let questions = new Int32Array(i);
	let answers = new Int32Array(i);
	let correct = new Uint8Array(i);
	let itemMs = new Float64Array(i);
	return {
		get count() {
			return n;
		},
		get items() {
			return m;
		},
		beginAttempt(head) {
			if (n === a) {
				a *= 2;
				user = grown(user, a);
				startedAt = grown(startedAt, a);
				finishedAt = grown(finishedAt, a);
				durationMs = grown(durationMs, a);
				userCreatedAt = grown(userCreatedAt, a);
				device = grown(device, a);
				address = grown(address, a);
				userAddress = grown(userAddress, a);
				focusLosses = grown(focusLosses, a);
				focusLostMs = grown(focusLostMs, a);
				itemStart = grown(itemStart, a + 1);
			}
			id.push(head.id);
			user[n] = intern(users, userTexts, head.userId);
			startedAt[n] = head.startedAt;
			finishedAt[n] = head.finishedAt;
			durationMs[n] = head.durationMs;
			userCreatedAt[n] = head.userCreatedAt;
			device[n] = intern(deviceCodes, devices, head.deviceId);
			address[n] = intern(addressCodes, addresses, head.ipHash);
			userAddress[n] = intern(addressCodes, addresses, head.userIpHash);
			focusLosses[n] = head.focusLosses;
			focusLostMs[n] = head.focusLostMs;
			n++;
			itemStart[n] = m;
		},
		reserveItems(total) {
			if (total <= questions.length) return;
			const resized = <T extends Int32Array | Uint8Array | Float64Array>(array: T): T => {
				const next = new (array.constructor as new (n: number) => T)(total);
				next.set(array.subarray(0, m));
				return next;
			};
			questions = resized(questions);
			answers = resized(answers);
			correct = resized(correct);
			itemMs = resized(itemMs);
		},
		addItem(question, answer, right, ms) {
			if (m === questions.length) {
				questions = grown(questions, m + 1);
				answers = grown(answers, m + 1);
				correct = grown(correct, m + 1);
				itemMs = grown(itemMs, m + 1);
			}
			questions[m] = question;
			answers[m] = answer;
			correct[m] = right ? 1 : 0;
			itemMs[m] = ms;
			m++;
			itemStart[n] = m;
		},
		finish() {
			return {
				count: n,
				id,
				user: user.subarray(0, n),
				startedAt: startedAt.subarray(0, n),
				finishedAt: finishedAt.subarray(0, n),
				durationMs: durationMs.subarray(0, n),
				userCreatedAt: userCreatedAt.subarray(0, n),
				device: device.subarray(0, n),
				devices,
				address: address.subarray(0, n),
				userAddress: userAddress.subarray(0, n),
				addresses,
				focusLosses: focusLosses.subarray(0, n),
				focusLostMs: focusLostMs.subarray(0, n),
				itemStart: itemStart.subarray(0, n + 1),
				questions: questions.subarray(0, m),
				answers: answers.subarray(0, m),
				correct: correct.subarray(0, m),
				itemMs: itemMs.subarray(0, m)
			};
		}
	};
}

/** The columns of a list of records (tests, the bench's baseline, small rounds). */
export function roundAttemptsOf(records: readonly AttemptRecord[]): RoundAttempts {
	const builder = createRoundAttemptsBuilder(
		records.length,
		records.reduce((s, r) => s + r.questions.length, 0)
	);
	for (const r of records) {
		builder.beginAttempt(r);
		for (let k = 0; k < r.questions.length; k++) {
			builder.addItem(r.questions[k], r.answers[k], r.correct[k], r.itemMs[k]);
		}
	}
	return builder.finish();
}

/** The number of items of attempt i. */
export function itemCount(r: RoundAttempts, i: number): number {
	return r.itemStart[i + 1] - r.itemStart[i];
}

/** The number of right answers of attempt i. */
export function rightCount(r: RoundAttempts, i: number): number {
	let right = 0;
	for (let k = r.itemStart[i]; k < r.itemStart[i + 1]; k++) right += r.correct[k];
	return right;
}
