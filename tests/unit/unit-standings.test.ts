import { describe, expect, it } from 'vitest';
import {
	meanPercent,
	rollUpUnits,
	topLevelStandings,
	type StandingUnit,
	type UnitTally
} from '../../src/lib/domain/unit-standings';
import { isAllowedOrigin } from '../../src/lib/server/realtime/origin';

// A province (own staff 10) with a department that has an office below it, and a commune.
const units: StandingUnit[] = [
	{ id: 'p', name: 'Tỉnh', parentId: null, headcount: 10 },
	{ id: 'd', name: 'Sở Nội vụ', parentId: 'p', headcount: 20 },
	{ id: 'o', name: 'Văn phòng Sở', parentId: 'd', headcount: 5 },
	{ id: 'c', name: 'Xã Phong Hải', parentId: 'p', headcount: 0 }
];
const tallies = new Map<string, UnitTally>([
	['p', { participants: 2, scoreFractionSum: 2 }],
	['d', { participants: 4, scoreFractionSum: 3 }],
	['o', { participants: 1, scoreFractionSum: 0.5 }]
]);

describe('unit standings over the tree', () => {
	it('adds every unit below into a unit’s participants, headcount and scores', () => {
		const rolled = rollUpUnits(units, tallies);
		expect(rolled.get('o')).toMatchObject({ participants: 1, headcount: 5, scoreFractionSum: 0.5 });
		expect(rolled.get('d')).toMatchObject({ participants: 5, headcount: 25, scoreFractionSum: 3.5 });
		expect(rolled.get('p')).toMatchObject({ participants: 7, headcount: 35, scoreFractionSum: 5.5 });
		expect(rolled.get('c')).toMatchObject({ participants: 0, headcount: 0 });
	});

	it('in a participation table, shows the root as its whole tree, marked as the total', () => {
		const shown = topLevelStandings(units, tallies, { root: 'subtree' });
		expect(shown.map((u) => [u.id, u.participants, u.headcount, u.total ?? false])).toEqual([
			['p', 7, 35, true],
			['d', 5, 25, false],
			['c', 0, 0, false]
		]);
	});

	it('shows the children of a single root, and the root for its own staff', () => {
		const shown = topLevelStandings(units, tallies);
		expect(shown.map((u) => [u.id, u.participants, u.headcount])).toEqual([
			['p', 2, 10],
			['d', 5, 25],
			['c', 0, 0]
		]);
		expect(meanPercent(shown[1])).toBe(70);
		expect(meanPercent(shown[2])).toBeNull();
	});

	it('shows the roots when there are several, and treats a unit whose parent is missing as a root', () => {
		const forest: StandingUnit[] = [
			{ id: 'a', name: 'A', parentId: null, headcount: 1 },
			{ id: 'b', name: 'B', parentId: 'gone', headcount: 2 },
			{ id: 'b1', name: 'B1', parentId: 'b', headcount: 3 }
		];
		expect(topLevelStandings(forest, new Map()).map((u) => [u.id, u.headcount])).toEqual([
			['a', 1],
			['b', 5]
		]);
	});
});

describe('socket origins', () => {
	it('accepts the app’s own origin and clients that send none, refuses others', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
		expect(isAllowedOrigin(undefined, 'localhost:3000')).toBe(true);
		expect(isAllowedOrigin('http://evil.example', 'localhost:3000')).toBe(false);
		expect(isAllowedOrigin('http://localhost:3001', 'localhost:3000')).toBe(false);
		expect(isAllowedOrigin('null', 'localhost:3000')).toBe(false);
		expect(isAllowedOrigin('https://thi.example.vn', '10.0.0.5:3000', 'https://thi.example.vn')).toBe(true);
		expect(isAllowedOrigin('http://10.0.0.5:3000', '10.0.0.5:3000', 'https://thi.example.vn')).toBe(false);
	});
});
