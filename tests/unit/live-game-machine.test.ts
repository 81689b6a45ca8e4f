/**
 * The live game's state machine (src/lib/domain/live-game.ts), its restart rule and its answer
 * rule, with a fixed clock: every time is a plain number of milliseconds, no timers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	GAME_PHASES,
	LOBBY,
	MAX_LATENCY_ALLOWANCE_MS,
	checkAnswer,
	isChoiceCorrect,
	latencyAllowance,
	resumeAfterRestart,
	transition,
	type GameClock,
	type GameEvent,
	type GameShape
} from '../../src/lib/domain/live-game';

const LIMITS = [10_000, 20_000, 30_000];
/** Three questions of 10, 20 and 30 seconds. */
const SHAPE: GameShape = { count: LIMITS.length, limitMs: (i) => LIMITS[i] };
const EMPTY: GameShape = { count: 0, limitMs: () => 10_000 };

const EVENTS: GameEvent[] = ['start', 'next', 'reveal', 'leaderboard', 'pause', 'resume', 'skip', 'end', 'timeout'];

function clock(c: Partial<GameClock> & Pick<GameClock, 'phase' | 'index'>): GameClock {
	return { questionStartedAt: null, deadline: null, pausedRemaining: null, ...c };
}

/** Question 0 sent at 1 000, so its deadline is 11 000. */
const RUNNING = clock({ phase: 'question', index: 0, questionStartedAt: 1_000, deadline: 11_000 });
/** Question 0 paused with 6 000 ms left. */
const PAUSED = clock({ phase: 'question', index: 0, questionStartedAt: 1_000, pausedRemaining: 6_000 });
const REVEAL = clock({ phase: 'reveal', index: 0, questionStartedAt: 1_000, deadline: 11_000 });
const LEADERBOARD = clock({ phase: 'leaderboard', index: 0, questionStartedAt: 1_000, deadline: 11_000 });
const PODIUM = clock({ phase: 'podium', index: 2 });

/** Applies an event that must be accepted and returns the new clock. */
function apply(c: GameClock, event: GameEvent, now: number, shape: GameShape = SHAPE): GameClock {
	const result = transition(c, event, now, shape);
	if (!result.ok) throw new Error(`${event} refused in ${c.phase} at ${now}`);
	return result.clock;
}

describe('transition: legal moves and their clocks', () => {
	it('start sends question 0 with its own limit', () => {
		expect(apply(LOBBY, 'start', 1_000)).toEqual(
			clock({ phase: 'question', index: 0, questionStartedAt: 1_000, deadline: 11_000 })
		);
		const other: GameShape = { count: 2, limitMs: (i) => (i === 0 ? 7_500 : 99_000) };
		expect(apply(LOBBY, 'start', 2_000, other).deadline).toBe(9_500);
	});

	it('start with no question goes straight to the podium', () => {
		expect(apply(LOBBY, 'start', 1_000, EMPTY)).toEqual(clock({ phase: 'podium', index: -1 }));
	});

	it('the host reveals a running question at any time, keeping its deadline', () => {
		expect(apply(RUNNING, 'reveal', 5_000)).toEqual(
			clock({ phase: 'reveal', index: 0, questionStartedAt: 1_000, deadline: 11_000 })
		);
	});

	it('timeout is refused before the deadline and accepted from the deadline on', () => {
		expect(transition(RUNNING, 'timeout', 10_999, SHAPE)).toEqual({ ok: false, reason: 'illegal' });
		const expected = clock({ phase: 'reveal', index: 0, questionStartedAt: 1_000, deadline: 11_000 });
		expect(apply(RUNNING, 'timeout', 11_000)).toEqual(expected);
		expect(apply(RUNNING, 'timeout', 15_000)).toEqual(expected);
	});

	it('pause keeps the remaining time and clears the deadline', () => {
		expect(apply(RUNNING, 'pause', 4_000)).toEqual(
			clock({ phase: 'question', index: 0, questionStartedAt: 1_000, deadline: null, pausedRemaining: 7_000 })
		);
	});

	it('pause after the deadline keeps no time', () => {
		expect(apply(RUNNING, 'pause', 12_000).pausedRemaining).toBe(0);
	});

	it('resume gives back the remaining time and shifts the start so the pause does not count', () => {
		const paused = apply(RUNNING, 'pause', 4_000); // 3 000 spent, 7 000 left
		const resumed = apply(paused, 'resume', 9_000);
		expect(resumed).toEqual(
			clock({ phase: 'question', index: 0, questionStartedAt: 6_000, deadline: 16_000, pausedRemaining: null })
		);
		// an answer 500 ms after the resume took 3 500 ms of answering time
		expect(resumed.deadline! - resumed.questionStartedAt!).toBe(LIMITS[0]);
		const answer = checkAnswer({
			clock: resumed,
			position: 0,
			choice: [0],
			optionCount: 4,
			limitMs: LIMITS[0],
			receivedAt: 9_500,
			allowanceMs: 0,
			alreadyAnswered: false
		});
		expect(answer).toEqual({ ok: true, elapsedMs: 3_500 });
	});

	it('two pauses add up', () => {
		let c = apply(RUNNING, 'pause', 4_000); // 3 000 spent
		c = apply(c, 'resume', 9_000); // deadline 16 000
		c = apply(c, 'pause', 12_000); // 3 000 more spent, 4 000 left
		expect(c.pausedRemaining).toBe(4_000);
		c = apply(c, 'resume', 20_000);
		expect(c).toEqual(
			clock({ phase: 'question', index: 0, questionStartedAt: 14_000, deadline: 24_000, pausedRemaining: null })
		);
	});

	it('resume after a pause past the deadline lets the timer fire at once', () => {
		const c = apply(apply(RUNNING, 'pause', 12_000), 'resume', 20_000);
		expect(c.deadline).toBe(20_000);
		expect(c.questionStartedAt).toBe(10_000);
		expect(transition(c, 'timeout', 20_000, SHAPE).ok).toBe(true);
	});

	it('the host reveals a paused question: the deadline becomes now', () => {
		expect(apply(PAUSED, 'reveal', 8_000)).toEqual(
			clock({ phase: 'reveal', index: 0, questionStartedAt: 1_000, deadline: 8_000, pausedRemaining: null })
		);
	});

	it('reveal → leaderboard changes only the phase', () => {
		expect(apply(REVEAL, 'leaderboard', 12_000)).toEqual({ ...REVEAL, phase: 'leaderboard' });
	});

	it('next from the reveal or the leaderboard sends the next question with a fresh clock', () => {
		const expected = clock({ phase: 'question', index: 1, questionStartedAt: 30_000, deadline: 50_000 });
		expect(apply(REVEAL, 'next', 30_000)).toEqual(expected);
		expect(apply(LEADERBOARD, 'next', 30_000)).toEqual(expected);
		const third = apply({ ...REVEAL, index: 1 }, 'next', 60_000);
		expect(third).toEqual(clock({ phase: 'question', index: 2, questionStartedAt: 60_000, deadline: 90_000 }));
	});

	it('next after the last question goes to the podium, keeping the index', () => {
		const podium = clock({ phase: 'podium', index: 2 });
		expect(apply({ ...REVEAL, index: 2 }, 'next', 99_000)).toEqual(podium);
		expect(apply({ ...LEADERBOARD, index: 2 }, 'next', 99_000)).toEqual(podium);
	});

	it('skip voids a running or paused question and sends the next one', () => {
		const expected = clock({ phase: 'question', index: 1, questionStartedAt: 5_000, deadline: 25_000 });
		expect(apply(RUNNING, 'skip', 5_000)).toEqual(expected);
		expect(apply(PAUSED, 'skip', 5_000)).toEqual(expected);
		// after the deadline too
		expect(apply(RUNNING, 'skip', 40_000)).toEqual(
			clock({ phase: 'question', index: 1, questionStartedAt: 40_000, deadline: 60_000 })
		);
	});

	it('skip in the last question goes to the podium', () => {
		const podium = clock({ phase: 'podium', index: 2 });
		expect(apply({ ...RUNNING, index: 2 }, 'skip', 5_000)).toEqual(podium);
		expect(apply({ ...PAUSED, index: 2 }, 'skip', 5_000)).toEqual(podium);
	});

	it('end goes to the podium from every other phase, keeping the index', () => {
		expect(apply(LOBBY, 'end', 1_000)).toEqual(clock({ phase: 'podium', index: -1 }));
		const podium1 = clock({ phase: 'podium', index: 1 });
		expect(apply({ ...RUNNING, index: 1 }, 'end', 5_000)).toEqual(podium1);
		expect(apply({ ...RUNNING, index: 1 }, 'end', 50_000)).toEqual(podium1);
		expect(apply({ ...PAUSED, index: 1 }, 'end', 5_000)).toEqual(podium1);
		expect(apply({ ...REVEAL, index: 1 }, 'end', 5_000)).toEqual(podium1);
		expect(apply({ ...LEADERBOARD, index: 1 }, 'end', 5_000)).toEqual(podium1);
	});

	it('a whole game: start, pause, resume, reveal, leaderboard, next, timeout, next, skip → podium', () => {
		let c = apply(LOBBY, 'start', 0);
		c = apply(c, 'pause', 2_000);
		c = apply(c, 'resume', 5_000);
		c = apply(c, 'reveal', 6_000);
		c = apply(c, 'leaderboard', 7_000);
		c = apply(c, 'next', 8_000);
		expect(c).toEqual(clock({ phase: 'question', index: 1, questionStartedAt: 8_000, deadline: 28_000 }));
		c = apply(c, 'timeout', 28_000);
		c = apply(c, 'next', 30_000);
		c = apply(c, 'skip', 31_000);
		expect(c).toEqual(clock({ phase: 'podium', index: 2 }));
	});
});

describe('transition: every event in every phase', () => {
	const cases: { name: string; clock: GameClock; now: number; legal: GameEvent[] }[] = [
		{ name: 'lobby', clock: LOBBY, now: 1_000, legal: ['start', 'end'] },
		{ name: 'question before its deadline', clock: RUNNING, now: 5_000, legal: ['pause', 'reveal', 'skip', 'end'] },
		{
			name: 'question at its deadline',
			clock: RUNNING,
			now: 11_000,
			legal: ['pause', 'reveal', 'skip', 'end', 'timeout']
		},
		{
			name: 'question after its deadline',
			clock: RUNNING,
			now: 30_000,
			legal: ['pause', 'reveal', 'skip', 'end', 'timeout']
		},
		{ name: 'paused question', clock: PAUSED, now: 5_000, legal: ['resume', 'reveal', 'skip', 'end'] },
		{ name: 'paused question, long after', clock: PAUSED, now: 90_000, legal: ['resume', 'reveal', 'skip', 'end'] },
		{ name: 'reveal', clock: REVEAL, now: 12_000, legal: ['next', 'leaderboard', 'end'] },
		{ name: 'leaderboard', clock: LEADERBOARD, now: 13_000, legal: ['next', 'end'] },
		{ name: 'podium', clock: PODIUM, now: 99_000, legal: [] }
	];

	for (const c of cases) {
		for (const event of EVENTS) {
			const legal = c.legal.includes(event);
			it(`${c.name}: ${event} is ${legal ? 'accepted' : 'refused'}`, () => {
				const before = structuredClone(c.clock);
				const result = transition(Object.freeze({ ...c.clock }), event, c.now, SHAPE);
				if (legal) expect(result.ok).toBe(true);
				else expect(result).toEqual({ ok: false, reason: 'illegal' });
				expect(c.clock).toEqual(before);
			});
		}
	}

	it('the podium accepts nothing, even for an empty game', () => {
		const podium = apply(LOBBY, 'start', 0, EMPTY);
		for (const event of EVENTS) {
			expect(transition(podium, event, 1_000, EMPTY)).toEqual({ ok: false, reason: 'illegal' });
		}
	});
});

describe('transition (property): random event sequences at increasing times', () => {
	const shapeArb = fc
		.array(fc.integer({ min: 1_000, max: 30_000 }), { minLength: 0, maxLength: 4 })
		.map((limits): GameShape => ({ count: limits.length, limitMs: (i) => limits[i] }));
	const stepArb = fc.record({
		event: fc.constantFrom(...EVENTS),
		dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 40_000 }))
	});

	function checkClock(c: GameClock, shape: GameShape): void {
		expect(GAME_PHASES).toContain(c.phase);
		switch (c.phase) {
			case 'lobby':
				expect(c).toEqual(LOBBY);
				break;
			case 'question':
				expect(c.index).toBeGreaterThanOrEqual(0);
				expect(c.index).toBeLessThan(shape.count);
				expect(c.questionStartedAt).not.toBeNull();
				expect(c.deadline === null).toBe(c.pausedRemaining !== null);
				if (c.pausedRemaining !== null) {
					expect(c.pausedRemaining).toBeGreaterThanOrEqual(0);
					expect(c.pausedRemaining).toBeLessThanOrEqual(shape.limitMs(c.index));
				}
				break;
			case 'reveal':
			case 'leaderboard':
				expect(c.index).toBeGreaterThanOrEqual(0);
				expect(c.index).toBeLessThan(shape.count);
				expect(c.deadline).not.toBeNull();
				expect(c.pausedRemaining).toBeNull();
				break;
			case 'podium':
				expect(c.index).toBeGreaterThanOrEqual(-1);
				expect(c.index).toBeLessThan(Math.max(shape.count, 0));
				expect(c.questionStartedAt).toBeNull();
				expect(c.deadline).toBeNull();
				expect(c.pausedRemaining).toBeNull();
				break;
		}
	}

	it('never produces an invalid clock; the podium is terminal; no question runs longer than its limit', () => {
		fc.assert(
			fc.property(shapeArb, fc.array(stepArb, { maxLength: 60 }), (shape, steps) => {
				let c: GameClock = LOBBY;
				let now = 0;
				// answering time of the current question: finished running segments, and the running one
				let spent = 0;
				let segmentStart: number | null = null;
				for (const { event, dt } of steps) {
					now += dt;
					const wasRunning = c.phase === 'question' && c.deadline !== null;
					const result = transition(c, event, now, shape);
					if (c.phase === 'podium') {
						expect(result).toEqual({ ok: false, reason: 'illegal' });
						continue;
					}
					if (!result.ok) {
						expect(result.reason).toBe('illegal');
						continue;
					}
					const next = result.clock;
					checkClock(next, shape);
					if (c.phase !== 'lobby') expect(next.phase).not.toBe('lobby');

					if (wasRunning) {
						spent += Math.max(0, Math.min(now, c.deadline!) - segmentStart!);
						expect(spent).toBeLessThanOrEqual(shape.limitMs(c.index));
						segmentStart = null;
					}
					const isNewQuestion = next.phase === 'question' && (c.phase !== 'question' || next.index !== c.index);
					if (isNewQuestion) spent = 0;
					if (next.phase === 'question' && next.deadline !== null) {
						segmentStart = now;
						const limit = shape.limitMs(next.index);
						// the answering time spent plus what is left is exactly the limit
						expect(spent + (next.deadline - now)).toBe(limit);
						// and elapsed times measured from questionStartedAt exclude the pauses
						expect(now - next.questionStartedAt!).toBe(spent);
					}
					if (next.phase === 'question' && next.pausedRemaining !== null) {
						expect(spent + next.pausedRemaining).toBe(shape.limitMs(next.index));
					}
					c = next;
				}
			}),
			{ numRuns: 500 }
		);
	});

	it('pause/resume sequences never give more answering time than the limit', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_000, max: 30_000 }),
				fc.array(fc.integer({ min: 0, max: 20_000 }), { maxLength: 20 }),
				(limit, gaps) => {
					const shape: GameShape = { count: 1, limitMs: () => limit };
					let now = 0;
					let c = apply(LOBBY, 'start', now, shape);
					let running = 0;
					for (const gap of gaps) {
						const at = now + gap;
						if (c.deadline !== null) {
							running += Math.max(0, Math.min(at, c.deadline) - now);
							c = apply(c, 'pause', at, shape);
						} else {
							c = apply(c, 'resume', at, shape);
						}
						now = at;
					}
					if (c.deadline !== null) running += c.deadline - now;
					else running += c.pausedRemaining!;
					expect(running).toBe(limit);
				}
			)
		);
	});
});

describe('resumeAfterRestart', () => {
	it('a running question resumes with the time it had left at the last write', () => {
		// written at 4 000 with 7 000 left; the server is back at 100 000
		const c = resumeAfterRestart(RUNNING, 4_000, 100_000, SHAPE);
		expect(c).toEqual(
			clock({ phase: 'question', index: 0, questionStartedAt: 97_000, deadline: 107_000, pausedRemaining: null })
		);
	});

	it('a restart within the same instant changes nothing', () => {
		expect(resumeAfterRestart(RUNNING, 4_000, 4_000, SHAPE)).toEqual(RUNNING);
	});

	it('a last write after the deadline leaves no time: the timer fires at once', () => {
		const c = resumeAfterRestart(RUNNING, 15_000, 100_000, SHAPE);
		expect(c.phase).toBe('question');
		expect(c.deadline).toBe(100_000);
		expect(c.pausedRemaining).toBeNull();
		expect(transition(c, 'timeout', 100_000, SHAPE).ok).toBe(true);
	});

	it('leaves a paused question, a reveal, a leaderboard, the lobby and the podium unchanged', () => {
		for (const c of [PAUSED, REVEAL, LEADERBOARD, LOBBY, PODIUM]) {
			expect(resumeAfterRestart(c, 4_000, 100_000, SHAPE)).toBe(c);
		}
	});
});

describe('checkAnswer', () => {
	/** Question 1 (20 s) sent at 1 000: deadline 21 000. */
	const Q1 = clock({ phase: 'question', index: 1, questionStartedAt: 1_000, deadline: 21_000 });
	const base = {
		clock: Q1,
		position: 1,
		choice: [0] as readonly number[],
		optionCount: 4,
		limitMs: 20_000,
		receivedAt: 6_000,
		allowanceMs: 0,
		alreadyAnswered: false
	};

	it('accepts an answer within the deadline with the server-measured time', () => {
		expect(checkAnswer(base)).toEqual({ ok: true, elapsedMs: 5_000 });
		expect(checkAnswer({ ...base, choice: [3, 0] })).toEqual({ ok: true, elapsedMs: 5_000 });
	});

	it('takes the allowance off the elapsed time, never below 0', () => {
		expect(checkAnswer({ ...base, allowanceMs: 120 })).toEqual({ ok: true, elapsedMs: 4_880 });
		expect(checkAnswer({ ...base, receivedAt: 1_050, allowanceMs: 120 })).toEqual({ ok: true, elapsedMs: 0 });
		expect(checkAnswer({ ...base, receivedAt: 1_000 })).toEqual({ ok: true, elapsedMs: 0 });
	});

	it('clamps the elapsed time to the limit', () => {
		expect(checkAnswer({ ...base, receivedAt: 21_000, limitMs: 15_000 })).toEqual({ ok: true, elapsedMs: 15_000 });
	});

	it('accepts an answer at the deadline and refuses it 1 ms after', () => {
		expect(checkAnswer({ ...base, receivedAt: 21_000 })).toEqual({ ok: true, elapsedMs: 20_000 });
		expect(checkAnswer({ ...base, receivedAt: 21_001 })).toEqual({ ok: false, reason: 'late' });
	});

	it('extends the deadline by exactly the allowance', () => {
		expect(checkAnswer({ ...base, receivedAt: 21_200, allowanceMs: 200 })).toEqual({ ok: true, elapsedMs: 20_000 });
		expect(checkAnswer({ ...base, receivedAt: 21_201, allowanceMs: 200 })).toEqual({ ok: false, reason: 'late' });
	});

	it('refuses an answer to a past or a future question', () => {
		expect(checkAnswer({ ...base, position: 0 })).toEqual({ ok: false, reason: 'wrong_question' });
		expect(checkAnswer({ ...base, position: 2 })).toEqual({ ok: false, reason: 'wrong_question' });
		expect(checkAnswer({ ...base, clock: { ...Q1, phase: 'reveal' } })).toEqual({
			ok: false,
			reason: 'wrong_question'
		});
		expect(checkAnswer({ ...base, clock: { ...Q1, phase: 'leaderboard' }, position: 0 })).toEqual({
			ok: false,
			reason: 'wrong_question'
		});
	});

	it('refuses an answer while paused', () => {
		const paused = { ...Q1, deadline: null, pausedRemaining: 4_000 };
		expect(checkAnswer({ ...base, clock: paused })).toEqual({ ok: false, reason: 'paused' });
	});

	it('refuses an answer outside a question', () => {
		expect(checkAnswer({ ...base, clock: LOBBY, position: 0 })).toEqual({ ok: false, reason: 'not_in_question' });
		expect(checkAnswer({ ...base, clock: PODIUM, position: 3 })).toEqual({ ok: false, reason: 'not_in_question' });
		expect(checkAnswer({ ...base, clock: PODIUM, position: 2 })).toEqual({ ok: false, reason: 'wrong_question' });
		expect(checkAnswer({ ...base, clock: { ...REVEAL, index: 1 }, position: 2 })).toEqual({
			ok: false,
			reason: 'not_in_question'
		});
	});

	it('refuses a second answer', () => {
		expect(checkAnswer({ ...base, alreadyAnswered: true })).toEqual({ ok: false, reason: 'duplicate' });
	});

	it('refuses an invalid choice', () => {
		for (const choice of [[], [1, 1], [4], [-1], [1.5], [Number.NaN], [0, 2, 0]]) {
			expect(checkAnswer({ ...base, choice }), JSON.stringify(choice)).toEqual({
				ok: false,
				reason: 'invalid_choice'
			});
		}
	});

	it('(property) an accepted time is always within [0, limit]', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 30_000 }),
				fc.integer({ min: 0, max: MAX_LATENCY_ALLOWANCE_MS }),
				(receivedAt, allowanceMs) => {
					const result = checkAnswer({ ...base, receivedAt, allowanceMs });
					if (result.ok) {
						expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
						expect(result.elapsedMs).toBeLessThanOrEqual(base.limitMs);
						expect(receivedAt).toBeLessThanOrEqual(21_000 + allowanceMs);
					} else {
						expect(result.reason).toBe('late');
						expect(receivedAt).toBeGreaterThan(21_000 + allowanceMs);
					}
				}
			)
		);
	});
});

describe('isChoiceCorrect', () => {
	it('is correct for exactly the set of correct options, in any order', () => {
		expect(isChoiceCorrect([2], [2])).toBe(true);
		expect(isChoiceCorrect([3, 0], [0, 3])).toBe(true);
		expect(isChoiceCorrect([0], [0, 3])).toBe(false);
		expect(isChoiceCorrect([0, 1, 3], [0, 3])).toBe(false);
		expect(isChoiceCorrect([1], [2])).toBe(false);
	});
});

describe('latencyAllowance', () => {
	it('is half the smallest round trip', () => {
		expect(latencyAllowance([300, 80, 120])).toBe(40);
		expect(latencyAllowance([81])).toBe(41);
	});

	it('is 0 without a measure', () => {
		expect(latencyAllowance([])).toBe(0);
		expect(latencyAllowance([Number.NaN, -5, Number.POSITIVE_INFINITY])).toBe(0);
	});

	it('ignores invalid measures', () => {
		expect(latencyAllowance([-100, Number.NaN, 200])).toBe(100);
	});

	it('is capped, even for a client that delays every pong', () => {
		expect(latencyAllowance([10_000, 20_000])).toBe(MAX_LATENCY_ALLOWANCE_MS);
		expect(latencyAllowance([2 * MAX_LATENCY_ALLOWANCE_MS])).toBe(MAX_LATENCY_ALLOWANCE_MS);
	});

	it('(property) never exceeds the cap and never grows when a round trip is added', () => {
		const rtt = fc.integer({ min: 0, max: 100_000 });
		fc.assert(
			fc.property(fc.array(rtt, { minLength: 1, maxLength: 10 }), rtt, (rtts, extra) => {
				const before = latencyAllowance(rtts);
				expect(before).toBeGreaterThanOrEqual(0);
				expect(before).toBeLessThanOrEqual(MAX_LATENCY_ALLOWANCE_MS);
				expect(latencyAllowance([...rtts, extra])).toBeLessThanOrEqual(before);
			})
		);
	});
});
