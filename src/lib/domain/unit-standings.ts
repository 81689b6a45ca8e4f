/**
 * Results rolled up the unit tree (DESIGN.md §3): a unit counts its own contestants and
 * headcount and those of every unit below it.
 */

export interface StandingUnit {
	id: string;
	name: string;
	parentId: string | null;
	/** the unit's own staff, not counting sub-units */
	headcount: number;
}

/** What one unit's own contestants did in a round. */
export interface UnitTally {
	participants: number;
	/** sum over participants of best score ÷ max score */
	scoreFractionSum: number;
}

export interface RolledUnit {
	id: string;
	name: string;
	participants: number;
	headcount: number;
	scoreFractionSum: number;
	/** the single root rolled up over the whole tree (topLevelStandings with root: 'subtree') */
	total?: boolean;
}

const EMPTY: UnitTally = { participants: 0, scoreFractionSum: 0 };

/** Every unit with the totals of its subtree. A parent missing from the list makes a unit a root. */
export function rollUpUnits(
	units: readonly StandingUnit[],
	tallies: ReadonlyMap<string, UnitTally>
): Map<string, RolledUnit> {
	const ids = new Set(units.map((u) => u.id));
	const children = new Map<string, StandingUnit[]>();
	for (const unit of units) {
		if (unit.parentId && ids.has(unit.parentId)) {
			const list = children.get(unit.parentId) ?? [];
			list.push(unit);
			children.set(unit.parentId, list);
		}
	}
	const out = new Map<string, RolledUnit>();
	// Post-order without recursion: a unit is totalled once all its children are.
	const stack: { unit: StandingUnit; expanded: boolean }[] = units
		.filter((u) => !u.parentId || !ids.has(u.parentId))
		.map((unit) => ({ unit, expanded: false }));
	while (stack.length) {
		const top = stack[stack.length - 1];
		const kids = children.get(top.unit.id) ?? [];
		if (!top.expanded) {
			top.expanded = true;
			for (const kid of kids) stack.push({ unit: kid, expanded: false });
			continue;
		}
		stack.pop();
		const own = tallies.get(top.unit.id) ?? EMPTY;
		const rolled: RolledUnit = {
			id: top.unit.id,
			name: top.unit.name,
			participants: own.participants,
			headcount: top.unit.headcount,
			scoreFractionSum: own.scoreFractionSum
		};
		for (const kid of kids) {
			const sub = out.get(kid.id)!;
			rolled.participants += sub.participants;
			rolled.headcount += sub.headcount;
			rolled.scoreFractionSum += sub.scoreFractionSum;
		}
		out.set(top.unit.id, rolled);
	}
	return out;
}

/**
 * The units a standings table shows: with one root (a province), its children rolled up, and the
 * root itself first when it has staff or contestants of its own; with several roots, the roots
 * rolled up. The root's row counts its own staff only (`root: 'own'`, where units compete for
 * collective prizes against its departments), or its whole subtree (`root: 'subtree'`, where a
 * participation table says sub-units are included: the province's row is then the province's total).
 */
export function topLevelStandings(
	units: readonly StandingUnit[],
	tallies: ReadonlyMap<string, UnitTally>,
	options: { root: 'own' | 'subtree' } = { root: 'own' }
): RolledUnit[] {
	const rolled = rollUpUnits(units, tallies);
	const ids = new Set(units.map((u) => u.id));
	const roots = units.filter((u) => !u.parentId || !ids.has(u.parentId));
	if (roots.length !== 1) return roots.map((r) => rolled.get(r.id)!);
	const root = roots[0];
	const own = tallies.get(root.id) ?? EMPTY;
	const out: RolledUnit[] = [];
	if (root.headcount > 0 || own.participants > 0) {
		out.push(
			options.root === 'subtree'
				? { ...rolled.get(root.id)!, total: true }
				: { id: root.id, name: root.name, headcount: root.headcount, ...own }
		);
	}
	for (const unit of units) if (unit.parentId === root.id) out.push(rolled.get(unit.id)!);
	return out;
}

/** Mean best score in percent with one decimal, or null when nobody took part. */
export function meanPercent(unit: Pick<RolledUnit, 'participants' | 'scoreFractionSum'>): number | null {
	if (unit.participants === 0) return null;
	return Math.round((1000 * unit.scoreFractionSum) / unit.participants) / 10;
}
