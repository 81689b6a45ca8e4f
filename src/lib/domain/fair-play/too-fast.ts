import { quantileSorted, runSteps, STEP, type AttemptRecord, type Flag } from './types';

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

/** Time per question of an attempt, ms: its duration over its questions. */
export function perQuestionMs(a: Pick<AttemptRecord, 'durationMs' | 'questions'>): number {
	return a.questions.length > 0 ? a.durationMs / a.questions.length : Infinity;
}

/** The default floor from the round's attempts: max(2 s, median time per question ÷ 4). */
export function defaultFastFloorMs(attempts: readonly Pick<AttemptRecord, 'durationMs' | 'questions'>[]): number {
	const times = Float64Array.from(attempts.map(perQuestionMs).filter(Number.isFinite)).sort();
	if (times.length === 0) return MIN_DEFAULT_FLOOR_MS;
	return Math.max(MIN_DEFAULT_FLOOR_MS, Math.round(quantileSorted(times, 0.5) / 4));
}

export function detectTooFast(attempts: readonly AttemptRecord[], floorMs: number): Flag[] {
	return runSteps(tooFastSteps(attempts, floorMs));
}

/** detectTooFast as a generator that yields every STEP attempts (the runner's slices). */
export function* tooFastSteps(attempts: readonly AttemptRecord[], floorMs: number): Generator<void, Flag[]> {
	const flags: Flag[] = [];
	for (let n = 0; n < attempts.length; n++) {
		if (n % STEP === STEP - 1) yield;
		const a = attempts[n];
		const per = perQuestionMs(a);
		const right = a.correct.reduce((s, c) => s + c, 0);
		if (per >= floorMs || right * 2 < a.questions.length) continue;
		const known = a.itemMs.filter((ms) => ms >= 0).sort((x, y) => x - y);
		flags.push({
			attemptId: a.id,
			signal: 'too_fast',
			score: Math.round(per) / 1000,
			detail: {
				perQuestionMs: Math.round(per),
				floorMs,
				durationMs: a.durationMs,
				fastestItemMs: known.length ? known[0] : null,
				medianItemMs: known.length ? Math.round(quantileSorted(known, 0.5)) : null
			}
		});
	}
	return flags;
}
