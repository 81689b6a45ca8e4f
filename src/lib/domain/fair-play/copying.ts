import { itemCount, rightCount, type RoundAttempts } from './round-attempts';
import { normalUpperTail, STEP, type Flag } from './types';

// Copying: pairs of attempts whose answers agree more than their authors' ability explains.
//
// The index is Wollack's ω (Wollack, J. A. (1997). A nominal response model approach for
// detecting answer copying. Applied Psychological Measurement, 21(4), 307–320), for a suspected
// copier c and source s over the items both answered:
//
//     h  = Σ_j 1[u_cj = u_sj]                       the observed matches
//     E  = Σ_j P(u_cj = u_sj | θ_c)                 the expected matches
//     ω  = (h − E) / √( Σ_j P_j (1 − P_j) )          ~ N(0, 1) when c did not copy from s
//
// Wollack takes P(u_cj = k | θ_c) from a nominal response model fitted to the test. Here, as in
// the empirical variants of the index (the K-index of Holland 1996 and the ω with empirical
// option curves of Sotaridona & Meijer 2002), it is the share of contestants in c's ability
// stratum (a tenth of the score scale) who chose the source's option k on item j, smoothed with
// half a count per option. Matches on correct answers between two strong contestants are
// therefore expected and weigh little; identical wrong answers that few people of c's level pick
// weigh a lot. Which of the two copied is not knowable from answers alone, so ω is computed both
// ways and the larger kept; both attempts are flagged, with the other's sequence as evidence.
//
// Pair search without comparing all n² pairs: an attempt's signature is its set of wrong answers
// (question, option). Each set of at least two wrong answers is hashed (XOR of per-answer random
// 52-bit codes, so removing one answer is O(1)), with the sets left after dropping one or two of
// them (up to 8 wrong answers): two attempts whose wrong answers differ by at most two land in a
// common bucket. An attempt with 5 wrong answers or more also gets 8 MinHash bands of two rows
// (Broder 1997): a pair sharing a fraction J of their wrong answers meets in some band with
// probability 1 − (1 − J²)⁸, which finds copiers who kept a few wrong answers of their own.
// Buckets of at most 32 attempts compare all their pairs; in a larger bucket (a popular set of
// mistakes) each attempt is compared with its 4 next neighbours in finishing time, since copying
// happens side by side in time. Perfect scores never pair: they carry no evidence. Each pair is
// scored once per pass; the cost grows with n × keys, not n².

export const STRATA = 10;
export const BUCKET_ALL_PAIRS = 32;
export const BUCKET_TIME_WINDOW = 4;
export const MAX_WRONG_FOR_DOUBLE_DROP = 8;
export const MINHASH_MIN_WRONG = 5;
export const MINHASH_BANDS = 8;
/**
 * A pair is flagged when the exact p of its matches is at most P_ALONE, or at most P_NEAR and
 * the two started within NEAR_MS of each other (copying side by side). Both thresholds account
 * for the many candidate pairs of a large round (Bonferroni: 10⁶ pairs × 10⁻⁸ ≈ 0.01 expected by
 * chance; pairs starting within 5 minutes are about 1 in 800 of the candidates of a week-long
 * round). Tuned on synthetic rounds (bench/fair-play.ts): at 100,000 attempts, 10⁻⁴ within 10
 * minutes flagged 0.6 % of honest attempts, mostly pairs of weak contestants sharing popular
 * mistakes.
 */
export const P_ALONE = 1e-8;
export const P_NEAR = 1e-5;
export const NEAR_MS = 5 * 60_000;
/** a pair also needs this many identical wrong answers: agreement on right answers is no evidence */
export const MIN_IDENTICAL_WRONG = 3;
const PARTITIONS = 16;

export interface PairScore {
	a: number;
	b: number;
	omega: number;
	pValue: number;
	shared: number;
	matches: number;
	expected: number;
	identicalWrong: number;
	/** the direction of the larger ω: 'ab' when a's answers are read as copied from b */
	direction: 'ab' | 'ba';
}

/** Option popularity per question and ability stratum, the P of the index. */
export interface Popularity {
	strata: Int32Array;
	/** per question: counts[s * K + k], K = options of the question */
	counts: Map<number, { k: number; counts: Float64Array; totals: Float64Array }>;
}

export function stratumOf(r: RoundAttempts, i: number): number {
	const n = itemCount(r, i);
	if (n === 0) return 0;
	return Math.min(STRATA - 1, Math.floor((rightCount(r, i) / n) * STRATA));
}

export function buildPopularity(r: RoundAttempts): Popularity {
	const gen = popularitySteps(r);
	for (;;) {
		const r = gen.next();
		if (r.done) return r.value;
	}
}

export function* popularitySteps(r: RoundAttempts): Generator<void, Popularity> {
	const strata = new Int32Array(r.count);
	const width = new Map<number, number>();
	const { questions, answers, itemStart } = r;
	for (let idx = 0; idx < r.count; idx++) {
		if (idx % STEP === STEP - 1) yield;
		strata[idx] = stratumOf(r, idx);
		for (let i = itemStart[idx]; i < itemStart[idx + 1]; i++) {
			width.set(questions[i], Math.max(width.get(questions[i]) ?? 0, answers[i] + 1));
		}
	}
	const counts: Popularity['counts'] = new Map();
	for (const [q, k] of width) {
		counts.set(q, { k, counts: new Float64Array(STRATA * Math.max(k, 1)), totals: new Float64Array(STRATA) });
	}
	yield;
	for (let idx = 0; idx < r.count; idx++) {
		if (idx % STEP === STEP - 1) yield;
		const s = strata[idx];
		for (let i = itemStart[idx]; i < itemStart[idx + 1]; i++) {
			if (answers[i] < 0) continue;
			const c = counts.get(questions[i])!;
			c.counts[s * c.k + answers[i]]++;
			c.totals[s]++;
		}
	}
	return { strata, counts };
}

function chooseProbability(pop: Popularity, stratum: number, q: number, answer: number): number {
	const c = pop.counts.get(q)!;
	return (c.counts[stratum * c.k + answer] + 0.5) / (c.totals[stratum] + 0.5 * c.k);
}

const scratchAB = new Float64Array(256);
const scratchBA = new Float64Array(256);

/**
 * ω of the pair both ways, the larger kept, with the exact p of its matches when ω ≥ 2 (else the
 * normal tail, which is then far from any threshold); null when they share fewer than 5 items or
 * fewer than MIN_IDENTICAL_WRONG identical wrong answers.
 */
export function scorePair(
	r: RoundAttempts,
	pop: Popularity,
	ia: number,
	ib: number,
	positionOf: Int32Array
): PairScore | null {
	const { questions, answers, correct, itemStart } = r;
	const aFrom = itemStart[ia];
	const aTo = itemStart[ia + 1];
	const bFrom = itemStart[ib];
	const bTo = itemStart[ib + 1];
	// positionOf[q]: the item of b holding question q (an index into the round's item arrays)
	for (let j = bFrom; j < bTo; j++) positionOf[questions[j]] = j;
	let shared = 0;
	let matches = 0;
	let identicalWrong = 0;
	let nAB = 0;
	let nBA = 0;
	let eAB = 0;
	let vAB = 0;
	let eBA = 0;
	let vBA = 0;
	const sa = pop.strata[ia];
	const sb = pop.strata[ib];
	for (let i = aFrom; i < aTo && shared < 256; i++) {
		const q = questions[i];
		const j = positionOf[q];
		if (j < 0) continue;
		const ua = answers[i];
		const ub = answers[j];
		if (ua < 0 && ub < 0) continue;
		shared++;
		if (ua === ub) {
			matches++;
			if (!correct[i]) identicalWrong++;
		}
		// a as copier of b: the chance that someone of a's level picks b's answer (a blank
		// opposite an answer is a non-match with that chance)
		const pab = ub >= 0 ? chooseProbability(pop, sa, q, ub) : 0;
		const pba = ua >= 0 ? chooseProbability(pop, sb, q, ua) : 0;
		scratchAB[nAB++] = pab;
		scratchBA[nBA++] = pba;
		eAB += pab;
		vAB += pab * (1 - pab);
		eBA += pba;
		vBA += pba * (1 - pba);
	}
	for (let j = bFrom; j < bTo; j++) positionOf[questions[j]] = -1;
	// fewer than MIN_IDENTICAL_WRONG identical wrong answers is never evidence: no object for it
	// (the pair search scores millions of pairs, and garbage is what stalls the thread)
	if (shared < 5 || identicalWrong < MIN_IDENTICAL_WRONG) return null;
	const wAB = vAB > 0 ? (matches - eAB) / Math.sqrt(vAB) : 0;
	const wBA = vBA > 0 ? (matches - eBA) / Math.sqrt(vBA) : 0;
	const ab = wAB >= wBA;
	const omega = ab ? wAB : wBA;
	const pValue =
		omega >= 2
			? Math.min(
					poissonBinomialUpperTail(scratchAB.subarray(0, nAB), matches),
					poissonBinomialUpperTail(scratchBA.subarray(0, nBA), matches)
				)
			: normalUpperTail(omega);
	return {
		a: ia,
		b: ib,
		omega,
		pValue,
		shared,
		matches,
		expected: ab ? eAB : eBA,
		identicalWrong,
		direction: ab ? 'ab' : 'ba'
	};
}

/**
 * P(H ≥ h) for H a sum of independent Bernoulli(p_j) (the Poisson-binomial law of the matches
 * when nobody copied), exactly by dynamic programming: the normal approximation of ω is
 * anti-conservative on 20 items, where a few unlikely identical wrong answers skew the law.
 */
export function poissonBinomialUpperTail(probabilities: ArrayLike<number>, h: number): number {
	const n = probabilities.length;
	if (h <= 0) return 1;
	if (h > n) return 0;
	const dist = new Float64Array(n + 1);
	dist[0] = 1;
	for (let j = 0; j < n; j++) {
		const p = probabilities[j];
		for (let k = j + 1; k >= 1; k--) dist[k] = dist[k] * (1 - p) + dist[k - 1] * p;
		dist[0] *= 1 - p;
	}
	let tail = 0;
	for (let k = h; k <= n; k++) tail += dist[k];
	return Math.min(1, tail);
}

function mix32(x: number): number {
	x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
	x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
	return (x ^ (x >>> 16)) >>> 0;
}

const keyOf = (hi: number, lo: number): number => (hi >>> 0) * 0x200000 + (lo & 0x1fffff);

// scratch of signature keys, reused for every attempt (no arrays per attempt in the search)
let laneHi = new Uint32Array(64);
let laneLo = new Uint32Array(64);
let keyScratch = new Float64Array(64);

/**
 * The bucket keys of attempt i (its wrong-answer set and that set less one or two answers, and
 * its MinHash bands) into `keyScratch`; returns how many.
 */
function fillSignatureKeys(r: RoundAttempts, i: number): number {
	const { questions, answers, correct } = r;
	let w = 0;
	for (let k = r.itemStart[i]; k < r.itemStart[i + 1]; k++) if (answers[k] >= 0 && !correct[k]) w++;
	if (w < 2) return 0;
	if (w > laneHi.length) {
		laneHi = new Uint32Array(w * 2);
		laneLo = new Uint32Array(w * 2);
	}
	const most = 1 + w + (w * (w - 1)) / 2 + MINHASH_BANDS;
	if (most > keyScratch.length) keyScratch = new Float64Array(most * 2);
	// a wrong answer's code as two lanes (32 + 21 bits) XORed separately, read as one number
	w = 0;
	for (let k = r.itemStart[i]; k < r.itemStart[i + 1]; k++) {
		if (answers[k] < 0 || correct[k]) continue;
		const t = questions[k] * 97 + answers[k] + 1;
		laneHi[w] = mix32(t);
		laneLo[w] = mix32(t ^ 0x5bd1e995) & 0x1fffff;
		w++;
	}
	let hi = 0;
	let lo = 0;
	for (let x = 0; x < w; x++) {
		hi ^= laneHi[x];
		lo ^= laneLo[x];
	}
	let n = 0;
	keyScratch[n++] = keyOf(hi, lo);
	if (w - 1 >= 2) for (let x = 0; x < w; x++) keyScratch[n++] = keyOf(hi ^ laneHi[x], lo ^ laneLo[x]);
	if (w - 2 >= 2 && w <= MAX_WRONG_FOR_DOUBLE_DROP) {
		for (let x = 0; x < w; x++) {
			for (let y = x + 1; y < w; y++) {
				keyScratch[n++] = keyOf(hi ^ laneHi[x] ^ laneHi[y], lo ^ laneLo[x] ^ laneLo[y]);
			}
		}
	}
	if (w >= MINHASH_MIN_WRONG) {
		// MinHash bands of two rows: a pair sharing a fraction J of their wrong answers (Jaccard)
		// meets in some band with probability 1 − (1 − J²)^bands
		for (let band = 0; band < MINHASH_BANDS; band++) {
			let m1 = 0xffffffff;
			let m2 = 0xffffffff;
			for (let x = 0; x < w; x++) {
				const h = laneHi[x];
				const a = mix32(h ^ (band * 0x632be5ab + 0x1b873593));
				const b = mix32(h ^ (band * 0x85ebca6b + 0x2545f491));
				if (a < m1) m1 = a;
				if (b < m2) m2 = b;
			}
			keyScratch[n++] = keyOf(mix32(m1 ^ band), m2);
		}
	}
	return n;
}

/** The bucket keys of attempt i: its wrong-answer set and that set less one or two answers. */
export function signatureKeys(r: RoundAttempts, i: number): number[] {
	return Array.from(keyScratch.subarray(0, fillSignatureKeys(r, i)));
}

export function isSuspect(s: PairScore, r: RoundAttempts): boolean {
	if (s.pValue <= P_ALONE) return true;
	return s.pValue <= P_NEAR && Math.abs(r.startedAt[s.a] - r.startedAt[s.b]) <= NEAR_MS;
}

/**
 * Finds the suspect pairs: buckets the signature keys and scores the pairs each bucket yields. The
 * key space is split into PARTITIONS passes so no single hash table grows past a few hundred
 * thousand entries (growing one of millions stalls the thread for its rehash); a pair met in two
 * buckets is scored twice and kept once. A generator that yields every few thousand steps.
 */
export function* findCopyPairs(
	r: RoundAttempts,
	pop: Popularity
): Generator<void, { pairs: PairScore[]; evaluated: number }> {
	// every attempt's keys in one flat typed array (keyStart[i] .. keyStart[i + 1]): 100,000 small
	// arrays kept through the whole search made the young-generation collections copy them, tens
	// of ms each
	const keyStart = new Int32Array(r.count + 1);
	let keyFlat = new Float64Array(Math.max(1024, r.count * 16));
	let keyCount = 0;
	for (let i = 0; i < r.count; i++) {
		const count = fillSignatureKeys(r, i);
		if (keyCount + count > keyFlat.length) {
			const grown = new Float64Array(Math.max(keyFlat.length * 2, keyCount + count));
			grown.set(keyFlat.subarray(0, keyCount));
			keyFlat = grown;
			yield;
		}
		for (let k = 0; k < count; k++) keyFlat[keyCount++] = keyScratch[k];
		keyStart[i + 1] = keyCount;
		if (i % STEP === 0) yield;
	}
	let maxQuestion = 0;
	for (let k = 0; k < r.questions.length; k++) {
		if (k % (STEP * 16) === STEP * 16 - 1) yield;
		if (r.questions[k] > maxQuestion) maxQuestion = r.questions[k];
	}
	const positionOf = new Int32Array(maxQuestion + 1).fill(-1);
	const found = new Map<number, PairScore>();
	const n = r.count;
	// each attempt's rank in finishing order, so a large bucket sorts small integers natively
	// (a comparator sort of a bucket of 50,000 would hold the thread for 100 ms)
	const { order, rank } = yield* finishingOrder(r.finishedAt);
	let evaluated = 0;
	let work = 0;
	// typed arrays allocated once: 16 rounds of large allocations and frees are external memory
	// the collector reacts to
	const scratch = yield* bucketScratch(keyFlat, keyStart[n]);
	for (let part = 0; part < PARTITIONS; part++) {
		const buckets = yield* bucketIndex(keyFlat, keyStart, n, part, scratch);
		// no set of the pairs seen: at 100,000 attempts it grows to millions of entries, and its
		// rehashes and collection stall the thread; a pair met in several buckets is scored again
		// (cheap: most pairs are dismissed before any allocation) and kept once in `found`
		const consider = (i: number, j: number) => {
			const x = i < j ? i : j;
			const y = i < j ? j : i;
			const id = x * n + y;
			if (found.has(id)) return;
			evaluated++;
			const s = scorePair(r, pop, x, y, positionOf);
			if (s && s.identicalWrong >= MIN_IDENTICAL_WRONG && isSuspect(s, r)) found.set(id, s);
		};
		// the work is counted in pairs scored, and a large bucket yields inside its own loops: one
		// bucket of 50,000 attempts (a popular set of mistakes) is 200,000 pairs, far more than a slice
		// (members read in place, by offset: a subarray per bucket would be millions of objects)
		const { members, start } = buckets;
		for (let b = 0; b < buckets.count; b++) {
			const from = start[b];
			const size = start[b + 1] - from;
			if (size < 2) continue;
			if (size <= BUCKET_ALL_PAIRS) {
				for (let x = 0; x < size; x++) {
					for (let y = x + 1; y < size; y++) consider(members[from + x], members[from + y]);
				}
				work += (size * (size - 1)) / 2;
			} else {
				const byTime = new Int32Array(size);
				for (let k = 0; k < size; k++) {
					byTime[k] = rank[members[from + k]];
					if (++work >= STEP * 8) {
						work = 0;
						yield;
					}
				}
				byTime.sort();
				yield;
				for (let k = 0; k < byTime.length; k++) byTime[k] = order[byTime[k]];
				for (let x = 0; x < byTime.length; x++) {
					for (let y = x + 1; y <= x + BUCKET_TIME_WINDOW && y < byTime.length; y++) consider(byTime[x], byTime[y]);
					work += BUCKET_TIME_WINDOW;
					if (work >= STEP) {
						work = 0;
						yield;
					}
				}
			}
			if (work >= STEP) {
				work = 0;
				yield;
			}
		}
	}
	return { pairs: [...found.values()], evaluated };
}

/** The bucket index's arrays, sized once for the largest partition and reused by all of them. */
interface BucketScratch {
	slotKey: Float64Array;
	slotBucket: Int32Array;
	counts: Int32Array;
	last: Int32Array;
	start: Int32Array;
	members: Int32Array;
}

function* bucketScratch(keyFlat: Float64Array, total: number): Generator<void, BucketScratch> {
	const entries = new Int32Array(PARTITIONS);
	for (let e = 0; e < total; e++) {
		entries[keyFlat[e] % PARTITIONS]++;
		if (e % (STEP * 16) === STEP * 16 - 1) yield;
	}
	let most = 0;
	for (const m of entries) if (m > most) most = m;
	let capacity = 16;
	while (capacity < most * 2) capacity *= 2;
	return {
		slotKey: new Float64Array(capacity),
		slotBucket: new Int32Array(capacity),
		counts: new Int32Array(most + 1),
		last: new Int32Array(most + 1),
		start: new Int32Array(most + 1),
		members: new Int32Array(most)
	};
}

/**
 * The buckets of one partition of the key space, as typed arrays: bucket b holds
 * members[start[b] .. start[b + 1]], its attempts in increasing index, each once; buckets in the
 * order their key first appears (as a Map's insertion order would give, so the pairs are scored
 * in the same order as before). An open-addressing table sized for the largest partition: it
 * never grows, so there is no rehash, and nothing is allocated per bucket. Yields every few
 * thousand keys.
 */
function* bucketIndex(
	keyFlat: Float64Array,
	keyStart: Int32Array,
	n: number,
	part: number,
	scratch: BucketScratch
): Generator<void, { count: number; start: Int32Array; members: Int32Array }> {
	const { slotKey, slotBucket, counts, last, start, members } = scratch;
	const mask = slotKey.length - 1;
	slotBucket.fill(-1);
	counts.fill(0);
	last.fill(-1);
	yield;
	let count = 0;
	let work = 0;
	const slotOf = (key: number): number => {
		const hi = (key / 4294967296) >>> 0;
		let h = mix32((key >>> 0) ^ mix32(hi)) & mask;
		while (slotBucket[h] >= 0 && slotKey[h] !== key) h = (h + 1) & mask;
		return h;
	};
	// pass 1: the buckets in order of first appearance, and their sizes
	for (let i = 0; i < n; i++) {
		for (let e = keyStart[i]; e < keyStart[i + 1]; e++) {
			const key = keyFlat[e];
			if (key % PARTITIONS !== part) continue;
			const h = slotOf(key);
			let b = slotBucket[h];
			if (b < 0) {
				b = count++;
				slotBucket[h] = b;
				slotKey[h] = key;
			}
			if (last[b] !== i) {
				last[b] = i;
				counts[b]++;
			}
		}
		work += keyStart[i + 1] - keyStart[i] + 1;
		if (work >= STEP * 4) {
			work = 0;
			yield;
		}
	}
	start[0] = 0;
	for (let b = 0; b < count; b++) start[b + 1] = start[b] + counts[b];
	yield;
	// pass 2: the members, in increasing attempt index
	const fill = counts;
	fill.fill(0);
	last.fill(-1);
	for (let i = 0; i < n; i++) {
		for (let e = keyStart[i]; e < keyStart[i + 1]; e++) {
			const key = keyFlat[e];
			if (key % PARTITIONS !== part) continue;
			const b = slotBucket[slotOf(key)];
			if (last[b] !== i) {
				last[b] = i;
				members[start[b] + fill[b]++] = i;
			}
		}
		work += keyStart[i + 1] - keyStart[i] + 1;
		if (work >= STEP * 4) {
			work = 0;
			yield;
		}
	}
	return { count, start, members };
}

/** The attempts in finishing order (`order`) and each one's place in it (`rank`), by native sorts. */
function* finishingOrder(finishedAt: Float64Array): Generator<void, { order: Int32Array; rank: Int32Array }> {
	const n = finishedAt.length;
	let min = Infinity;
	for (let i = 0; i < n; i++) if (finishedAt[i] < min) min = finishedAt[i];
	// (time since the first finish) × 2^bits + index: one number per attempt, exact below 2^53
	// for rounds of up to a million attempts over a few months
	const scale = 2 ** Math.max(1, Math.ceil(Math.log2(n + 1)));
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) keys[i] = (finishedAt[i] - min) * scale + i;
	yield;
	keys.sort();
	yield;
	const order = new Int32Array(n);
	const rank = new Int32Array(n);
	for (let r = 0; r < n; r++) {
		const i = keys[r] % scale;
		order[r] = i;
		rank[i] = r;
	}
	return { order, rank };
}

/** The whole copying analysis as one generator: popularity, pairs, flags. */
export function* detectCopying(r: RoundAttempts): Generator<void, { flags: Flag[]; candidates: number }> {
	const pop = yield* popularitySteps(r);
	yield;
	const { pairs, evaluated } = yield* findCopyPairs(r, pop);
	return { flags: pairFlags(r, pairs), candidates: evaluated };
}

/** One flag per attempt in a flagged pair: its strongest pair first, the cluster it belongs to. */
export function pairFlags(r: RoundAttempts, pairs: readonly PairScore[]): Flag[] {
	// clusters: connected components of the flagged pairs (union-find)
	const parent = new Map<number, number>();
	const find = (x: number): number => {
		let r = x;
		while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
		parent.set(x, r);
		return r;
	};
	for (const p of pairs) {
		if (!parent.has(p.a)) parent.set(p.a, p.a);
		if (!parent.has(p.b)) parent.set(p.b, p.b);
		parent.set(find(p.a), find(p.b));
	}
	const clusterSize = new Map<number, number>();
	for (const x of parent.keys()) clusterSize.set(find(x), (clusterSize.get(find(x)) ?? 0) + 1);
	const byAttempt = new Map<number, PairScore[]>();
	for (const p of pairs) {
		for (const x of [p.a, p.b]) {
			const list = byAttempt.get(x);
			if (list) list.push(p);
			else byAttempt.set(x, [p]);
		}
	}
	const flags: Flag[] = [];
	for (const [x, list] of byAttempt) {
		list.sort((p, q) => q.omega - p.omega);
		flags.push({
			attemptId: r.id[x],
			signal: 'copying',
			score: Math.round(list[0].omega * 100) / 100,
			detail: {
				clusterSize: clusterSize.get(find(x)),
				partners: list.slice(0, 5).map((p) => {
					const other = p.a === x ? p.b : p.a;
					return {
						attemptId: r.id[other],
						omega: Math.round(p.omega * 100) / 100,
						pValue: p.pValue,
						shared: p.shared,
						matches: p.matches,
						expected: Math.round(p.expected * 10) / 10,
						identicalWrong: p.identicalWrong,
						finishGapMs: Math.abs(r.finishedAt[other] - r.finishedAt[x]),
						startGapMs: Math.abs(r.startedAt[other] - r.startedAt[x])
					};
				})
			}
		});
	}
	return flags;
}
