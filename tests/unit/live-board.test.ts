import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	advanceStanding,
	applyLivePatch,
	diffLiveState,
	type LiveRoundState,
	type LiveRow,
	type StandingChange,
	type StandingKey,
	type ViewerStanding
} from '../../src/lib/domain/live-board';
import { compareByCriteria } from '../../src/lib/domain/ranking';
import type { RankCriterion } from '../../src/lib/domain/types';

function state(overrides: Partial<LiveRoundState> = {}): LiveRoundState {
	return {
		epoch: 'e1',
		seq: 1,
		roundId: 'r1',
		contestId: 'c1',
		roundName: 'Tuần 1',
		ordinal: 1,
		version: 0,
		opensAt: 0,
		closesAt: 1000,
		phase: 'open',
		final: false,
		scoresVisible: true,
		criteria: ['score', 'duration', 'submittedAt'],
		counters: { contestants: 0, attempts: 0, inProgress: 0, perfect: 0 },
		groups: [
			{ id: 'g1', name: 'CCVC', total: 0, rows: [] },
			{ id: 'g2', name: 'Người dân', total: 0, rows: [] }
		],
		units: [
			{ id: 'u1', name: 'Sở Nội vụ', participants: 0, headcount: 10, meanPercent: null },
			{ id: 'u2', name: 'Sở Tư pháp', participants: 0, headcount: 5, meanPercent: null }
		],
		activity: null,
		...overrides
	};
}

const row = (id: string, score: number, ms = 1000): LiveRow => ({
	id,
	name: `Thí sinh ${id}`,
	unit: 'Sở Nội vụ',
	score,
	max: 10,
	ms
});

describe('live state patches', () => {
	it('sends only the rows that are new or changed, and the new order', () => {
		const before = state({ groups: [{ id: 'g1', name: 'CCVC', total: 2, rows: [row('a', 9), row('b', 7)] }] });
		const after = state({
			seq: 2,
			version: 1,
			groups: [{ id: 'g1', name: 'CCVC', total: 3, rows: [row('a', 9), row('c', 8), row('b', 7)] }]
		});
		const patch = diffLiveState(before, after)!;
		expect(patch.groups).toEqual([{ id: 'g1', total: 3, order: ['a', 'c', 'b'], rows: [row('c', 8)] }]);
		expect(patch.counters).toBeUndefined();
		expect(applyLivePatch(before, patch)).toEqual(after);
	});

	it('asks for a snapshot when the shape changed or the patch does not follow the state held', () => {
		const before = state();
		expect(diffLiveState(before, state({ seq: 2, phase: 'closed' }))).toBeNull();
		expect(diffLiveState(before, state({ seq: 2, roundId: 'r2' }))).toBeNull();
		expect(diffLiveState(before, state({ seq: 2, scoresVisible: false }))).toBeNull();
		expect(diffLiveState(before, state({ seq: 2, epoch: 'restarted' }))).toBeNull();
		const patch = diffLiveState(before, state({ seq: 2, counters: { ...before.counters, inProgress: 3 } }))!;
		expect(applyLivePatch(state({ seq: 5 }), patch)).toBeNull();
		expect(applyLivePatch(state({ epoch: 'other' }), patch)).toBeNull();
		expect(applyLivePatch(before, patch)?.counters.inProgress).toBe(3);
	});

	const rowsArb = fc
		.uniqueArray(fc.record({ id: fc.constantFrom(...'abcdefghijklmnop'), score: fc.nat(10), ms: fc.nat(60_000) }), {
			selector: (r) => r.id,
			maxLength: 12
		})
		.map((rows) => rows.map((r) => row(r.id, r.score, r.ms)));
	const stateArb = fc
		.record({
			g1: rowsArb,
			g2: rowsArb,
			u1: fc.nat(10),
			u2: fc.nat(5),
			inProgress: fc.nat(50),
			version: fc.nat(1000)
		})
		.map((s) =>
			state({
				version: s.version,
				counters: { contestants: s.g1.length + s.g2.length, attempts: 0, inProgress: s.inProgress, perfect: 0 },
				groups: [
					{ id: 'g1', name: 'CCVC', total: s.g1.length, rows: s.g1 },
					{ id: 'g2', name: 'Người dân', total: s.g2.length, rows: s.g2 }
				],
				units: [
					{ id: 'u1', name: 'Sở Nội vụ', participants: s.u1, headcount: 10, meanPercent: s.u1 ? 50 : null },
					{ id: 'u2', name: 'Sở Tư pháp', participants: s.u2, headcount: 5, meanPercent: null }
				]
			})
		);

	it('applying the diff of any two states gives the second one', () => {
		fc.assert(
			fc.property(stateArb, stateArb, (a, b) => {
				const next = { ...b, seq: a.seq + 1 };
				const patch = diffLiveState(a, next);
				expect(patch).not.toBeNull();
				expect(applyLivePatch(a, patch!)).toEqual(next);
			})
		);
	});
});

describe('a contestant’s own standing, moved by the change log', () => {
	const criteria: RankCriterion[] = ['score', 'prediction', 'duration', 'submittedAt'];
	const key = (attemptId: string, score: number, durationMs = 60_000, submittedAt = 1): StandingKey => ({
		attemptId,
		score,
		durationMs,
		submittedAt
	});
	const me: ViewerStanding = {
		version: 3,
		groupId: 'g1',
		unitId: 'u1',
		key: key('mine', 5),
		rank: 2,
		total: 4,
		unitRank: 1,
		unitTotal: 2
	};
	const change = (
		version: number,
		after: StandingKey,
		before: StandingKey | null = null,
		unitId = 'u1'
	): StandingChange => ({
		version,
		groupId: 'g1',
		unitId,
		before,
		after
	});

	it('counts newcomers and overtakers ahead, ignores those behind and other groups', () => {
		const next = advanceStanding(
			me,
			[
				change(4, key('x', 9)), // new, ahead, same unit
				change(5, key('y', 1)), // new, behind
				change(6, key('z', 7), key('z0', 2), 'u2'), // was behind, overtakes, other unit
				{ ...change(7, key('w', 10)), groupId: 'g2' }, // another group
				change(8, key('v', 6), key('v0', 8)) // already ahead, improves: no move
			],
			criteria
		);
		expect(next).toMatchObject({ version: 8, rank: 4, total: 6, unitRank: 2, unitTotal: 4 });
	});

	it('stops at a gap in the versions and at the contestant’s own change', () => {
		expect(advanceStanding(me, [change(5, key('x', 9))], criteria)).toBe(me);
		const own = advanceStanding(me, [change(4, key('x', 9)), change(5, key('mine2', 9), key('mine', 5))], criteria);
		expect(own.version).toBe(4);
		expect(own.rank).toBe(3);
	});

	it('agrees with ranking everybody again with the domain comparator', () => {
		const entryArb = fc.record({ score: fc.nat(5), durationMs: fc.nat(5), submittedAt: fc.nat(3) });
		fc.assert(
			fc.property(
				fc.array(entryArb, { maxLength: 8 }),
				fc.array(fc.record({ who: fc.nat(20), key: entryArb }), { maxLength: 12 }),
				(initial, moves) => {
					// Everyone's best so far, keyed by contestant; contestant 0 is the viewer.
					const compare = compareByCriteria(['score', 'duration', 'submittedAt'], null);
					const entry = (k: Omit<StandingKey, 'attemptId'>, id: string) => ({ ...k, attemptId: id, prediction: null });
					const best = new Map<number, ReturnType<typeof entry>>();
					best.set(0, entry({ score: 3, durationMs: 2, submittedAt: 1 }, 'a0'));
					initial.forEach((k, i) => best.set(i + 1, entry(k, `a${i + 1}`)));
					const rankOf = () => [...best.values()].filter((e) => compare(e, best.get(0)!) < 0).length + 1;
					let standing: ViewerStanding = {
						version: 0,
						groupId: 'g1',
						unitId: 'u1',
						key: best.get(0)!,
						rank: rankOf(),
						total: best.size,
						unitRank: rankOf(),
						unitTotal: best.size
					};
					const changes: StandingChange[] = [];
					let n = 0;
					for (const move of moves) {
						if (move.who === 0) continue;
						const candidate = entry(move.key, `m${n}`);
						const previous = best.get(move.who);
						if (previous && compare(candidate, previous) >= 0) continue; // not a better result
						n++;
						changes.push({ version: n, groupId: 'g1', unitId: 'u1', before: previous ?? null, after: candidate });
						best.set(move.who, candidate);
					}
					standing = advanceStanding(standing, changes, criteria);
					expect(standing.version).toBe(n);
					expect(standing.rank).toBe(rankOf());
					expect(standing.total).toBe(best.size);
					expect(standing.unitRank).toBe(rankOf());
				}
			)
		);
	});
});
