import { describe, expect, it } from 'vitest';
import { topLevelStandings } from '../../src/lib/domain/unit-standings';
import { unitsInScope } from '../../src/lib/domain/units';

// A contest's part of the unit tree: the root and everything below it, the root on top.

const tree = [
	{ id: 'tinh', name: 'Tỉnh', parentId: null, headcount: 0 },
	{ id: 'xa-a', name: 'Xã A', parentId: 'tinh', headcount: 10 },
	{ id: 'thon-1', name: 'Thôn 1', parentId: 'xa-a', headcount: 4 },
	{ id: 'thon-2', name: 'Thôn 2', parentId: 'xa-a', headcount: 6 },
	{ id: 'xa-b', name: 'Xã B', parentId: 'tinh', headcount: 8 },
	{ id: 'thon-3', name: 'Thôn 3', parentId: 'xa-b', headcount: 8 }
];

describe('unitsInScope', () => {
	it('keeps the root and its subtree, the root moved to the top', () => {
		const scoped = unitsInScope(tree, 'xa-a');
		expect(scoped.map((u) => u.id)).toEqual(['xa-a', 'thon-1', 'thon-2']);
		expect(scoped[0].parentId).toBeNull();
	});

	it('keeps the whole tree without a root, or with a root no longer in it', () => {
		expect(unitsInScope(tree, null)).toEqual(tree);
		expect(unitsInScope(tree, 'da-gop')).toEqual(tree);
	});

	it("makes a commune contest's standings its villages, not the province's communes", () => {
		const tallies = new Map([['thon-1', { participants: 2, scoreFractionSum: 1.5 }]]);
		const rows = topLevelStandings(unitsInScope(tree, 'xa-a'), tallies);
		expect(rows.map((r) => r.id)).toEqual(['xa-a', 'thon-1', 'thon-2']);
		expect(rows.find((r) => r.id === 'thon-1')).toMatchObject({ participants: 2 });
	});
});
