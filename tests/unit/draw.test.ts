import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
	arrangeOptions,
	checkBlueprint,
	drawAttempt,
	pickQuestions,
	type BlueprintItem,
	type DrawCandidate,
	type DrawnItem
} from '../../src/lib/domain/draw';
import { createRng, randomToken, shuffle, TOKEN_ALPHABET } from '../../src/lib/domain/random';
import { DIFFICULTIES, type Difficulty } from '../../src/lib/domain/types';

const TOPICS = ['luat', 'thutuc', 'sohoa'];
const KEYS = ['A', 'B', 'C', 'D'];

/** 6 questions per topic × difficulty; ids 'q-<topic>-<difficulty>-<n>'. */
function bank(): DrawCandidate[] {
	const out: DrawCandidate[] = [];
	for (const topicId of TOPICS) {
		for (const difficulty of DIFFICULTIES) {
			for (let n = 1; n <= 6; n++) {
				out.push({
					questionId: `q-${topicId}-${difficulty}-${n}`,
					versionId: `v-${topicId}-${difficulty}-${n}`,
					topicId,
					difficulty,
					optionKeys: KEYS
				});
			}
		}
	}
	return out;
}

const BLUEPRINT: BlueprintItem[] = [
	{ topicId: 'luat', difficulty: 'easy', count: 4 },
	{ topicId: 'luat', difficulty: 'hard', count: 2 },
	{ topicId: 'thutuc', difficulty: 'medium', count: 5 },
	{ topicId: 'sohoa', difficulty: 'easy', count: 3 },
	{ topicId: 'sohoa', difficulty: 'hard', count: 6 }
];
const TOTAL = 20;

function drawOk(seed: string, blueprint: readonly BlueprintItem[], candidates: readonly DrawCandidate[]): DrawnItem[] {
	const result = drawAttempt(seed, blueprint, candidates);
	if (!result.ok) throw new Error(`unexpected failure: ${JSON.stringify(result)}`);
	return result.items;
}

function byId(candidates: readonly DrawCandidate[]): Map<string, DrawCandidate> {
	return new Map(candidates.map((c) => [c.questionId, c]));
}

function countsByGroup(items: readonly DrawnItem[], candidates: readonly DrawCandidate[]): Map<string, number> {
	const lookup = byId(candidates);
	const counts = new Map<string, number>();
	for (const item of items) {
		const c = lookup.get(item.questionId);
		if (!c) throw new Error(`drawn question not in bank: ${item.questionId}`);
		const key = `${c.topicId}/${c.difficulty}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

describe('random', () => {
	it('createRng is deterministic for a seed and returns floats in [0, 1)', () => {
		const a = createRng('seed-1');
		const b = createRng('seed-1');
		const xs = Array.from({ length: 1000 }, () => a());
		const ys = Array.from({ length: 1000 }, () => b());
		expect(xs).toEqual(ys);
		expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
		expect(new Set(xs).size).toBeGreaterThan(990);
	});

	it('different seeds give different sequences', () => {
		const a = createRng('seed-1');
		const b = createRng('seed-2');
		expect(Array.from({ length: 5 }, () => a())).not.toEqual(Array.from({ length: 5 }, () => b()));
	});

	it('shuffle returns a new permutation and leaves the input alone', () => {
		fc.assert(
			fc.property(fc.array(fc.integer()), fc.string(), (xs, seed) => {
				const copy = xs.slice();
				const out = shuffle(xs, createRng(seed));
				expect(xs).toEqual(copy);
				expect(out).not.toBe(xs);
				expect(out.slice().sort((p, q) => p - q)).toEqual(copy.sort((p, q) => p - q));
			})
		);
	});

	it('randomToken uses only the token alphabet', () => {
		const token = randomToken(createRng('t'), 200);
		expect(token).toHaveLength(200);
		expect([...token].every((ch) => TOKEN_ALPHABET.includes(ch))).toBe(true);
		expect(TOKEN_ALPHABET).toBe('abcdefghijkmnpqrstuvwxyz23456789');
	});
});

describe('drawAttempt', () => {
	it('is deterministic for a seed', () => {
		expect(drawAttempt('attempt-42', BLUEPRINT, bank())).toEqual(drawAttempt('attempt-42', BLUEPRINT, bank()));
	});

	it('does not depend on the order of the candidates', () => {
		const shuffled = shuffle(bank(), createRng('reorder'));
		expect(drawAttempt('attempt-42', BLUEPRINT, shuffled)).toEqual(drawAttempt('attempt-42', BLUEPRINT, bank()));
		expect(drawAttempt('attempt-42', BLUEPRINT, bank().reverse())).toEqual(
			drawAttempt('attempt-42', BLUEPRINT, bank())
		);
	});

	it('gives different draws for different seeds', () => {
		const a = drawOk('seed-a', BLUEPRINT, bank()).map((i) => i.questionId);
		const b = drawOk('seed-b', BLUEPRINT, bank()).map((i) => i.questionId);
		expect(a).not.toEqual(b);
	});

	it('satisfies the blueprint counts per topic × difficulty', () => {
		const items = drawOk('seed-a', BLUEPRINT, bank());
		expect(items).toHaveLength(TOTAL);
		expect(Object.fromEntries(countsByGroup(items, bank()))).toEqual({
			'luat/easy': 4,
			'luat/hard': 2,
			'thutuc/medium': 5,
			'sohoa/easy': 3,
			'sohoa/hard': 6
		});
	});

	it('never draws a question twice and numbers positions 1..n', () => {
		const items = drawOk('seed-a', BLUEPRINT, bank());
		expect(new Set(items.map((i) => i.questionId)).size).toBe(items.length);
		expect(items.map((i) => i.position)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
	});

	it('carries the version of each drawn question', () => {
		const lookup = byId(bank());
		for (const item of drawOk('seed-a', BLUEPRINT, bank())) {
			expect(item.versionId).toBe(lookup.get(item.questionId)?.versionId);
		}
	});

	it('merges a topic × difficulty listed twice without duplicates', () => {
		const blueprint: BlueprintItem[] = [
			{ topicId: 'luat', difficulty: 'easy', count: 3 },
			{ topicId: 'luat', difficulty: 'easy', count: 3 }
		];
		const items = drawOk('dup', blueprint, bank());
		expect(items).toHaveLength(6);
		expect(new Set(items.map((i) => i.questionId)).size).toBe(6);
	});

	it('reports a merged line that the bank cannot fill', () => {
		const blueprint: BlueprintItem[] = [
			{ topicId: 'luat', difficulty: 'easy', count: 4 },
			{ topicId: 'luat', difficulty: 'easy', count: 3 }
		];
		expect(drawAttempt('dup', blueprint, bank())).toEqual({
			ok: false,
			reason: 'blueprint_unsatisfiable',
			topicId: 'luat',
			difficulty: 'easy',
			needed: 7,
			available: 6
		});
	});

	it('counts a question listed twice among the candidates once', () => {
		const one = bank()
			.filter((c) => c.topicId === 'luat' && c.difficulty === 'easy')
			.slice(0, 2);
		const candidates = [...one, ...one];
		expect(drawAttempt('s', [{ topicId: 'luat', difficulty: 'easy', count: 3 }], candidates)).toMatchObject({
			ok: false,
			needed: 3,
			available: 2
		});
		const items = drawOk('s', [{ topicId: 'luat', difficulty: 'easy', count: 2 }], candidates);
		expect(new Set(items.map((i) => i.questionId)).size).toBe(2);
	});

	it('reports an unsatisfiable blueprint with the numbers', () => {
		const blueprint: BlueprintItem[] = [
			{ topicId: 'luat', difficulty: 'easy', count: 2 },
			{ topicId: 'thutuc', difficulty: 'hard', count: 9 }
		];
		expect(drawAttempt('x', blueprint, bank())).toEqual({
			ok: false,
			reason: 'blueprint_unsatisfiable',
			topicId: 'thutuc',
			difficulty: 'hard',
			needed: 9,
			available: 6
		});
	});

	it('reports a topic with no questions at all', () => {
		expect(drawAttempt('x', [{ topicId: 'none', difficulty: 'medium', count: 1 }], bank())).toEqual({
			ok: false,
			reason: 'blueprint_unsatisfiable',
			topicId: 'none',
			difficulty: 'medium',
			needed: 1,
			available: 0
		});
	});

	it('mixes topics across the attempt instead of grouping them', () => {
		const lookup = byId(bank());
		const topicRuns = (seed: string): number => {
			const topics = drawOk(seed, BLUEPRINT, bank()).map((i) => lookup.get(i.questionId)?.topicId);
			return topics.filter((t, i) => i === 0 || topics[i - 1] !== t).length;
		};
		// Grouped by topic would be exactly 3 runs; a shuffle over 20 items gives many more.
		const runs = ['s1', 's2', 's3', 's4', 's5'].map(topicRuns);
		expect(Math.max(...runs)).toBeGreaterThan(3);
		expect(runs.filter((r) => r > 3).length).toBeGreaterThanOrEqual(4);
	});

	it('shuffles options and keeps each a permutation of the authored keys', () => {
		const items = drawOk('opts', BLUEPRINT, bank());
		for (const item of items) {
			expect(item.optionKeys.slice().sort()).toEqual(KEYS);
		}
		const reordered = items.filter((i) => i.optionKeys.join() !== KEYS.join());
		expect(reordered.length).toBeGreaterThan(TOTAL / 2);
	});

	it('keeps the option order when shuffleOptions is false (true/false)', () => {
		const tf: DrawCandidate[] = Array.from({ length: 10 }, (_, n) => ({
			questionId: `tf-${n}`,
			versionId: `tfv-${n}`,
			topicId: 'luat',
			difficulty: 'easy' as Difficulty,
			optionKeys: ['A', 'B'],
			shuffleOptions: false
		}));
		for (const seed of ['a', 'b', 'c']) {
			const items = drawOk(seed, [{ topicId: 'luat', difficulty: 'easy', count: 10 }], tf);
			expect(items.every((i) => i.optionKeys.join() === 'A,B')).toBe(true);
			expect(items.every((i) => i.optionIds.length === 2)).toBe(true);
		}
	});

	it('gives options opaque ids unique within the attempt', () => {
		const items = drawOk('ids', BLUEPRINT, bank());
		const ids = items.flatMap((i) => i.optionIds);
		expect(ids).toHaveLength(TOTAL * KEYS.length);
		expect(new Set(ids).size).toBe(ids.length);
		for (const item of items) {
			expect(item.optionIds).toHaveLength(item.optionKeys.length);
			item.optionIds.forEach((id, k) => {
				expect(id).toMatch(/^[a-km-np-z2-9]{10}$/);
				expect(id).not.toContain(item.optionKeys[k]);
				expect(id).not.toContain(item.optionKeys[k].toLowerCase() + String(item.position));
				expect(id).not.toContain(item.questionId);
			});
		}
	});

	it('names the same option differently in different attempts', () => {
		const idOf = (seed: string): Map<string, string> => {
			const map = new Map<string, string>();
			for (const item of drawOk(seed, BLUEPRINT, bank())) {
				item.optionKeys.forEach((key, k) => map.set(`${item.questionId}/${key}`, item.optionIds[k]));
			}
			return map;
		};
		const a = idOf('attempt-1');
		const b = idOf('attempt-2');
		const shared = [...a.keys()].filter((k) => b.has(k));
		expect(shared.length).toBeGreaterThan(0);
		expect(shared.every((k) => a.get(k) !== b.get(k))).toBe(true);
	});

	it('ignores blueprint lines with a zero count', () => {
		const items = drawOk('z', [{ topicId: 'none', difficulty: 'hard', count: 0 }, ...BLUEPRINT], bank());
		expect(items).toHaveLength(TOTAL);
	});

	it('satisfies any feasible blueprint exactly (property)', () => {
		const line = fc.record({
			topicId: fc.constantFrom(...TOPICS),
			difficulty: fc.constantFrom(...DIFFICULTIES),
			count: fc.integer({ min: 0, max: 3 })
		});
		fc.assert(
			fc.property(fc.array(line, { maxLength: 6 }), fc.string(), (blueprint, seed) => {
				const needed = new Map<string, number>();
				for (const l of blueprint) {
					const key = `${l.topicId}/${l.difficulty}`;
					needed.set(key, (needed.get(key) ?? 0) + l.count);
				}
				const feasible = [...needed.values()].every((n) => n <= 6);
				const result = drawAttempt(seed, blueprint, bank());
				expect(result.ok).toBe(feasible);
				expect(checkBlueprint(blueprint, bank()).ok).toBe(feasible);
				if (!result.ok) {
					expect(result.needed).toBeGreaterThan(result.available);
					expect(needed.get(`${result.topicId}/${result.difficulty}`)).toBe(result.needed);
					return;
				}
				const counts = countsByGroup(result.items, bank());
				for (const [key, n] of needed) expect(counts.get(key) ?? 0).toBe(n);
				expect(new Set(result.items.map((i) => i.questionId)).size).toBe(result.items.length);
			})
		);
	});
});

describe('checkBlueprint', () => {
	it('accepts a blueprint the bank can fill', () => {
		expect(checkBlueprint(BLUEPRINT, bank())).toEqual({ ok: true });
	});

	it('reports the first short topic × difficulty with the numbers', () => {
		expect(checkBlueprint([{ topicId: 'sohoa', difficulty: 'medium', count: 7 }], bank())).toEqual({
			ok: false,
			reason: 'blueprint_unsatisfiable',
			topicId: 'sohoa',
			difficulty: 'medium',
			needed: 7,
			available: 6
		});
	});

	it('accepts an empty blueprint', () => {
		expect(checkBlueprint([], bank())).toEqual({ ok: true });
	});
});

describe('pickQuestions then arrangeOptions', () => {
	it('draws exactly what drawAttempt draws, though the picking never sees an option', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 20 }), (seed) => {
				// varied option counts and a kept order, so the option shuffles consume the generator unevenly
				const candidates = bank().map((c, i) => ({
					...c,
					optionKeys: KEYS.slice(0, 2 + (i % 3)),
					shuffleOptions: i % 4 !== 0
				}));
				const bare = candidates.map(({ questionId, versionId, topicId, difficulty }) => ({
					questionId,
					versionId,
					topicId,
					difficulty
				}));
				const pick = pickQuestions(seed, BLUEPRINT, bare);
				if (!pick.ok) throw new Error('unexpected failure');
				const full = byId(candidates);
				const items = arrangeOptions(
					pick.rng,
					pick.picked.map((c) => full.get(c.questionId)!)
				);
				expect(items).toEqual(drawOk(seed, BLUEPRINT, candidates));
			}),
			{ numRuns: 50 }
		);
	});
});
