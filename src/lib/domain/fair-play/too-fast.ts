import { itemCount, rightCount, type RoundAttempts } from './round-attempts';
import { quantileSorted, runSteps, STEP, type Flag } from './types';

// "Too fast": an attempt whose time per question falls below a floor.
//
// The floor is the organizer's (round.fast_floor_ms) or, by default, derived from the round
// itself: a quarter of the round's median time per question, and never below 2 s. A quarter of
// the median is a robust rule (a lognormal spread of honest times with σ = 0.5 puts 0.3 % of
// honest attempts below it) that follows the round's length and difficulty, and the 2 s minimum
// keeps a round of very quick questions from flagging people who read fast. Scripts that finish
// 20 questions in seconds sit far below both. Attempts with fewer than half of their answers
// right are not flagged: speed that wins nothing is not an advantage to judge.

export const MIN_DEFAULT_FLOOR_MS = 2000;

/** Time per question of attempt i, ms: its duration over its questions. */
export function perQuestionMs(r: RoundAttempts, i: number): number {
	const n = itemCount(r, i);
	return n > 0 ? r.durationMs[i] / n : Infinity;
}

/** The default floor from the round's attempts: max(2 s, median time per question ÷ 4). */
export function defaultFastFloorMs(r: RoundAttempts): number {
	const all = new Float64Array(r.count);
	let finite = 0;
	for (let i = 0; i < r.count; i++) {
		const per = perQuestionMs(r, i);
		if (Number.isFinite(per)) all[finite++] = per;
	}
	const times = all.subarray(0, finite).sort();
	if (times.length === 0) return MIN_DEFAULT_FLOOR_MS;
	return Math.max(MIN_DEFAULT_FLOOR_MS, Math.round(quantileSorted(times, 0.5) / 4));
}

export function detectTooFast(r: RoundAttempts, floorMs: number): Flag[] {
	return runSteps(tooFastSteps(r, floorMs));
}

/** detectTooFast as a generator that yields every STEP attempts (the runner's slices). */
export function* tooFastSteps(r: RoundAttempts, floorMs: number): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	for (let n = 0; n < r.count; n++) {
		if (n % STEP === STEP - 1) yield;
		const per = perQuestionMs(r, n);
		if (per >= floorMs || rightCount(r, n) * 2 < itemCount(r, n)) continue;
		const known = Array.from(r.itemMs.subarray(r.itemStart[n], r.itemStart[n + 1]))
			.filter((ms) => ms >= 0)
			.sort((x, y) => x - y);
		flags.push({
			attemptId: r.id[n],
			signal: 'too_fast',
			score: Math.round(per) / 1000,
			detail: {
				perQuestionMs: Math.round(per),
				floorMs,
				durationMs: r.durationMs[n],
				fastestItemMs: known.length ? known[0] : null,
				medianItemMs: known.length ? Math.round(quantileSorted(known, 0.5)) : null
			}
		});
	}
	return flags;
}
