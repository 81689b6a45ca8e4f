import { describe, expect, it } from 'vitest';
import { laggingUnits, unitParticipation } from '../../src/lib/domain/unit-participation';
import type { StandingUnit } from '../../src/lib/domain/unit-standings';

// Participation by unit (issue 15): every figure over the unit's subtree, lagging units first.

const units: StandingUnit[] = [
	{ id: 'p', name: 'Tỉnh', parentId: null, headcount: 10 },
	{ id: 'd', name: 'Sở Nội vụ', parentId: 'p', headcount: 20 },
	{ id: 'o', name: 'Văn phòng Sở', parentId: 'd', headcount: 5 },
	{ id: 'c', name: 'Xã Phong Hải', parentId: 'p', headcount: 40 },
	{ id: 'n', name: 'Hội Nông dân', parentId: 'p', headcount: 0 }
];
const registered = new Map([
	['p', 3],
	['d', 10],
	['o', 5],
	['c', 4]
]);
const participants = new Map([
	['p', 1],
	['d', 8],
	['o', 5],
	['c', 2]
]);

describe('participation by unit', () => {
	it('rolls every count up the tree and puts the lowest rate first, units without headcount last', () => {
		const rows = unitParticipation(units, registered, participants, 'top');
		expect(rows.map((r) => [r.id, r.headcount, r.registered, r.participants, r.missing])).toEqual([
			['c', 40, 4, 2, 38],
			['p', 75, 22, 16, 59],
			['d', 25, 15, 13, 12],
			['n', 0, 0, 0, 0]
		]);
		expect(rows[0].rate).toBeCloseTo(0.05);
		expect(rows[3].rate).toBeNull();
		expect(rows.find((r) => r.id === 'd')!.path).toEqual(['Tỉnh']);
	});

	it('lists every level on request, and the lagging units are those short of their headcount', () => {
		const rows = unitParticipation(units, registered, participants, 'all');
		expect(rows.map((r) => r.id)).toContain('o');
		expect(laggingUnits(rows).map((r) => r.id)).toEqual(['c', 'p', 'd']);
	});
});
