/**
 * The live game's scoring presets, streaks and standings (src/lib/domain/live-game.ts).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	DEFAULT_SPEED_POINTS,
	FULL_POINTS_WINDOW_MS,
	STREAK_CAP,
	comparePlayers,
	rankPlayers,
	rankUnits,
	scoreAnswer,
	type PlayerTotals,
	type ScoringRule
} from '../../src/lib/domain/live-game';

const ACCURACY: ScoringRule = { preset: 'accuracy', streakBonus: false };
const ACCURACY_STREAK: ScoringRule = { preset: 'accuracy', streakBonus: true };
const SPEED: ScoringRule = { preset: 'speed', streakBonus: false };
const SPEED_STREAK: ScoringRule = { preset: 'speed', streakBonus: true };

const answer = (a: Partial<Parameters<typeof scoreAnswer>[1]> = {}): Parameters<typeof scoreAnswer>[1] => ({
	correct: true,
	elapsedMs: 0,
	limitMs: 20_500,
	questionPoints: DEFAULT_SPEED_POINTS,
	streakBefore: 0,
	...a
});

describe('scoreAnswer: accuracy', () => {
	it('gives 1 for a correct answer whatever its time', () => {
		for (const elapsedMs of [0, 500, 10_000, 20_500]) {
			expect(scoreAnswer(ACCURACY, answer({ elapsedMs }))).toEqual({ points: 1, bonus: 0, streak: 1 });
		}
	});

	it('gives 0 for a wrong answer and ends the streak', () => {
		expect(scoreAnswer(ACCURACY, answer({ correct: false, streakBefore: 4 }))).toEqual({
			points: 0,
			bonus: 0,
			streak: 0
		});
	});

	it('counts the streak but never adds a bonus', () => {
		expect(scoreAnswer(ACCURACY_STREAK, answer({ streakBefore: 5 }))).toEqual({ points: 1, bonus: 0, streak: 6 });
	});
});

describe('scoreAnswer: speed', () => {
	it('gives full points at 0 ms and up to exactly 500 ms', () => {
		expect(FULL_POINTS_WINDOW_MS).toBe(500);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 0 })).points).toBe(1000);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 500 })).points).toBe(1000);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 600 })).points).toBe(998);
	});

	it('gives half the points at the limit', () => {
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 20_500 })).points).toBe(500);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 10_000, limitMs: 10_000, questionPoints: 2000 })).points).toBe(1000);
	});

	it('falls linearly in between', () => {
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 10_500 })).points).toBe(750);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 5_500 })).points).toBe(875);
		expect(scoreAnswer(SPEED, answer({ elapsedMs: 15_500 })).points).toBe(625);
	});

	it('gives 0 for a wrong answer, however fast, and ends the streak', () => {
		expect(scoreAnswer(SPEED_STREAK, answer({ correct: false, elapsedMs: 0, streakBefore: 6 }))).toEqual({
			points: 0,
			bonus: 0,
			streak: 0
		});
	});

	it('(property) never increases with the elapsed time and stays within [points/2, points]', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1_000, max: 120_000 }),
				fc.integer({ min: 1, max: 5_000 }),
				fc.integer({ min: 0, max: 120_000 }),
				fc.integer({ min: 0, max: 120_000 }),
				(limitMs, questionPoints, t1, t2) => {
					const [early, late] = [Math.min(t1, t2, limitMs), Math.min(Math.max(t1, t2), limitMs)];
					const a = scoreAnswer(SPEED, answer({ limitMs, questionPoints, elapsedMs: early }));
					const b = scoreAnswer(SPEED, answer({ limitMs, questionPoints, elapsedMs: late }));
					expect(b.points).toBeLessThanOrEqual(a.points);
					for (const s of [a, b]) {
						expect(s.bonus).toBe(0);
						expect(s.points).toBeGreaterThanOrEqual(questionPoints / 2);
						expect(s.points).toBeLessThanOrEqual(questionPoints);
					}
				}
			)
		);
	});
});

describe('scoreAnswer: streaks', () => {
	/** Plays a run of answers at 0 ms and returns the bonus of each. */
	function bonuses(rule: ScoringRule, correct: boolean[]): number[] {
		let streak = 0;
		return correct.map((c) => {
			const s = scoreAnswer(rule, answer({ correct: c, streakBefore: streak }));
			streak = s.streak;
			expect(s.points).toBe(c ? 1000 + s.bonus : 0);
			return s.bonus;
		});
	}

	it('adds 0, 100, … 500 for the 1st to 6th correct answer in a row, then stays at 500', () => {
		expect(bonuses(SPEED_STREAK, Array(8).fill(true))).toEqual([0, 100, 200, 300, 400, 500, 500, 500]);
		expect(STREAK_CAP).toBe(500);
	});

	it('starts again after a wrong answer', () => {
		expect(bonuses(SPEED_STREAK, [true, true, true, false, true, true])).toEqual([0, 100, 200, 0, 0, 100]);
	});

	it('is the streak after the answer that counts', () => {
		expect(scoreAnswer(SPEED_STREAK, answer({ streakBefore: 2, elapsedMs: 10_500 }))).toEqual({
			points: 950,
			bonus: 200,
			streak: 3
		});
	});

	it('adds nothing without the streak bonus', () => {
		expect(bonuses(SPEED, Array(7).fill(true))).toEqual([0, 0, 0, 0, 0, 0, 0]);
		expect(scoreAnswer(SPEED, answer({ streakBefore: 9 }))).toEqual({ points: 1000, bonus: 0, streak: 10 });
	});
});

describe('comparePlayers / rankPlayers', () => {
	const p = (id: string, t: Partial<PlayerTotals> = {}): PlayerTotals => ({
		id,
		score: 0,
		correctCount: 0,
		correctTimeMs: 0,
		joinedAt: 0,
		...t
	});
	const ids = (players: PlayerTotals[]) => rankPlayers(players).map((x) => x.id);

	it('ranks by score first', () => {
		expect(ids([p('a', { score: 10, correctCount: 9 }), p('b', { score: 20, correctCount: 1 })])).toEqual(['b', 'a']);
	});

	it('then by correct answers', () => {
		expect(ids([p('a', { score: 10, correctCount: 1 }), p('b', { score: 10, correctCount: 2 })])).toEqual(['b', 'a']);
	});

	it('then by less time on them', () => {
		expect(
			ids([
				p('a', { score: 10, correctCount: 2, correctTimeMs: 9_000 }),
				p('b', { score: 10, correctCount: 2, correctTimeMs: 3_000 })
			])
		).toEqual(['b', 'a']);
	});

	it('then by who joined first, then by id', () => {
		expect(ids([p('a', { joinedAt: 2 }), p('b', { joinedAt: 1 })])).toEqual(['b', 'a']);
		expect(ids([p('b'), p('a')])).toEqual(['a', 'b']);
	});

	it('does not change its input', () => {
		const players = [p('a'), p('b', { score: 5 })];
		rankPlayers(players);
		expect(players.map((x) => x.id)).toEqual(['a', 'b']);
	});

	const playerArb = (id: fc.Arbitrary<string>) =>
		fc.record({
			id,
			score: fc.integer({ min: 0, max: 3 }),
			correctCount: fc.integer({ min: 0, max: 3 }),
			correctTimeMs: fc.integer({ min: 0, max: 3 }),
			joinedAt: fc.integer({ min: 0, max: 3 })
		});
	const playersArb = fc.uniqueArray(playerArb(fc.string({ maxLength: 3 })), {
		selector: (x) => x.id,
		maxLength: 12
	});

	it('(property) is a total order: antisymmetric and transitive', () => {
		const sign = (n: number) => Math.sign(n) || 0;
		fc.assert(
			fc.property(playersArb, (players) => {
				for (const a of players) {
					expect(comparePlayers(a, a)).toBe(0);
					for (const b of players) {
						expect(sign(comparePlayers(a, b))).toBe(-sign(comparePlayers(b, a)) || 0);
						if (a !== b) expect(comparePlayers(a, b)).not.toBe(0);
						for (const c of players) {
							if (comparePlayers(a, b) <= 0 && comparePlayers(b, c) <= 0) {
								expect(comparePlayers(a, c)).toBeLessThanOrEqual(0);
							}
						}
					}
				}
			})
		);
	});

	it('(property) the ranking does not depend on the input order', () => {
		fc.assert(
			fc.property(
				playersArb.chain((players) =>
					fc.tuple(fc.constant(players), fc.shuffledSubarray(players, { minLength: players.length }))
				),
				([players, shuffled]) => {
					expect(rankPlayers(shuffled)).toEqual(rankPlayers(players));
					const ranked = rankPlayers(players);
					for (let i = 1; i < ranked.length; i++) {
						expect(comparePlayers(ranked[i - 1], ranked[i])).toBeLessThan(0);
					}
				}
			)
		);
	});
});

describe('rankUnits', () => {
	it('ranks by mean score, not by size', () => {
		const players = [
			...Array.from({ length: 3 }, () => ({ unitId: 'small', score: 10 })),
			...Array.from({ length: 30 }, () => ({ unitId: 'big', score: 9 }))
		];
		expect(rankUnits(players)).toEqual([
			{ unitId: 'small', players: 3, meanScore: 10, totalScore: 30 },
			{ unitId: 'big', players: 30, meanScore: 9, totalScore: 270 }
		]);
	});

	it('leaves out players without a unit', () => {
		expect(
			rankUnits([
				{ unitId: null, score: 100 },
				{ unitId: '', score: 100 },
				{ unitId: 'u', score: 4 }
			])
		).toEqual([{ unitId: 'u', players: 1, meanScore: 4, totalScore: 4 }]);
		expect(rankUnits([{ unitId: null, score: 1 }])).toEqual([]);
	});

	it('breaks a tie on the mean by more players, then by id', () => {
		const players = [
			{ unitId: 'b', score: 5 },
			{ unitId: 'a', score: 4 },
			{ unitId: 'a', score: 6 },
			{ unitId: 'c', score: 5 },
			{ unitId: 'z', score: 3 },
			{ unitId: 'z', score: 7 }
		];
		expect(rankUnits(players).map((u) => u.unitId)).toEqual(['a', 'z', 'b', 'c']);
	});

	it('rounds the mean to one decimal but ranks on the exact mean', () => {
		const players = [
			{ unitId: 'x', score: 10 },
			{ unitId: 'x', score: 0 },
			{ unitId: 'x', score: 0 }, // 3.333…
			{ unitId: 'y', score: 2 },
			{ unitId: 'y', score: 5 }, // 3.5
			{ unitId: 'w', score: 7 },
			{ unitId: 'w', score: 3 },
			{ unitId: 'w', score: 0 } // 3.333…, same mean as x
		];
		const ranked = rankUnits(players);
		expect(ranked.map((u) => [u.unitId, u.meanScore])).toEqual([
			['y', 3.5],
			['w', 3.3],
			['x', 3.3]
		]);
		expect(
			rankUnits([
				{ unitId: 'q', score: 2 },
				{ unitId: 'q', score: 1 },
				{ unitId: 'q', score: 2 }
			])[0].meanScore
		).toBe(1.7);
	});
});
