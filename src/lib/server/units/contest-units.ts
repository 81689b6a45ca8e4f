import { flattenUnitTree, unitsInScope } from '../../domain/units';
import type { Db } from '../db/database';
import type { UnitRow } from '../db/schema';
import { findContestRootUnitId, listUnits } from './unit.repository';

// The units a contest uses: the subtree under the contest's root unit (all units when it has
// none). Registration, the live-game join form and the unit standings read them from here, so a
// commune contest never offers, accepts or ranks the rest of the province.

/** A unit as the pickers and standings read it, the scope's root at the top. */
export type ScopedUnit = Pick<UnitRow, 'id' | 'name' | 'headcount'> & { parentId: string | null };

export async function listContestUnits(db: Db, contestId: string): Promise<ScopedUnit[]> {
	const [units, rootId] = await Promise.all([listUnits(db), findContestRootUnitId(db, contestId)]);
	return unitsInScope(
		units.map((u) => ({ id: u.id, name: u.name, headcount: u.headcount, parentId: u.parent_id })),
		rootId
	);
}

export async function isUnitInContest(db: Db, contestId: string, unitId: string): Promise<boolean> {
	return (await listContestUnits(db, contestId)).some((u) => u.id === unitId);
}

/** Every unit, as the tree reads top-down, for choosing a contest's root unit. */
export async function listUnitChoices(db: Db): Promise<{ id: string; name: string; depth: number }[]> {
	const units = await listUnits(db);
	return flattenUnitTree(units.map((u) => ({ id: u.id, name: u.name, parentId: u.parent_id }))).map((u) => ({
		id: u.id,
		name: u.name,
		depth: u.depth
	}));
}
