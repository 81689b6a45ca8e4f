// The fair-play analysis works on a round's attempts in a compact form, built once at the
// repository edge: questions and answers are interned as small integers so the pair search over
// 100,000 attempts stays in typed arrays and numbers, not strings.

/** One finished attempt of the round, as the analysis sees it. */
export interface AttemptRecord {
	id: string;
	userId: string;
	unitId: string;
	/** ms since epoch */
	startedAt: number;
	/** ms since epoch */
	finishedAt: number;
	durationMs: number;
	deviceId: string | null;
	ipHash: string | null;
	/** the account's registration: its time (ms) and the hashed address it came from */
	userCreatedAt: number;
	userIpHash: string | null;
	/** interned question ids, in the order of the attempt's positions */
	questions: number[];
	/** interned answers (per question: 0, 1, 2 … for distinct answers); -1 when left blank */
	answers: number[];
	/** 1 when the item was answered correctly */
	correct: number[];
	/** ms from the question being shown (or the previous answer) to its first answer; -1 unknown */
	itemMs: number[];
	/** times the page lost focus or was hidden, and the ms it stayed so */
	focusLosses: number;
	focusLostMs: number;
}

export type Signal = 'too_fast' | 'shared_device' | 'shared_address' | 'copying' | 'focus_loss';

export const SIGNALS: readonly Signal[] = ['too_fast', 'shared_device', 'shared_address', 'copying', 'focus_loss'];

/** A finding on one attempt: its signal's own score and the evidence for the reviewer. */
export interface Flag {
	attemptId: string;
	signal: Signal;
	/** too_fast: s per question; shared_*: accounts; copying: ω (z); focus_loss: s lost */
	score: number;
	detail: Record<string, unknown>;
}

/** Quantile by linear interpolation of a sorted array (the "type 7" rule of R and NumPy). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * q;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The upper tail of the standard normal, P(Z ≥ z) (Abramowitz & Stegun 7.1.26 via erfc). */
export function normalUpperTail(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const erfc =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) *
		Math.exp(-x * x);
	return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/** Work units (attempts, pairs) between two yields of the analysis's generators. */
export const STEP = 1000;

/** Runs a generator to its end at once (tests, and small rounds). */
export function runSteps<T>(gen: Generator<void, T>): T {
	for (;;) {
		const r = gen.next();
		if (r.done) return r.value;
	}
}
