import { describe, expect, it } from 'vitest';
import type { LiveRoundState, LiveRow, LiveUnit } from '../../src/lib/domain/live-board';
import { buildSlides, phaseAt, rankUnitsByRate, stepSlide } from '../../src/lib/domain/screen-slides';

const row = (i: number): LiveRow => ({
	id: `u${i}`,
	name: `Thí sinh ${i}`,
	unit: 'Sở Nội vụ',
	score: 20 - i,
	max: 20,
	ms: 1000
});
const unit = (id: string, participants: number, headcount: number): LiveUnit => ({
	id,
	name: id,
	participants,
	headcount,
	meanPercent: null
});

function state(overrides: Partial<LiveRoundState> = {}): LiveRoundState {
	return {
		epoch: 'e',
		seq: 1,
		roundId: 'r',
		contestId: 'c',
		roundName: 'Tuần thi thứ 2',
		ordinal: 2,
		version: 3,
		opensAt: 1000,
		closesAt: 2000,
		phase: 'open',
		final: false,
		scoresVisible: true,
		criteria: ['score', 'duration', 'submittedAt'],
		counters: { contestants: 30, attempts: 31, inProgress: 2, perfect: 1 },
		groups: [
			{ id: 'g1', name: 'Cán bộ, công chức, viên chức', total: 30, rows: Array.from({ length: 30 }, (_, i) => row(i)) },
			{ id: 'g2', name: 'Người dân', total: 0, rows: [] }
		],
		units: Array.from({ length: 12 }, (_, i) => unit(`d${i}`, i, 100)),
		activity: null,
		...overrides
	};
}

describe('audience screen slides', () => {
	it('shows the counters, the top 20 of each group, then the units ten to a slide', () => {
		const slides = buildSlides(state());
		expect(slides.map((s) => s.key)).toEqual(['counters', 'group:g1', 'group:g2', 'units:1', 'units:2']);
		const top = slides[1];
		expect(top.kind === 'group' && top.group.rows.map((r) => r.id)).toEqual(
			Array.from({ length: 20 }, (_, i) => `u${i}`)
		);
		const [first, second] = slides.slice(3);
		expect(first.kind === 'units' && first.units.length).toBe(10);
		expect(second.kind === 'units' && second.units.map((u) => u.rank)).toEqual([11, 12]);
	});

	it('limits the top lists to the chosen group, and ignores a group it does not know', () => {
		expect(buildSlides(state(), 'g2').map((s) => s.key)).toEqual(['counters', 'group:g2', 'units:1', 'units:2']);
		expect(buildSlides(state(), 'nope').filter((s) => s.kind === 'group')).toHaveLength(2);
	});

	it('has no top list while scores are hidden', () => {
		const slides = buildSlides(state({ scoresVisible: false }));
		expect(slides.some((s) => s.kind === 'group')).toBe(false);
		expect(slides[0].key).toBe('counters');
	});

	it('never ranks the province’s total among its units', () => {
		const ranked = rankUnitsByRate([{ ...unit('p', 20, 310), total: true }, unit('a', 5, 100), unit('c', 5, 10)]);
		expect(ranked.map((u) => [u.id, u.rank])).toEqual([
			['c', 1],
			['a', 2]
		]);
	});

	it('ranks units by participation rate, units without a headcount last', () => {
		const ranked = rankUnitsByRate([unit('a', 5, 100), unit('b', 9, 0), unit('c', 5, 10), unit('d', 10, 200)]);
		expect(ranked.map((u) => [u.id, u.rate, u.rank])).toEqual([
			['c', 50, 1],
			['d', 5, 2],
			['a', 5, 3],
			['b', null, 4]
		]);
	});

	it('steps around the slides, and back to the first when the shown one is gone', () => {
		const slides = buildSlides(state({ units: [] }));
		expect(stepSlide(slides, 'counters', 1)).toBe('group:g1');
		expect(stepSlide(slides, 'counters', -1)).toBe('group:g2');
		expect(stepSlide(slides, 'group:g2', 1)).toBe('counters');
		expect(stepSlide(slides, 'units:2', 1)).toBe('counters');
	});

	it('turns the phase over on the server clock', () => {
		expect(phaseAt({ opensAt: 1000, closesAt: 2000 }, 999)).toBe('upcoming');
		expect(phaseAt({ opensAt: 1000, closesAt: 2000 }, 1000)).toBe('open');
		expect(phaseAt({ opensAt: 1000, closesAt: 2000 }, 2000)).toBe('closed');
	});
});
